"""Words as a person types them, reduced to what tells them apart: the one normalising that
every reader of answers (YAML, JSON, a workbook) compares typed answers by."""

from __future__ import annotations

import re

# Word processors and mail programs put these in place of the quotes on the keyboard.
_STRAIGHT = str.maketrans(
    {
        "\u201c": '"',  # left double
        "\u201d": '"',  # right double
        "\u201e": '"',  # low double
        "\u201f": '"',  # reversed double
        "\u2033": '"',  # double prime
        "\u2018": "'",  # left single
        "\u2019": "'",  # right single (also an apostrophe)
        "\u201a": "'",  # low single
        "\u201b": "'",  # reversed single
        "\u2032": "'",  # prime
    }
)
# Any run of spaces, including non-breaking and other Unicode spaces, and hyphens,
# underscores and slashes, which people type for spaces in ids and the other way round
# ("dont know", "N/A" for n-a).
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f_/-]+")
_WRAPPING_QUOTES = ('"', "'")


def straight_quotes(text: str) -> str:
    """``text`` with typographic quotes (curly, low and reversed, and primes) as plain ``"``
    and ``'``."""
    return text.translate(_STRAIGHT)


def comparable(text: str) -> str:
    """``text`` as compared with the ids and labels of answers: quotes straightened, any
    run of spaces, hyphens, underscores or slashes as one space, no spaces or quotes around it, and
    case ignored. ``Don\u2019t know`` with curly quotes around it and ``dont-know`` compare
    as the label and the id they are."""
    words = _SPACES.sub(" ", straight_quotes(text)).strip()
    while len(words) > 1 and words[0] in _WRAPPING_QUOTES and words[-1] == words[0]:
        words = words[1:-1].strip()
    return words.casefold()


_TYPOGRAPHIC_PAIRS = (("\u201c", "\u201d"), ("\u2018", "\u2019"), ("\u201e", "\u201c"))
_OPENINGS = frozenset(opening for opening, _ in _TYPOGRAPHIC_PAIRS)


def opens_typographic_quote(text: str) -> bool:
    """Whether ``text`` starts with a typographic quote it never closes: to YAML that is
    no quote, so a `` #`` in the text began a comment and cut it short there."""
    inner = text.strip()
    if inner[:1] not in _OPENINGS:
        return False  # most notes: checked at once, as every note of a batch is
    return any(
        inner.startswith(opening) and closing not in inner[1:]
        for opening, closing in _TYPOGRAPHIC_PAIRS
    )


def without_typographic_quotes(text: str) -> str:
    """``text`` without one pair of typographic quotes around the whole of it: pasted from
    a word processor, ``“Two days a month”`` was meant as quotes around the text, as
    ``"Two days a month"`` is."""
    inner = text.strip()
    if inner[:1] not in _OPENINGS:
        return text
    for opening, closing in _TYPOGRAPHIC_PAIRS:
        if len(inner) > 1 and inner.startswith(opening) and inner.endswith(closing):
            return inner[1:-1].strip()
    return text
