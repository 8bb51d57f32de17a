"""Reading an Excel workbook (.xlsx) safely: its zip directory checked before any part is
read (size, number of parts, macros), then its cells' values read with openpyxl: never a
formula worked out (its cached value is read, as Excel saved it), never an external link
followed, never a macro kept."""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from ..errors import InputError
from .file_kinds import MACRO_SUFFIXES
from .text_files import read_bytes

# A zip archive may unpack to far more than its size on disk (a "zip bomb"): the sizes its
# directory gives are checked before any part is read, and no part is read beyond them.
# Reading costs a few tenths of a second for each megabyte of XML, most of all in the
# sheets' cells, so that any workbook accepted is read within the time a YAML file is.
MAX_UNPACKED = 2 * 1024 * 1024
MAX_SHEETS = 1024 * 1024  # the worksheets' XML, all together
MAX_PARTS = 100
SAVE_AS = "save it from Excel or LibreOffice as an Excel workbook (.xlsx)"


@dataclass(frozen=True)
class SheetValues:
    """What was read of one sheet: its cells' values by coordinate (``D14``), the cells
    holding a formula that has no saved value, and its merged ranges (``D14:E14``)."""

    name: str
    visible: bool
    values: dict[str, Any] = field(default_factory=dict)
    formulas_without_value: frozenset[str] = frozenset()
    merged: tuple[tuple[str, tuple[int, int, int, int]], ...] = ()  # (D14:E14, bounds)


def read_workbook(path: Path, max_row: int, max_column: int) -> dict[str, SheetValues]:
    """Every sheet of the workbook at ``path``, by name, with the values of its cells up to
    ``max_row`` and ``max_column``. Raises InputError for what cannot be read safely."""
    name = str(path)
    if path.suffix.lower() in MACRO_SUFFIXES:
        _refuse(name, "workbook-macros", f"a macro-enabled workbook is not read; {SAVE_AS}")
    data = read_bytes(path)
    _check_archive(name, data)
    try:
        with warnings.catch_warnings():  # what openpyxl leaves out is no news to the user
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), keep_links=False, rich_text=False)
            sheets = {s.title: _values(s, max_row, max_column) for s in book.worksheets}
            if any(sheet.formulas_without_value for sheet in sheets.values()):
                sheets = _with_saved_values(data, sheets, max_row, max_column)
    # openpyxl raises what its parts raise (KeyError, ValueError, XML errors...) for a
    # damaged file; each is a problem of this file, not a bug.
    except Exception:
        _refuse(name, "workbook-unreadable", f"the workbook is damaged; {SAVE_AS}")
    return sheets


def _refuse(name: str, rule: str, message: str) -> NoReturn:
    raise InputError.single(name, rule, message)


def _check_archive(name: str, data: bytes) -> None:
    """The zip directory's promises: a workbook, of bounded size, without macros."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        _refuse(name, "workbook-unreadable", f"this is not an Excel workbook; {SAVE_AS}")
    names = {part.filename for part in parts}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        _refuse(name, "workbook-unreadable", f"this zip file is not an Excel workbook; {SAVE_AS}")
    if len(parts) > MAX_PARTS:
        _refuse(
            name,
            "workbook-too-large",
            f"the workbook has {len(parts):,} parts; the limit is {MAX_PARTS}",
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED:
        _refuse(
            name,
            "workbook-too-large",
            f"the workbook unpacks to {unpacked:,} bytes; the limit is {MAX_UNPACKED:,}",
        )
    sheets = sum(p.file_size for p in parts if p.filename.startswith("xl/worksheets/"))
    if sheets > MAX_SHEETS:
        _refuse(
            name,
            "workbook-too-large",
            f"the workbook's sheets unpack to {sheets:,} bytes; the limit for all sheets"
            f" together is {MAX_SHEETS:,}",
        )
    for part in parts:
        if part.filename.lower().endswith("vbaproject.bin"):
            _refuse(name, "workbook-macros", f"the workbook holds macros, never read; {SAVE_AS}")


def _values(sheet: Any, max_row: int, max_column: int) -> SheetValues:
    values: dict[str, Any] = {}
    formulas = set()
    # Only the cells there are: iter_rows makes every cell it is asked for.
    rows = sheet.iter_rows(
        max_row=min(max_row, sheet.max_row), max_col=min(max_column, sheet.max_column)
    )
    for row in rows:
        for cell in row:
            if cell.value is None or cell.value == "":
                continue
            if cell.data_type == "f":
                formulas.add(cell.coordinate)
            else:
                values[cell.coordinate] = cell.value
    return SheetValues(
        name=sheet.title,
        visible=sheet.sheet_state == "visible",
        values=values,
        formulas_without_value=frozenset(formulas),
        merged=tuple((str(merged), merged.bounds) for merged in sheet.merged_cells.ranges),
    )


def _with_saved_values(
    data: bytes, sheets: dict[str, SheetValues], max_row: int, max_column: int
) -> dict[str, SheetValues]:
    """The value Excel saved for each formula, read again without the formulas; a formula
    saved without one (a file written by a program) stays in ``formulas_without_value``."""
    saved: Workbook = load_workbook(
        io.BytesIO(data), read_only=True, data_only=True, keep_links=False
    )
    try:
        result = {}
        for title, sheet in sheets.items():
            if not sheet.formulas_without_value:
                result[title] = sheet
                continue
            cached = dict(_cells(saved[title], max_row, max_column))
            found = {c: cached[c] for c in sheet.formulas_without_value if c in cached}
            result[title] = SheetValues(
                name=sheet.name,
                visible=sheet.visible,
                values={**sheet.values, **found},
                formulas_without_value=sheet.formulas_without_value - found.keys(),
                merged=sheet.merged,
            )
        return result
    finally:
        saved.close()


def _cells(sheet: Any, max_row: int, max_column: int) -> Iterator[tuple[str, Any]]:
    """The cells with a value, read as the sheet's XML streams past (within its limit)."""
    for number, row in enumerate(sheet.iter_rows(max_col=max_column), start=1):
        if number > max_row:
            return
        for cell in row:
            if getattr(cell, "value", None) not in (None, ""):  # an empty cell has no place
                yield cell.coordinate, cell.value
