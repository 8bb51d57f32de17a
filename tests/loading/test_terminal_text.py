"""Text fit for a terminal: control characters and escape sequences shown, never acted on;
ordinary Unicode kept; text that cannot be written as UTF-8 made writable."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnership_check.loading.terminal_text import (
    has_surrogates,
    json_fit_to_print,
    terminal_text,
    unsafe_character,
    utf8_text,
)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),  # sets the window title
        ("\x1b[2J", "\\x1b[2J"),  # clears the screen
        (
            "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
            "\\x1b]8;;http://x\\x1b\\link\\x1b]8;;\\x1b\\",
        ),
        ("\x9b2J", "\\x9b2J"),  # the one-byte C1 form of ESC [
        ("a\tb\rc\nd", "a\\tb\\rc\\nd"),
        ("\x00\x7f", "\\x00\\x7f"),
        ("abc\u202edcba", "abc\\u202edcba"),  # right-to-left override
        ("caf\udce9.yaml", "caf\\xe9.yaml"),  # a file name's byte that is not UTF-8
        ("\udfff", "\\udfff"),
    ],
)
def test_control_characters_are_shown_as_escapes(text: str, shown: str) -> None:
    assert terminal_text(text) == shown


def test_ordinary_unicode_is_kept_as_it_is() -> None:
    text = "Archifau Môn — Cymru 👩‍💻 “quoted” café"
    assert terminal_text(text) == text


def test_newlines_kept_for_a_whole_document() -> None:
    assert terminal_text("one\ntwo\x1b\n", keep_newlines=True) == "one\ntwo\\x1b\n"


@given(st.text())
def test_output_never_holds_a_control_character_and_escaping_twice_changes_nothing(
    text: str,
) -> None:
    shown = terminal_text(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert not has_surrogates(shown)
    shown.encode("utf-8")
    assert terminal_text(shown) == shown


def test_unsafe_character_names_the_first_one_and_allows_newlines() -> None:
    assert unsafe_character("Title\nsecond line") is None
    assert unsafe_character("Bad\x1b]0;x\x07") == "\\x1b"


def test_utf8_text_escapes_only_surrogates() -> None:
    assert utf8_text("caf\udce9 \x1b Môn") == "caf\\xe9 \x1b Môn"
    assert utf8_text("plain") == "plain"


def test_json_fit_to_print_is_the_same_data_without_raw_control_characters() -> None:
    data = {"name": "a\x9b\u202e\udce9\x1b — Môn"}
    text = json_fit_to_print(json.dumps(data, ensure_ascii=False))
    assert json.loads(text) == data
    assert "Môn" in text and terminal_text(text) == text
