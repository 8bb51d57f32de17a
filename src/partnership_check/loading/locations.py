"""Where things are in a YAML file: line and column for a path of keys, worked out only
when something is wrong; pydantic errors turned into located problems; file order; and
the near miss a mistyped word most likely meant."""

from __future__ import annotations

import contextlib
import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import Problem
from .typed_dates import WHAT_TO_WRITE

# libyaml's C parser when present, as for loading.
_PARSER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


Loc = Sequence[str | int]
Place = tuple[int, int]  # 1-based line and column


def locate(text: str, loc: Loc, *, key: bool = False) -> Place | None:
    """1-based line and column of the node at ``loc``, or the deepest ancestor found.

    With ``key`` the position of the mapping key itself is given (for "unknown key").
    """
    return locate_all(text, [(loc, key)])[0]


def locate_all(text: str, wanted: Sequence[tuple[Loc, bool]]) -> list[Place | None]:
    """:func:`locate` for each ``(loc, key)`` at once: one pass over the file's parser
    events, however many there are, keeping only the places asked for."""
    root = _Spot()
    count = 1
    for loc, _key in wanted:
        spot = root
        for part in loc:
            if part not in spot.children:
                spot.children[part] = _Spot()
                count += 1
            spot = spot.children[part]
    # On a syntax error the places found before it stand; the rest fall back to an ancestor.
    with contextlib.suppress(yaml.YAMLError):
        _walk(text, root, count)
    return [_place(root, loc, key) for loc, key in wanted]


class _Spot:
    """A place asked for (or on the way to one), and where it was found in the file."""

    __slots__ = ("children", "key", "value")

    def __init__(self) -> None:
        self.children: dict[str | int, _Spot] = {}
        self.value: Any = None  # where the node starts: a mark, once found
        self.key: Any = None  # where its key starts, in a mapping

    def child(self, part: str | int) -> _Spot | None:
        """The spot for a mapping key (given as text) or a list index."""
        found = self.children.get(part)
        if found is None and isinstance(part, str) and part.isdecimal():
            found = self.children.get(int(part))  # a number in a path also names a key
        return found


class _Open:
    """A mapping or list being read: its spot, and where the next node in it goes."""

    __slots__ = ("index", "is_mapping", "pending", "spot")

    def __init__(self, spot: _Spot, is_mapping: bool) -> None:
        self.spot = spot
        self.is_mapping = is_mapping
        self.index = 0  # a list's next index
        self.pending: _Spot | None = _KEY  # in a mapping: the spot the next value fills

    def next_spot(self, event: Any) -> _Spot | None:
        """The spot of the node this event starts (None: no one asked about it)."""
        if not self.is_mapping:
            self.index += 1
            return self.spot.children.get(self.index - 1)
        if self.pending is _KEY:  # a key: the value that follows fills the spot it names
            named = self.spot.child(event.value) if event.__class__ is _SCALAR else None
            if named is not None and named.key is None:
                named.key = event.start_mark
            self.pending = named
            return None  # nothing is asked about inside a key
        spot, self.pending = self.pending, _KEY
        return spot


_KEY: Any = _Spot()  # a mapping waiting for its next key
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _walk(text: str, root: _Spot, count: int) -> None:
    """Marks each of the ``count`` spots with where its node (and key) starts, in the
    first document; it stops once all are found, and skips what no one asked about."""
    parser = _PARSER(text)
    get: Callable[[], Any] = parser.get_event
    stack: list[_Open] = []
    try:
        while count:
            event = get()
            kind = event.__class__
            if kind in _ENDS:
                stack.pop()
                if not stack:
                    return
                continue
            if kind is not _SCALAR and kind is not _ALIAS and kind not in _STARTS:
                if kind is yaml.StreamEndEvent:
                    return
                continue  # the stream or the document starting
            spot = stack[-1].next_spot(event) if stack else root
            if spot is not None and spot.value is None:
                spot.value = event.start_mark
                count -= 1
            if kind in _STARTS:
                if spot is None:
                    _skip(get)
                else:
                    stack.append(_Open(spot, kind is yaml.MappingStartEvent))
            elif not stack:
                return  # a document that is one scalar
    finally:
        parser.dispose()


