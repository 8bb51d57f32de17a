"""Arrow-key prompts: :func:`ask_questionary` is the one function that calls questionary,
with ``unsafe_ask`` so Ctrl-C raises KeyboardInterrupt instead of quietly returning None."""

from __future__ import annotations

import shutil
import textwrap
from dataclasses import replace
from typing import Any

import questionary
from prompt_toolkit import print_formatted_text
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from questionary.constants import DEFAULT_STYLE
from questionary.prompts.common import InquirerControl
from rich.console import Console

from .line_wrapping import fitted
from .prompt_specs import (
    BACK_LABEL,
    FINISH_LABEL,
    HELP_LABEL,
    NOTHING_CHOSEN,
    Action,
    PromptSpec,
    Reply,
    StoppedWhileTyping,
    checkbox_echo,
    checkbox_reply,
    fit_to_print,
    text_reply,
)
from .review_screen import ask_review


def ask_questionary(spec: PromptSpec) -> Reply:
    """The one function that calls questionary. Ctrl-C raises KeyboardInterrupt."""
    spec = _wrapped(fit_to_print(spec))
    if spec.kind == "text":
        return _ask_text(spec)
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
        return _ask_checkbox(spec, choices, moves)
    return _ask_select(spec, choices, moves)


TYPING_ROOM = 24  # columns kept after a text prompt's instruction for what is typed


def _wrapped(spec: PromptSpec) -> PromptSpec:
    """The question wrapped at spaces to the terminal's width, after the ``? `` mark, with
    its instruction on a line of its own when it would not fit after the last line."""
    width = shutil.get_terminal_size((80, 24)).columns - 1
    lines = textwrap.wrap(
        spec.message, width - 2, subsequent_indent="  ", break_on_hyphens=False
    ) or [""]
    room = TYPING_ROOM if spec.kind == "text" else 0  # a text answer is typed on that line
    if spec.instruction and len(lines[-1]) + 2 + len(spec.instruction) + 2 + room > width:
        lines.append("")
    # before a choice: " » 7) " in a list (" » " past its shortcuts), " » ○ " to tick
    indent = 5 if spec.kind == "checkbox" else 6 if _shortcuts(spec) else 3
    options = tuple(
        replace(o, label="\n".join(_lines(o.label, width - indent, " " * indent)).lstrip())
        for o in spec.options
    )
    return replace(spec, message="\n".join(lines), options=options)


def _lines(text: str, width: int, indent: str) -> list[str]:
    """``text`` wrapped at spaces, every line but the first after ``indent``."""
    first, *rest = textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    return [first, *(indent + line for line in rest)]


def _ask_text(spec: PromptSpec) -> Reply:
    validate = None
    if spec.required:

        def validate(text: str) -> bool | str:
            return bool(text.strip()) or "An answer is needed here"

    instruction = spec.instruction
    if spec.default and not spec.required:  # the text is there to edit: Enter keeps it
        more = f", {instruction.strip('()')}" if instruction else ""
        instruction = f"(Enter keeps it, Ctrl-U clears it{more})"
    raw = questionary.text(
        spec.message,
        default=spec.default if isinstance(spec.default, str) else "",
        instruction=instruction,
        validate=validate,
        key_bindings=_text_bindings(spec),
    ).unsafe_ask()
    return raw if isinstance(raw, Action) else text_reply(spec, str(raw))


Move = tuple[str, str, Action]  # key, label, action


def _ask_checkbox(spec: PromptSpec, choices: list[Any], moves: list[Move]) -> Reply:
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
    if not isinstance(reply, Action):  # a bare move leaves no line: the next prompt shows it
        _echo(spec, checkbox_echo(spec, reply))
    return reply


def _ask_select(spec: PromptSpec, choices: list[Any], moves: list[Move]) -> Reply:
    choices.extend(
        questionary.Choice(label, value=action, shortcut_key=key) for key, label, action in moves
    )
    default = spec.default if isinstance(spec.default, str) else None
    while True:
        question = questionary.select(
            spec.message,
            choices=choices,
            default=default,
            instruction=spec.instruction,
            use_shortcuts=_shortcuts(spec),
            use_arrow_keys=True,
            use_jk_keys=False,
            # questionary's echo would repeat a move ("← Back..."): ours names answers only
            erase_when_done=True,
        )
        # an answer is never pre-selected; the review starts on Finish
        _choose_or_move(question, moves, nothing_chosen=default is None and not spec.allow_finish)
        reply = question.unsafe_ask()
        if reply is not _NOTHING_CHOSEN:
            break
        width = shutil.get_terminal_size((80, 24)).columns - 1
        said = "\n".join(textwrap.wrap(NOTHING_CHOSEN, width, break_on_hyphens=False))
        print_formatted_text(FormattedText([("class:instruction", said)]))
    if isinstance(reply, Action):
        return reply
    labels = {o.value: o.label for o in spec.options}
    _echo(spec, labels.get(str(reply), str(reply)))
    return str(reply)


