"""Where things are in a YAML file: line and column for a path of keys, worked out only
when something is wrong; pydantic errors turned into located problems; file order; and
the near miss a mistyped word most likely meant."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import Problem

# Composing keeps node marks; libyaml's C parser when present, as for loading.
_COMPOSER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def locate(text: str, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int] | None:
    """1-based line and column of the node at ``loc``, or the deepest ancestor found.

    With ``key`` the position of the mapping key itself is given (for "unknown key").
    """
    try:
        node = yaml.compose(text, Loader=_COMPOSER)
    except (yaml.YAMLError, RecursionError):
        return None
    if node is None:
        return None
    mark = node.start_mark
    for part in loc:
        child, key_node = _child(node, part)
        if child is None:
            break
        mark = key_node.start_mark if key and key_node is not None else child.start_mark
        node = child
    return mark.line + 1, mark.column + 1


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                return value_node, key_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        in_range = 0 <= part < len(node.value)
        return (node.value[part], None) if in_range else (None, None)
    return None, None


def validation_problems(
    name: str,
    text: str,
    err: ValidationError,
    *,
    rule: str = "schema",
    details: list[Any] | None = None,
) -> list[Problem]:
    """Turns a pydantic ValidationError (or ``details``, its errors as a caller has
    pruned them) into problems located in the file."""
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    if details is None:
        details = list(err.errors(include_url=False))
    locs = [tuple(p for p in d["loc"] if isinstance(p, int | str)) for d in details]
    for detail, loc in zip(details, locs, strict=True):
        # When an item of a tuple fails, pydantic also calls the tuple too short: noise.
        if detail["type"] == "too_short" and any(
            len(other) > len(loc) and other[: len(loc)] == loc for other in locs
        ):
            continue
        message = _friendly(detail)
        if (loc, message) in seen:
            continue
        seen.add((loc, message))
        where = locate(text, loc, key=detail["type"] == "extra_forbidden")
        dotted = ".".join(str(p) for p in loc)
        problems.append(
            Problem(
                path=name,
                line=where[0] if where else None,
                column=where[1] if where else None,
                rule=rule,
                message=f"{dotted}: {message}" if dotted else message,
            )
        )
    return problems


def _friendly(detail: Any) -> str:
    kind = detail["type"]
    if kind == "extra_forbidden":
        return "unknown key; check its spelling against the documented keys"
    if kind == "missing":
        return "required key is missing"
    if kind.startswith("date"):
        return "not a date; write it as YYYY-MM-DD, for example 2026-11-25"
    message = str(detail["msg"])
    return message.removeprefix("Value error, ")


def file_order(problem: Problem) -> tuple[int, int]:
    """Sort key: located problems by line and column, the rest after them as found."""
    unknown = 1 << 30
    return (
        problem.line if problem.line is not None else unknown,
        problem.column if problem.column is not None else unknown,
    )


def closest(word: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known word closest to a mistyped one, if any is close enough."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=cutoff)
    return close[0] if close else None
