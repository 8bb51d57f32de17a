"""Everything that talks to the person at the terminal.

Pure functions turn a question (or the review screen) into a :class:`PromptSpec`;
:func:`ask_questionary` is the one place that calls questionary, with ``unsafe_ask`` so
Ctrl-C raises KeyboardInterrupt instead of quietly returning None. :class:`PlainPrompter`
asks the same specs as numbered plain lines for screen readers.
"""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass
from typing import IO, Any, Literal, Protocol

from .answers import Answer
from .bank import QuestionRef
from .flow import Position, ReviewRow

BACK_LABEL = "← Back to the previous question"
HELP_LABEL = "? Help for this question"
FINISH_LABEL = "Finish and write the report"
NOTE_MESSAGE = "Evidence note (optional, one line; Enter skips)"
SERVICE_MESSAGE = "Name of the archive service"
TEXT_HINT = "Type < to go back, ? for help"


class Action(enum.Enum):
    """Replies that are moves, not answers."""

    BACK = "back"
    HELP = "help"
    FINISH = "finish"


Reply = str | list[str] | Action | None


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
        return raw if isinstance(raw, Action) else _text_reply(spec, str(raw))
    choices: list[Any] = []
    if spec.allow_finish:
        choices.append(questionary.Choice(FINISH_LABEL, value=Action.FINISH, shortcut_key="f"))
        choices.append(questionary.Separator())
    for option in spec.options:
        checked = spec.kind == "checkbox" and option.value in (spec.default or ())
        choices.append(questionary.Choice(option.label, value=option.value, checked=checked))
    extras: list[Any] = []
    if spec.allow_back:
        extras.append(questionary.Choice(BACK_LABEL, value=Action.BACK, shortcut_key="b"))
    if spec.allow_help:
        extras.append(questionary.Choice(HELP_LABEL, value=Action.HELP, shortcut_key="h"))
    if extras:
        choices.append(questionary.Separator())
        choices.extend(extras)
    if spec.kind == "checkbox":
        picked = questionary.checkbox(
            spec.message,
            choices=choices,
            instruction=spec.instruction,
            validate=lambda ticked: bool(ticked) or not spec.required or "Tick at least one",
        ).unsafe_ask()
        actions = [p for p in picked if isinstance(p, Action)]
        return actions[0] if actions else [str(p) for p in picked]
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


def _text_bindings(spec: PromptSpec) -> Any:
    """Esc goes back from a text prompt even when the answer box already holds text."""
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()
    if spec.allow_back:

        @bindings.add("escape", eager=True)
        def _back(event: Any) -> None:
            event.app.exit(result=Action.BACK)

    return bindings


def _text_reply(spec: PromptSpec, raw: str) -> Reply:
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


# -- plain numbered lines ----------------------------------------------------------------


class PlainPrompter:
    """Numbered plain lines read top to bottom; replies are numbers typed and Enter."""

    def __init__(self, stdin: IO[str] | None = None, stdout: IO[str] | None = None) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout

    def say(self, text: str = "", style: str = "") -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def _read(self, prompt: str) -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise EOFError
        return line.strip()

    def ask(self, spec: PromptSpec) -> Reply:
        self.say(spec.message)
        if spec.kind == "text":
            return self._ask_text(spec)
        keys = self._list(spec)
        while True:
            reply = self._read(self._hint(spec) + "> ")
            parsed = self._parse(spec, keys, reply)
            if parsed is not _INVALID:
                return parsed  # type: ignore[return-value]
            self.say(f"Please type {self._expected(spec, len(spec.options))}.")

    def _ask_text(self, spec: PromptSpec) -> Reply:
        hints = [h for h in [spec.instruction] if h]
        if spec.default:
            clears = "" if spec.required else "; - clears it"
            hints.append(f"(Enter keeps: {spec.default}{clears})")
        while True:
            raw = self._read((" ".join(hints) + "\n" if hints else "") + "> ")
            if raw == "-" and not spec.required:
                return None
            if not raw and isinstance(spec.default, str) and spec.default:
                return spec.default
            if not raw and spec.required:
                self.say("An answer is needed here.")
                continue
            return _text_reply(spec, raw)

    def _list(self, spec: PromptSpec) -> dict[str, Reply]:
        keys: dict[str, Reply] = {}
        if spec.allow_finish:
            self.say(f"  f. {FINISH_LABEL}")
            keys["f"] = Action.FINISH
        defaults = spec.default if isinstance(spec.default, tuple) else (spec.default,)
        for number, option in enumerate(spec.options, start=1):
            mark = " (current)" if option.value in defaults else ""
            self.say(f"  {number}. {option.label}{mark}")
            keys[str(number)] = option.value
        if spec.allow_back:
            self.say(f"  b. {BACK_LABEL.removeprefix('← ')}")
            keys["b"] = Action.BACK
        if spec.allow_help:
            self.say(f"  h. {HELP_LABEL.removeprefix('? ')}")
            keys["h"] = keys["?"] = Action.HELP
        return keys

    def _hint(self, spec: PromptSpec) -> str:
        count = len(spec.options)
        hint = f"Type {self._expected(spec, count)} and press Enter"
        if spec.default:
            hint += " (Enter keeps the current answer)"
        return hint + "\n"

    @staticmethod
    def _expected(spec: PromptSpec, count: int) -> str:
        if spec.kind == "checkbox":
            return f"one or more numbers from 1 to {count}, separated by spaces"
        return f"a number from 1 to {count}" if count else "a letter"

    def _parse(self, spec: PromptSpec, keys: dict[str, Reply], reply: str) -> Reply | object:
        reply = reply.lower()
        if not reply:
            if spec.kind == "checkbox" and (spec.default or not spec.required):
                return list(spec.default or ())
            if isinstance(spec.default, str):
                return spec.default
            return _INVALID
        if reply in keys and (spec.kind != "checkbox" or isinstance(keys[reply], Action)):
            return keys[reply]
        if spec.kind != "checkbox":
            return _INVALID
        parts = reply.replace(",", " ").split()
        if not parts or any(p not in keys or isinstance(keys[p], Action) for p in parts):
            return _INVALID
        picked: list[str] = []
        for part in parts:
            value = keys[part]
            if isinstance(value, str) and value not in picked:
                picked.append(value)
        return picked


_INVALID = object()
