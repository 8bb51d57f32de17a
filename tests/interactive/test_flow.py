"""The questionnaire state machine, without a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_check.answers.model import Answer, AnswerFile, LongAnswer
from partnership_check.bank.load import load_bank
from partnership_check.bank.model import Bank
from partnership_check.interactive.flow import Flow, describe

SMALL = Path(__file__).parents[1] / "data" / "assess" / "small.yaml"


@pytest.fixture
def small() -> Bank:
    return load_bank(SMALL)


def test_a_new_flow_starts_at_the_first_question(small: Bank) -> None:
    flow = Flow(small)
    assert flow.cursor == "context.kind"
    assert not flow.can_go_back()
    assert flow.back() is False
    assert flow.cursor == "context.kind"


def test_answers_walk_forward_in_bank_order_then_review(small: Bank) -> None:
    flow = Flow(small)
    seen = []
    replies = {
        "context.kind": "informal",
        "context.partners": "Kent",
        "willing.motivation": "partly",
        "benefits.sought": ["funding"],
    }
    while flow.cursor is not None:
        seen.append(flow.cursor)
        flow.answer(flow.cursor, replies[flow.cursor])
    assert seen == list(replies)  # willing.legal is hidden: kind is not shared-service


def test_position_counts_only_the_questions_shown(small: Bank) -> None:
    flow = Flow(small)
    assert flow.position("willing.motivation").label() == (
        "Willing partners — question 1 of 1 · 3 of about 4 overall"  # kind not answered
    )
    flow.answer("context.kind", "shared-service")
    assert flow.position("willing.legal").label() == (
        "Willing partners — question 2 of 2 · 4 of 5 overall"
    )


def test_back_then_reanswer_returns_to_where_the_person_was(small: Bank) -> None:
    flow = Flow(small)
    flow.answer("context.kind", "informal")
    flow.answer("context.partners", "Kent")
    assert flow.cursor == "willing.motivation"
    assert flow.back() and flow.cursor == "context.partners"
    assert flow.back() and flow.cursor == "context.kind"
    flow.answer("context.kind", "informal")
    assert flow.cursor == "willing.motivation"  # partners is already answered
    assert flow.answers["context.partners"].value == "Kent"


def test_changing_a_condition_sets_answers_aside_and_changing_it_back_restores_them(
    small: Bank,
) -> None:
    flow = Flow(small)
    flow.answer("context.kind", "shared-service")
    flow.answer("context.partners", None)
    flow.answer("willing.motivation", "fully")
    flow.answer("willing.legal", "partly")
    assert flow.cursor == "benefits.sought"
    flow.back()
    flow.back()
    flow.back()
    flow.back()
    assert flow.cursor == "context.kind"
    dropped = flow.answer("context.kind", "informal")
    assert dropped == ["willing.legal"]
    assert "willing.legal" not in flow.answers  # not shown, asked or scored
    assert flow.kept_aside == {"willing.legal": Answer("partly")}
    assert flow.to_file(_base(small)).answers["willing.legal"] == "partly"  # but saved
    assert flow.cursor == "benefits.sought"
    flow.edit("context.kind")
    assert flow.answer("context.kind", "shared-service") == []
    assert flow.restored == ["willing.legal"]
    assert flow.answers["willing.legal"] == Answer("partly") and not flow.kept_aside
    assert flow.cursor == "benefits.sought"  # not asked again


def test_an_optional_question_left_empty_counts_as_settled(small: Bank) -> None:
    flow = Flow(small)
    flow.answer("context.kind", "informal")
    flow.answer("context.partners", "")
    assert flow.answers["context.partners"].value is None
    assert flow.cursor == "willing.motivation"
    resumed = Flow(small, flow.answers)
    assert resumed.cursor == "willing.motivation"


def test_a_required_question_without_a_value_is_asked_again(small: Bank) -> None:
    flow = Flow(small, {"context.kind": Answer(None), "context.partners": Answer("Kent")})
    assert flow.cursor == "context.kind"


def test_resume_starts_at_the_first_open_question(small: Bank) -> None:
    answers = {
        "context.kind": Answer("informal"),
        "willing.motivation": Answer("fully", "minutes"),
    }
    flow = Flow(small, answers)
    assert flow.cursor == "context.partners"
    flow.answer("context.partners", "Kent")
    assert flow.cursor == "benefits.sought"


def test_review_edit_returns_to_review(small: Bank) -> None:
    flow = _complete(small)
    assert flow.cursor is None
    flow.edit("willing.motivation")
    assert flow.cursor == "willing.motivation"
    flow.answer("willing.motivation", "no")
    assert flow.cursor is None


def test_review_edit_that_reveals_a_question_asks_it_before_review(small: Bank) -> None:
    flow = _complete(small)
    flow.edit("context.kind")
    flow.answer("context.kind", "shared-service")
    assert flow.cursor == "willing.legal"
    flow.answer("willing.legal", "partly")
    assert flow.cursor is None


def test_back_from_review_goes_to_the_last_question(small: Bank) -> None:
    flow = _complete(small)
    assert flow.can_go_back()
    assert flow.back() and flow.cursor == "benefits.sought"


def test_notes_are_kept_changed_and_cleared(small: Bank) -> None:
    flow = _complete(small)
    flow.set_note("willing.motivation", "  Minutes, 3 May ")
    saved = flow.to_file(_base(small)).answers["willing.motivation"]
    assert saved == LongAnswer(answer="partly", note="Minutes, 3 May")
    flow.set_note("willing.motivation", "")
    assert flow.to_file(_base(small)).answers["willing.motivation"] == "partly"


def test_to_file_is_in_bank_order_with_the_banks_version(small: Bank) -> None:
    flow = Flow(small)
    flow.answer("context.kind", "informal")
    flow.edit("benefits.sought")
    flow.answer("benefits.sought", ["access", "funding"])
    flow.edit("context.partners")
    flow.answer("context.partners", "Kent")
    base = _base(small).model_copy(update={"bank_version": "0.9"})
    saved = flow.to_file(base)
    assert list(saved.answers) == ["context.kind", "context.partners", "benefits.sought"]
    assert saved.bank_version == "1.0"
    assert saved.service == "Example Record Office"


def test_review_rows_show_labels(small: Bank) -> None:
    rows = _complete(small).review_rows()
    assert [(r.number, r.answer) for r in rows] == [
        (1, "Informal collaboration"),
        (2, "Kent"),
        (3, "Partly"),
        (4, "Securing funding; Better access for users"),
    ]


def test_describe_unanswered(small: Bank) -> None:
    assert describe(small.by_id["context.kind"], None) == "(not answered)"


def test_answers_to_questions_not_in_the_bank_are_ignored(mini_bank: Bank) -> None:
    flow = Flow(mini_bank, {"gone.question": Answer("x"), "context.kind": Answer("informal")})
    assert list(flow.answers) == ["context.kind"]
    assert flow.cursor == "willing.motivation"


def _complete(bank: Bank) -> Flow:
    flow = Flow(bank)
    flow.answer("context.kind", "informal")
    flow.answer("context.partners", "Kent")
    flow.answer("willing.motivation", "partly")
    flow.answer("benefits.sought", ["funding", "access"])
    return flow


def _base(bank: Bank) -> AnswerFile:
    return AnswerFile(bank=bank.id, bank_version=bank.version, service="Example Record Office")


def test_would_set_aside_names_given_answers_without_changing_anything(small: Bank) -> None:
    flow = Flow(small)
    flow.answer("context.kind", "shared-service")
    flow.answer("context.partners", None)
    flow.answer("willing.motivation", "fully")
    flow.answer("willing.legal", "partly")
    before = dict(flow.answers)
    assert flow.would_set_aside("context.kind", "informal") == ["willing.legal"]
    assert flow.would_set_aside("context.kind", "shared-service") == []
    assert flow.answers == before and flow.cursor == "benefits.sought"


def test_a_note_alone_counts_as_given(small: Bank) -> None:
    flow = Flow(
        small,
        {"context.kind": Answer("shared-service"), "willing.legal": Answer(None, "Ask counsel")},
    )
    assert flow.would_set_aside("context.kind", "informal") == ["willing.legal"]
    assert flow.answer("context.kind", "informal") == ["willing.legal"]


def test_answer_and_back_keeps_the_answer_and_moves_back(small: Bank) -> None:
    flow = Flow(small, {"context.kind": Answer("informal"), "context.partners": Answer("Kent")})
    flow.answer("willing.motivation", "fully")
    assert flow.cursor == "benefits.sought"
    flow.answer_and_back("benefits.sought", ["funding"])
    assert flow.answers["benefits.sought"].value == ["funding"]
    assert flow.cursor == "willing.motivation"


def test_moving_on_after_going_back_names_the_answered_questions_it_passes(small: Bank) -> None:
    flow = Flow(small)
    flow.answer("context.kind", "informal")
    flow.answer("context.partners", "Kent")
    flow.answer("willing.motivation", "partly")
    assert flow.passed_over == [] and flow.cursor == "benefits.sought"
    flow.back()
    flow.back()
    assert flow.cursor == "context.partners"
    flow.answer("context.partners", "Kent and Medway")
    assert flow.cursor == "benefits.sought"
    assert flow.passed_over == ["willing.motivation"]


def test_back_from_the_note_asks_the_question_just_answered_again(small: Bank) -> None:
    flow = Flow(small, {"context.kind": Answer("informal"), "context.partners": Answer("K")})
    flow.answer("willing.motivation", "partly")
    assert flow.cursor == "benefits.sought"
    assert flow.reopen_last()
    assert flow.cursor == "willing.motivation"
    assert flow.answers["willing.motivation"] == Answer("partly")
    flow.answer("willing.motivation", "partly")
    flow.answer("benefits.sought", ["access"])
    assert flow.cursor is None
    flow.edit("context.kind")  # from the review: back from its note returns to the review
    flow.answer("context.kind", "informal")
    assert flow.reopen_last() and flow.cursor == "context.kind"
    flow.answer("context.kind", "informal")
    assert flow.cursor is None
