"""Matching an answer file against a bank: what can be scored, what is set aside, and
every problem, located."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..bank.conditions import visible_values
from ..bank.model import Bank, QuestionRef, Value
from ..errors import InputError, Problem, Severity
from ..loading.locations import NearMisses, file_order
from ..loading.typed_words import opens_typographic_quote, without_typographic_quotes
from .choice_words import ChoiceWords
from .load import AnswerFileError, LoadedAnswers, load_answers
from .model import Answer

MAX_NOTE = 20_000

GIVEN_SHOWN = 100  # characters of an answer given that a report shows
_CUT_NOTE = (
    "{qid}: the note opens with a typographic quote (\u201c or \u2018, as a word processor"
    " types it) that it never closes, so YAML read it as text and a ' #' in it may have cut"
    ' it short; put the note in straight quotes ("...") instead'
)


def read_answers(
    bank: Bank, path: Path, load: Callable[[Path], LoadedAnswers] = load_answers
) -> tuple[LoadedAnswers, Matched]:
    """Reads an answer file (with ``load``: a YAML or JSON file, or a workbook's reader)
    and checks it against the bank. Raises InputError listing every problem found, in
    file order: when some of the file's own keys are wrong (a date in the wrong form, a
    misspelt key), its answers are still checked, so that one run shows everything there
    is to fix."""
    try:
        loaded = load(path)
    except AnswerFileError as err:
        problems = list(err.problems)
        if err.partial is not None:
            try:
                partial = match_answers(bank, err.partial)
                problems.extend(left.problem for left in partial.left_unanswered)
            except InputError as more:
                problems.extend(more.problems)
            problems.sort(key=file_order)
        raise InputError(problems) from None
    return loaded, match_answers(bank, loaded)


@dataclass(frozen=True)
class Matched:
    """An answer file checked against a bank: what can be scored and what was set aside."""

    answers: dict[str, Answer]
    hidden: frozenset[str]  # every question that an earlier answer hides
    hidden_answered: tuple[str, ...]
    unmatched: tuple[str, ...]
    renamed: tuple[tuple[str, str], ...]
    version_differs: bool
    # Each answer set aside under another bank version: (id, the answer given as text, the
    # nearest current question id when one is close: perhaps a typo, not a removal).
    dropped: tuple[tuple[str, str, str | None], ...] = ()
    # Problems to check that do not stop scoring: an id set aside that looks mistyped.
    warnings: tuple[Problem, ...] = ()
    # Answers not scored for a problem of their own, in file order: the rest is scored.
    left_unanswered: tuple[LeftUnanswered, ...] = ()


@dataclass(frozen=True)
class LeftUnanswered:
    """An answer that could not be read (an unknown choice, several for a question that
    takes one): only its question is left unanswered, and the rest of the file is scored."""

    qid: str  # as written in the file
    reason: str  # what is wrong, in a word the report's wording is keyed by
    given: str  # the answer as given, as text, shortened to GIVEN_SHOWN characters
    meant: str | None  # the choice id, or the question id, most likely meant
    problem: Problem  # located, as one line for stderr


def match_answers(bank: Bank, loaded: LoadedAnswers) -> Matched:
    """Checks answers against the bank. Raises InputError for a wrong bank.

    Never guesses: an unknown question (same bank version), an unknown choice, or several
    choices for a single-choice question leave that question unanswered, each a located
    problem in ``left_unanswered``. Under a different bank version, unknown questions and
    choices are set aside and listed instead.
    """
    file = loaded.file
    if file.bank != bank.id:
        place = loaded.where(("bank",))
        raise InputError.single(
            str(loaded.path),
            "answers-wrong-bank",
            f"answers are for bank {file.bank!r}, not {bank.id!r}; give --bank with the file"
            " of that bank",
            place.line,
            place.column,
            place.cell,
        )
    matching = _Matching(bank, loaded)
    for qid, answer in file.entries().items():
        matching.add(qid, answer)
    answers = matching.answers
    _shown, hidden = visible_values(bank, {qid: a.value for qid, a in answers.items()})
    hidden_answered = tuple(q for q in hidden if answers.get(q, Answer(None)).value is not None)
    return Matched(
        answers={q: a for q, a in answers.items() if q not in hidden_answered},
        hidden=frozenset(hidden),
        hidden_answered=hidden_answered,
        unmatched=tuple(matching.unmatched),
        renamed=tuple(matching.renamed),
        version_differs=matching.other_version,
        dropped=tuple(matching.dropped),
        warnings=tuple(matching.located_warnings()),
        left_unanswered=tuple(matching.left_unanswered()),
    )


class _Matching:
    """The answers of one file taken one by one: kept, set aside, or a located problem."""

    def __init__(self, bank: Bank, loaded: LoadedAnswers) -> None:
        self.bank = bank
        self.loaded = loaded
        self.other_version = loaded.file.bank_version != bank.version
        self.problems: list[tuple[str, str, str]] = []  # question id, rule, message
        self.unread: list[tuple[str, str, str, str | None]] = []  # id, reason, given, meant
        self.unmatched: list[str] = []
        self.dropped: list[tuple[str, str, str | None]] = []
        self.warned: list[tuple[str, str, str]] = []  # question id, rule, message
        self.renamed: list[tuple[str, str]] = []
        self.answers: dict[str, Answer] = {}
        self.near = NearMisses()
        self.words: dict[str, ChoiceWords] = {}

    def add(self, qid: str, answer: Answer) -> None:
        bank = self.bank
        target = qid
        if target not in bank.by_id and target in bank.renames:
            target = bank.renames[target]
            self.renamed.append((qid, target))
        ref = bank.by_id.get(target)
        if ref is None:
            if self.other_version:
                self._set_aside(qid, answer)
            else:
                meant = self.near.closest(qid, bank.by_id, cutoff=0.75)
                hint = f" (did you mean {meant!r}?)" if meant else ""
                message = f"{qid}: no such question in the bank{hint}"
                unknown = _Issue("unknown-question", message, meant)
                self._problem(qid, "answers-unknown-question", message, answer, unknown)
            return
        if answer.note and len(answer.note) > MAX_NOTE:
            self._problem(
                qid,
                "answers-note-too-long",
                f"{qid}: the note has {len(answer.note):,} characters; keep it under "
                f"{MAX_NOTE:,} and put longer evidence in a document it names",
                answer,
            )
            return
        kind = ref.question.type
        if _as_ids(kind, ref.choice_by_id, answer.value):
            value, issue = answer.value, None  # as assess writes it: nothing to look up
        else:
            value, issue = _resolved(kind, self._words(ref), answer.value, self.near)
        if issue is not None:
            if self.other_version and issue.reason == "unknown-choice":
                self._set_aside(qid, answer, suggest=False)
            else:
                self._problem(qid, "answers-bad-choice", f"{qid}: {issue.message}", answer, issue)
            return
        if target in self.answers:
            message = f"{qid}: answered twice (once under an old id)"
            self._problem(qid, "answers-duplicate", message, answer)
            return
        note = None if answer.note is None else without_typographic_quotes(answer.note)
        if note is not None and opens_typographic_quote(note):
            self.warned.append((qid, "answers-typographic-quotes", _CUT_NOTE.format(qid=qid)))
        self.answers[target] = Answer(value, note)

    def _words(self, ref: QuestionRef) -> ChoiceWords:
        """The question's choices by every spelling, made once per question of a file."""
        words = self.words.get(ref.qid)
        if words is None:
            words = self.words[ref.qid] = ChoiceWords(ref.choice_by_id)
        return words

    def _set_aside(self, qid: str, answer: Answer, suggest: bool = True) -> None:
        """An answer another bank version had: listed with what was given. An id close to a
        current question that the file does not answer is more likely a typo than a
        question that was removed, so it is also a problem to check."""
        given = _given(answer.value)
        self.unmatched.append(qid)
        close = self.near.closest(qid, self.bank.by_id, cutoff=0.75) if suggest else None
        if close is not None and close in self.loaded.file.answers:
            close = None  # answered under its own id: not a typo of it
        self.dropped.append((qid, given, close))
        if close is not None:
            self.warned.append(
                (
                    qid,
                    "answers-unknown-question-other-version",
                    f"{qid}: no such question in version {self.bank.version} of the bank (the"
                    f" file is for version {self.loaded.file.bank_version}), so its answer is"
                    f" not scored; did you mean {close!r}?",
                )
            )

    def _problem(
        self,
        qid: str,
        rule: str,
        message: str,
        answer: Answer,
        issue: _Issue | None = None,
    ) -> None:
        """A problem that leaves the answer unread: the rule's name says what is wrong
        unless the issue says it in more detail."""
        self.problems.append((qid, rule, message))
        given = issue.word if issue and issue.word is not None else _given(answer.value)
        if len(given) > GIVEN_SHOWN:
            given = given[: GIVEN_SHOWN - 1] + "\u2026"
        reason = issue.reason if issue and issue.reason else rule.removeprefix("answers-")
        self.unread.append((qid, reason, given, issue.meant if issue else None))

    def left_unanswered(self) -> list[LeftUnanswered]:
        """The answers not read, each with its problem placed at its answer; the file is
        read once for all."""
        located = self._located(self.problems, "error")
        return [
            LeftUnanswered(qid=qid, reason=reason, given=given, meant=meant, problem=problem)
            for (qid, reason, given, meant), problem in zip(self.unread, located, strict=True)
        ]

    def located_warnings(self) -> list[Problem]:
        """The problems to check that do not stop scoring, each placed at its answer."""
        return self._located(self.warned, "warning")

    def _located(self, found: list[tuple[str, str, str]], severity: Severity) -> list[Problem]:
        if not found:
            return []
        places = self.loaded.places([("answers", qid) for qid, _rule, _message in found])
        name = str(self.loaded.path)
        return [
            Problem(
                path=name,
                line=place.line,
                column=place.column,
                cell=place.cell,
                rule=rule,
                message=message,
                severity=severity,
            )
            for (_qid, rule, message), place in zip(found, places, strict=True)
        ]


