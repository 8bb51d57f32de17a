"""The project's words for each kind of structural mistake in a bank, in place of pydantic's
("String should match pattern ...", "Input should be a valid tuple").

Each wording takes the error's details (its kind, the value written, its place with the
condition tags pydantic adds taken out) and says what is wrong and what to write instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, get_args

from ..loading.locations import closest
from .model import AREA_PATTERN, ID_PATTERN, QUALIFIED_ID_PATTERN, Effort, QuestionType, SectionKind

Loc = tuple[str | int, ...]
Wording = Callable[[Mapping[str, Any], Loc], str]

# The tags pydantic puts into a condition's place to say which kind it tried.
CONDITION_TAGS = frozenset({"leaf", "all", "any", "not"})
CONDITION_KEYS = ("question", "in", "all", "any", "not")
_AT_LEAST_ONE = {
    "sections": "a bank needs at least one section",
    "bands": "a bank needs at least one band",
    "questions": "a section needs at least one question",
    "all": "list at least one condition under all",
    "any": "list at least one condition under any",
}


def without_condition_tags(loc: Loc) -> tuple[Loc, bool]:
    """The place as the file spells it (``when.question``, not ``when.leaf.question``), and
    whether the last key sits in a condition pydantic took for a kind it is not."""
    kept: list[str | int] = []
    expect_tag = False
    tagged_key = False
    for index, part in enumerate(loc):
        if expect_tag and part in CONDITION_TAGS:
            expect_tag = False
            tagged_key = index == len(loc) - 2
            continue
        kept.append(part)
        expect_tag = part in ("when", "not") or (
            isinstance(part, int) and len(kept) > 1 and kept[-2] in ("all", "any")
        )
    return tuple(kept), tagged_key


# Required keys that take one of a few words: a missing one says which.
_ONE_OF_WORDS = {"type": QuestionType, "kind": SectionKind, "effort": Effort}


def _value(detail: Mapping[str, Any]) -> str:
    return repr(detail.get("input"))


def _pattern(detail: Mapping[str, Any], loc: Loc) -> str:
    pattern = (detail.get("ctx") or {}).get("pattern")
    if pattern == QUALIFIED_ID_PATTERN:
        where = "in a condition, " if "when" in loc else ""
        return (
            f"{_value(detail)} is not a qualified question id; {where}name a question as "
            "section.question, its section's id and its own joined by a dot" + QUALIFIED_EXAMPLE
        )
    if pattern == AREA_PATTERN:
        return (
            f"{_value(detail)} is not an Accreditation area; write its number in quotes, "
            'for example "1.2"'
        )
    if pattern == ID_PATTERN:
        return (
            f"{_value(detail)} is not an id; use lower-case letters, digits and hyphens, "
            "starting with a letter or digit, for example 'shared-motivation'"
        )
    return f"{_value(detail)} is not written as expected here"


def _too_long(detail: Mapping[str, Any], loc: Loc) -> str:
    limit = (detail.get("ctx") or {}).get("max_length")
    return f"this id is {len(str(detail.get('input')))} characters long; ids have at most {limit}"


def _list_expected(detail: Mapping[str, Any], loc: Loc) -> str:
    if loc and loc[-1] == "in":
        given = detail.get("input")
        written = given.strip() if isinstance(given, str) else ""
        example = written if 0 < len(written) <= 60 and "\n" not in written else "digital"
        return f"list the choice ids in brackets, even a single one: in: [{example}]"
    return (
        "a list is expected here; write each item on its own line starting with '- ', "
        "or all of them in brackets: [a, b]"
    )


def _at_least_one(detail: Mapping[str, Any], loc: Loc) -> str:
    key = loc[-1] if loc else None
    return (
        _AT_LEAST_ONE.get(key, "list at least one item")
        if isinstance(key, str)
        else ("list at least one item")
    )


def _number(detail: Mapping[str, Any], loc: Loc) -> str:
    if detail.get("input") is None:
        return "this needs a number after the colon, for example 2 or 1.5"
    return f"{_value(detail)} is not a number; write it in digits, for example 2 or 1.5"


def _boolean(detail: Mapping[str, Any], loc: Loc) -> str:
    if detail.get("input") is None:
        return "this needs true or false after the colon"
    return f"{_value(detail)} is not true or false; write true or false (yes and no are text here)"


def _one_of(detail: Mapping[str, Any], loc: Loc) -> str:
    allowed = re.findall(r"'([^']*)'", str((detail.get("ctx") or {}).get("expected", "")))
    meant = closest(str(detail.get("input")), allowed) if allowed else None
    guess = f" (did you mean {meant!r}?)" if meant else ""
    return f"{_value(detail)} is not allowed here{guess}; use one of: {', '.join(allowed)}"


def _text(detail: Mapping[str, Any], loc: Loc) -> str:
    if detail.get("input") is None:
        return "this needs text; write it after the colon"
    return "this should be text, not a list or a mapping; put text holding ': ' in quotes"


def _mapping(detail: Mapping[str, Any], loc: Loc) -> str:
    return "a mapping is expected here: one 'key: value' on each line, or {key: value, ...}"


def _model(detail: Mapping[str, Any], loc: Loc) -> str:
    if (detail.get("ctx") or {}).get("class_name") == "Choice":
        return "a choice is a mapping such as {id: partly, label: Partly, score: 1}"
    return _mapping(detail, loc)


def _condition(detail: Mapping[str, Any], loc: Loc) -> str:
    return (
        "a condition is a mapping such as {question: context.kind, in: [shared-service]}, "
        "or all, any or not of such conditions"
    )


def _range(detail: Mapping[str, Any], loc: Loc) -> str:
    if loc and loc[-1] == "min":
        return (
            f"{detail.get('input')} is out of range; min must be from 0 to 100, the range "
            "of the readiness score"
        )
    return str(detail.get("msg"))


def _missing(detail: Mapping[str, Any], loc: Loc) -> str:
    key = loc[-1] if loc else None
    if not isinstance(key, str):
        return "required key is missing"
    words = _ONE_OF_WORDS.get(key)
    if words is None:
        return f"required key is missing; add {key}: with its value"
    *first, last = get_args(words)
    return f"required key is missing; add {key}: followed by {', '.join(first)} or {last}"


WORDINGS: dict[str, Wording] = {
    "string_pattern_mismatch": _pattern,
    "string_too_long": _too_long,
    "tuple_type": _list_expected,
    "list_type": _list_expected,
    "too_short": _at_least_one,
    "float_parsing": _number,
    "float_type": _number,
    "bool_parsing": _boolean,
    "bool_type": _boolean,
    "literal_error": _one_of,
    "string_type": _text,
    "dict_type": _mapping,
    "model_type": _model,
    "model_attributes_type": _model,
    "union_tag_not_found": _condition,
    "union_tag_invalid": _condition,
    "greater_than_equal": _range,
    "less_than_equal": _range,
    "missing": _missing,
}

QUALIFIED_EXAMPLE = ", for example 'context.kind'"
MIXED_CONDITION = (
    "a condition is one of {question, in}, all, any or not, never two at once; to combine "
    "them, list each as an item under all"
)


def wording(detail: Mapping[str, Any], loc: Loc) -> str | None:
    """The project's words for one pydantic error at ``loc``, or None to keep its own."""
    found = WORDINGS.get(str(detail.get("type")))
    return found(detail, loc) if found is not None else None
