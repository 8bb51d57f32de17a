"""Prompt settings built from questions, the questionary call, and the plain prompter."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from partnership_check.answers.model import Answer
from partnership_check.bank.load import load_bank
from partnership_check.bank.model import Bank
from partnership_check.interactive.flow import Flow
from partnership_check.interactive.prompt_specs import (
    KEEP,
    SET_ASIDE,
    Action,
    Option,
    PromptSpec,
    Ticked,
    checkbox_echo,
    note_spec,
    question_spec,
    review_spec,
    set_aside_spec,
)
from partnership_check.interactive.questionary_prompter import ask_questionary

SMALL = Path(__file__).parents[1] / "data" / "assess" / "small.yaml"


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


def test_review_holds_every_answer_in_full_and_the_details_that_can_change(
    small: Bank,
) -> None:
    long = "Kent, Medway, Surrey and East Sussex, with the county's record office " * 3
    answers = {"context.kind": Answer("informal"), "context.partners": Answer(long.strip())}
    flow = Flow(small, {**answers, "willing.motivation": Answer("dont-know", "Ask the chair")})
    spec = review_spec(flow.review_rows(), "East Sussex", None)
    assert spec.kind == "review" and spec.allow_finish and spec.allow_back
    assert [(r.number, r.section_title, r.answer) for r in spec.rows[:3]] == [
        (1, "Context", "Informal collaboration"),
        (2, "Context", long.strip()),  # never cut
        (3, "Willing partners", "Don't know"),
    ]
    assert spec.rows[2].note == "Ask the chair"
    assert [(d.key, d.value, d.action) for d in spec.details] == [
        ("s", "East Sussex", Action.SERVICE),
        ("a", "(not given)", Action.ASSESSOR),
    ]


# -- the one questionary call ------------------------------------------------------------


@contextmanager
def _terminal() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


@contextmanager
def _screen() -> Iterator[tuple[PipeInput, io.StringIO]]:
    """Like ``_terminal``, but keeps what was drawn (escape sequences removed)."""
    drawn = io.StringIO()
    output = Vt100_Output(drawn, lambda: Size(rows=40, columns=120), term="xterm")
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
        yield pipe, drawn


def _text(drawn: io.StringIO) -> str:
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07", "", drawn.getvalue())


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


def test_help_item_shows_the_key_that_works(small: Bank) -> None:
    spec = question_spec(small.by_id["willing.motivation"], None, can_go_back=True)
    with _screen() as (pipe, drawn):
        pipe.send_text("h\r")
        assert ask_questionary(spec) is Action.HELP
    screen = _text(drawn)
    assert "h) Help for this question" in screen
    assert ") ? Help" not in screen  # ? does nothing in a list, so no label offers it
    assert "b) ← Back to the previous question" in screen


# Sent after a key that should end the prompt: if it does not, Enter or Ctrl-C ends it
# and the test fails instead of waiting for input for ever.
_FALLBACK = "\r\x03"


def test_checkbox_b_goes_back_keeping_the_ticks(small: Bank) -> None:
    spec = question_spec(small.by_id["benefits.sought"], None, can_go_back=True)
    with _screen() as (pipe, drawn):
        pipe.send_text(f" b{_FALLBACK}")  # tick funding, then b: no Enter needed
        reply = ask_questionary(spec)
    assert reply == Ticked(Action.BACK, ("funding",))
    screen = _text(drawn)
    assert "Which benefits do you seek? Securing funding (saved) — going back" in screen
    with _terminal() as pipe:
        pipe.send_text(f"b{_FALLBACK}")
        assert ask_questionary(spec) is Action.BACK


def test_checkbox_h_asks_for_help_keeping_the_ticks(small: Bank) -> None:
    spec = question_spec(small.by_id["benefits.sought"], None, can_go_back=True)
    down = "\x1b[B"
    with _terminal() as pipe:
        pipe.send_text(f"{down * 2} h{_FALLBACK}")  # tick access, then h
        assert ask_questionary(spec) == Ticked(Action.HELP, ("access",))
    with _terminal() as pipe:
        pipe.send_text(f"h{_FALLBACK}")
        assert ask_questionary(spec) is Action.HELP


def test_checkbox_back_and_help_are_shown_with_their_keys_but_never_ticked(small: Bank) -> None:
    spec = question_spec(small.by_id["benefits.sought"], None, can_go_back=True)
    every = [o.value for o in spec.options]
    with _screen() as (pipe, drawn):
        pipe.send_text("a\r")  # tick all, Enter: every answer, and no move
        assert ask_questionary(spec) == every
    screen = _text(drawn)
    assert "← Back to the previous question (press b)" in screen
    assert "Help for this question (press h)" in screen
    down = "\x1b[B"
    with _terminal() as pipe:  # the cursor passes over them, back round to the first answer
        pipe.send_text(f"{down * len(every)} \r")
        assert ask_questionary(spec) == [every[0]]


def test_checkbox_without_back_has_no_b_key(small: Bank) -> None:
    spec = question_spec(small.by_id["benefits.sought"], None, can_go_back=False)
    with _screen() as (pipe, drawn):
        pipe.send_text(" b\r")  # b does nothing on the first question
        assert ask_questionary(spec) == ["funding"]
    assert "Back to the previous question" not in _text(drawn)


@pytest.mark.parametrize(
    ("reply", "echo"),
    [
        (["funding", "access"], "Securing funding; Better access for users"),
        ([], "nothing ticked"),
        (Action.BACK, "going back"),
        (Ticked(Action.BACK, ("expertise",)), "Sharing expertise (saved) — going back"),
        (Ticked(Action.HELP, ("funding",)), "help (still ticked: Securing funding)"),
    ],
)
def test_checkbox_echo_counts_only_real_ticks(small: Bank, reply: object, echo: str) -> None:
    spec = question_spec(small.by_id["benefits.sought"], None, can_go_back=True)
    assert checkbox_echo(spec, reply) == echo  # type: ignore[arg-type]


def test_set_aside_question_defaults_to_keeping_the_old_answer() -> None:
    spec = set_aside_spec("Shared service")
    assert spec.default == KEEP
    assert [o.value for o in spec.options] == [KEEP, SET_ASIDE]
    assert "Shared service" in spec.options[0].label
    with _terminal() as pipe:
        pipe.send_text("\r")
        assert ask_questionary(spec) == KEEP


def test_an_unanswered_question_has_nothing_chosen_and_enter_only_says_what_to_do(
    small: Bank,
) -> None:
    spec = question_spec(small.by_id["willing.motivation"], None, can_go_back=True)
    with _screen() as (pipe, drawn):
        pipe.send_text(f"\r\r{_FALLBACK}")  # a stray Enter (two): no answer is taken
        with pytest.raises(KeyboardInterrupt):
            ask_questionary(spec)
    assert "»" not in _text(drawn)  # no answer is highlighted as if chosen
    with _terminal() as pipe:
        pipe.send_text(f"\r\x1b[B\r{_FALLBACK}")  # Enter, then Down to the first, Enter
        assert ask_questionary(spec) == "no"


def test_an_answered_question_starts_on_its_answer(small: Bank) -> None:
    spec = question_spec(small.by_id["willing.motivation"], Answer("fully"), can_go_back=True)
    with _terminal() as pipe:
        pipe.send_text(f"\r{_FALLBACK}")
        assert ask_questionary(spec) == "fully"


@pytest.mark.parametrize(
    ("keys", "move"), [("b", Action.BACK), ("\x1b", Action.BACK), ("h", Action.HELP)]
)
def test_single_choice_moves_act_at_once(small: Bank, keys: str, move: Action) -> None:
    spec = question_spec(small.by_id["willing.motivation"], Answer("fully"), can_go_back=True)
    with _terminal() as pipe:
        pipe.send_text(f"{keys}\x03")  # no Enter needed: Ctrl-C is not reached
        assert ask_questionary(spec) is move


def test_checkbox_escape_goes_back_keeping_the_ticks(small: Bank) -> None:
    spec = question_spec(small.by_id["benefits.sought"], None, can_go_back=True)
    with _terminal() as pipe:
        pipe.send_text(" \x1b\x03")
        assert ask_questionary(spec) == Ticked(Action.BACK, ("funding",))


def test_questions_and_choices_wrap_at_spaces_to_the_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    label = "Trust, mutual, social enterprise or other alternative governance (spin-out)"
    spec = PromptSpec(
        kind="select",
        message="What kind of partnership are you considering with your partners?",
        options=(Option("trust", label), Option("other", "Other")),
        instruction="(Arrow keys or number, then Enter)",
    )
    drawn = io.StringIO()
    output = Vt100_Output(drawn, lambda: Size(rows=20, columns=40), term="xterm")
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
        pipe.send_text("1\r")
        assert ask_questionary(spec) == "trust"
    lines = _text(drawn).replace("\r", "").split("\n")
    assert "   1) Trust, mutual, social enterprise" in lines
    assert "      or other alternative governance" in lines  # under the label's start
    assert "      (spin-out)" in lines
    assert "  considering with your partners?" in lines  # under itself, never mid-word