def _shortcuts(spec: PromptSpec) -> bool:
    """Whether a list shows a key before each choice: they run out after 36 entries."""
    return len(spec.options) + 2 <= 30


_NOTHING_CHOSEN = object()  # Enter before any answer was picked


def _choose_or_move(question: Any, moves: list[Move], *, nothing_chosen: bool) -> None:
    """A single-choice list: no answer highlighted until one is picked (Enter then only
    says what to do), and ``b``, ``h`` and Esc act at once, as in every other list."""
    app = question.application
    control = next(c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl))
    if nothing_chosen:
        control.pointed_at = -1
    bindings = KeyBindings()

    @bindings.add("enter", eager=True)
    def _choose(event: Any) -> None:
        if control.pointed_at < 0:
            event.app.exit(result=_NOTHING_CHOSEN)
            return
        control.is_answered = True
        event.app.exit(result=control.get_pointed_at().value)

    for key, _, action in moves:
        for one in ("escape", key) if action is Action.BACK else (key,):

            def move(event: Any, action: Action = action) -> None:
                event.app.exit(result=action)

            bindings.add(one, eager=True)(move)
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings])


_MOVES = (("b", BACK_LABEL, Action.BACK), ("h", HELP_LABEL, Action.HELP))


def _allows(spec: PromptSpec, action: Action) -> bool:
    return spec.allow_back if action is Action.BACK else spec.allow_help


def _add_move_keys(question: Any, moves: list[Move]) -> None:
    """``b`` (or Esc) and ``h`` in a multi-choice list: go back or ask for help, keeping the
    ticks."""
    app = question.application
    control = next(c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl))
    bindings = KeyBindings()
    for key, _, action in moves:

        def move(event: Any, action: Action = action) -> None:
            ticked = [c.value for c in control.get_selected_values()]
            event.app.exit(result=[*ticked, action])

        for one in ("escape", key) if action is Action.BACK else (key,):
            bindings.add(one, eager=True)(move)
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings])


def _echo(spec: PromptSpec, answer: str) -> None:
    """The line left after a list: the question and the answer kept, which goes on the
    question's last line when it fits there and under it, wrapped at spaces, when not."""
    message = spec.message.rstrip("\n")
    width = shutil.get_terminal_size((80, 24)).columns - 1
    last = message.rsplit("\n", 1)[-1]
    if len(last) + 3 + len(answer) > width:
        answer = "\n" + "\n".join(_lines(answer, width - 2, "  ")).join(["  ", ""])
    line = [("class:qmark", "? "), ("class:question", message + " "), ("class:answer", answer)]
    print_formatted_text(FormattedText(line), style=DEFAULT_STYLE)


def _text_bindings(spec: PromptSpec) -> Any:
    """Esc goes back from a text prompt even when the answer box already holds text; Ctrl-C
    stops, carrying what was typed and not yet entered."""
    bindings = KeyBindings()
    if spec.allow_back:

        @bindings.add("escape", eager=True)
        def _back(event: Any) -> None:
            event.app.exit(result=Action.BACK)

    @bindings.add("c-c", eager=True)
    def _stop(event: Any) -> None:
        typed = event.app.current_buffer.text
        event.app.exit(exception=StoppedWhileTyping(typed), style="class:aborting")

    return bindings


class RichPrompter:
    """Arrow-key prompts through questionary, headings through rich."""

    def __init__(self) -> None:
        self.console = Console(highlight=False)

    def ask(self, spec: PromptSpec) -> Reply:
        if spec.kind == "review":
            return ask_review(fit_to_print(spec))
        return ask_questionary(spec)

    def say(self, text: str = "", style: str = "") -> None:
        # Wrapped here, each line under the text of its item, not by rich, which would take
        # a wrapped line back to the first column.
        self.console.print(fitted(text), style=style or None, markup=False, soft_wrap=True)
