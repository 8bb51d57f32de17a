"""The batch summary as text: summary.md read as a person reads it (parsed with
markdown-it-py), summary.csv and summary.json as a program does, and golden files.

The services are those of tests/data/summary (see tests/views/test_summary.py for what
each shows), their names written like spreadsheet formulas.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from partnership_check.answers.match import read_answers
from partnership_check.bank.load import load_bank
from partnership_check.render.summary import summary_csv, summary_json, summary_markdown
from partnership_check.scoring.score import score_service
from partnership_check.views.summary import (
    BatchSummary,
    FailedFile,
    SummaryRow,
    build_summary,
    summary_row,
)
from tests.conftest import check_golden, markdown_tables

DATA = Path(__file__).parents[1] / "data"
BANK = load_bank(DATA / "scoring" / "bank.yaml")
NAMES = ("at.yaml", "blank.yaml", "cmd.yaml", "hyperlink.yaml", "minus.yaml", "mon.yaml")
FAILED = (
    FailedFile(
        source="answers/broken.yaml",
        problems=(
            "4:14: error: assessed_on: not a date [schema]",
            "9:5: error: unknown key [schema]",
        ),
    ),
    # A file named on the command line like a formula, with problems that start like one.
    FailedFile(source="=1+1.yaml", problems=("\t=2+2 error", "-3 error")),
    FailedFile(source="\r@x.yaml", problems=("+4 error",)),
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DASH = "\N{EN DASH}"
MOTIVATION = "Does each partner want this for its own reasons?"


def batch() -> tuple[BatchSummary, list[SummaryRow]]:
    """The summary and its rows as ``score`` orders them: the scored rows by service
    name, then the files not started."""
    rows = []
    for name in NAMES:
        loaded, matched = read_answers(BANK, DATA / "summary" / name)
        result = score_service(BANK, loaded.file, matched, name)
        rows.append(summary_row(result, f"answers/{name}", f"{result.slug}-report.md"))
    rows.sort(key=lambda r: (r.status != "scored", r.service.casefold(), r.service, r.source))
    scored = sum(r.status == "scored" for r in rows)
    summary = build_summary(
        BANK,
        files=len(rows) + len(FAILED),
        scored=scored,
        not_started=len(rows) - scored,
        incomplete=scored,
        with_problems=0,
        failed=FAILED,
        interrupted=False,
    )
    return summary, rows


def markdown() -> str:
    summary, rows = batch()
    scored = [r for r in rows if r.status == "scored"]
    not_started = [r for r in rows if r.status == "not-started"]
    return "".join(summary_markdown(summary, scored, not_started))


def test_golden_summary() -> None:
    summary, rows = batch()
    check_golden("summary.md", markdown())
    check_golden("summary.csv", "".join(summary_csv(summary, rows)))
    check_golden("summary.json", "".join(summary_json(summary, rows, len(rows))))


def test_markdown_lists_every_blocker_and_marks_the_ones_that_lowered_the_band() -> None:
    services = markdown_tables(markdown())[0]
    head = services[0]
    assert head == [
        "Service",
        "Assessed on",
        "Score",
        "Band",
        "Blockers",
        "Answered",
        "Biggest gap",
        "Report",
    ]
    by_name = {row[0]: dict(zip(head, row, strict=True)) for row in services[1:]}
    assert by_name['=HYPERLINK("http://x","y")']["Blockers"] == MOTIVATION
    assert by_name["+cmd|' /C calc'!A0"]["Blockers"] == f"{MOTIVATION} (lowered the band)"
    assert by_name["+cmd|' /C calc'!A0"]["Band"] == "Not yet ready (capped)"
    assert by_name["-2+3"]["Blockers"] == f"{MOTIVATION} (not answered yet)"
    assert by_name["@SUM(1+1)"]["Blockers"] == f"{MOTIVATION} (don't know; lowered the band)"
    assert by_name["Archifau Môn"]["Blockers"] == "none"


def test_markdown_marks_a_provisional_score_and_an_answered_biggest_gap() -> None:
    services = markdown_tables(markdown())[0]
    by_name = {row[0]: row for row in services[1:]}
    assert by_name["-2+3"][2] == "15.3 (provisional)"
    assert by_name["Archifau Môn"][2] == "61.8"
    assert by_name["-2+3"][6] == "Is money set aside?"  # not the unanswered blocker
    assert by_name["@SUM(1+1)"][6] == f"{MOTIVATION} (don't know)"
    assert by_name["Archifau Môn"][6] == "Is senior time set aside? (don't know)"


def test_a_section_not_answered_yet_is_a_dash_in_markdown() -> None:
    sections = markdown_tables(markdown())[1]
    assert sections[0] == ["Service", "Willing partners", "Money and time", "Relationships"]
    by_name = {row[0]: row[1:] for row in sections[1:]}
    assert by_name['=HYPERLINK("http://x","y")'] == ["11.1", "0.0", DASH]
    assert by_name["-2+3"] == ["22.2", "16.7", DASH]


def test_csv_gives_blockers_by_id_and_unanswered_sections_empty() -> None:
    summary, rows = batch()
    read = list(csv.DictReader(io.StringIO("".join(summary_csv(summary, rows)))))
    by_source = {r["source"]: r for r in read}
    hyperlink = by_source["answers/hyperlink.yaml"]
    assert (hyperlink["blockers"], hyperlink["blockers_lowering_band"]) == (
        "willing.motivation",
        "",
    )
    assert (hyperlink["relationship"], hyperlink["resources"]) == ("", "0.0")
    cmd = by_source["answers/cmd.yaml"]
    assert cmd["blockers_lowering_band"] == cmd["capped_by"] == "willing.motivation"
    minus = by_source["answers/minus.yaml"]
    assert (minus["provisional"], minus["top_gap"], minus["top_gap_text"]) == (
        "true",
        "resources.money",
        "Is money set aside?",
    )
    assert by_source["answers/mon.yaml"]["provisional"] == "false"


def test_json_gives_blockers_with_their_text_and_unanswered_sections_null() -> None:
    summary, rows = batch()
    document = json.loads("".join(summary_json(summary, rows, len(rows))))
    by_source = {r["source"]: r for r in document["rows"]}
    assert by_source["answers/cmd.yaml"]["blockers"] == [
        {
            "qid": "willing.motivation",
            "text": MOTIVATION,
            "status": "answered",
            "lowered_band": True,
        }
    ]
    hyperlink = by_source["answers/hyperlink.yaml"]
    assert hyperlink["sections"] == {"willing": 11.1, "resources": 0.0, "relationship": None}
    assert hyperlink["blockers"][0]["lowered_band"] is False and hyperlink["capped_by"] == []
    assert by_source["answers/minus.yaml"]["provisional"] is True


def test_no_csv_cell_can_be_read_as_a_formula() -> None:
    summary, rows = batch()
    text = "".join(summary_csv(summary, rows))
    read = list(csv.reader(io.StringIO(text)))
    assert [cell for row in read for cell in row if cell.startswith(FORMULA_START)] == []
    services = [row[0] for row in read[1:] if row[2] == "scored"]
    assert services == [
        "'+cmd|' /C calc'!A0",
        "'-2+3",
        '\'=HYPERLINK("http://x","y")',
        "'@SUM(1+1)",
        "Archifau Môn",
    ]


def test_csv_lists_each_file_that_could_not_be_scored_with_its_first_problem() -> None:
    summary, rows = batch()
    read = list(csv.DictReader(io.StringIO("".join(summary_csv(summary, rows)))))
    failed = [(r["source"], r["problem"]) for r in read if r["status"] == "could-not-be-scored"]
    assert failed == [
        ("\\r@x.yaml", "'+4 error"),  # a carriage return or tab shown as an escape
        ("'=1+1.yaml", "\\t=2+2 error"),
        ("answers/broken.yaml", "4:14: error: assessed_on: not a date [schema]"),
    ]
    assert all(r["overall"] == r["service"] == r["report"] == "" for r in read[-3:])
