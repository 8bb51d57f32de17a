"""The batch summary's rows say what each report says: every blocker that fired, sections
not answered yet as none (never 0), an answered biggest gap, and a provisional score.

The answer files are in tests/data/summary, against the scoring test bank; each says what
it shows. Willing partners has weight 2, Money and time and Relationships weight 1.
"""

from __future__ import annotations

from pathlib import Path

from partnership_check.answers.match import read_answers
from partnership_check.bank.load import load_bank
from partnership_check.scoring.results import ServiceResult
from partnership_check.scoring.score import score_service
from partnership_check.views.summary import SummaryBlocker, SummaryRow, summary_row

DATA = Path(__file__).parents[1] / "data"
BANK = load_bank(DATA / "scoring" / "bank.yaml")
MOTIVATION = "Does each partner want this for its own reasons?"


def result_of(name: str) -> ServiceResult:
    loaded, matched = read_answers(BANK, DATA / "summary" / name)
    return score_service(BANK, loaded.file, matched, name)


def row_of(name: str) -> SummaryRow:
    return summary_row(result_of(name), f"answers/{name}", "report.md")


def test_a_blocker_that_did_not_lower_the_band_is_still_listed() -> None:
    result = result_of("hyperlink.yaml")
    assert result.overall.band.label == "Not yet ready" and not result.overall.capped
    row = summary_row(result, "answers/hyperlink.yaml", "report.md")
    assert row.capped_by == ()
    fired = SummaryBlocker(
        qid="willing.motivation", text=MOTIVATION, status="answered", lowered_band=False
    )
    assert row.blockers == (fired,)


def test_a_blocker_that_lowered_the_band_says_so() -> None:
    row = row_of("cmd.yaml")
    assert (row.overall, row.band) == (66.7, "Not yet ready")  # the average alone: Developing
    assert row.capped_by == ("willing.motivation",)
    assert [(b.qid, b.lowered_band) for b in row.blockers] == [("willing.motivation", True)]


def test_a_blocker_fired_for_want_of_an_answer_says_why() -> None:
    """Unanswered or "don't know": it is not known whether partners want this, which is
    not the same as a weak answer."""
    assert [(b.qid, b.status, b.lowered_band) for b in row_of("minus.yaml").blockers] == [
        ("willing.motivation", "unanswered", False)
    ]
    assert [(b.qid, b.status, b.lowered_band) for b in row_of("at.yaml").blockers] == [
        ("willing.motivation", "dont-know", True)
    ]


def test_a_section_not_answered_yet_has_no_score_not_zero() -> None:
    result = result_of("hyperlink.yaml")
    scores = {s.id: s.score for s in result.sections}
    assert scores["relationship"] == 0.0 and scores["resources"] == 0.0  # as worked out
    row = summary_row(result, "answers/hyperlink.yaml", "report.md")
    # Relationships: nothing answered; Money and time: answered "Not at all", a real 0.
    assert row.sections == {"willing": 11.1, "resources": 0.0, "relationship": None}


def test_the_biggest_gap_is_an_answered_one() -> None:
    result = result_of("minus.yaml")
    assert result.gaps[0].kind == "unanswered"  # the unanswered blocker costs the most
    row = summary_row(result, "answers/minus.yaml", "report.md")
    assert (row.top_gap, row.top_gap_kind, row.top_gap_text) == (
        "resources.money",
        "low-score",
        "Is money set aside?",
    )
    at = row_of("at.yaml")
    assert (at.top_gap, at.top_gap_kind) == ("willing.motivation", "dont-know")


def test_no_biggest_gap_when_only_unanswered_questions_hold_the_score_back() -> None:
    result = result_of("minus.yaml")
    only_unanswered = tuple(g for g in result.gaps if g.kind == "unanswered")
    row = summary_row(result.model_copy(update={"gaps": only_unanswered}), "a.yaml", "a.md")
    assert (row.top_gap, row.top_gap_kind, row.top_gap_text) == (None, None, None)


def test_a_provisional_score_is_marked() -> None:
    assert row_of("minus.yaml").provisional  # 2 of the 6 questions that count
    assert not row_of("hyperlink.yaml").provisional  # 4 of 6


def test_a_file_with_nothing_that_counts_answered_is_not_started() -> None:
    result = result_of("blank.yaml")
    assert result.overall.score == 0.0 and result.blockers  # what the zeros work out to
    row = summary_row(result, "answers/blank.yaml", "report.md")
    assert (row.status, row.service, row.overall, row.band, row.provisional) == (
        "not-started",
        "Wiltshire",
        None,
        None,
        None,
    )
    assert row.blockers == () and row.top_gap is None
    assert set(row.sections.values()) == {None}


def test_a_started_file_is_scored_even_when_little_is_answered() -> None:
    assert row_of("minus.yaml").status == "scored"


def test_without_a_score_there_is_no_band() -> None:
    """When no scored question applies there is no score, so no band can be claimed."""
    result = result_of("mon.yaml")
    no_score = result.overall.model_copy(update={"score": None})
    row = summary_row(result.model_copy(update={"overall": no_score}), "a.yaml", "a.md")
    assert (row.status, row.overall, row.band, row.provisional) == ("scored", None, None, None)
