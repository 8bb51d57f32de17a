"""Plain numbered prompts read top to bottom, for screen readers and dumb terminals.

Asks the same :class:`~.prompt_specs.PromptSpec` as the arrow-key prompts; no colour, no cursor
movement, only lines of text and a number typed and Enter.
"""

from __future__ import annotations

import sys
from typing import IO

from .line_wrapping import fitted
from .prompt_specs import (
    BACK_LABEL,
    FINISH_LABEL,
    HELP_LABEL,
    Action,
    PromptSpec,
    Reply,
    fit_to_print,
    review_sections,
    text_reply,
)


class PlainPrompter:
    """Numbered plain lines read top to bottom; replies are numbers typed and Enter."""

    def __init__(self, stdin: IO[str] | None = None, stdout: IO[str] | None = None) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout

    def say(self, text: str = "", style: str = "") -> None:
        self.stdout.write(fitted(text) + "\n")
        self.stdout.flush()

    def _read(self, prompt: str) -> str:
        self.stdout.write(fitted(prompt))
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise EOFError
        return line.strip()

    def ask(self, spec: PromptSpec) -> Reply:
        spec = fit_to_print(spec)
        self.say(spec.message)
        if spec.kind == "text":
            return self._ask_text(spec)
        if spec.kind == "review":
            return self._ask_review(spec)
        keys = self._list(spec)
        while True:
            reply = self._read(self._hint(spec) + "> ")
            parsed = self._parse(spec, keys, reply)
            if parsed is not _INVALID:
                return parsed  # type: ignore[return-value]
            self.say(self._mistake(spec, keys, reply))

    def _ask_text(self, spec: PromptSpec) -> Reply:
        # A line is read here, so Esc cannot go back: only < can.
        hints = [spec.instruction.strip("()").replace("Esc or ", "")] if spec.instruction else []
        if spec.default:
            clears = "" if spec.required else "; - clears it"
            hints.insert(0, f"Enter keeps: {spec.default}{clears}")
        while True:
            raw = self._read(("(" + "; ".join(hints) + ")\n" if hints else "") + "> ")
            if raw == "-" and not spec.required:
                return None
            if not raw and isinstance(spec.default, str) and spec.default:
                return spec.default
            if not raw and spec.required:
                self.say("An answer is needed here.")
                continue
            return text_reply(spec, raw)

    def _ask_review(self, spec: PromptSpec) -> Reply:
        """Every answer in full under its section's heading, each number said once."""
        keys: dict[str, Reply] = {"f": Action.FINISH, "b": Action.BACK}
        for detail in spec.details:
            self.say(f"{detail.label}: {detail.value} ({detail.key} changes it)")
            keys[detail.key] = detail.action
        for title, rows in review_sections(spec.rows):
            self.say()
            self.say(title)
            for row in rows:
                self.say(f"  {row.number}. {row.text}")
                self.say(f"      Answer: {row.answer}")
                if row.note:
                    self.say(f"      Note: {row.note}")
                keys[str(row.number)] = row.qid
        self.say()
        extra = "".join(f"; {d.key} changes {d.what}" for d in spec.details)
        prompt = (
            f"Type a number to change it, f to finish (1 to {len(spec.rows)}; b goes back{extra})"
        )
        while True:
            reply = self._read(prompt + "\n> ").lower()
            if reply in keys:
                return keys[reply]
            named = f"{reply} is not on the list." if 0 < len(reply) <= 12 else "Please type again."
            self.say(f"{named} {prompt}")

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
            self.say(f"  h. {HELP_LABEL}")
            keys["h"] = keys["?"] = Action.HELP
        return keys

    def _hint(self, spec: PromptSpec) -> str:
        count = len(spec.options)
        expected = self._expected(spec, count)
        hint = f"Type {expected}{',' if spec.kind == 'checkbox' else ''} and press Enter"
        if spec.default:
            hint += " (Enter keeps the current answer)"
        return hint + "\n"

    @staticmethod
    def _expected(spec: PromptSpec, count: int) -> str:
        if spec.kind == "checkbox":
            return f"one or more numbers from 1 to {count}, separated by spaces or commas"
        return f"a number from 1 to {count}" if count else "a letter"

    def _mistake(self, spec: PromptSpec, keys: dict[str, Reply], reply: str) -> str:
        """What was wrong with a reply, and what to type instead."""
        expected = self._expected(spec, len(spec.options))
        parts = reply.lower().replace(",", " ").split()
        unknown = next((p for p in parts if p not in keys), None)
        if not parts:
            return f"An answer is needed here: type {expected}."
        if unknown is not None:
            named = unknown if len(unknown) <= 12 else "That"
            return f"{named} is not on the list. Please type {expected}."
        if spec.kind != "checkbox":
            return f"Please type only one: {expected}."
        letter = next(p for p in parts if isinstance(keys[p], Action))  # among numbers
        return (
            f"Type {letter} on its own to {_MOVE_NAMES[keys[letter]]}; nothing was ticked. "
            f"To tick answers, type {expected}."
        )

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
_MOVE_NAMES: dict[Reply, str] = {
    Action.BACK: "go back",
    Action.HELP: "see the help",
    Action.FINISH: "finish",
}
