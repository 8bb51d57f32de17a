"""questions/README.md stays true: its worked example passes validate --strict and scores to a
report with nothing of the bundled bank in it, and it names every rule validate applies."""

from __future__ import annotations

import re
from pathlib import Path

from partnership_check.answers.match import read_answers
from partnership_check.bank.load import check_bank, parse_bank
from partnership_check.bank.validation import ValidationResult
from partnership_check.render.report import render_markdown
from partnership_check.scoring.score import score_service
from tests.bank.test_validation import bank_rule_ids
from tests.conftest import check_golden

ROOT = Path(__file__).parents[2]
README = (ROOT / "questions" / "README.md").read_text(encoding="utf-8")
ANSWERS = ROOT / "tests" / "data" / "other-bank" / "hallam.yaml"
# Rules of the loader and of the bank's structure, beside those of bank/rules.py.
OTHER_RULES = {
    "file-missing",
    "file-unreadable",
    "file-not-regular",
    "file-too-large",
    "file-binary",
    "file-encoding",
    "file-empty",
    "text-surrogate",
    "yaml-syntax",
    "yaml-alias",
    "yaml-tag",
    "yaml-too-deep",
    "duplicate-key",
    "top-level-not-mapping",
    "answer-file-not-bank",
    "schema",
}


def worked_example() -> str:
    """The first YAML block after the heading of the worked example."""
    after = README.split("## A worked example", 1)[1]
    found = re.search(r"```yaml\n(.*?)```", after, re.DOTALL)
    assert found is not None
    return found[1]


def test_the_worked_example_passes_validate_strict() -> None:
    bank, problems = check_bank("special-collections.yaml", worked_example())
    result = ValidationResult(strict=True)
    result.add(problems)
    assert bank is not None
    assert result.problems == []


def report() -> str:
    bank = parse_bank("special-collections.yaml", worked_example())
    loaded, matched = read_answers(bank, ANSWERS)
    return render_markdown(score_service(bank, loaded.file, matched, ANSWERS.name))


def test_a_report_scored_with_the_worked_example() -> None:
    check_golden("special-collections.md", report())


def test_the_report_says_nothing_the_worked_example_does_not_declare() -> None:
    text = report().casefold()
    for words in ("benefit", "accreditation", "national archives", "engagement manager", "money"):
        assert words not in text, words
    assert "## blockers" in text and "## next steps" in text


def test_every_rule_is_named_in_the_bank_docs() -> None:
    for rule in sorted(bank_rule_ids() | OTHER_RULES):
        assert f"`{rule}`" in README, rule
