"""A report scored with a bank of another kind says nothing that belongs to the bundled bank:
no benefits, no money and time, no Accreditation, no contact the bank did not give."""

from __future__ import annotations

from pathlib import Path

from partnership_check.answers.match import read_answers
from partnership_check.bank.load import load_bank
from partnership_check.render.report import render_markdown
from partnership_check.scoring.score import score_service
from tests.conftest import check_golden

DATA = Path(__file__).parents[1] / "data" / "other-bank"


def report() -> str:
    bank = load_bank(DATA / "community.yaml")
    loaded, matched = read_answers(bank, DATA / "millbrook.yaml")
    return render_markdown(score_service(bank, loaded.file, matched, "millbrook.yaml"))


def test_golden() -> None:
    check_golden("other-bank.md", report())


def test_nothing_of_the_bundled_bank_leaks_in() -> None:
    text = report().casefold()
    for words in ("benefit", "accreditation", "national archives", "engagement manager", "money"):
        assert words not in text, words
    assert "## blockers" in text and "## next steps" in text


def test_the_bundled_bank_gives_its_help_contact_as_a_next_step() -> None:
    bank = load_bank()
    assert bank.help_contact is not None
    assert "Engagement Manager at The National Archives" in bank.help_contact


def test_an_unanswered_commitment_section_is_not_answered_not_0() -> None:
    bank = load_bank()
    path = Path(__file__).parents[1] / "data" / "compare" / "network" / "southport.yaml"
    loaded, matched = read_answers(bank, path)
    result = score_service(bank, loaded.file, matched, path.name)
    assert result.benefits.commitment_score is None and result.benefits.mismatch
    text = render_markdown(result)
    assert "Money and, above all, time is not answered yet" in text
    assert "time scores 0.0 out of 100" not in text
