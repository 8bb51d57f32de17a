"""The blank answer workbook: what a person sees and fills in, and the same bytes for the
same bank, so that it can be committed."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from partnership_check.cli import main

from ..answers.workbooks import SMALL, fill


def _template(folder: Path, name: str = "blank.xlsx", *args: str) -> Path:
    path = folder / name
    assert main(["template", "--bank", str(SMALL), "-o", str(path), *args]) == 0
    return path


def test_the_same_bank_gives_the_same_bytes_in_separate_runs(tmp_path: Path) -> None:
    made = []
    for name in ("one.xlsx", "two.xlsx"):
        command = ["template", "--bank", str(SMALL), "--format", "xlsx", "-o", str(tmp_path / name)]
        subprocess.run([sys.executable, "-m", "partnership_check", *command], check=True)
        made.append((tmp_path / name).read_bytes())
    assert made[0] == made[1]
    with zipfile.ZipFile(tmp_path / "one.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert str(dt.date.today().year) not in core  # no date of the day it was made


def test_each_question_has_its_row_with_a_drop_down_of_its_labels(tmp_path: Path) -> None:
    path = _template(tmp_path)
    book = load_workbook(path)
    assert book.sheetnames == ["Instructions", "Answers", "Bank"]
    sheet = book["Answers"]
    assert [sheet[f"C{row}"].value for row in (3, 4, 5)] == [
        "Archive service's name",
        "Date of the assessment (YYYY-MM-DD)",
        "Completed by (a name or a role)",
    ]
    assert sheet["D7"].value == "Your answer"
    assert sheet["C8"].value == "What kind of partnership?"
    assert sheet["F8"].value == "Pick the nearest; informal covers most first steps."
    assert sheet["G8"].value == "context.kind"
    rules = {str(rule.sqref): rule.formula1 for rule in sheet.data_validations.dataValidation}
    lists = book["Bank"]
    labels = {
        cells: [c.value for c in lists[cells.split("!")[1].replace("$", "")][0]]
        for cells in rules.values()
    }
    assert labels[rules["D8"]] == ["Informal collaboration", "Shared service"]
    assert labels[rules["D10"]] == ["Not at all", "Partly", "Fully", "Don't know", "Not applicable"]
    assert "D9" not in rules  # free text
    assert "D12" not in rules and labels[rules["D13"]] == ["Yes"]  # a tick for each option


def test_conditions_blockers_and_options_are_said_in_words(tmp_path: Path) -> None:
    sheet = load_workbook(_template(tmp_path))["Answers"]
    assert sheet["C10"].value == (
        "Does each partner want this for its own reasons? (can cap your result)"
    )
    assert sheet["C11"].value == (
        'Answer only if your answer to question 1 is "Shared service". Is the legal form chosen?'
    )
    assert sheet["C11"].fill.fgColor.rgb == "00E7E6E6" and sheet["C10"].fill.fill_type is None
    assert sheet["C12"].value.startswith('Which benefits do you seek? Choose "Yes" beside each')
    assert [sheet[f"C{row}"].value for row in (13, 14, 15)] == [
        "Securing funding",
        "Sharing expertise",
        "Better access for users",
    ]
    assert [sheet[f"G{row}"].value for row in (13, 14, 15)] == [
        "benefits.sought:funding",
        "benefits.sought:expertise",
        "benefits.sought:access",
    ]


def test_the_bank_is_named_in_a_hidden_protected_sheet_and_it_prints_on_a4(
    tmp_path: Path,
) -> None:
    book = load_workbook(_template(tmp_path))
    hidden = book["Bank"]
    assert (hidden.sheet_state, hidden.protection.sheet) == ("hidden", True)
    assert (hidden["B1"].value, hidden["B2"].value) == ("small", "1.0")
    assert book.security is not None and book.security.lockStructure
    sheet = book["Answers"]
    assert sheet.freeze_panes == "A8"
    assert sheet.print_title_rows == "$7:$7"
    assert (sheet.page_setup.orientation, sheet.page_setup.paperSize) == ("landscape", 9)  # 9: A4
    assert sheet["C8"].alignment.wrap_text
    assert sheet.print_area == "'Answers'!$A$1:$F$15"  # the ids are not printed
    # Rows are as tall as their wrapped text (no spreadsheet works it out on opening).
    assert sheet.row_dimensions[8].height == 30  # its help takes two lines
    assert book["Instructions"].page_setup.fitToHeight == 1
    text = " ".join(str(c.value) for c in book["Instructions"]["A"] if c.value)
    assert "Each partner answers separately" in text and "partnership-check score" in text


def test_a_returned_workbook_is_not_replaced_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blank = _template(tmp_path)
    assert main(["template", "--bank", str(SMALL), "-o", str(blank)]) == 0  # its own blank
    filled = fill(blank, blank, service="East")
    before = filled.read_bytes()
    assert main(["template", "--bank", str(SMALL), "-o", str(filled)]) == 2
    assert "may hold answers" in capsys.readouterr().err
    assert filled.read_bytes() == before
    assert main(["template", "--bank", str(SMALL), "-o", str(filled), "--force"]) == 0
    assert filled.read_bytes() != before


def test_a_workbook_needs_a_file_to_go_to(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", "--bank", str(SMALL), "--format", "xlsx"]) == 2
    assert "-o blank.xlsx" in capsys.readouterr().err
