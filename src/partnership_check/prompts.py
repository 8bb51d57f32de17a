"""Everything that talks to the person at the terminal.

Pure functions turn a question (or the review screen) into a :class:`PromptSpec`;
:func:`ask_questionary` is the one place that calls questionary, with ``unsafe_ask`` so
Ctrl-C raises KeyboardInterrupt instead of quietly returning None. ``plain.PlainPrompter``
asks the same specs as numbered plain lines for screen readers.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from .answers import Answer
from .bank import QuestionRef
from .flow import Position, ReviewRow

BACK_LABEL = "← Back to the previous question"
HELP_LABEL = "Help for this question"  # questionary shows its key: "h) Help …"
FINISH_LABEL = "Finish and write the report"
NOTE_MESSAGE = "Evidence note (optional, one line; Enter skips)"
SERVICE_MESSAGE = "Name of the archive service"
TEXT_HINT = "Type < to go back, ? for help"


class Action(enum.Enum):
    """Replies that are moves, not answers."""

    BACK = "back"
    HELP = "help"
    FINISH = "finish"


@dataclass(frozen=True)
class Ticked:
    """Back or Help ticked in a multi-choice list together with answers, which are kept."""

    action: Action
    ticks: tuple[str, ...]


Reply = str | list[str] | Action | Ticked | None
KEEP = "keep"
SET_ASIDE = "set-aside"


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class PromptSpec:
    """What to ask, independent of how it is drawn."""

    kind: Literal["select", "checkbox", "text"]
    message: str
    options: tuple[Option, ...] = ()
    default: str | tuple[str, ...] | None = None
    allow_back: bool = False
    allow_help: bool = False
    allow_finish: bool = False
    required: bool = True
    instruction: str | None = None


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
    return PromptSpec(kind="text", message=NOTE_MESSAGE, default=current, required=False)


def service_spec(default: str | None) -> PromptSpec:
    return PromptSpec(kind="text", message=SERVICE_MESSAGE, default=default, required=True)


def review_spec(rows: list[ReviewRow]) -> PromptSpec:
    """The review screen: finish, or pick any answer to change it."""
    options = tuple(
        Option(row.qid, f"{row.number}. {_short(row.text, 60)} — {_short(row.answer, 40)}")
        for row in rows
    )
    return PromptSpec(
        kind="select",
        message="Review your answers: pick one to change it, or finish",
        options=options,
        allow_back=True,
        allow_finish=True,
    )


def set_aside_spec(old_answer: str | None) -> PromptSpec:
    """Asked before answers that no longer apply are removed; the default keeps them."""
    keep = (
        f"No, keep my previous answer ({_short(old_answer, 50)})"
        if old_answer is not None
        else "No, ask me this question again"
    )
    return PromptSpec(
        kind="select",
        message="Change the answer and remove those answers?",
        options=(Option(KEEP, keep), Option(SET_ASIDE, "Yes, change it and remove them")),
        default=KEEP,
        instruction="(Arrow keys or number, then Enter)",
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


def position_line(position: Position) -> str:
    return position.label()


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Prompter(Protocol):
    """Asks one prompt and shows lines of text; the flow needs nothing else."""

    def ask(self, spec: PromptSpec) -> Reply: ...

    def say(self, text: str = "", style: str = "") -> None: ...


# -- questionary -------------------------------------------------------------------------


def ask_questionary(spec: PromptSpec) -> Reply:
    """The one function that calls questionary. Ctrl-C raises KeyboardInterrupt."""
    import questionary

    if spec.kind == "text":
        validate = None
        if spec.required:

            def validate(text: str) -> bool | str:
                return bool(text.strip()) or "An answer is needed here"

        raw = questionary.text(
            spec.message,
            default=spec.default if isinstance(spec.default, str) else "",
            instruction=spec.instruction,
            validate=validate,
            key_bindings=_text_bindings(spec),
        ).unsafe_ask()
        return raw if isinstance(raw, Action) else text_reply(spec, str(raw))
    choices: list[Any] = []
    if spec.allow_finish:
        choices.append(questionary.Choice(FINISH_LABEL, value=Action.FINISH, shortcut_key="f"))
        choices.append(questionary.Separator())
    for option in spec.options:
        checked = spec.kind == "checkbox" and option.value in (spec.default or ())
        choices.append(questionary.Choice(option.label, value=option.value, checked=checked))
    moves = [(key, label, action) for key, label, action in _MOVES if _allows(spec, action)]
    if moves:
        choices.append(questionary.Separator())
    if spec.kind == "checkbox":
        # Back and Help are keys here, not boxes: shown but never ticked, so "a" (tick all)
        # and Space tick only answers.
        choices.extend(
            questionary.Choice(label, value=action, disabled=f"press {key}")
            for key, label, action in moves
        )
        question = questionary.checkbox(
            spec.message,
            choices=choices,
            instruction=spec.instruction,
            validate=lambda ticked: bool(ticked) or not spec.required or "Tick at least one",
            # questionary's own echo would not say what a move kept: ours does
            erase_when_done=True,
        )
        _add_move_keys(question, moves)
        reply = checkbox_reply(question.unsafe_ask())
        _echo(spec, checkbox_echo(spec, reply))
        return reply
    choices.extend(
        questionary.Choice(label, value=action, shortcut_key=key) for key, label, action in moves
    )
    default = spec.default if isinstance(spec.default, str) else None
    reply = questionary.select(
        spec.message,
        choices=choices,
        default=default,
        instruction=spec.instruction,
        # The review list numbers its own lines; shortcuts run out after 36 entries.
        use_shortcuts=not spec.allow_finish and len(choices) <= 30,
        use_arrow_keys=True,
        use_jk_keys=False,
    ).unsafe_ask()
    return reply if isinstance(reply, Action) else str(reply)


_MOVES = (("b", BACK_LABEL, Action.BACK), ("h", HELP_LABEL, Action.HELP))


def _allows(spec: PromptSpec, action: Action) -> bool:
    return spec.allow_back if action is Action.BACK else spec.allow_help


def _add_move_keys(question: Any, moves: list[tuple[str, str, Action]]) -> None:
    """``b`` and ``h`` in a multi-choice list: go back or ask for help, keeping the ticks."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from questionary.prompts.common import InquirerControl

    app = question.application
    control = next(c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl))
    bindings = KeyBindings()
    for key, _, action in moves:

        def move(event: Any, action: Action = action) -> None:
            ticked = [c.value for c in control.get_selected_values()]
            event.app.exit(result=[*ticked, action])

        bindings.add(key, eager=True)(move)
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings])


