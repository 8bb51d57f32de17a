"""Half characters: an escape such as ``"\\udfff"`` in JSON (or ``"\\U0000dfff"`` in YAML)
gives half of a UTF-16 surrogate pair, which is not a character and cannot be written as
UTF-8. Found after parsing, each is a located problem, so that no report or summary is
ever asked to write one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from ..errors import Problem
from .terminal_text import has_surrogates

RULE = "text-surrogate"
# Cheap to look for, and in every file that can hold a surrogate.
_MAYBE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F]")
# A JSON \u escape of a surrogate, with the backslashes before it (an even run is text).
_JSON_ESCAPE = re.compile(r"(\\+)u([dD][89a-fA-F][0-9a-fA-F]{2})")
_COMPOSER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def surrogate_problems(name: str, text: str, data: Any, *, is_json: bool) -> list[Problem]:
    """A problem at each lone surrogate in ``data``, parsed from ``text``; usually none."""
    if "\\" not in text or _MAYBE.search(text) is None or not _holds_surrogate(data):
        return []
    places = _json_places(text) if is_json else _yaml_places(text)
    return [
        Problem(
            path=name,
            line=line,
            column=column,
            rule=RULE,
            message=f"{shown} is half of a surrogate pair, not a character, and cannot be "
            "saved as UTF-8; remove it, or write the character it was meant to be",
        )
        for line, column, shown in places
    ]


def _holds_surrogate(data: Any) -> bool:
    if isinstance(data, str):
        return has_surrogates(data)
    if isinstance(data, dict):
        return any(_holds_surrogate(k) or _holds_surrogate(v) for k, v in data.items())
    if isinstance(data, list):
        return any(_holds_surrogate(item) for item in data)
    return False


def _json_places(text: str) -> Iterator[tuple[int, int, str]]:
    """Each escape of a lone surrogate in JSON text: a high half not followed at once by a
    low one, or a low half not following a high one (a pair is one character)."""
    high: re.Match[str] | None = None
    for found in _JSON_ESCAPE.finditer(text):
        if len(found[1]) % 2 == 0:
            continue  # an escaped backslash, then the letter u: text
        is_low = found[2][1].lower() in "cdef"
        if high is not None:
            if is_low and found.start() == high.end():
                high = None
                continue  # a whole pair
            yield _place(text, high)
            high = None
        if is_low:
            yield _place(text, found)
        else:
            high = found
    if high is not None:
        yield _place(text, high)


def _place(text: str, found: re.Match[str]) -> tuple[int, int, str]:
    start = found.end(1) - 1  # the escape's own backslash
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, column, f"\\u{found[2].lower()}"


def _yaml_places(text: str) -> Iterator[tuple[int, int, str]]:
    """Each key or value of YAML text that holds a lone surrogate, at its start."""
    stack = [yaml.compose(text, Loader=_COMPOSER)]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            lone = next((c for c in node.value if has_surrogates(c)), None)
            if lone is not None:
                mark = node.start_mark
                yield mark.line + 1, mark.column + 1, f"\\u{ord(lone):04x}"
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in reversed(node.value) for part in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
