"""The filters every template uses: text made safe for Markdown and for SVG, numbers as
the reports show them, text bars and changes between two scores (plurals: :mod:`.wording`);
and text made safe for a CSV cell."""

from __future__ import annotations

import re
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import lru_cache

from markupsafe import escape

from ..loading.names import display_name
from ..loading.terminal_text import terminal_text

NOTE_LIMIT = 1500  # characters of a note shown in the report; the answer file keeps it all


BAR_CELLS = 10


# Backslash-escaping any ASCII punctuation is valid CommonMark. Only what would change how a
# line renders is escaped, so that the Markdown reads as typed: code, emphasis, strikethrough,
# a link's or an image's opening bracket, HTML and autolinks, table cells; an underscore
# unless inside a word (where it is never emphasis); an ampersand only where it starts an
# entity (``&amp;``), never in "R&D"; a backslash only before punctuation (an escape) or at
# the end (where it would escape what follows), never in ``S:\Archives``.
_MARKUP = re.compile(
    r"[`*\[<|~]|(?<![^\W_])_|_(?![^\W_])|\\(?=[!-/:-@\[-`{-~]|$)"
    r"|&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)"
)


# ... and these only at the start, where they would begin a list, a quote or a heading (a
# hash sign only as a heading's marker, never in "#shared-service"), or a rule.
_LEADING = re.compile(r"^(?:([-+=:>]|#(?=#{0,5}(?:\s|$)))|(\d{1,9})([.)])(?=\s|$))")
# Hash signs at the end, after a space, would close a heading and vanish from it.
_CLOSING_HASHES = re.compile(r"(?<= )#+ *$")


def escape_inline(value: object) -> str:
    """Text safe inside a Markdown paragraph or table cell: one line, no markup, no HTML."""
    return _escape_recurring("" if value is None else str(value))


# A character that escaping could change: markup, a control or format character, or
# whitespace other than a space (every character str.split splits on is here).
_UNUSUAL = re.compile(
    r"[\\`*_\[\]<>|~&#!{}\x00-\x1f\x7f-\xa0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2069\u3000\ufeff]"
)


def escape_note(value: str) -> str:
    """Text safe inside a Markdown line, uncached: for notes, which rarely repeat."""
    if (
        _UNUSUAL.search(value) is None
        and "  " not in value
        and value[:1] != " "
        and value[-1:] != " "
        and _LEADING.match(value) is None
    ):
        return value  # most notes and names: nothing to escape
    return _escape_all(value)


def _escape_all(value: str) -> str:
    text = display_name(value)
    if _MARKUP.search(text):  # searching first is quicker for the many texts with no markup
        text = _MARKUP.sub(r"\\\g<0>", text)
    closing = _CLOSING_HASHES.search(text)
    if closing is not None:
        text = f"{text[: closing.start()]}\\{text[closing.start() :]}"
    leading = _LEADING.match(text)
    if leading is None:
        return text
    mark = f"\\{leading[1]}" if leading[1] else f"{leading[2]}\\{leading[3]}"
    return mark + text[leading.end() :]


# Bank text recurs in every report; the cache keeps each report from escaping it again.
# Evidence notes are new in every file, so they go through escape_note uncached and never push
# the bank's text out.
_escape_recurring = lru_cache(maxsize=4096)(escape_note)


def clip(value: str | None, limit: int = NOTE_LIMIT) -> str:
    """A long note cut at a word boundary to ``limit`` characters, with an ellipsis."""
    text = " ".join((value or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut) + " …"


def is_long(value: str | None, limit: int = NOTE_LIMIT) -> bool:
    return len(" ".join((value or "").split())) > limit


def score(value: float | None) -> str:
    """A score as every output shows it: the one decimal it is kept with and its band is
    set from (``79.8``, ``80.0``), so the figure and the band can never disagree."""
    if value is None:
        return ""
    return f"{value:.1f}"


def percent(value: float | None) -> str:
    """A share answered as a whole per cent, rounded down, so ``100`` means all of it and
    no share is shown as reaching a threshold it has not reached."""
    if value is None:
        return ""
    return str(int(Decimal(str(value)).to_integral_value(rounding=ROUND_FLOOR)))


def number(value: float | None) -> str:
    """A weight or cost: no trailing ``.0``."""
    if value is None:
        return ""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def bar(value: float | None, cells: int = BAR_CELLS) -> str:
    """A text bar of ``cells`` blocks, one per ten points, that reads in any viewer."""
    if value is None:
        return ""
    return _bar(value, cells)


@lru_cache(maxsize=4096)
def _bar(value: float, cells: int) -> str:
    filled = int(Decimal(str(value * cells / 100)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    filled = max(0, min(cells, filled))
    return "█" * filled + "░" * (cells - filled)


# Characters XML 1.0 does not allow anywhere in a document, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@lru_cache(maxsize=1024)  # section titles and band labels recur in every chart
def xml(value: str) -> str:
    """Text safe inside an SVG (XML) element or attribute: markup escaped, and characters
    XML does not allow (most control characters) left out, so the chart always opens."""
    return str(escape(_NOT_XML.sub("", value)))


# A cell starting with one of these is taken for a formula by a spreadsheet. (Some strip a
# leading tab or carriage return before they look: csv_text shows those as escapes first.)
_FORMULA_START = ("=", "+", "-", "@")


def csv_text(value: str) -> str:
    """Text safe as a CSV cell: control characters shown as escapes (ESC as ``\\x1b``, as on
    a terminal, where a cell may be printed), and an apostrophe before a formula's first
    character, as spreadsheets expect, so that a name like ``=HYPERLINK(...)`` stays text."""
    value = terminal_text(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def change(old: float | None, new: float | None) -> str:
    """The change between two scores as shown (one decimal), so columns add up:
    ``+3.2``, ``\u22122.0`` (a minus sign), ``0.0``, or an en dash when either is missing."""
    if old is None or new is None:
        return "\u2013"
    difference = Decimal(score(new)) - Decimal(score(old))
    if difference > 0:
        return f"+{difference}"
    return f"\u2212{-difference}" if difference < 0 else "0.0"
