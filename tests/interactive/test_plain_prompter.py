"""The plain prompter: numbered lines, a number typed and Enter, no terminal tricks."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from partnership_check.answers.model import Answer
from partnership_check.bank.load import load_bank
from partnership_check.bank.model import Bank
from partnership_check.interactive.flow import Flow
from partnership_check.interactive.plain_prompter import PlainPrompter
from partnership_check.interactive.prompt_specs import (
    Action,
    PromptSpec,
    question_spec,
    review_spec,
)

SMALL = Path(__file__).parents[1] / "data" / "assess" / "small.yaml"


@pytest.fixture
def small() -> Bank:
    return load_bank(SMALL)


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


def test_plain_multi_says_spaces_or_commas_and_reads_as_a_sentence(small: Bank) -> None:
    prompter, out = _plain("1, 3\n")
    spec = question_spec(small.by_id["benefits.sought"], None, can_go_back=True)
    assert prompter.ask(spec) == ["funding", "access"]
    said = " ".join(out.getvalue().split())  # wrapped to the terminal's width
    assert (
        "Type one or more numbers from 1 to 3, separated by spaces or commas, and press Enter"
        in said
    )


def test_plain_back_help_and_multi(small: Bank) -> None:
    prompter, _ = _plain("b\n?\n1, 3\n")
    spec = question_spec(small.by_id["benefits.sought"], None, can_go_back=True)
    assert prompter.ask(spec) is Action.BACK
    assert prompter.ask(spec) is Action.HELP
    assert prompter.ask(spec) == ["funding", "access"]


def test_plain_says_what_was_wrong_with_a_reply(small: Bank) -> None:
    prompter, out = _plain("1 b\n9\n1, 3\n")
    multi = question_spec(small.by_id["benefits.sought"], None, can_go_back=True)
    assert prompter.ask(multi) == ["funding", "access"]  # "1 b" ticked nothing
    text = out.getvalue()
    assert "Type b on its own to go back; nothing was ticked." in text
    assert "9 is not on the list. Please type one or more numbers from 1 to 3" in text
    prompter, out = _plain("1 2\n" + "x" * 40 + "\n2\n")
    single = question_spec(small.by_id["willing.motivation"], None, can_go_back=True)
    assert prompter.ask(single) == "partly"
    text = out.getvalue()
    assert "Please type only one: a number from 1 to 5." in text
    assert "That is not on the list." in text and "x" * 40 + " is" not in text


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
    assert prompter.ask(review_spec(flow.review_rows(), "East", None)) is Action.FINISH
    assert "Type a number to change it, f to finish (1 to 4;" in out.getvalue()


def test_plain_review_reads_each_number_once_under_its_section(small: Bank) -> None:
    answers = {"context.kind": Answer("informal"), "willing.motivation": Answer("no", "Minutes")}
    flow = Flow(small, answers)
    prompter, out = _plain("9\n3\n")
    assert prompter.ask(review_spec(flow.review_rows(), "East", None)) == "willing.motivation"
    lines = out.getvalue().splitlines()
    start = lines.index("Context")
    assert lines[start : start + 9] == [
        "Context",
        "  1. What kind of partnership?",
        "      Answer: Informal collaboration",
        "  2. Who are the partners?",
        "      Answer: (not answered)",
        "",
        "Willing partners",
        "  3. Does each partner want this for its own reasons?",
        "      Answer: Not at all",
    ]
    assert "      Note: Minutes" in lines
    assert "9 is not on the list. Type a number to change it, f to finish" in out.getvalue()


@pytest.mark.parametrize(("typed", "action"), [("s", Action.SERVICE), ("a", Action.ASSESSOR)])
def test_plain_review_changes_the_details(small: Bank, typed: str, action: Action) -> None:
    prompter, out = _plain(f"{typed}\n")
    assert prompter.ask(review_spec(Flow(small).review_rows(), "East", "Head")) is action
    assert "Service: East (s changes it)" in out.getvalue()
    assert "Completed by: Head (a changes it)" in out.getvalue()
