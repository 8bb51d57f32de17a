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
