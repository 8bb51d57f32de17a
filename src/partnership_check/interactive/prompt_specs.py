"""What to ask, independent of how it is drawn: pure functions turn a question (or the
review screen) into a :class:`PromptSpec`, and a :class:`Prompter` asks it.

Two prompters ask the same specs: :mod:`.questionary_prompter` (arrow keys) and
:mod:`.plain_prompter` (numbered plain lines, for screen readers).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from itertools import groupby
from typing import Any, Literal, Protocol

from ..answers.model import Answer
from ..bank.model import QuestionRef
from ..loading.terminal_text import terminal_text
from .flow import ReviewRow

BACK_LABEL = "← Back to the previous question"
HELP_LABEL = "Help for this question"  # questionary shows its key: "h) Help …"
FINISH_LABEL = "Finish and write the report"
NOTE_MESSAGE = "Evidence note (optional, one line)"
SERVICE_MESSAGE = "Name of the archive service"
ASSESSOR_MESSAGE = "Who is completing this assessment? Your name or role (optional; Enter skips)"
NOTHING_CHOSEN = "Nothing is chosen yet: type its number or use the arrow keys, then press Enter"
LIST_ANSWERS_MESSAGE = "Type l and Enter to list them first, or Enter to carry on"
REVIEW_MESSAGE = "Review your answers"
NOT_GIVEN = "(not given)"
TEXT_HINT = "Type < to go back, ? for help"


class Action(enum.Enum):
    """Replies that are moves, not answers."""

    BACK = "back"
    HELP = "help"
    FINISH = "finish"
    SERVICE = "service"  # on the review: change the service's name
    ASSESSOR = "assessor"  # on the review: change who is completing it


@dataclass(frozen=True)
class Ticked:
    """Back or Help ticked in a multi-choice list together with answers, which are kept."""

    action: Action
    ticks: tuple[str, ...]


class StoppedWhileTyping(KeyboardInterrupt):
    """Ctrl-C in a text prompt, with what had been typed there and not yet entered."""

    def __init__(self, typed: str) -> None:
        super().__init__()
        self.typed = typed


Reply = str | list[str] | Action | Ticked | None
KEEP = "keep"
SET_ASIDE = "set-aside"
RETRY = "retry"
ELSEWHERE = "elsewhere"
STOP = "stop"
CONTINUE = "continue"
START_NEW = "start-new"


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class PromptSpec:
    """What to ask, independent of how it is drawn."""

    kind: Literal["select", "checkbox", "text", "review"]
    message: str
    options: tuple[Option, ...] = ()
    default: str | tuple[str, ...] | None = None
    allow_back: bool = False
    allow_help: bool = False
    allow_finish: bool = False
    required: bool = True
    instruction: str | None = None
    rows: tuple[ReviewRow, ...] = ()  # the review's answers, in bank order
    details: tuple[Detail, ...] = ()  # the review's header lines, each changed by a key


@dataclass(frozen=True)
class Detail:
    """A line at the head of the review: ``Service: Kent Archives``, changed by ``s``."""

    key: str
    label: str
    value: str
    action: Action
    what: str  # what the key changes: "the service's name"


def question_spec(ref: QuestionRef, current: Answer | None, can_go_back: bool) -> PromptSpec:
    """The prompt for one question, with its current answer (if any) as the default."""
    question = ref.question
    value = current.value if current else None
    has_help = bool(question.help)
    if question.type == "text":
        return PromptSpec(
            kind="text",
            message=question.text,
            default=value if isinstance(value, str) else None,
            allow_back=can_go_back,
            allow_help=has_help,
            required=question.required,
            instruction=_text_instruction(can_go_back, has_help, question.required),
        )
    options = tuple(Option(c.id, c.label) for c in ref.choices)
    if question.type == "multi":
        chosen = tuple(value) if isinstance(value, list) else ((value,) if value else ())
        return PromptSpec(
            kind="checkbox",
            message=question.text,
            options=options,
            default=chosen,
            allow_back=can_go_back,
            allow_help=has_help,
            required=question.required,
            instruction="(Space ticks, Enter confirms)",
        )
    return PromptSpec(
        kind="select",
        message=question.text,
        options=options,
        default=value if isinstance(value, str) else None,
        allow_back=can_go_back,
        allow_help=has_help,
        required=question.required,
        instruction="(Arrow keys or number, then Enter)",
    )


def _text_instruction(can_go_back: bool, has_help: bool, required: bool) -> str | None:
    hints = []
    if not required:
        hints.append("Enter skips")
    if can_go_back:
        hints.append("Esc or < goes back")
    if has_help:
        hints.append("? shows help")
    return "(" + ", ".join(hints) + ")" if hints else None


def note_spec(current: str | None) -> PromptSpec:
    """The evidence note after an answer; going back from it asks that question again.
    Each prompter says how Enter keeps a note there already, and how to clear it."""
    return PromptSpec(
        kind="text",
        message=NOTE_MESSAGE,
        default=current,
        allow_back=True,
        required=False,
        instruction="(Esc or < goes back)" if current else "(Enter skips, Esc or < goes back)",
    )


def service_spec(default: str | None) -> PromptSpec:
    return PromptSpec(kind="text", message=SERVICE_MESSAGE, default=default, required=True)


def assessor_spec(default: str | None = None) -> PromptSpec:
    """Asked after the service's name (and from the review); the report says who
    completed it."""
    return PromptSpec(kind="text", message=ASSESSOR_MESSAGE, default=default, required=False)


def review_spec(
    rows: list[ReviewRow], service: str | None, assessor: str | None, at: str | None = None
) -> PromptSpec:
    """The review screen: every answer in full, grouped by section; finish, or pick any
    answer (or the service's name, or who completed it) to change it. It starts on Finish,
    or ``at``, the answer just changed from it."""
    return PromptSpec(
        kind="review",
        message=REVIEW_MESSAGE,
        default=at,
        options=tuple(Option(row.qid, row.text) for row in rows),
        allow_back=True,
        allow_finish=True,
        rows=tuple(rows),
        details=(
            Detail("s", "Service", service or NOT_GIVEN, Action.SERVICE, "the service's name"),
            Detail("a", "Completed by", assessor or NOT_GIVEN, Action.ASSESSOR, "who completed it"),
        ),
    )


def continue_spec() -> PromptSpec:
    """Asked when a new assessment would have the name of one begun today."""
    return PromptSpec(
        kind="select",
        message="Carry on with those answers?",
        options=(
            Option(CONTINUE, "Yes, carry on with them"),
            Option(START_NEW, "No, start a new assessment beside them"),
        ),
        instruction="(Arrow keys or number, then Enter)",
    )


def list_answers_spec() -> PromptSpec:
    """Offered on resuming a file with answers: list them now, or carry on."""
    return PromptSpec(kind="text", message=LIST_ANSWERS_MESSAGE, required=False)


def review_sections(rows: tuple[ReviewRow, ...]) -> list[tuple[str, list[ReviewRow]]]:
    """The review's rows under their section's heading, in bank order."""
    return [(title, list(group)) for title, group in groupby(rows, lambda r: r.section_title)]


def set_aside_spec(old_answer: str | None) -> PromptSpec:
    """Asked before answers that no longer apply are set aside; the default keeps the
    answer as it was."""
    keep = (
        f"No, keep my previous answer ({_short(old_answer, 50)})"
        if old_answer is not None
        else "No, ask me this question again"
    )
    return PromptSpec(
        kind="select",
        message="Change the answer and set those answers aside?",
        options=(Option(KEEP, keep), Option(SET_ASIDE, "Yes, change it and set them aside")),
        default=KEEP,
        instruction="(Arrow keys or number, then Enter)",
    )


def fit_to_print(spec: PromptSpec) -> PromptSpec:
    """The spec as a prompter shows it: the bank's words with any control character shown
    as an escape, never acted on by the terminal. The default, an answer, is kept as it is."""
    return replace(
        spec,
        message=terminal_text(spec.message),
        options=tuple(Option(o.value, terminal_text(o.label)) for o in spec.options),
        instruction=None if spec.instruction is None else terminal_text(spec.instruction),
        rows=tuple(
            replace(
                row,
                section_title=terminal_text(row.section_title),
                text=terminal_text(row.text),
                answer=terminal_text(row.answer),
                note=None if row.note is None else terminal_text(row.note),
            )
            for row in spec.rows
        ),
        details=tuple(replace(d, value=terminal_text(d.value)) for d in spec.details),
    )


def save_failed_spec() -> PromptSpec:
    """Asked when an answer could not be saved: it is kept in memory meanwhile."""
    return PromptSpec(
        kind="select",
        message="Your answer is kept for now. What next?",
        options=(
            Option(RETRY, "Try again (after making room, or putting right what is wrong)"),
            Option(ELSEWHERE, "Save to another file (another folder or drive)"),
            Option(STOP, "Stop, and see how to carry on later"),
        ),
        instruction="(Arrow keys or number, then Enter)",
    )


def save_path_spec() -> PromptSpec:
    """Where to save instead; an empty reply goes back to the choice."""
    return PromptSpec(
        kind="text",
        message="Save the answers to which file or folder?",
        allow_back=True,
        required=False,
        instruction="(a folder keeps the file's name; Enter or Esc goes back)",
    )


def checkbox_reply(picked: list[Any]) -> Reply:
    """What a multi-choice list returns: the ticks, a move, or a move with ticks kept."""
    actions = [p for p in picked if isinstance(p, Action)]
    ticks = [str(p) for p in picked if not isinstance(p, Action)]
    if not actions:
        return ticks
    return Ticked(actions[0], tuple(ticks)) if ticks else actions[0]


def checkbox_echo(spec: PromptSpec, reply: Reply) -> str:
    """The line left on screen after a multi-choice list: what was really kept."""
    labels = {o.value: o.label for o in spec.options}

    def named(ticks: list[str] | tuple[str, ...]) -> str:
        return "; ".join(labels.get(t, t) for t in ticks) or "nothing ticked"

    if isinstance(reply, Ticked):
        kept = named(reply.ticks)
        if reply.action is Action.BACK:
            return f"{kept} (saved) — going back"
        return f"help (still ticked: {kept})"
    if reply is Action.BACK:
        return "going back"
    if reply is Action.HELP:
        return "help"
    return named(reply if isinstance(reply, list) else [])


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Prompter(Protocol):
    """Asks one prompt and shows lines of text; the flow needs nothing else."""

    def ask(self, spec: PromptSpec) -> Reply: ...

    def say(self, text: str = "", style: str = "") -> None: ...


def text_reply(spec: PromptSpec, raw: str) -> Reply:
    """A typed line as a reply: ``<`` goes back, ``?`` asks for help, blank is no answer."""
    text = raw.strip()
    if spec.allow_back and text == "<":
        return Action.BACK
    if spec.allow_help and text == "?":
        return Action.HELP
    return text or None
