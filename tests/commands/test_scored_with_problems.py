"""Answer files as people type them: what can be read is scored as if typed exactly, and
an answer that cannot be read leaves only its question unanswered, said in the report and
in the summary."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from partnership_check.cli import main

DATA = Path(__file__).parents[1] / "data"
BANK = str(DATA / "scoring" / "bank.yaml")
CANONICAL = DATA / "forgiving" / "canonical.yaml"
AS_TYPED = DATA / "forgiving" / "as-typed.yaml"


def scored_json(path: Path, out: Path) -> dict[str, object]:
    assert main(["score", "--bank", BANK, str(path), "--out", str(out), "--format", "json"]) == 0
    [report] = out.glob("*.json")
    result: dict[str, object] = json.loads(report.read_text(encoding="utf-8"))
    result.pop("source")
    return result


def test_answers_as_typed_score_exactly_as_the_same_answers_by_id(tmp_path: Path) -> None:
    typed = scored_json(AS_TYPED, tmp_path / "typed")
    assert typed == scored_json(CANONICAL, tmp_path / "canonical")
    assert typed["problems"] == []


@pytest.fixture
def typo(tmp_path: Path) -> Path:
    path = tmp_path / "typo.yaml"
    text = AS_TYPED.read_text(encoding="utf-8").replace("Testshire", "Typoshire")
    path.write_text(text.replace("willing.motivation: Largely", "willing.motivation: largley"))
    return path


def test_a_typo_leaves_only_its_question_unanswered_and_is_listed_everywhere(
    typo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    args = ["score", "--bank", BANK, str(typo), str(CANONICAL), "--out", str(out)]
    assert main([*args, "--format", "md,json,html"]) == 1
    err = capsys.readouterr().err
    assert f"{typo}:10:23: error: willing.motivation: unknown choice 'largley' (did you mean" in err
    report = (out / "typoshire-archives-2026-03-01.md").read_text(encoding="utf-8")
    assert "**Scored with 1 problem:** 1 answer in the answer file could not be read" in report
    assert (
        "- **Does each partner want this for its own reasons?** (`willing.motivation`, line 10):"
        " the answer *largley* is not one of this question's answers, so the question is left"
        " unanswered. Did you mean *Largely*?"
    ) in report
    # The blocker on that question fires as for no answer, and says why.
    assert "The answer given, *largley*, could not be read" in report
    html = (out / "typoshire-archives-2026-03-01.html").read_text(encoding="utf-8")
    assert "Problems in the answer file" in html and "largley" in html
    result = json.loads((out / "typoshire-archives-2026-03-01.json").read_text(encoding="utf-8"))
    statuses = {q["qid"]: q["status"] for s in result["sections"] for q in s["questions"]}
    assert statuses["willing.motivation"] == "unanswered"
    assert statuses["willing.aims"] == "answered"
    assert [b["qid"] for b in result["blockers"]] == ["willing.motivation"]
    assert [(p["reason"], p["given"], p["meant"]) for p in result["problems"]] == [
        ("unknown-choice", "largley", "Largely")
    ]

    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "2 scored (1 incomplete, 1 with problems)" in summary
    assert "(scored with 1 problem)" in summary and "## Scored with problems" in summary
    assert "Did you mean *Largely*?" in summary
    with (out / "summary.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = {row["service"]: row for row in csv.DictReader(f)}
    assert rows["Typoshire Archives"]["status"] == "scored"
    assert rows["Typoshire Archives"]["problem"].startswith("scored with 1 problem: 10:23: error:")
    assert rows["Testshire Archives"]["problem"] == ""
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (data["scored"], data["with_problems"], data["failed"]) == (2, 1, 0)
    assert main([*args, "--fail-on", "none"]) == 0


def test_a_report_lists_a_hundred_problems_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [f"  willing.aims{index}: fully" for index in range(150)]
    path = tmp_path / "many.yaml"
    path.write_text(CANONICAL.read_text(encoding="utf-8") + "\n".join(lines) + "\n")
    out = tmp_path / "out"
    args = ["score", "--bank", BANK, str(path), "--out", str(out), "--format", "md,json"]
    assert main(args) == 1
    assert capsys.readouterr().err.count("[answers-unknown-question]") == 150
    result = json.loads((out / "testshire-archives-2026-03-01.json").read_text(encoding="utf-8"))
    assert (len(result["problems"]), result["problems_more"]) == (100, 50)
    assert result["problems"][-1]["qid"] == "willing.aims99"
    report = (out / "testshire-archives-2026-03-01.md").read_text(encoding="utf-8")
    assert (
        "**Scored with 150 problems:** 150 answers in the answer file could not be read" in report
    )
    assert "- and 50 more, each listed with its line when the file is scored." in report


def test_a_note_cut_short_is_scored_and_named_as_a_note_to_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cut = tmp_path / "cut.yaml"
    text = CANONICAL.read_text(encoding="utf-8")
    cut.write_text(text.replace('"Two days a month, Senior Archivist"', "\u201cTwo days # a month"))
    args = ["score", "--bank", BANK, str(cut), str(CANONICAL), "--out", str(tmp_path / "out")]
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert "[answers-typographic-quotes]" in err
    assert (
        out.splitlines()[0] == "Scored 2 of 2 answer files, 1 with a note to check (listed above)."
    )
    assert main([*args, "--fail-on", "none"]) == 0
