"""The blank answer workbook: for people who answer in a spreadsheet rather than a text
editor. One row per question with a drop-down of its answer labels, one row per option
of a multi-choice question with a tick, and the bank's id and version in a hidden sheet.

The same bank gives the same bytes: fixed document dates and fixed dates on every part
of the zip archive, so a blank workbook can be committed.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from ..answers.workbook_layout import (
    ANSWER,
    ANSWERS_SHEET,
    ASSESSOR_ROW,
    BANK_ID_CELL,
    BANK_SHEET,
    BANK_VERSION_CELL,
    COLUMNS,
    DATE_ROW,
    FIRST_LIST_ROW,
    HEADER_ROW,
    HEADERS,
    HELP,
    INSTRUCTIONS_SHEET,
    NOTE,
    NUMBER,
    QID,
    QUESTION,
    SECTION,
    SERVICE_ROW,
    TICK,
    Row,
    answer_rows,
)
from ..bank.model import AllOf, AnyOf, Bank, Condition, Leaf
from .environment import render_bundled

FIXED_TIME = dt.datetime(2000, 1, 1)  # the workbook's created and modified dates
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip archive holds
WIDTHS = {NUMBER: 5, SECTION: 18, QUESTION: 50, ANSWER: 24, NOTE: 32, HELP: 42, QID: 26}
INSTRUCTIONS_WIDTH = 110
LINE_HEIGHT = 15  # points, for one line of text at the default size
SHADE = PatternFill("solid", fgColor="E7E6E6")  # questions answered only if ...
HEAD = PatternFill("solid", fgColor="D9E1F2")
WRAP = Alignment(wrap_text=True, vertical="top")
_THIN = Side(style="thin", color="A6A6A6")
BOXED = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)  # where a person writes


def render_answer_workbook(bank: Bank) -> bytes:
    """The blank answer workbook for ``bank``, as the bytes of an .xlsx file."""
    book = Workbook()
    instructions = book.active
    assert instructions is not None  # a new workbook has its first sheet
    instructions.title = INSTRUCTIONS_SHEET
    _instructions(instructions, bank)
    _answers(book.create_sheet(ANSWERS_SHEET), book.create_sheet(BANK_SHEET), bank)
    book.security = WorkbookProtection(lockStructure=True)  # no sheet renamed or deleted
    book.properties.creator = "partnership-check"
    book.properties.title = bank.title
    book.properties.created = FIXED_TIME
    raw = io.BytesIO()
    book.save(raw)
    book.properties.modified = FIXED_TIME  # saving sets it to now; the copy below fixes it
    return _fixed_archive(raw.getvalue(), tostring(book.properties.to_tree()))


def _fixed_archive(data: bytes, core: bytes) -> bytes:
    """The archive again, each part dated alike and the document properties fixed."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = b"<?xml version='1.0' encoding='UTF-8'?>\n" + core
            target.writestr(zipfile.ZipInfo(info.filename, ZIP_TIME), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _instructions(sheet: Worksheet, bank: Bank) -> None:
    text = render_bundled(
        "workbook_instructions.txt.j2",
        title=bank.title,
        description=" ".join(bank.description.split()),
        tick=TICK,
        bank_sheet=BANK_SHEET,
        file_hint="returned-workbooks/",
        bank_id=bank.id,
        bank_version=bank.version,
    )
    sheet.column_dimensions["A"].width = INSTRUCTIONS_WIDTH
    for number, paragraph in enumerate(text.strip().split("\n\n"), start=1):
        cell = _text(sheet, f"A{number}", paragraph.strip())
        cell.alignment = WRAP
        if number == 1 or ("\n" not in paragraph and len(paragraph) < 40):
            cell.font = Font(bold=True, size=14 if number == 1 else 11)
        _fit_height(sheet, number, {"A": INSTRUCTIONS_WIDTH})
    if bank.help_contact:
        row = sheet.max_row + 1
        _text(sheet, f"A{row}", " ".join(bank.help_contact.split())).alignment = WRAP
        _fit_height(sheet, row, {"A": INSTRUCTIONS_WIDTH})
    _print_settings(sheet, pages_tall=1)


def _answers(sheet: Worksheet, lists: Worksheet, bank: Bank) -> None:
    _text(sheet, "A1", bank.title).font = Font(bold=True, size=14)
    for at, label in (
        (SERVICE_ROW, "Archive service's name"),
        (DATE_ROW, "Date of the assessment (YYYY-MM-DD)"),
        (ASSESSOR_ROW, "Completed by (a name or a role)"),
    ):
        _text(sheet, f"{QUESTION}{at}", label).font = Font(bold=True)
        sheet[f"{ANSWER}{at}"].fill = PatternFill("solid", fgColor="FFF2CC")
        sheet[f"{ANSWER}{at}"].border = BOXED
    sheet[f"{ANSWER}{DATE_ROW}"].number_format = "yyyy-mm-dd"
    for column, header in zip(COLUMNS, HEADERS, strict=True):
        cell = _text(sheet, f"{column}{HEADER_ROW}", header)
        cell.font, cell.fill, cell.alignment = Font(bold=True), HEAD, WRAP
    for column, width in WIDTHS.items():
        sheet.column_dimensions[column].width = width
    _text(lists, "A1", "bank")
    _text(lists, BANK_ID_CELL, bank.id)
    _text(lists, "A2", "bank_version")
    _text(lists, BANK_VERSION_CELL, bank.version)
    lists.sheet_state = "hidden"
    lists.protection.sheet = True
    rows = answer_rows(bank)
    numbers = {row.ref.qid: index for index, row in enumerate(_question_rows(rows), start=1)}
    list_row = FIRST_LIST_ROW
    for row in rows:
        if row.choice is None:
            _question_row(sheet, row, numbers, bank)
        else:
            _option_row(sheet, row)
        if row.choice is not None:
            labels = [TICK]
        elif row.ref.question.type not in ("multi", "text"):
            labels = [choice.label for choice in row.ref.choices]
        else:
            labels = []  # free text, or a multi-choice question answered in its rows
        if labels:
            _drop_down(sheet, lists, row, list_row, labels)
            list_row += 1
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A1:{HELP}{rows[-1].number if rows else HEADER_ROW}"  # not the ids
    _print_settings(sheet)


def _question_rows(rows: list[Row]) -> list[Row]:
    return [row for row in rows if row.choice is None]


def _question_row(sheet: Worksheet, row: Row, numbers: dict[str, int], bank: Bank) -> None:
    ref, at = row.ref, row.number
    question = ref.question
    text = question.text
    if question.gate is not None:
        text += " (can cap your result)"
    if question.type == "multi":
        text += f' Choose "{TICK}" beside each that applies, in the rows below.'
    if question.when is not None:
        text = f"Answer only if {_in_words(question.when, numbers, bank)}. {text}"
    _text(sheet, f"{NUMBER}{at}", str(numbers[ref.qid]))
    _text(sheet, f"{SECTION}{at}", ref.section.title)
    _text(sheet, f"{QUESTION}{at}", text)
    if question.help:
        _text(sheet, f"{HELP}{at}", " ".join(question.help.split()))
    _text(sheet, f"{QID}{at}", row.key).font = Font(color="808080")
    for column in COLUMNS:
        cell = sheet[f"{column}{at}"]
        cell.alignment = WRAP
        if question.when is not None:
            cell.fill = SHADE
    for column in (ANSWER, NOTE):
        sheet[f"{column}{at}"].border = BOXED
    _fit_height(sheet, at)
    if question.type == "multi":
        sheet[f"{ANSWER}{at}"].fill = SHADE


def _fit_height(sheet: Worksheet, at: int, widths: dict[str, int] = WIDTHS) -> None:
    """A row as tall as its longest wrapped text: spreadsheets do not work that out for a
    file they did not write, so wrapped text would run over the next row."""
    lines = 1
    for column, width in widths.items():
        text = sheet[f"{column}{at}"].value
        if isinstance(text, str):
            lines = max(lines, sum(1 + len(part) // (width - 2) for part in text.split("\n")))
    sheet.row_dimensions[at].height = LINE_HEIGHT * lines


def _option_row(sheet: Worksheet, row: Row) -> None:
    label = row.ref.choice_by_id[row.choice or ""].label
    cell = _text(sheet, f"{QUESTION}{row.number}", label)
    cell.alignment = Alignment(wrap_text=True, vertical="top", indent=2)
    _text(sheet, f"{QID}{row.number}", row.key).font = Font(color="808080")
    sheet[f"{ANSWER}{row.number}"].border = BOXED
    if row.ref.question.when is not None:
        for column in COLUMNS:
            sheet[f"{column}{row.number}"].fill = SHADE


def _drop_down(
    sheet: Worksheet, lists: Worksheet, row: Row, list_row: int, labels: list[str]
) -> None:
    """The answer cell's drop-down: the labels, kept in a row of the hidden sheet (a list
    written in the rule itself may hold no comma and at most 255 characters)."""
    _text(lists, f"A{list_row}", row.key)
    for offset, label in enumerate(labels):
        _text(lists, lists.cell(list_row, 2 + offset).coordinate, label)
    last = get_column_letter(1 + len(labels))
    rule = DataValidation(
        type="list",
        formula1=f"'{BANK_SHEET}'!$B${list_row}:${last}${list_row}",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="Not one of the answers",
        error="This is not one of the answers in the list. Keep it only if you meant it.",
    )
    rule.add(f"{ANSWER}{row.number}")
    sheet.add_data_validation(rule)


def _in_words(condition: Condition, numbers: dict[str, int], bank: Bank) -> str:
    """A condition with question numbers and answer labels: ``question 3 is "A" or "B"``."""
    if isinstance(condition, Leaf):
        ref = bank.by_id[condition.question]
        labels = " or ".join(f'"{ref.choice_by_id[c].label}"' for c in condition.in_)
        return f"your answer to question {numbers[ref.qid]} is {labels or 'given'}"
    if isinstance(condition, AllOf | AnyOf):
        parts = condition.all if isinstance(condition, AllOf) else condition.any
        joiner = " and " if isinstance(condition, AllOf) else " or "
        return joiner.join(_grouped(part, numbers, bank) for part in parts)
    return f"it is not so that {_grouped(condition.not_, numbers, bank)}"


def _grouped(condition: Condition, numbers: dict[str, int], bank: Bank) -> str:
    text = _in_words(condition, numbers, bank)
    return text if isinstance(condition, Leaf) else f"({text})"


def _text(sheet: Worksheet, coordinate: str, value: str) -> Cell:
    """Text in a cell, kept as text even when it begins with ``=`` (never a formula)."""
    cell: Cell = sheet[coordinate]
    cell.value = value
    cell.data_type = "s"
    return cell


def _print_settings(sheet: Worksheet, pages_tall: int = 0) -> None:
    """A4 landscape, one page wide; ``pages_tall`` 0: as many pages as it takes."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = pages_tall
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
