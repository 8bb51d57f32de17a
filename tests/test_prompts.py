"""Prompt settings built from questions, the questionary call, and the plain prompter."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from partnership_check.answers import Answer
from partnership_check.bank import Bank, load_bank
from partnership_check.flow import Flow
from partnership_check.prompts import (
    Action,
    PlainPrompter,
    PromptSpec,
    ask_questionary,
    note_spec,
    question_spec,
    review_spec,
)

SMALL = Path(__file__).parent / "data" / "assess" / "small.yaml"


@pytest.fixture
def small() -> Bank:
    return load_bank(SMALL)


# -- pure prompt settings ----------------------------------------------------------------


def test_scale_question_is_a_select_with_special_choices_and_current_default(small: Bank) -> None:
    spec = question_spec(small.by_id["willing.motivation"], Answer("partly"), can_go_back=True)
    assert spec.kind == "select"
    assert [o.label for o in spec.options] == [
        "Not at all",
        "Partly",
        "Fully",
        "Don't know",
        "Not applicable",
    ]
    assert spec.default == "partly"
    assert spec.allow_back and spec.allow_help


def test_multi_is_a_checkbox_and_text_is_text(small: Bank) -> None:
    multi = question_spec(small.by_id["benefits.sought"], Answer(["access"]), can_go_back=True)
    assert multi.kind == "checkbox" and multi.default == ("access",)
    text = question_spec(small.by_id["context.partners"], None, can_go_back=False)
    assert text.kind == "text" and not text.required and not text.allow_back
    assert text.instruction is not None and "Enter skips" in text.instruction


def test_first_question_offers_no_back(small: Bank) -> None:
    spec = question_spec(small.by_id["context.kind"], None, can_go_back=False)
    assert not spec.allow_back and spec.default is None


def test_review_lists_every_answer(small: Bank) -> None:
    flow = Flow(small, {"context.kind": Answer("informal"), "willing.motivation": Answer("no")})
    spec = review_spec(flow.review_rows())
    assert spec.allow_finish
    labels = [o.label for o in spec.options]
    assert labels[0] == "1. What kind of partnership? — Informal collaboration"
    assert labels[1] == "2. Who are the partners? — (not answered)"


# -- the one questionary call ------------------------------------------------------------


@contextmanager
def _terminal() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def test_questionary_select_by_number_key(small: Bank) -> None:
    spec = question_spec(small.by_id["willing.motivation"], None, can_go_back=True)
    with _terminal() as pipe:
        pipe.send_text("3\r")
        assert ask_questionary(spec) == "fully"


def test_questionary_back_and_help_keys(small: Bank) -> None:
    spec = question_spec(small.by_id["willing.motivation"], None, can_go_back=True)
    with _terminal() as pipe:
        pipe.send_text("b\r")
        assert ask_questionary(spec) is Action.BACK
    with _terminal() as pipe:
        pipe.send_text("h\r")
        assert ask_questionary(spec) is Action.HELP


def test_questionary_ctrl_c_raises_instead_of_returning_none(small: Bank) -> None:
    spec = question_spec(small.by_id["willing.motivation"], None, can_go_back=True)
    with _terminal() as pipe, pytest.raises(KeyboardInterrupt):
        pipe.send_text("\x03")
        ask_questionary(spec)
    with _terminal() as pipe, pytest.raises(KeyboardInterrupt):
        pipe.send_text("\x03")
        ask_questionary(note_spec(None))


def test_questionary_checkbox(small: Bank) -> None:
    spec = question_spec(small.by_id["benefits.sought"], None, can_go_back=True)
    with _terminal() as pipe:
        pipe.send_text(" \x1b[B\x1b[B \r")  # tick, down, down, tick, Enter
        assert ask_questionary(spec) == ["funding", "access"]


def test_questionary_text_keeps_default_and_lt_goes_back(small: Bank) -> None:
    spec = question_spec(small.by_id["context.partners"], Answer("Kent"), can_go_back=True)
    with _terminal() as pipe:
        pipe.send_text("\r")
        assert ask_questionary(spec) == "Kent"
    blank = question_spec(small.by_id["context.partners"], None, can_go_back=True)
    with _terminal() as pipe:
        pipe.send_text("<\r")
        assert ask_questionary(blank) is Action.BACK


# -- plain numbered lines ----------------------------------------------------------------


def _plain(typed: str) -> tuple[PlainPrompter, io.StringIO]:
    out = io.StringIO()
    return PlainPrompter(io.StringIO(typed), out), out


def test_plain_select_lists_numbered_lines_and_reads_a_number(small: Bank) -> None:
    prompter, out = _plain("7\n2\n")
    spec = question_spec(small.by_id["willing.motivation"], None, can_go_back=True)
    assert prompter.ask(spec) == "partly"
    text = out.getvalue()
    assert "  1. Not at all\n  2. Partly\n" in text
    assert "  b. Back to the previous question\n" in text
    assert "Please type a number from 1 to 5." in text
    assert "\x1b" not in text  # no colours, no cursor movement


def test_plain_enter_keeps_the_current_answer(small: Bank) -> None:
    prompter, out = _plain("\n")
    spec = question_spec(small.by_id["willing.motivation"], Answer("fully"), can_go_back=True)
    assert prompter.ask(spec) == "fully"
    assert "  3. Fully (current)\n" in out.getvalue()


def test_plain_back_help_and_multi(small: Bank) -> None:
    prompter, _ = _plain("b\n?\n1, 3\n")
    spec = question_spec(small.by_id["benefits.sought"], None, can_go_back=True)
    assert prompter.ask(spec) is Action.BACK
    assert prompter.ask(spec) is Action.HELP
    assert prompter.ask(spec) == ["funding", "access"]


def test_plain_text_needs_an_answer_when_required() -> None:
    prompter, out = _plain("\n  Example Record Office \n")
    spec = PromptSpec(kind="text", message="Name", required=True)
    assert prompter.ask(spec) == "Example Record Office"
    assert "An answer is needed here." in out.getvalue()


def test_plain_end_of_input_is_an_interruption(small: Bank) -> None:
    prompter, _ = _plain("")
    with pytest.raises(EOFError):
        prompter.ask(question_spec(small.by_id["context.kind"], None, can_go_back=False))


def test_plain_review_finish(small: Bank) -> None:
    flow = Flow(small, {"context.kind": Answer("informal")})
    prompter, out = _plain("f\n")
    assert prompter.ask(review_spec(flow.review_rows())) is Action.FINISH
    assert "  f. Finish and write the report\n" in out.getvalue()
