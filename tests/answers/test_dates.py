"""The date of an assessment as people in the UK write it: day first, in an answer file or
a workbook's date cell, read as the date it means; a day-first date that names no day is
refused at its place, saying what to write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnership_check.answers.load import AnswerFileError, parse_answers
from partnership_check.cli import main

from .workbooks import A_DATE, SMALL, blank, fill

HEAD = 'bank: small\nbank_version: "1.0"\nservice: East Sussex Record Office\n'
ANSWERS = "answers:\n  context.kind: informal\n  willing.motivation: partly\n"
WHAT_TO_WRITE = "write it as DD/MM/YYYY or YYYY-MM-DD, for example 25/11/2026 or 2026-11-25"


def _parsed(date: str) -> dt.date | None:
    text = f"{HEAD}assessed_on: {date}\n{ANSWERS}"
    return parse_answers(Path("east.yaml"), text).file.assessed_on


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("25/11/2026", dt.date(2026, 11, 25)),
        ('"25/11/2026"', dt.date(2026, 11, 25)),
        ("03/04/2026", dt.date(2026, 4, 3)),  # 3 April, as in the UK, not 4 March
        ("3/4/2026", dt.date(2026, 4, 3)),
        ("29/02/2028", dt.date(2028, 2, 29)),
        ("2026-11-25", dt.date(2026, 11, 25)),  # as before
    ],
)
def test_a_date_written_day_first_is_the_date_it_means(typed: str, meant: dt.date) -> None:
    assert _parsed(typed) == meant


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_every_date_written_day_first_reads_back_as_itself(date: dt.date) -> None:
    assert _parsed(f"{date.day:02}/{date.month:02}/{date.year}") == date
    assert _parsed(f"{date.day}/{date.month}/{date.year}") == date


def _score(capsys: pytest.CaptureFixture[str], path: Path, out: Path) -> tuple[int, list[str]]:
    code = main(["score", "--bank", str(SMALL), str(path), "--out", str(out)])
    return code, capsys.readouterr().err.splitlines()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2026", f"'31/02/2026' is not a date: February 2026 has 28 days; {WHAT_TO_WRITE}"),
        ("29/02/2027", f"'29/02/2027' is not a date: February 2027 has 28 days; {WHAT_TO_WRITE}"),
        ("31/4/2026", f"'31/4/2026' is not a date: April 2026 has 30 days; {WHAT_TO_WRITE}"),
        (
            "11/25/2026",
            "'11/25/2026' is not a date: there is no month 25 (dates are read day first);"
            f" {WHAT_TO_WRITE}",
        ),
        ("0/11/2026", f"'0/11/2026' is not a date: there is no day 0; {WHAT_TO_WRITE}"),
        (
            "25/11/26",
            "'25/11/26' has a two-digit year; write the year in full: DD/MM/YYYY or YYYY-MM-DD,"
            " for example 25/11/2026 or 2026-11-25",
        ),
        ("25.11.2026", f"not a date; {WHAT_TO_WRITE}"),
    ],
)
def test_a_date_that_names_no_day_is_refused_at_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str, message: str
) -> None:
    path = tmp_path / "east.yaml"
    path.write_text(f"{HEAD}assessed_on: {typed}\n{ANSWERS}", encoding="utf-8")
    code, err = _score(capsys, path, tmp_path / "out")
    assert code == 1
    assert err == [f"{path}:4:14: error: assessed_on: {message} [schema]"]
    with pytest.raises(AnswerFileError):
        parse_answers(path, path.read_text(encoding="utf-8"))


def test_the_report_of_a_date_written_day_first_is_the_report_of_the_same_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = []
    for folder, date in (("iso", "2026-11-25"), ("uk", "25/11/2026")):
        (tmp_path / folder).mkdir()
        path = tmp_path / folder / "east.yaml"
        path.write_text(f"{HEAD}assessed_on: {date}\n{ANSWERS}", encoding="utf-8")
        assert _score(capsys, path, tmp_path / folder / "out") == (0, [])
        [report] = (tmp_path / folder / "out").glob("*.md")
        reports.append((report.name, report.read_text(encoding="utf-8")))
    assert reports[0] == reports[1]
    name, text = reports[1]
    assert name == "east-sussex-record-office-2026-11-25.md"
    assert "- **Assessed on:** 2026-11-25\n" in text


def test_a_workbook_date_typed_as_text_day_first_scores_as_a_date_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = {"context.kind": "Informal collaboration", "willing.motivation": "Partly"}
    reports = []
    for name, date in (("as-date", A_DATE), ("as-text", "25/11/2026")):
        workbook = fill(blank(tmp_path), tmp_path / f"{name}.xlsx", date=date, answers=answers)
        out = tmp_path / name
        code = main(["score", "--bank", str(SMALL), str(workbook), "--out", str(out)])
        assert (code, capsys.readouterr().err) == (0, "")
        [report] = out.glob("*.md")
        text = report.read_text(encoding="utf-8").replace(workbook.name, "the workbook")
        reports.append((report.name, text))
    assert reports[0] == reports[1]
    assert reports[0][0] == "unnamed-service-2026-11-25.md"


def test_a_workbook_date_that_names_no_day_is_named_by_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = fill(blank(tmp_path), tmp_path / "east.xlsx", date="31/02/2026")
    code = main(["score", "--bank", str(SMALL), str(workbook), "--out", str(tmp_path / "out")])
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{workbook}:Answers!D4: error: assessed_on: '31/02/2026' is not a date: February 2026"
        f" has 28 days; {WHAT_TO_WRITE} [schema]"
    ]
