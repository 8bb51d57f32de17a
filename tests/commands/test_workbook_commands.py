"""Every command that reads answers reads a workbook: compare, progress, assess --resume
(answers carried on in YAML beside the workbook, never written into it); and reading YAML
never loads the workbook library."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from partnership_check.cli import main
from partnership_check.errors import InputError, Interrupted

from ..answers.workbooks import A_DATE, SMALL, blank, fill
from .assess_script import Script
from .assess_script import run as run_assess

EAST = {"context.kind": "Shared service", "willing.motivation": "Fully", "willing.legal": "Partly"}
WEST = {"context.kind": "Shared service", "willing.motivation": "Not at all"}


def _workbooks(folder: Path) -> tuple[Path, Path]:
    empty = blank(folder)
    east = fill(empty, folder / "east.xlsx", service="East", date=A_DATE, answers=EAST)
    west = fill(empty, folder / "west.xlsx", service="West", date=A_DATE, answers=WEST)
    return east, west


def test_compare_reads_workbooks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    east, west = _workbooks(tmp_path)
    out = tmp_path / "partnership.md"
    assert main(["compare", "--bank", str(SMALL), str(east), str(west), "-o", str(out)]) == 0
    result = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert sorted(p["service"] for p in result["partners"]) == ["East", "West"]


def test_a_bad_workbook_in_compare_is_named_by_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    east, _west = _workbooks(tmp_path)
    answers = {**EAST, "willing.motivation": "fuly"}
    typo = fill(blank(tmp_path), tmp_path / "typo.xlsx", service="Typo", answers=answers)
    out = tmp_path / "partnership.md"
    assert main(["compare", "--bank", str(SMALL), str(east), str(typo), "-o", str(out)]) == 1
    assert f"{typo}:Answers!D10: error: willing.motivation: unknown choice 'fuly'" in (
        capsys.readouterr().err
    )
    # The partner is in the view, marked, with only that question left unanswered.
    assert "Typo (with problems)" in out.read_text(encoding="utf-8")


def test_progress_reads_a_workbook_against_a_yaml_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    last_year = tmp_path / "2025.yaml"
    last_year.write_text(
        'bank: small\nbank_version: "1.0"\nservice: East\nassessed_on: 2025-11-25\n'
        "answers:\n  context.kind: shared-service\n  willing.motivation: partly\n",
        encoding="utf-8",
    )
    this_year, _west = _workbooks(tmp_path)
    out = tmp_path / "progress.md"
    assert (
        main(["progress", "--bank", str(SMALL), str(last_year), str(this_year), "-o", str(out)])
        == 0
    )
    assert "Fully" in out.read_text(encoding="utf-8")


def test_assess_resumes_a_workbook_in_yaml_beside_it(tmp_path: Path) -> None:
    east, _west = _workbooks(tmp_path)
    before = east.read_bytes()
    script = Script(tmp_path, [KeyboardInterrupt])
    with pytest.raises(Interrupted) as stopped:
        run_assess(tmp_path, script, resume=east, service=None)
    saved = tmp_path / "east.answers.yaml"
    data: dict[str, Any] = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert data["service"] == "East"
    assert data["answers"]["willing.motivation"] == "fully"
    assert f"Its answers are saved to {saved}" in " ".join(script.said)
    assert f"--resume {saved}" in str(stopped.value)
    assert east.read_bytes() == before


def test_assess_refuses_to_resume_a_workbook_with_an_answer_it_cannot_read(
    tmp_path: Path,
) -> None:
    # As for a YAML file: carrying on would save the answers without the one typed wrong,
    # and ask its question as if it had never been answered.
    answers = {**EAST, "willing.motivation": "fuly"}
    typo = fill(blank(tmp_path), tmp_path / "typo.xlsx", service="Typo", answers=answers)
    script = Script(tmp_path, [KeyboardInterrupt])
    with pytest.raises(InputError) as refused:
        run_assess(tmp_path, script, resume=typo, service=None)
    assert (
        refused.value.problems[0]
        .format()
        .startswith(f"{typo}:Answers!D10: error: willing.motivation: unknown choice 'fuly'")
    )
    assert not list(tmp_path.glob("*.answers.yaml"))
    assert script.asked == []


def test_reading_yaml_never_loads_the_workbook_library(tmp_path: Path) -> None:
    answers = tmp_path / "east.yaml"
    answers.write_text('bank: small\nbank_version: "1.0"\nanswers: {}\n', encoding="utf-8")
    code = (
        "import sys; from partnership_check.cli import main; "
        f"main(['score', '--bank', {str(SMALL)!r}, {str(answers)!r}, '--out', "
        f"{str(tmp_path / 'out')!r}]); print('openpyxl' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "False"


def test_no_output_replaces_a_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    east, west = _workbooks(tmp_path)
    other = fill(blank(tmp_path, "other.xlsx"), tmp_path / "north.xlsx", service="North")
    before = other.read_bytes()
    assert main(["compare", "--bank", str(SMALL), str(east), str(west), "-o", str(other)]) == 2
    assert "would replace the answer file" in capsys.readouterr().err
    assert other.read_bytes() == before


def test_a_workbook_answer_that_cannot_be_read_is_placed_by_its_cell_in_every_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    returned = tmp_path / "returned"
    returned.mkdir()
    answers = {**EAST, "willing.motivation": "fuly"}
    fill(blank(tmp_path), returned / "typo.xlsx", service="Typo", date=A_DATE, answers=answers)
    out = tmp_path / "out"
    assert main(["score", "--bank", str(SMALL), str(returned), "--out", str(out)]) == 1
    capsys.readouterr()
    report = next(out.glob("typo-*.md")).read_text(encoding="utf-8")
    summary = (out / "summary.md").read_text(encoding="utf-8")
    for text in (report, summary):
        # A head of service can find the answer to correct: the cell, not "in the answer file".
        assert "(`willing.motivation`, cell Answers!D10)" in text
    row = json.loads((out / "summary.json").read_text(encoding="utf-8"))["rows"][0]
    assert row["problems"][0]["cell"] == "Answers!D10"


def test_progress_of_a_workbook_with_a_problem_does_not_send_the_reader_to_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    east, _west = _workbooks(tmp_path)
    answers = {**EAST, "willing.motivation": "fuly"}
    later = fill(blank(tmp_path), tmp_path / "later.xlsx", service="East", answers=answers)
    out = tmp_path / "progress.md"
    assert main(["progress", "--bank", str(SMALL), str(east), str(later), "-o", str(out)]) == 1
    assert f"{later}:Answers!D10: error:" in capsys.readouterr().err
    # A workbook has cells, not lines: the advice names neither wrongly.
    text = out.read_text(encoding="utf-8")
    assert "Correct the file (the problem is printed with where it is in the file)" in text
