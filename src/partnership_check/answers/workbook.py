"""Answers read from a workbook: the cells of the blank answer workbook, filled in, made
into the same answer file a YAML file gives, with each answer's cell to locate problems.

A label typed or picked from the drop-down becomes its choice id; other text is kept as
it was given, so that matching reports it at its cell, as it would in a YAML file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..bank.model import Bank, QuestionRef
from ..errors import InputError, Problem
from ..loading.locations import file_order, friendly_message
from ..loading.workbook import SheetValues, read_workbook
from .load import AnswerFileError, LoadedAnswers, Loc
from .match import Matched, read_answers
from .model import AnswerFile
from .workbook_layout import (
    ANSWER,
    ANSWERS_SHEET,
    ASSESSOR_ROW,
    BANK_ID_CELL,
    BANK_SHEET,
    BANK_VERSION_CELL,
    COLUMNS,
    DATE_ROW,
    FIRST_ROW,
    NOTE,
    QID,
    SERVICE_ROW,
    TICK,
    answer_rows,
    cell,
)

MAX_ROWS = 100_000  # rows looked at; a sheet within its size limit has fewer
TICKED = frozenset({TICK.lower(), "x", "✓", "✔", "ticked"})  # what a tick may be typed as
NOT_TICKED = frozenset({"", "no"})
START_AGAIN = "undo that, or copy the answers into a new blank workbook from `template`"


def read_workbook_answers(bank: Bank, path: Path) -> tuple[LoadedAnswers, Matched]:
    """:func:`read_answers` for a workbook: every problem located at its sheet and cell."""
    load: Callable[[Path], LoadedAnswers] = partial(load_workbook_answers, bank)
    return read_answers(bank, path, load)


def load_workbook_answers(bank: Bank, path: Path) -> LoadedAnswers:
    """The answers in the workbook at ``path``, filled in from this bank's blank workbook
    (or another version's). Raises InputError, or AnswerFileError with what could be read."""
    name = str(path)
    sheets = read_workbook(path, MAX_ROWS, len(COLUMNS))
    answers = _required_sheet(name, sheets, ANSWERS_SHEET)
    book = _required_sheet(name, sheets, BANK_SHEET)
    reading = _Reading(name, answers)
    data: dict[str, Any] = {
        "bank": reading.text(book, BANK_ID_CELL, ("bank",)),
        "bank_version": reading.text(book, BANK_VERSION_CELL, ("bank_version",)),
        "service": reading.text(answers, f"{ANSWER}{SERVICE_ROW}", ("service",)),
        "assessed_on": reading.date(f"{ANSWER}{DATE_ROW}"),
        "assessor": reading.text(answers, f"{ANSWER}{ASSESSOR_ROW}", ("assessor",)),
    }
    same_version = data["bank"] == bank.id and data["bank_version"] == bank.version
    rows = _rows_in_place(name, answers, bank) if same_version else _rows_by_id(answers, bank)
    data["answers"] = reading.answers(rows)
    data = {key: value for key, value in data.items() if value is not None or key == "answers"}
    return _loaded(path, data, reading)


def _required_sheet(name: str, sheets: dict[str, SheetValues], title: str) -> SheetValues:
    if title not in sheets:
        found = ", ".join(repr(t) for t in sheets) or "none"
        raise InputError.single(
            name,
            "workbook-sheet-missing",
            f"no sheet named {title!r} (the sheets are {found}); the answers are read from the"
            f" sheets of the blank workbook as they were named: rename it back, or " + START_AGAIN,
        )
    return sheets[title]


@dataclass(frozen=True)
class _Line:
    """A row of the answers sheet as read: a question's, or one option's (``choice``);
    in a workbook for another version of the bank, its question may not be in this one."""

    number: int
    qid: str
    choice: str | None
    ref: QuestionRef | None


def _rows_in_place(name: str, sheet: SheetValues, bank: Bank) -> list[_Line]:
    """This bank's rows, each checked to be where the blank workbook put it: a row moved,
    inserted or deleted would give answers to the wrong question."""
    lines = []
    for row in answer_rows(bank):
        found = sheet.values.get(f"{QID}{row.number}")
        if found != row.key:
            what = f"{found!r}" if found is not None else "nothing"
            raise InputError.single(
                name,
                "workbook-rows-moved",
                f"the question id here should be {row.key!r}, not {what}: rows were moved,"
                " inserted or deleted, so answers may belong to other questions; " + START_AGAIN,
                cell=cell(ANSWERS_SHEET, QID, row.number),
            )
        lines.append(_Line(row.number, row.ref.qid, row.choice, row.ref))
    return lines


def _rows_by_id(sheet: SheetValues, bank: Bank) -> list[_Line]:
    """The rows of a workbook for another version of the bank (or another bank), found by
    their question id: matching sets aside what this version does not have, as it does
    for a YAML file."""
    lines: list[_Line] = []
    number = FIRST_ROW
    while (key := sheet.values.get(f"{QID}{number}")) is not None:
        qid, _, choice = str(key).partition(":")
        lines.append(_Line(number, qid, choice or None, bank.by_id.get(qid)))
        number += 1
    return lines


class _Reading:
    """The cells of one workbook read into an answer file's data, with the cell of each
    key and the problems found on the way."""

    def __init__(self, name: str, sheet: SheetValues) -> None:
        self.name = name
        self.sheet = sheet
        self.cells: dict[Loc, str] = {}
        self.problems: list[Problem] = []
        self.bad: set[str] = set()  # questions whose cells could not be read
        self.merged_seen: set[str] = set()

    def value(self, sheet: SheetValues, coordinate: str, loc: Loc) -> Any:
        """A cell's value, or None; a formula without a saved value is a problem, and a
        merged range over the cell another."""
        where = cell(sheet.name, coordinate[:1], int(coordinate[1:]))
        self.cells[loc] = where
        column, row = ord(coordinate[0]) - ord("A") + 1, int(coordinate[1:])
        for merged, (low_column, low_row, high_column, high_row) in sheet.merged:
            if low_column <= column <= high_column and low_row <= row <= high_row:
                if merged in self.merged_seen:
                    return None  # said once, at its first answer cell
                self.merged_seen.add(merged)
                self._problem(
                    where,
                    "workbook-merged-cells",
                    f"cells {merged} are merged over an answer; unmerge them so that each"
                    " answer and note has its own cell",
                    loc,
                )
                return None
        if coordinate in sheet.formulas_without_value:
            self._problem(
                where,
                "workbook-formula",
                "a formula without a saved value (formulas are not worked out); type the"
                " answer itself, or open and save the workbook in Excel or LibreOffice",
                loc,
            )
            return None
        return sheet.values.get(coordinate)

    def text(self, sheet: SheetValues, coordinate: str, loc: Loc) -> str | None:
        found = self.value(sheet, coordinate, loc)
        if found is None:
            return None
        text = _as_text(found)
        return text if text.strip() else None

    def date(self, coordinate: str) -> Any:
        found = self.value(self.sheet, coordinate, ("assessed_on",))
        if isinstance(found, dt.datetime):
            return found.date()
        return None if found is None else _as_text(found).strip() or None

    def answers(self, rows: list[_Line]) -> dict[str, Any]:
        given: dict[str, Any] = {}
        ticks: dict[str, list[str]] = {}
        for row in rows:
            qid = row.qid
            answer_loc: Loc = ("answers", qid)
            if row.choice is not None:
                tick = self.value(self.sheet, f"{ANSWER}{row.number}", (*answer_loc, row.choice))
                if self._ticked(tick, qid, row):
                    ticks.setdefault(qid, []).append(row.choice)
                continue
            typed = self.text(self.sheet, f"{ANSWER}{row.number}", answer_loc)
            self.cells[(*answer_loc, "answer")] = self.cells[answer_loc]
            note = self.text(self.sheet, f"{NOTE}{row.number}", (*answer_loc, "note"))
            given[qid] = (_choice_id(row.ref, typed), note)
        result: dict[str, Any] = {}
        for qid, (text, note) in given.items():
            if qid in self.bad:
                continue
            value: str | list[str] | None = text
            if qid in ticks:
                if text is not None:
                    self._problem(
                        self.cells[("answers", qid)],
                        "answers-bad-choice",
                        f"{qid}: answered both here and by ticks in the rows below; keep one",
                        ("answers", qid),
                    )
                    continue
                value = ticks[qid]
            result[qid] = value if note is None else {"answer": value, "note": note}
        return result

    def _ticked(self, tick: Any, qid: str, row: _Line) -> bool:
        text = "" if tick is None else _as_text(tick).strip().lower()
        if text in TICKED:
            return True
        if text not in NOT_TICKED:
            self._problem(
                cell(ANSWERS_SHEET, ANSWER, row.number),
                "answers-bad-choice",
                f"{qid}: {_as_text(tick)!r} is not a tick; choose {TICK!r} in the rows that"
                " apply and leave the others empty",
                ("answers", qid),
            )
        return False

    def _problem(self, where: str, rule: str, message: str, loc: Loc) -> None:
        self.problems.append(Problem(path=self.name, cell=where, rule=rule, message=message))
        if len(loc) > 1 and loc[0] == "answers":
            self.bad.add(str(loc[1]))


def _loaded(path: Path, data: dict[str, Any], reading: _Reading) -> LoadedAnswers:
    """The answer file, or AnswerFileError with every problem and what could be read."""
    name = str(path)
    problems = list(reading.problems)
    try:
        file = AnswerFile.model_validate(data)
    except ValidationError as err:
        bad_keys = set()
        for detail in err.errors(include_url=False):
            loc = tuple(p for p in detail["loc"] if isinstance(p, int | str))[:1]
            bad_keys.add(loc[0] if loc else "")
            where = reading.cells.get(loc)
            dotted = ".".join(str(p) for p in loc)
            message = friendly_message(detail)
            problems.append(
                Problem(path=name, cell=where, rule="schema", message=f"{dotted}: {message}")
            )
        kept = {key: value for key, value in data.items() if key not in bad_keys}
        try:
            file = AnswerFile.model_validate(kept)
        except ValidationError:
            raise AnswerFileError(sorted(problems, key=file_order), None) from None
    loaded = LoadedAnswers(path=path, text="", file=file, cells=reading.cells)
    if problems:
        raise AnswerFileError(sorted(problems, key=file_order), loaded)
    return loaded


def _choice_id(ref: QuestionRef | None, value: str | None) -> str | None:
    """The id of the choice whose label (or id) the text is, where only one is; else the
    text as given, for matching to report."""
    if value is None or ref is None or ref.question.type == "text":
        return value
    wanted = value.strip()
    if wanted in ref.choice_by_id:
        return wanted
    by_label = [choice.id for choice in ref.choices if choice.label.strip() == wanted]
    return by_label[0] if len(by_label) == 1 else value


def _as_text(value: Any) -> str:
    """A cell's value as the text a person sees: a whole number without ``.0``."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return str(value)
