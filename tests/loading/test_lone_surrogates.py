"""Half characters (lone surrogates) from escapes are located problems; whole characters
written as a pair of escapes, and escaped backslashes, are text."""

from __future__ import annotations

import pytest
import yaml

from partnership_check.errors import InputError
from partnership_check.loading import lone_surrogates
from partnership_check.loading.parser import parse_text


def places(text: str, *, is_json: bool = True) -> list[tuple[int | None, int | None, str]]:
    with pytest.raises(InputError) as raised:
        parse_text("a.json", text, is_json=is_json)
    return [(p.line, p.column, p.rule) for p in raised.value.problems]


def test_each_half_character_is_found_where_it_is_written() -> None:
    text = '{\n  "note": "ok \\udfff",\n  "x\\ud800y": "\\ud83d"\n}'
    assert places(text) == [
        (2, 15, "text-surrogate"),
        (3, 5, "text-surrogate"),
        (3, 16, "text-surrogate"),
    ]


def test_a_pair_of_escapes_is_one_character_and_an_escaped_backslash_is_text() -> None:
    data = parse_text("a.json", '{"a": "\\ud83d\\ude00 \\\\udfff \\\\\\u00e9"}', is_json=True)
    assert data == {"a": "\U0001f600 \\udfff \\é"}


def test_halves_in_the_wrong_order_are_two_problems() -> None:
    assert places('{"a": "\\ude00\\ud83d"}') == [
        (1, 8, "text-surrogate"),
        (1, 14, "text-surrogate"),
    ]


def test_the_message_shows_the_escape_and_what_to_do() -> None:
    with pytest.raises(InputError) as raised:
        parse_text("a.json", '{"a": "\\uDFFF"}', is_json=True)
    [problem] = raised.value.problems
    assert problem.format() == (
        "a.json:1:8: error: \\udfff is half of a surrogate pair, not a character, and cannot"
        " be saved as UTF-8; remove it, or write the character it was meant to be"
        " [text-surrogate]"
    )


def test_yaml_read_without_libyaml_finds_them_at_their_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """libyaml refuses such an escape as a syntax error; PyYAML's own reader, the fallback
    where libyaml is missing, gives the half character, which is found the same way."""
    monkeypatch.setattr(lone_surrogates, "_COMPOSER", yaml.SafeLoader)
    text = 'a: ok\nb:\n  - "x\\U0000dfff"\n  - fine\n"\\ud800": 1\n'
    data = yaml.load(text, Loader=yaml.SafeLoader)
    problems = lone_surrogates.surrogate_problems("a.yaml", text, data, is_json=False)
    assert [(p.line, p.column, p.message.split()[0]) for p in problems] == [
        (3, 5, "\\udfff"),
        (5, 1, "\\ud800"),
    ]
    assert lone_surrogates.surrogate_problems("a.yaml", "a: '\\U0000dfff'", {}, is_json=False) == []
