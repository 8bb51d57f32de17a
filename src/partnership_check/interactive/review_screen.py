"""The review screen with arrow keys: every answer in full, wrapped to the terminal's width
and grouped by section, in a full-screen list that scrolls. :func:`ask_review` is the one
function that runs it; Ctrl-C raises KeyboardInterrupt."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

from prompt_toolkit.application import Application, get_app
from prompt_toolkit.data_structures import Point
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.layout import HSplit, Layout, ScrollOffsets, Window
from prompt_toolkit.layout.controls import FormattedTextControl
from prompt_toolkit.styles import Style

from .prompt_specs import FINISH_LABEL, Action, PromptSpec, Reply, review_sections

KEYS_HINT = (
    "Up/Down, PageUp/PageDown, Home/End or type a number, then Enter to change it; "
    "f finishes, b goes back"
)
STYLE = Style.from_dict(
    {
        "heading": "bold underline",
        "chosen": "reverse",
        "number": "bold",
        "note": "italic",
        "hint": "italic",
    }
)


@dataclass(frozen=True)
class _Entry:
    """One thing the pointer can rest on: Finish, a detail, or an answer."""

    reply: Reply
    heading: str | None  # a section's title shown above it, for its first answer
    lines: tuple[str, ...]


def ask_review(spec: PromptSpec) -> Reply:
    """Shows the review and returns Finish, Back, a detail's action or a question's id."""
    screen = _Review(spec)
    app: Application[Reply] = Application(
        layout=Layout(
            HSplit(
                [
                    Window(
                        FormattedTextControl(screen.header),
                        wrap_lines=True,
                        dont_extend_height=True,
                    ),
                    Window(
                        FormattedTextControl(
                            screen.body,
                            focusable=True,
                            show_cursor=False,
                            get_cursor_position=screen.cursor,
                        ),
                        scroll_offsets=ScrollOffsets(top=1, bottom=screen.below_cursor),
                    ),
                    Window(FormattedTextControl(screen.footer), height=1),
                ]
            )
        ),
        key_bindings=screen.bindings(),
        style=STYLE,
        full_screen=True,
    )
    return app.run()


class _Review:
    """The entries, which one the pointer is on, and the number being typed."""

    def __init__(self, spec: PromptSpec) -> None:
        self.spec = spec
        self.pointed = 0
        self.typed = ""
        self.numbers: dict[str, int] = {}  # a typed number to its entry
        self.width = 0
        self.entries: list[_Entry] = []
        self.starts: list[int] = []  # the body line each entry starts on

    # -- what is drawn ----------------------------------------------------------------

    def _layout(self) -> None:
        """Wraps every entry to the terminal's width, again whenever the width changes."""
        width = max(get_app().output.get_size().columns - 1, 20)
        if width == self.width:
            return
        first = not self.entries
        self.width = width
        self.entries = [_Entry(Action.FINISH, None, self._wrap(FINISH_LABEL, 4, 4))]
        for detail in self.spec.details:
            text = f"{detail.label}: {detail.value} ({detail.key} changes it)"
            self.entries.append(_Entry(detail.action, None, self._wrap(text, 4, 4)))
        for title, rows in review_sections(self.spec.rows):
            for index, row in enumerate(rows):
                number = f"{row.number}. "
                lines = list(self._wrap(number + row.text, 4, 4 + len(number)))
                lines += self._wrap(f"Answer: {row.answer}", 4 + len(number), 12 + len(number))
                if row.note:
                    lines += self._wrap(f"Note: {row.note}", 4 + len(number), 10 + len(number))
                self.numbers[str(row.number)] = len(self.entries)
                self.entries.append(_Entry(row.qid, title if index == 0 else None, tuple(lines)))
        if first:  # on the answer just changed, if any
            replies = [entry.reply for entry in self.entries]
            self.pointed = replies.index(self.spec.default) if self.spec.default in replies else 0
        self.starts, line = [], 0
        for entry in self.entries:
            line += 2 if entry.heading else 0  # a blank line, then the heading
            self.starts.append(line)
            line += len(entry.lines)

    def _wrap(self, text: str, first: int, rest: int) -> tuple[str, ...]:
        return tuple(
            textwrap.wrap(
                text,
                self.width,
                initial_indent=" " * first,
                subsequent_indent=" " * rest,
                break_on_hyphens=False,
            )
        )

    def header(self) -> StyleAndTextTuples:
        self._layout()
        hint = "\n".join(textwrap.wrap(KEYS_HINT, self.width, break_on_hyphens=False))
        return [("class:number", f"? {self.spec.message}\n"), ("class:hint", hint)]

    def body(self) -> StyleAndTextTuples:
        self._layout()
        tokens: StyleAndTextTuples = []
        for index, entry in enumerate(self.entries):
            if entry.heading:
                tokens += [("", "\n"), ("class:heading", entry.heading), ("", "\n")]
            style = "class:chosen" if index == self.pointed else ""
            for number, line in enumerate(entry.lines):
                if number == 0 and index == self.pointed:
                    line = " » " + line[3:]
                tokens += [(style, line), ("", "\n")]
        return tokens[:-1]

    def cursor(self) -> Point:
        self._layout()
        return Point(0, self.starts[self.pointed])

    def below_cursor(self) -> int:
        """Keeps the whole of the pointed entry on screen, not just its first line."""
        return len(self.entries[self.pointed].lines) - 1 if self.entries else 0

    def footer(self) -> StyleAndTextTuples:
        if self.typed:
            return [("class:hint", f"Going to {self.typed}: Enter changes it")]
        count = len(self.spec.rows)
        return [("class:hint", f"{count} answers · type a number from 1 to {count}")]

    # -- keys -------------------------------------------------------------------------

    def bindings(self) -> KeyBindings:
        keys = KeyBindings()
        keys.add("up")(lambda e: self._move(-1))
        keys.add("down")(lambda e: self._move(1))
        keys.add("pageup")(lambda e: self._page(-1))
        keys.add("pagedown")(lambda e: self._page(1))
        keys.add("home")(lambda e: self._go(0))
        keys.add("end")(lambda e: self._go(len(self.entries) - 1))
        keys.add("backspace")(lambda e: self._type(self.typed[:-1]))
        for digit in "0123456789":
            keys.add(digit)(lambda e, d=digit: self._type(self.typed + d))
        keys.add("enter")(lambda e: e.app.exit(result=self.entries[self.pointed].reply))
        moves: dict[str, Reply] = {"f": Action.FINISH, "b": Action.BACK, "escape": Action.BACK}
        moves.update({d.key: d.action for d in self.spec.details})
        for key, reply in moves.items():
            keys.add(key, eager=True)(lambda e, r=reply: e.app.exit(result=r))
        keys.add("c-c", eager=True)(_interrupt)
        return keys

    def _go(self, index: int) -> None:
        self.typed = ""
        self.pointed = max(0, min(index, len(self.entries) - 1))

    def _move(self, step: int) -> None:
        self._go(self.pointed + step)

    def _page(self, step: int) -> None:
        """About a screenful of entries up or down."""
        rows = get_app().output.get_size().rows - 4
        target = self.starts[self.pointed] + step * max(rows, 1)
        within = [i for i, start in enumerate(self.starts) if start <= target]
        index = within[-1] if within else 0
        if step > 0 and index <= self.pointed:  # an entry taller than a screen
            index = self.pointed + 1
        self._go(index)

    def _type(self, typed: str) -> None:
        """Typing a number points at that answer at once; Enter then changes it."""
        if typed and typed not in self.numbers:
            typed = typed[-1:] if typed[-1:] in self.numbers else ""
        if typed:
            self.pointed = self.numbers[typed]
        self.typed = typed


def _interrupt(event: Any) -> None:
    event.app.exit(exception=KeyboardInterrupt, style="class:aborting")
