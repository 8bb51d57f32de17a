"""The arrow-key review screen: reached by number, page and end keys; every answer in full."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from partnership_check.answers.model import Answer
from partnership_check.bank.load import load_bank
from partnership_check.interactive.flow import Flow
from partnership_check.interactive.prompt_specs import Action, PromptSpec, Reply, review_spec
from partnership_check.interactive.review_screen import ask_review

pyte = pytest.importorskip("pyte")

SMALL = Path(__file__).parents[1] / "data" / "assess" / "small.yaml"
PARTNERS = "Brighton and Hove City Council, the University of Sussex and the Keep's trust"


@pytest.fixture
def spec() -> PromptSpec:
    answers = {
        "context.kind": Answer("shared-service"),
        "context.partners": Answer(PARTNERS),
        "willing.motivation": Answer("dont-know", "Ask each partner's director"),
    }
    return review_spec(Flow(load_bank(SMALL), answers).review_rows(), "East Sussex", None)


def _review(spec: PromptSpec, keys: str, rows: int = 12) -> tuple[Reply, list[str]]:
    """The reply to ``keys``, and the screen of a 60-column terminal as the keys left it."""
    drawn = io.StringIO()
    output = Vt100_Output(drawn, lambda: Size(rows=rows, columns=60), term="xterm")
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
        pipe.send_text(keys + "\x03")  # Ctrl-C ends it if the keys did not
        try:
            reply: Reply = ask_review(spec)
        except KeyboardInterrupt:
            reply = "(stopped by Ctrl-C: the keys gave no reply)"
    screen = pyte.Screen(60, rows)
    shown = drawn.getvalue()
    pyte.Stream(screen).feed(shown[: shown.rfind("\x1b[?1049l")])  # before it leaves
    return reply, [line.rstrip() for line in screen.display]


@pytest.mark.parametrize(
    ("keys", "reply"),
    [
        ("\r", Action.FINISH),  # it starts on Finish
        ("f", Action.FINISH),
        ("b", Action.BACK),
        ("s", Action.SERVICE),
        ("a", Action.ASSESSOR),
        ("3\r", "willing.motivation"),  # a typed number, then Enter
        ("\x1b[F\r", "benefits.sought"),  # End
        ("\x1b[F\x1b[H\r", Action.FINISH),  # End, Home
        ("\x1b[6~\x1b[6~\x1b[6~\r", "benefits.sought"),  # PageDown to the last
        ("\x1b[B\x1b[B\x1b[B\r", "context.kind"),  # Down past the details to the first
    ],
)
def test_keys_reach_every_entry(spec: PromptSpec, keys: str, reply: Reply) -> None:
    assert _review(spec, keys)[0] == reply


def test_every_answer_is_shown_in_full_under_its_section(spec: PromptSpec) -> None:
    _, screen = _review(spec, "\r", rows=30)
    assert all(len(line) <= 60 for line in screen)
    flat = " ".join(" ".join(screen).split())
    assert "Context" in flat and "Willing partners" in flat
    assert f"Answer: {PARTNERS}" in flat  # wrapped at 60 columns, never cut
    assert "Answer: Don't know" in flat
    assert "Note: Ask each partner's director" in flat
    assert "Service: East Sussex (s changes it)" in flat


def test_the_end_of_a_long_review_is_on_screen_after_end(spec: PromptSpec) -> None:
    _, screen = _review(spec, "\x1b[Ff")
    flat = " ".join(" ".join(screen).split())
    assert "» 5. Which benefits do you seek?" in flat
    assert "Finish and write the report" not in flat  # scrolled: 12 rows hold less


def test_after_a_change_the_review_returns_to_that_answer(spec: PromptSpec) -> None:
    changed = review_spec(list(spec.rows), "East Sussex", None, at="willing.motivation")
    assert _review(changed, "\r")[0] == "willing.motivation"
    assert _review(changed, "\x1b[B\r")[0] == "willing.legal"