def _as_ids(kind: str, choices: dict[str, Any], value: Value) -> bool:
    """Whether a choice answer is written exactly as its ids, each once."""
    if isinstance(value, str):
        return kind in ("scale", "single") and value in choices
    if isinstance(value, list) and kind == "multi":
        return all(item in choices for item in value) and len(set(value)) == len(value)
    return False


@dataclass(frozen=True)
class _Issue:
    reason: str  # unknown-choice, one-choice-only, text-only, choice-twice, unknown-question
    message: str
    meant: str | None = None  # the choice most likely meant, for an unknown one
    word: str | None = None  # the unknown one, as given


def _resolved(
    kind: str, words: ChoiceWords, value: Value, near: NearMisses
) -> tuple[Value, _Issue | None]:
    """The answer in its canonical form (choice ids), or what is wrong with it. A choice
    may be written as its id or label in any case; several as a list or one text with
    commas."""
    if value is None:
        return None, None
    if kind == "text":
        if isinstance(value, str):
            return without_typographic_quotes(value), None
        return None, _Issue("text-only", "a text question takes text, not a list")
    one_only = _Issue("one-choice-only", "only one choice may be given for this question")
    if isinstance(value, list):
        if kind != "multi":
            return None, one_only
        found = [words.find(item) for item in value]
        unknown = [item for item, id_ in zip(value, found, strict=True) if id_ is None]
        chosen = [id_ for id_ in found if id_ is not None]
    else:
        whole = words.find(value)
        if whole is not None:
            return ([whole] if kind == "multi" else whole), None
        chosen, unknown = words.split(value) if "," in value else ([], [value])
        if kind != "multi" and len(chosen) > 1 and not unknown:
            return None, one_only
    if unknown:
        allowed = ", ".join(words.choices)
        meant = words.meant(unknown[0], near)
        hint = f" (did you mean {meant!r}?)" if meant else ""
        message = f"unknown choice {unknown[0]!r}{hint}; allowed: {allowed}"
        return None, _Issue("unknown-choice", message, meant, unknown[0])
    if len(set(chosen)) != len(chosen):
        return None, _Issue("choice-twice", "a choice is listed twice")
    return chosen, None


def _given(value: Value) -> str:
    """An answer as given, for a list of answers set aside: choice ids or the text."""
    if value is None:
        return ""
    return ", ".join(value) if isinstance(value, list) else str(value)
