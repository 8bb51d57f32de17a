"""Plurals and lists in words, defined once for the templates, the terminal lines and the
problem reports."""

from __future__ import annotations


def counted(count: int, one: str, many: str | None = None) -> str:
    """``1 blocker``, ``2 blockers``; ``many`` where the plural is not ``one`` + s."""
    return f"{count} {pick(count, one, many)}"


def pick(count: int, one: str, many: str | None = None) -> str:
    """The word for ``count`` things: ``one`` for 1, else ``many`` (``one`` + s)."""
    return one if count == 1 else (many if many is not None else one + "s")


def listed(items: list[str] | tuple[str, ...], quote: str = "") -> str:
    """Items as a sentence lists them: ``A``, ``A and B``, ``A, B and C``; each in ``quote``
    marks when given, so that a comma or an "and" inside an item cannot mislead."""
    marked = [f"{quote}{item}{quote}" for item in items]
    if len(marked) <= 1:
        return "".join(marked)
    return f"{', '.join(marked[:-1])} and {marked[-1]}"
