"""Matching an answer file against a bank: what can be scored, what is set aside, and
every problem, located."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..bank.conditions import visible_values
from ..bank.model import Bank, Value
from ..errors import InputError, Problem, Severity
from ..loading.locations import NearMisses, file_order
from .load import AnswerFileError, LoadedAnswers, load_answers
from .model import Answer

MAX_NOTE = 20_000


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
                match_answers(bank, err.partial)
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


def match_answers(bank: Bank, loaded: LoadedAnswers) -> Matched:
    """Checks answers against the bank. Raises InputError listing every problem.

    Never guesses: a wrong bank, an unknown question (same bank version), an unknown choice,
    or several choices for a single-choice question are errors. Under a different bank
    version, unknown questions and choices are set aside and listed instead.
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
    if matching.problems:
        raise InputError(matching.located_problems())
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
    )


class _Matching:
    """The answers of one file taken one by one: kept, set aside, or a located problem."""

    def __init__(self, bank: Bank, loaded: LoadedAnswers) -> None:
        self.bank = bank
        self.loaded = loaded
        self.other_version = loaded.file.bank_version != bank.version
        self.problems: list[tuple[str, str, str]] = []  # question id, rule, message
        self.unmatched: list[str] = []
        self.dropped: list[tuple[str, str, str | None]] = []
        self.warned: list[tuple[str, str, str]] = []  # question id, rule, message
        self.renamed: list[tuple[str, str]] = []
        self.answers: dict[str, Answer] = {}
        self.near = NearMisses()

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
                meant = _did_you_mean(qid, bank.by_id, self.near)
                message = f"{qid}: no such question in the bank{meant}"
                self._problem(qid, "answers-unknown-question", message)
            return
        if answer.note and len(answer.note) > MAX_NOTE:
            self._problem(
                qid,
                "answers-note-too-long",
                f"{qid}: the note has {len(answer.note):,} characters; keep it under "
                f"{MAX_NOTE:,} and put longer evidence in a document it names",
            )
            return
        issue = _value_problem(ref.question.type, ref.choice_by_id, answer.value, self.near)
        if issue is not None:
            if self.other_version and issue.startswith("unknown choice"):
                self._set_aside(qid, answer, suggest=False)
            else:
                self._problem(qid, "answers-bad-choice", f"{qid}: {issue}")
            return
        if target in self.answers:
            self._problem(qid, "answers-duplicate", f"{qid}: answered twice (once under an old id)")
            return
        self.answers[target] = answer

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

    def _problem(self, qid: str, rule: str, message: str) -> None:
        self.problems.append((qid, rule, message))

    def located_problems(self) -> list[Problem]:
        """The problems found, each placed at its answer; the file is read once for all."""
        return self._located(self.problems, "error")

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


def _value_problem(
    kind: str, choices: dict[str, Any], value: Value, near: NearMisses
) -> str | None:
    if value is None:
        return None
    if kind == "text":
        return None if isinstance(value, str) else "a text question takes text, not a list"
    chosen = value if isinstance(value, list) else [value]
    if kind != "multi" and isinstance(value, list):
        return "only one choice may be given for this question"
    unknown = [c for c in chosen if c not in choices]
    if unknown:
        allowed = ", ".join(choices)
        meant = _did_you_mean(unknown[0], choices, near)
        return f"unknown choice {unknown[0]!r}{meant}; allowed: {allowed}"
    if len(set(chosen)) != len(chosen):
        return "a choice is listed twice"
    return None


def _given(value: Value) -> str:
    """An answer as given, for a list of answers set aside: choice ids or the text."""
    if value is None:
        return ""
    return ", ".join(value) if isinstance(value, list) else str(value)


def _did_you_mean(word: str, known: Iterable[str], near: NearMisses) -> str:
    """`` (did you mean 'fully'?)`` for a near miss, else nothing."""
    close = near.closest(word, known, cutoff=0.75)
    return f" (did you mean {close!r}?)" if close else ""
