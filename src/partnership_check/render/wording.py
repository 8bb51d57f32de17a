"""Plurals, defined once for the templates, the terminal lines and the problem reports."""

from __future__ import annotations


def counted(count: int, one: str, many: str | None = None) -> str:
    """``1 blocker``, ``2 blockers``; ``many`` where the plural is not ``one`` + s."""
    return f"{count} {pick(count, one, many)}"


def pick(count: int, one: str, many: str | None = None) -> str:
    """The word for ``count`` things: ``one`` for 1, else ``many`` (``one`` + s)."""
    return one if count == 1 else (many if many is not None else one + "s")