def _skip(get: Callable[[], Any]) -> None:
    """Reads past the rest of a mapping or list just started."""
    depth = 1
    while depth:
        kind = get().__class__
        if kind in _STARTS:
            depth += 1
        elif kind in _ENDS:
            depth -= 1


def _place(root: _Spot, loc: Loc, key: bool) -> Place | None:
    spot = root
    mark = root.value
    if mark is None:
        return None
    for part in loc:
        child = spot.children[part]
        if child.value is None:
            break
        mark = child.key if key and child.key is not None else child.value
        spot = child
    return mark.line + 1, mark.column + 1


def validation_problems(
    name: str,
    text: str,
    err: ValidationError,
    *,
    rule: str = "schema",
    details: list[Any] | None = None,
) -> list[Problem]:
    """Turns a pydantic ValidationError (or ``details``, its errors as a caller has
    pruned or reworded them: a ``message`` in one is used as it is) into problems located
    in the file."""
    if details is None:
        details = list(err.errors(include_url=False))
    locs = [tuple(p for p in d["loc"] if isinstance(p, int | str)) for d in details]
    # Places with an error further in: when an item of a tuple fails, pydantic also calls
    # the tuple too short, which is noise.
    parents = {loc[:length] for loc in locs for length in range(len(loc))}
    kept: list[tuple[tuple[str | int, ...], str, bool]] = []
    seen: set[tuple[Any, ...]] = set()
    for detail, loc in zip(details, locs, strict=True):
        if detail["type"] == "too_short" and loc in parents:
            continue
        message = friendly_message(detail)
        if (loc, message) not in seen:
            seen.add((loc, message))
            kept.append((loc, message, detail["type"] == "extra_forbidden"))
    places = locate_all(text, [(loc, key) for loc, _message, key in kept])
    problems: list[Problem] = []
    for (loc, message, _key), where in zip(kept, places, strict=True):
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


def friendly_message(detail: Any) -> str:
    if "message" in detail:  # the caller's own words for it
        return str(detail["message"])
    kind = detail["type"]
    if kind == "extra_forbidden":
        return "unknown key; check its spelling against the documented keys"
    if kind == "missing":
        return "required key is missing"
    if kind.startswith("date"):
        return f"not a date; {WHAT_TO_WRITE}"
    message = str(detail["msg"])
    return message.removeprefix("Value error, ")


def file_order(problem: Problem) -> tuple[int, int]:
    """Sort key: located problems by line and column (in a workbook, by row and column),
    the rest after them as found."""
    unknown = 1 << 30
    if problem.cell is not None:
        found = _CELL.search(problem.cell)
        if found:
            letters, row = found.groups()
            column = 0
            for letter in letters:
                column = column * 26 + ord(letter) - ord("A") + 1
            return int(row), column
    return (
        problem.line if problem.line is not None else unknown,
        problem.column if problem.column is not None else unknown,
    )


_CELL = re.compile(r"([A-Z]+)([0-9]+)$")


def closest(word: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known word closest to a mistyped one, if any is close enough."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=cutoff)
    return close[0] if close else None


# Comparing one word with one known word costs up to some 10 microseconds.
MAX_COMPARISONS = 20_000


class NearMisses:
    """:func:`closest` for the mistyped words of one file, within a budget of comparisons:
    a file with thousands of unknown words is still reported at once, the first of them
    with the word most likely meant. A word already looked up costs nothing."""

    def __init__(self, budget: int = MAX_COMPARISONS) -> None:
        self.left = budget
        self._found: dict[tuple[str, float, tuple[str, ...]], str | None] = {}

    def closest(self, word: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
        words = tuple(known)
        asked = (word, cutoff, words)
        if asked not in self._found:
            if len(words) > self.left:
                return None
            self.left -= len(words)
            self._found[asked] = closest(word, words, cutoff)
        return self._found[asked]
