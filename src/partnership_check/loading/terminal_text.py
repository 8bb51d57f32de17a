"""Text from files made safe for where it is shown or written: on a terminal, every control
character, escape sequence and character that reorders or hides text is shown as a visible
escape (ESC as ``\\x1b``), so a terminal never acts on it; ordinary Unicode ("Môn", "—") is
kept as it is. Imports nothing heavy: ``cli.py`` and ``errors.py`` use it."""

from __future__ import annotations

import re

# C0 controls but the newline, DEL, C1 controls, zero-width space, the marks, embeddings,
# overrides and isolates that reorder text, line and paragraph separators, the byte-order
# mark, and lone surrogates (which cannot be written as UTF-8).
_SHOWN = "\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff"
_UNSAFE_LINES = re.compile(f"[{_SHOWN}\ud800-\udfff]")
_UNSAFE = re.compile(f"[{_SHOWN}\n\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(char: str) -> str:
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8, as Python keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` fit to print: each unsafe character shown as an escape such as ``\\x1b``.

    A newline is shown as ``\\n`` too, so a problem stays one line, unless
    ``keep_newlines`` (for a message of several lines, or a whole document).
    """
    pattern = _UNSAFE_LINES if keep_newlines else _UNSAFE
    if pattern.search(text) is None:
        return text  # nearly always: nothing to escape
    return pattern.sub(lambda found: _escape(found[0]), text)


def unsafe_character(text: str) -> str | None:
    """The first character of ``text`` that a terminal would act on or that hides or
    reorders text, shown as its escape; None when there is none. Newlines are fine."""
    found = _UNSAFE_LINES.search(text)
    return None if found is None else _escape(found[0])


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate: a file name's byte that is not UTF-8, or
    half of a surrogate pair from an escape; neither can be written as UTF-8."""
    return _SURROGATE.search(text) is not None


def utf8_text(text: str) -> str:
    """``text`` that can be written as UTF-8: each lone surrogate shown as its escape
    (a file name's byte as ``\\xe9``), everything else kept as it is."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(lambda found: _escape(found[0]), text)


def json_fit_to_print(document: str) -> str:
    """JSON as ``json.dumps(..., ensure_ascii=False)`` writes it, with each character
    :func:`terminal_text` would escape written as a ``\\u`` escape instead: the same data,
    fit to print. (json escapes the other control characters itself.)"""
    if _UNSAFE_LINES.search(document) is None:
        return document
    return _UNSAFE_LINES.sub(lambda found: f"\\u{ord(found[0]):04x}", document)
