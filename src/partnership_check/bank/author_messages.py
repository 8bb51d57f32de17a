"""Friendlier structural problems for bank authors.

Pydantic names places by position (``sections.1.questions.0.recomendation``); authors think
in question ids. This names the question (``willing.shared-motivation``), suggests the key
that was probably meant, and, when the only structural problems are misspelt or unknown
keys, checks the rest of the bank anyway, so one typo does not hide every other problem.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from ..loading.locations import NearMisses, validation_problems
from .model import AccreditationRef, Band, Bank, Choice, Gate, Question, Recommendation, Section
from .structure_wording import (
    CONDITION_KEYS,
    MIXED_CONDITION,
    QUALIFIED_EXAMPLE,
    Loc,
    without_condition_tags,
    wording,
)

# The model that holds the keys under each container name in a bank's dotted path.
_MODELS: dict[str, type[BaseModel]] = {
    "sections": Section,
    "questions": Question,
    "choices": Choice,
    "scales": Choice,
    "bands": Band,
    "gate": Gate,
    "recommendation": Recommendation,
    "accreditation": AccreditationRef,
}
# Words after a comma inside {...} read as a key without a value: text cut in two.
CUT_BY_COMMA = (
    "not a key but the rest of a text cut off by a comma: inside {...} a comma ends a"
    ' value, so put text that holds a comma in quotes ("...")'
)
_QUESTION = re.compile(r"^sections\.(\d+)\.questions\.(\d+)(?=\.|:)")
_SCALE_CHOICE = re.compile(r"^scales\.([^.:]+)\.(\d+)(?=\.|:)")
_PLACES = (
    (re.compile(r"^sections\.(\d+)(?=\.|:)"), "sections", "section"),
    (re.compile(r"^bands\.(\d+)(?=\.|:)"), "bands", "band"),
)


def _keys(model: type[BaseModel]) -> list[str]:
    return [field.alias or key for key, field in model.model_fields.items()]


def _known_keys(loc: Loc) -> list[str]:
    for part in reversed(loc[:-1]):
        if part in ("when", "all", "any", "not"):
            return list(CONDITION_KEYS)
        if isinstance(part, str) and part in _MODELS:
            return _keys(_MODELS[part])
    return _keys(Bank)


def suggestion(loc: Loc, near: NearMisses | None = None) -> str | None:
    """The documented key closest to an unknown one, if any is close (looked up in
    ``near``, the budget of one file, when given)."""
    key = loc[-1] if loc else None
    if not isinstance(key, str):
        return None
    return (near or NearMisses()).closest(key, _known_keys(loc))


def _readable(message: str, data: Any) -> str:
    """``sections.1.questions.0.x: ...`` to ``question willing.shared-motivation, x: ...``."""
    try:
        match = _QUESTION.match(message)
        if match:
            section = data["sections"][int(match[1])]
            question = section["questions"][int(match[2])]
            where = f"question {section['id']}.{question['id']}"
            return where + message[match.end() :].replace(".", ", ", 1)
        match = _SCALE_CHOICE.match(message)
        if match:
            where = f"scale {match[1]}, choice {int(match[2]) + 1}"
            return where + message[match.end() :].replace(".", ", ", 1)
        for pattern, container, noun in _PLACES:
            match = pattern.match(message)
            if match:
                where = f"{noun} {data[container][int(match[1])]['id']}"
                return where + message[match.end() :].replace(".", ", ", 1)
    except (KeyError, IndexError, TypeError):
        pass
    return message


def _qualified(local: Any, data: Any) -> str | None:
    """The qualified id of the first question whose own id is ``local``, if one is."""
    try:
        for section in data["sections"]:
            for question in section["questions"]:
                if question["id"] == local:
                    return f"{section['id']}.{local}"
    except (KeyError, TypeError):
        pass
    return None


def _reworded(detail: Any, near: NearMisses, data: Any) -> dict[str, Any]:
    """One pydantic error with its place as the file spells it and the project's words."""
    raw = tuple(p for p in detail["loc"] if isinstance(p, int | str))
    loc, tagged = without_condition_tags(raw)
    new = {**detail, "loc": loc}
    if detail["type"] == "extra_forbidden":
        if tagged and loc[-1] in CONDITION_KEYS:  # {question, in} beside all, say
            new.update(loc=loc[:-1], type="condition-mixed", message=MIXED_CONDITION)
        elif meant := suggestion(loc, near):
            new["message"] = f"unknown key; did you mean {meant!r}?"
        elif detail.get("input") is None and " " in str(loc[-1]):
            new["message"] = CUT_BY_COMMA
        return new
    message = wording(detail, loc)
    if message is not None and loc[-1] == "question" and "when" in loc:
        meant = _qualified(detail.get("input"), data)  # a local id for section.question
        if meant:
            message = message.replace(QUALIFIED_EXAMPLE, f"; did you mean {meant!r}?")
    if message is not None:
        new["message"] = message
    return new


def explain(
    name: str, text: str, err: ValidationError, data: Any
) -> tuple[list[Problem], Bank | None]:
    """The structural problems in the project's words, located; and the bank as it would
    be without unknown keys, when those are all that is wrong."""
    details = err.errors(include_url=False)
    near = NearMisses()
    worded = [_reworded(detail, near, data) for detail in details]
    problems = [
        replace(problem, message=_readable(problem.message, data))
        for problem in validation_problems(name, text, err, details=worded)
    ]
    lenient = None
    if all(d["type"] == "extra_forbidden" for d in details):
        lenient = _without(data, [without_condition_tags(tuple(d["loc"]))[0] for d in details])
    return problems, lenient


def _without(data: Any, locs: list[tuple[Any, ...]]) -> Bank | None:
    cleaned = copy.deepcopy(data)
    for loc in locs:
        node = cleaned
        try:
            for part in loc[:-1]:
                node = node[part]
            del node[loc[-1]]
        except (KeyError, IndexError, TypeError):
            return None
    try:
        return Bank.model_validate(cleaned)
    except ValidationError:
        return None
