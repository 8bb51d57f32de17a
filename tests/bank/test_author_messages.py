"""Bank authors get question ids, a suggested key, and every problem despite a typo."""

from __future__ import annotations

from pathlib import Path

from partnership_check.bank.load import check_bank

MINIMAL = (Path(__file__).parents[1] / "data" / "valid" / "minimal.yaml").read_text(
    encoding="utf-8"
)


def test_misspelt_key_names_the_question_and_suggests_the_key() -> None:
    text = MINIMAL.replace("recommendation: {text: Take", "recomendation: {text: Take")
    bank, problems = check_bank("b.yaml", text)
    assert bank is None
    [problem] = problems
    assert problem.message == (
        "question willing.legal, recomendation: unknown key; did you mean 'recommendation'?"
    )
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "recomendation" in row)
    assert (problem.line, problem.column) == (line, 9)


def test_a_typo_does_not_hide_the_other_problems() -> None:
    text = MINIMAL.replace("recommendation: {text: Take", "recomendation: {text: Take")
    text = text.replace("cap: not-ready", "cap: not-redy")
    _, problems = check_bank("b.yaml", text)
    assert sorted(p.rule for p in problems) == ["gate-unknown-band", "schema"]
    assert all(p.severity == "error" for p in problems)  # no "missing recommendation" noise


def test_other_structural_errors_still_stop_the_rules() -> None:
    text = MINIMAL.replace("effort: quick-win", "effort: someday")
    text = text.replace("cap: not-ready", "cap: not-redy")
    _, problems = check_bank("b.yaml", text)
    assert [p.rule for p in problems] == ["schema"]
    assert problems[0].message.startswith("question willing.motivation, recommendation.effort:")


def test_unknown_key_far_from_any_known_one_gets_no_guess() -> None:
    text = MINIMAL.replace("title: Minimal bank", "title: Minimal bank\nzzzz: 1")
    _, problems = check_bank("b.yaml", text)
    assert [p.message for p in problems] == [
        "zzzz: unknown key; check its spelling against the documented keys"
    ]
