"""An answer file made for another version of the bank: what no longer matches is set aside
and listed with the answer given, and an id close to a current question is flagged as a
likely typo, on stderr and in the summary, not only in the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_check.answers.match import read_answers
from partnership_check.bank.load import load_bank
from partnership_check.cli import main
from partnership_check.render.report import render_markdown
from partnership_check.scoring.score import score_service

BANK = Path(__file__).parents[1] / "data" / "scoring" / "bank.yaml"
OLD = """\
bank: scoring-test
bank_version: "0.9"
service: Oldfield Archives
assessed_on: 2025-11-01
answers:
  willing.motivaton: largely
  willing.aims: fully
  resources.retired-question: fully
"""


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "old.yaml"
    path.write_text(OLD, encoding="utf-8")
    return path


def test_a_close_id_is_a_warning_with_the_nearest_question(old_file: Path) -> None:
    bank = load_bank(BANK)
    _loaded, matched = read_answers(bank, old_file)
    assert [(p.rule, p.severity, p.line) for p in matched.warnings] == [
        ("answers-unknown-question-other-version", "warning", 6)
    ]
    assert "did you mean 'willing.motivation'?" in matched.warnings[0].message
    assert matched.dropped == (
        ("willing.motivaton", "largely", "willing.motivation"),
        ("resources.retired-question", "fully", None),
    )
    assert "willing.aims" in matched.answers


def test_the_report_lists_each_answer_set_aside_with_what_was_given(old_file: Path) -> None:
    bank = load_bank(BANK)
    loaded, matched = read_answers(bank, old_file)
    text = render_markdown(score_service(bank, loaded.file, matched, "old.yaml"))
    assert "- willing.motivaton: largely. No question has this id; did you mean" in text
    assert "- resources.retired-question: fully" in text


def test_score_says_so_on_stderr_and_in_the_summary_and_exits_1(
    old_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    copy = tmp_path / "old-copy.yaml"
    copy.write_text(OLD, encoding="utf-8")
    args = ["score", str(old_file), str(copy), "--bank", str(BANK), "--out", str(out)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "willing.motivaton: no such question in version 1.0" in err
    assert "resources.retired-question = fully" in err
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "## Answers set aside" in summary
    assert "willing.motivaton = largely (did you mean willing.motivation?)" in summary
    assert main([*args, "--fail-on", "none"]) == 0
