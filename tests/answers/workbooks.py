"""Blank answer workbooks, and filling one in with openpyxl as a person would in Excel:
labels typed or picked from the drop-down, ticks in the rows of a multi-choice question,
notes beside the answers."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from partnership_check.bank.load import load_bank
from partnership_check.render.answer_workbook import render_answer_workbook

SMALL = Path(__file__).parents[1] / "data" / "assess" / "small.yaml"


def blank(folder: Path, name: str = "blank.xlsx", bank: Path = SMALL) -> Path:
    path = folder / name
    path.write_bytes(render_answer_workbook(load_bank(bank)))
    return path


def row_of(book: Workbook, key: str) -> int:
    """The row whose question id column holds ``key`` (``qid`` or ``qid:choice``)."""
    sheet = book["Answers"]
    for number in range(1, sheet.max_row + 1):
        if sheet[f"G{number}"].value == key:
            return number
    raise KeyError(key)


def fill(
    path: Path,
    out: Path,
    *,
    service: Any = None,
    date: Any = None,
    assessor: Any = None,
    answers: Mapping[str, Any] = {},
    notes: Mapping[str, str] = {},
    edit: Callable[[Workbook], None] | None = None,
) -> Path:
    """``path`` filled in and saved as ``out``: a text per answer as typed, a list of
    choice ids to tick for a multi-choice question; ``edit`` does anything else first."""
    book = load_workbook(path)
    sheet = book["Answers"]
    for cell, value in (("D3", service), ("D4", date), ("D5", assessor)):
        if value is not None:
            sheet[cell] = value
    for qid, value in answers.items():
        if isinstance(value, list):
            for choice in value:
                sheet[f"D{row_of(book, f'{qid}:{choice}')}"] = "Yes"
        else:
            sheet[f"D{row_of(book, qid)}"] = value
    for qid, note in notes.items():
        sheet[f"E{row_of(book, qid)}"] = note
    if edit is not None:
        edit(book)
    book.save(out)
    return out


A_DATE = dt.datetime(2026, 11, 25)


def with_parts(path: Path, out: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """The workbook's zip archive again, each part changed by ``change`` (None drops it)."""
    target = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as archive:
        for info in source.infolist():
            content = change(info.filename, source.read(info))
            if content is not None:
                archive.writestr(info, content)
    out.write_bytes(target.getvalue())
    return out
