"""The answer file: its model, loading it with locations, checking it against a bank, saving it.

Written by ``assess`` after every answer, filled by hand from ``template``, read by ``score``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .bank import Bank, Value, visible_values
from .errors import InputError, Problem
from .locations import locate, validation_problems
from .yamlio import parse_text, read_text

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


def parse_answers(path: Path, text: str) -> LoadedAnswers:
    """Parses answer-file text; structural problems raise InputError with locations."""
    name = str(path)
    data = parse_text(name, text, is_json=path.suffix.lower() == ".json")
    try:
        file = AnswerFile.model_validate(data)
    except ValidationError as err:
        raise InputError(validation_problems(name, text, err)) from None
    return LoadedAnswers(path=path, text=text, file=file)


def load_answers(path: Path) -> LoadedAnswers:
    """Reads and parses one answer file."""
    return parse_answers(path, read_text(path))


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
            f"answers are for bank {file.bank!r}, not {bank.id!r}; score them with --bank "
            "pointing at that bank",
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
                problem(qid, "answers-unknown-question", f"{qid}: no such question in the bank")
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
        return f"unknown choice {unknown[0]!r}; allowed: {allowed}"
    if len(set(chosen)) != len(chosen):
        return "a choice is listed twice"
    return None


def dump_answers(file: AnswerFile) -> str:
    """YAML text of an answer file, short form where there is no note; stable order."""
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
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)
