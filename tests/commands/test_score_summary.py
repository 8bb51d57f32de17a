"""The summary of a batch as an engagement manager reads it: summary.md, summary.csv (as
a spreadsheet opens it) and summary.json, written by ``score`` for a folder of files."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from partnership_check.cli import main
from partnership_check.render.filters import escape_inline
from tests.conftest import markdown_tables

DATA = Path(__file__).parents[1] / "data"
BANK = str(DATA / "scoring" / "bank.yaml")
MIXED = DATA / "scoring" / "mixed.yaml"


def score_folder(
    capsys: pytest.CaptureFixture[str], folder: Path, *args: str
) -> tuple[int, str, Path]:
    out = folder.parent / "out"
    code = main(["score", "--bank", BANK, str(folder), "--out", str(out), *args])
    stdout, _ = capsys.readouterr()
    return code, stdout, out


def read_csv(out: Path) -> list[dict[str, str]]:
    with (out / "summary.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def read_json(out: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return loaded


def blank_and_mixed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    assert main(["template", "--bank", BANK, "-o", str(folder / "blank.yaml")]) == 0
    shutil.copy(MIXED, folder / "mixed.yaml")
    capsys.readouterr()
    return folder


def test_a_blank_template_is_not_started_not_scored_as_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = blank_and_mixed(tmp_path, capsys)
    code, stdout, out = score_folder(capsys, folder)
    assert code == 0
    assert stdout.splitlines()[0] == (
        "Scored 1 of 2 answer files, 1 not started (nothing that counts is answered)."
    )
    markdown = (out / "summary.md").read_text(encoding="utf-8")
    assert "2 found, 1 scored, 1 not started, 0 could not be scored" in markdown
    services, not_started = markdown.split("## Not started\n", 1)
    assert "blank.yaml" not in services and "Unnamed service" not in services
    assert f"- {escape_inline(str(folder / 'blank.yaml'))}\n" in not_started
    rows = {r["source"]: r for r in read_csv(out)}
    blank = rows[str(folder / "blank.yaml")]
    assert blank["status"] == "not-started"
    assert [blank[k] for k in ("overall", "band", "willing", "resources", "top_gap")] == [""] * 5
    assert rows[str(folder / "mixed.yaml")]["status"] == "scored"
    summary = read_json(out)
    assert (summary["scored"], summary["not_started"]) == (1, 1)
    row = next(r for r in summary["rows"] if r["status"] == "not-started")
    assert (row["overall"], row["band"], row["provisional"]) == (None, None, None)
    assert (out / row["report"]).is_file()  # its report, saying it is not filled in, is kept
    assert "has not been filled in yet" in (out / row["report"]).read_text(encoding="utf-8")


def test_a_file_not_started_fails_only_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = blank_and_mixed(tmp_path, capsys)
    (folder / "mixed.yaml").unlink()
    shutil.copy(folder / "blank.yaml", folder / "other.yaml")
    assert score_folder(capsys, folder)[0] == 0
    assert score_folder(capsys, folder, "--fail-on", "incomplete")[0] == 1


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BROKEN = "bank: scoring-test\nbank_version: [\n"


def test_summary_csv_opens_in_a_spreadsheet_as_text_with_no_formula(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The formula-named services of tests/data/summary, and a file that cannot be scored
    named like a formula on the command line."""
    shutil.copytree(DATA / "summary", tmp_path / "in")
    (tmp_path / "=SUM(9).yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["score", "--bank", BANK, "in", "=SUM(9).yaml", "--out", "out"])
    capsys.readouterr()
    assert code == 1
    raw = (tmp_path / "out" / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfservice,") and "Môn".encode() in raw
    with (tmp_path / "out" / "summary.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    cells = [cell for row in rows for cell in row.values()]
    assert [cell for cell in cells if cell.startswith(FORMULA_START)] == []
    assert sorted(r["service"] for r in rows if r["status"] == "scored") == [
        "'+cmd|' /C calc'!A0",
        "'-2+3",
        '\'=HYPERLINK("http://x","y")',
        "'@SUM(1+1)",
        "Archifau Môn",
    ]
    failed = [r for r in rows if r["status"] == "could-not-be-scored"]
    assert [r["source"] for r in failed] == ["'=SUM(9).yaml"]
    assert failed[0]["problem"].startswith("3:1: error: ")
    assert failed[0]["problem"].endswith(" [yaml-syntax]")


def test_no_section_not_answered_yet_is_shown_as_zero_anywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each service's own JSON result says which sections have nothing answered; the
    summary shows each of them as a dash, an empty cell and null, never 0."""
    shutil.copytree(DATA / "summary", tmp_path / "in")
    code, _, out = score_folder(capsys, tmp_path / "in", "--format", "md,json")
    assert code == 0
    csv_rows = {r["source"]: r for r in read_csv(out)}
    md_rows = {row[0]: row for row in markdown_tables((out / "summary.md").read_text("utf-8"))[1]}
    titles = md_rows.pop("Service")
    not_answered = 0
    for row in read_json(out)["rows"]:
        result = json.loads((out / row["report"]).with_suffix(".json").read_text("utf-8"))
        for section in (s for s in result["sections"] if s["counts"]):
            if section["applicable"] and not section["answered"]:
                not_answered += 1
                assert section["score"] == 0.0  # what it works out to, never shown
                assert row["sections"][section["id"]] is None
                assert csv_rows[row["source"]][section["id"]] == ""
                if row["status"] == "scored":
                    md_row = md_rows[row["service"]]
                    assert md_row[titles.index(section["title"])] == "\N{EN DASH}"
    assert not_answered >= 5  # two services with a section not answered, and a blank file
