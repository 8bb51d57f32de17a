"""The answer file: its model, loading it with locations, checking it against a bank, saving it.

Written by ``assess`` after every answer, filled by hand from ``template``, read by ``score``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .bank import Bank, Value, visible_values
from .errors import InputError, Problem
from .locations import locate, validation_problems
from .yamlio import is_json, parse_text, read_text

MAX_NOTE = 20_000


class LongAnswer(BaseModel):
    """An answer with an evidence note: ``{answer: largely, note: "..."}``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    answer: str | list[str] | None = None
    note: str | None = None


class AnswerFile(BaseModel):
    """One service's answers to one bank."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    bank: str = Field(description="The id of the bank these answers are for.")
    bank_version: str = Field(description="The bank version the answers were given against.")
    service: str | None = Field(None, max_length=200, description="The archive service's name.")
    assessed_on: dt.date | None = Field(None, description="Date of the assessment, YYYY-MM-DD.")
    assessor: str | None = Field(None, max_length=200)
    answers: dict[str, str | list[str] | LongAnswer | None] = Field(
        default_factory=dict,
        description="Question id to a choice id, a list of choice ids (multi), free text "
        "(text questions), or {answer, note}. Empty means not answered yet.",
    )

    def entries(self) -> dict[str, Answer]:
        """Every answer in file order as (value, note); empty values become None."""
        result: dict[str, Answer] = {}
        for qid, raw in self.answers.items():
            if isinstance(raw, LongAnswer):
                value, note = raw.answer, raw.note
            else:
                value, note = raw, None
            if value == "" or value == []:
                value = None
            note = note.strip() if note else None
            result[qid] = Answer(value, note or None)
        return result


@dataclass(frozen=True)
class Answer:
    value: Value
    note: str | None = None


@dataclass(frozen=True)
class LoadedAnswers:
    """An answer file as read: the model, where it came from, and its text for locations."""

    path: Path
    text: str
    file: AnswerFile

    def where(self, loc: tuple[str | int, ...]) -> tuple[int | None, int | None]:
        found = locate(self.text, loc)
        return found if found else (None, None)


class AnswerFileError(InputError):
    """Structural problems in an answer file, and what of it could still be read: the
    file without its wrong keys and answers, so its answers can still be checked."""

    def __init__(self, problems: list[Problem], partial: LoadedAnswers | None) -> None:
        super().__init__(problems)
        self.partial = partial


def parse_answers(path: Path, text: str) -> LoadedAnswers:
    """Parses answer-file text; structural problems raise AnswerFileError with locations."""
    name = str(path)
    data = parse_text(name, text, is_json=is_json(path))
    try:
        file = AnswerFile.model_validate(data)
    except ValidationError as err:
        partial = _without_errors(data, err)
        loaded = None if partial is None else LoadedAnswers(path=path, text=text, file=partial)
        details = _in_the_form_used(data, err)
        problems = validation_problems(name, text, err, details=details)
        raise AnswerFileError(_with_meant_keys(problems, details), loaded) from None
    return LoadedAnswers(path=path, text=text, file=file)


# An answer may take several forms; pydantic names the form in the error's place.
_FORMS: dict[str, type] = {"str": str, "list[str]": list, "LongAnswer": dict}


def _in_the_form_used(data: Any, err: ValidationError) -> list[Any]:
    """The errors of the form each answer was written in, placed without the form's name.

    pydantic reports why a wrong answer fails as every form it may take: a typo in
    ``note`` would also read as "should be a valid string" and "should be a valid list".
    Only the form the file used (a mapping, a list, or else text) says what is wrong.
    """
    details = err.errors(include_url=False)
    kept = []
    for detail in details:
        raw, loc = data, []
        for part in detail["loc"]:
            form = _FORMS.get(part) if isinstance(part, str) else None
            if form is not None and not (isinstance(raw, dict) and part in raw):
                used = raw.__class__ if isinstance(raw, dict | list) else str
                if form is not used:
                    break  # a form the file did not use
                continue
            loc.append(part)
            if isinstance(raw, dict):
                raw = raw.get(part)
            elif isinstance(raw, list) and isinstance(part, int) and 0 <= part < len(raw):
                raw = raw[part]
            else:
                raw = None
        else:
            kept.append({**detail, "loc": tuple(loc)})
    return kept or list(details)  # never fewer than one problem for a file that failed


def _with_meant_keys(problems: list[Problem], details: list[Any]) -> list[Problem]:
    """An unknown key close to a known one says which was probably meant."""
    meant: dict[str, str] = {}
    for detail in details:
        loc = detail["loc"]
        if detail["type"] != "extra_forbidden":
            continue
        if len(loc) == 1:
            known = list(AnswerFile.model_fields)
        elif len(loc) == 3 and loc[0] == "answers":
            known = list(LongAnswer.model_fields)
        else:
            continue
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        if close:
            meant[".".join(map(str, loc))] = close[0]
    if not meant:
        return problems
    better = []
    for problem in problems:
        dotted = problem.message.split(": ", 1)[0]
        if dotted in meant:
            message = f"{dotted}: unknown key; did you mean {meant[dotted]!r}?"
            problem = dataclasses.replace(problem, message=message)
        better.append(problem)
    return better


def _without_errors(data: dict[str, Any], err: ValidationError) -> AnswerFile | None:
    """The file with the keys and answers that failed left out, when what identifies it
    (bank and version) and the answers as a whole are sound; else None."""
    locs = [d["loc"] for d in err.errors(include_url=False)]
    top = {loc[0] for loc in locs if loc}
    if top & {"bank", "bank_version"} or ("answers",) in locs:
        return None
    bad_answers = {loc[1] for loc in locs if len(loc) > 1 and loc[0] == "answers"}
    kept = {key: value for key, value in data.items() if key not in top - {"answers"}}
    if bad_answers and isinstance(kept.get("answers"), dict):
        kept["answers"] = {q: a for q, a in kept["answers"].items() if q not in bad_answers}
    try:
        return AnswerFile.model_validate(kept)
    except ValidationError:
        return None


def load_answers(path: Path) -> LoadedAnswers:
    """Reads and parses one answer file."""
    return parse_answers(path, read_text(path))


def read_matched(bank: Bank, path: Path) -> tuple[LoadedAnswers, Matched]:
    """Reads an answer file and checks it against the bank. Raises InputError listing
    every problem found, in file order: when some of the file's own keys are wrong (a
    date in the wrong form, a misspelt key), its answers are still checked, so that one
    run shows everything there is to fix."""
    try:
        loaded = load_answers(path)
    except AnswerFileError as err:
        problems = list(err.problems)
        if err.partial is not None:
            try:
                match_answers(bank, err.partial)
            except InputError as more:
                problems.extend(more.problems)
            problems.sort(key=lambda p: (p.line is None, p.line or 0, p.column or 0))
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


def match_answers(bank: Bank, loaded: LoadedAnswers) -> Matched:
    """Checks answers against the bank. Raises InputError listing every problem.

    Never guesses: a wrong bank, an unknown question (same bank version), an unknown choice,
    or several choices for a single-choice question are errors. Under a different bank
    version, unknown questions and choices are set aside and listed instead.
    """
    file = loaded.file
    name = str(loaded.path)
    if file.bank != bank.id:
        line, column = loaded.where(("bank",))
        raise InputError.single(
            name,
            "answers-wrong-bank",
            f"answers are for bank {file.bank!r}, not {bank.id!r}; give --bank with the file"
            " of that bank",
            line,
            column,
        )
    other_version = file.bank_version != bank.version
    problems: list[Problem] = []
    unmatched: list[str] = []
    renamed: list[tuple[str, str]] = []
    answers: dict[str, Answer] = {}

    def problem(qid: str, rule: str, message: str) -> None:
        line, column = loaded.where(("answers", qid))
        problems.append(Problem(path=name, line=line, column=column, rule=rule, message=message))

    for qid, answer in file.entries().items():
        target = qid
        if target not in bank.by_id and target in bank.renames:
            target = bank.renames[target]
            renamed.append((qid, target))
        ref = bank.by_id.get(target)
        if ref is None:
            if other_version:
                unmatched.append(qid)
            else:
                message = f"{qid}: no such question in the bank{_did_you_mean(qid, bank.by_id)}"
                problem(qid, "answers-unknown-question", message)
            continue
        if answer.note and len(answer.note) > MAX_NOTE:
            problem(
                qid,
                "answers-note-too-long",
                f"{qid}: the note has {len(answer.note):,} characters; keep it under "
                f"{MAX_NOTE:,} and put longer evidence in a document it names",
            )
            continue
        issue = _value_problem(ref.question.type, ref.choice_by_id, answer.value)
        if issue is not None:
            if other_version and issue.startswith("unknown choice"):
                unmatched.append(qid)
            else:
                problem(qid, "answers-bad-choice", f"{qid}: {issue}")
            continue
        if target in answers:
            problem(qid, "answers-duplicate", f"{qid}: answered twice (once under an old id)")
            continue
        answers[target] = answer
    if problems:
        raise InputError(problems)
    values = {qid: a.value for qid, a in answers.items()}
    _shown, hidden = visible_values(bank, values)
    hidden_answered = tuple(q for q in hidden if answers.get(q, Answer(None)).value is not None)
    return Matched(
        answers={q: a for q, a in answers.items() if q not in hidden_answered},
        hidden=frozenset(hidden),
        hidden_answered=hidden_answered,
        unmatched=tuple(unmatched),
        renamed=tuple(renamed),
        version_differs=other_version,
    )


def _value_problem(kind: str, choices: dict[str, Any], value: Value) -> str | None:
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
        return (
            f"unknown choice {unknown[0]!r}{_did_you_mean(unknown[0], choices)}; allowed: {allowed}"
        )
    if len(set(chosen)) != len(chosen):
        return "a choice is listed twice"
    return None


def _did_you_mean(word: str, known: Iterable[str]) -> str:
    """`` (did you mean 'fully'?)`` for a near miss, else nothing."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def dump_answers(file: AnswerFile, *, as_json: bool = False) -> str:
    """YAML text of an answer file, short form where there is no note; stable order. With
    ``as_json``, the same as JSON, for answer files kept as ``.json``."""
    data: dict[str, Any] = {
        "bank": file.bank,
        "bank_version": file.bank_version,
        "service": file.service,
        "assessed_on": file.assessed_on.isoformat() if file.assessed_on else None,
    }
    if file.assessor:
        data["assessor"] = file.assessor
    answers: dict[str, Any] = {}
    for qid, answer in file.entries().items():
        value = list(answer.value) if isinstance(answer.value, list) else answer.value
        answers[qid] = {"answer": value, "note": answer.note} if answer.note else value
    data["answers"] = answers
    if as_json:
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)
