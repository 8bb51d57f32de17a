"""Locating problems: every place of a file with thousands of them, each exactly; and the
near misses suggested for mistyped words, within a budget per file."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from partnership_check.answers.model import AnswerFile
from partnership_check.loading.locations import (
    NearMisses,
    locate,
    locate_all,
    validation_problems,
)
from partnership_check.loading.parser import parse_text

Place = tuple[int, int]
Wanted = tuple[tuple[str | int, ...], bool]


def many_places(count: int) -> tuple[str, dict[Wanted, Place]]:
    """A file of ``count`` entries in block, flow and list form, and where each of their
    keys and values is (1-based line and column), worked out as the text is written."""
    lines = ["top:"]
    where: dict[Wanted, Place] = {}
    for index in range(count):
        key, at = f"k{index}", len(lines) + 1  # the line the entry starts on
        form = index % 3
        if form == 0:  # a block mapping of one key
            lines += [f"  {key}:", f"    name: v{index}"]
            where[(("top", key), True)] = (at, 3)
            where[(("top", key), False)] = (at + 1, 5)
            where[(("top", key, "name"), True)] = (at + 1, 5)
            where[(("top", key, "name"), False)] = (at + 1, 11)
        elif form == 1:  # a flow mapping on the key's line
            lines.append(f"  {key}: {{a: x, name: v{index}}}")
            column = lines[-1].index("name") + 1
            where[(("top", key), True)] = (at, 3)
            where[(("top", key), False)] = (at, 5 + len(key))
            where[(("top", key, "name"), True)] = (at, column)
            where[(("top", key, "name"), False)] = (at, column + 6)
        else:  # a list whose second item is a mapping
            lines += [f"  {key}:", "    - first", f"    - name: v{index}"]
            where[(("top", key), False)] = (at + 1, 5)
            where[(("top", key, 0), False)] = (at + 1, 7)
            where[(("top", key, 1), False)] = (at + 2, 7)
            where[(("top", key, 1, "name"), False)] = (at + 2, 13)
    return "\n".join(lines) + "\n", where


def test_every_place_of_a_file_with_thousands_is_found_exactly() -> None:
    text, where = many_places(3_000)
    wanted = list(where)
    assert locate_all(text, wanted) == [where[w] for w in wanted]


def test_a_place_that_is_not_there_is_given_as_its_deepest_ancestor() -> None:
    text, where = many_places(30)
    wanted: list[Wanted] = [
        (("top", "k0", "nothing"), False),  # a key the mapping lacks
        (("top", "k2", 5), False),  # an index past the list's end
        (("top", "k2", "name"), False),  # a key asked of a list
        (("top", "absent", "name"), True),
        (("elsewhere",), False),
    ]
    assert locate_all(text, wanted) == [
        where[(("top", "k0"), False)],
        where[(("top", "k2"), False)],
        where[(("top", "k2"), False)],
        (1, 1),  # "top", the deepest found, given as its key
        (1, 1),  # the document itself
    ]


def test_the_first_of_a_repeated_key_and_a_number_naming_a_key() -> None:
    text = "a:\n  '1': one\n  b: [x, y]\n"
    assert locate(text, ("a", 1)) == (2, 8)
    assert locate(text, ("a", "b", 1), key=True) == (3, 10)
    assert locate("", ("a",)) is None
    assert locate("just text\n", ("a",)) == (1, 1)


def test_unknown_keys_by_the_thousand_are_each_located_at_their_key() -> None:
    extra = [f"extra{index}: value" for index in range(2_000)]
    text = "\n".join(["bank: b", 'bank_version: "1"', *extra, "answers: {}"]) + "\n"
    with pytest.raises(ValidationError) as caught:
        AnswerFile.model_validate(parse_text("a.yaml", text))
    problems = validation_problems("a.yaml", text, caught.value)
    assert len(problems) == 2_000
    for index, problem in enumerate(problems):
        assert (problem.line, problem.column) == (index + 3, 1)
        assert problem.message.startswith(f"extra{index}: unknown key")


def test_a_file_that_is_not_yaml_keeps_the_places_found_before_the_mistake() -> None:
    text = "a: 1\nb: [2\nc: 3\n"
    assert locate_all(text, [(("a",), False), (("c",), False)]) == [(1, 4), (1, 1)]


def test_near_misses_are_suggested_until_the_budget_of_comparisons_is_spent() -> None:
    known = ["willing", "trust", "resources", "leadership"]
    near = NearMisses(budget=3 * len(known))
    assert [near.closest(word, known) for word in ("wiling", "trsut", "resorces")] == [
        "willing",
        "trust",
        "resources",
    ]
    assert near.closest("leadershp", known) is None  # the budget is spent
    assert near.closest("wiling", known) == "willing"  # a word already looked up is free