def _echo(spec: PromptSpec, answer: str) -> None:
    from prompt_toolkit import print_formatted_text
    from prompt_toolkit.formatted_text import FormattedText
    from questionary.constants import DEFAULT_STYLE

    line = [("class:qmark", "? "), ("class:question", spec.message + " "), ("class:answer", answer)]
    print_formatted_text(FormattedText(line), style=DEFAULT_STYLE)


def _text_bindings(spec: PromptSpec) -> Any:
    """Esc goes back from a text prompt even when the answer box already holds text."""
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()
    if spec.allow_back:

        @bindings.add("escape", eager=True)
        def _back(event: Any) -> None:
            event.app.exit(result=Action.BACK)

    return bindings


def text_reply(spec: PromptSpec, raw: str) -> Reply:
    """A typed line as a reply: ``<`` goes back, ``?`` asks for help, blank is no answer."""
    text = raw.strip()
    if spec.allow_back and text == "<":
        return Action.BACK
    if spec.allow_help and text == "?":
        return Action.HELP
    return text or None


class RichPrompter:
    """Arrow-key prompts through questionary, headings through rich."""

    def __init__(self) -> None:
        from rich.console import Console

        self.console = Console(highlight=False)

    def ask(self, spec: PromptSpec) -> Reply:
        return ask_questionary(spec)

    def say(self, text: str = "", style: str = "") -> None:
        self.console.print(text, style=style or None, markup=False)
