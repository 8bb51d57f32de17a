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
from ..loading.locations import NearMisses
from .model import AccreditationRef, Band, Bank, Choice, Gate, Question, Recommendation, Section

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
_QUESTION = re.compile(r"^sections\.(\d+)\.questions\.(\d+)(?=\.|:)")
_SECTION = re.compile(r"^sections\.(\d+)(?=\.|:)")


def _keys(model: type[BaseModel]) -> list[str]:
    return [field.alias or key for key, field in model.model_fields.items()]


def _model_for(loc: tuple[str | int, ...]) -> type[BaseModel]:
    for part in reversed(loc[:-1]):
        if isinstance(part, str) and part in _MODELS:
            return _MODELS[part]
    return Bank


def suggestion(loc: tuple[str | int, ...], near: NearMisses | None = None) -> str | None:
    """The documented key closest to an unknown one, if any is close (looked up in
    ``near``, the budget of one file, when given)."""
    key = loc[-1] if loc else None
    if not isinstance(key, str):
        return None
    return (near or NearMisses()).closest(key, _keys(_model_for(loc)))


def _readable(message: str, data: Any) -> str:
    """``sections.1.questions.0.x: ...`` to ``willing.shared-motivation: x: ...``."""
    try:
        match = _QUESTION.match(message)
        if match:
            section = data["sections"][int(match[1])]
            question = section["questions"][int(match[2])]
            where = f"question {section['id']}.{question['id']}"
            return where + message[match.end() :].replace(".", ", ", 1)
        match = _SECTION.match(message)
        if match:
            where = f"section {data['sections'][int(match[1])]['id']}"
            return where + message[match.end() :].replace(".", ", ", 1)
    except (KeyError, IndexError, TypeError):
        pass
    return message


def explain(
    problems: list[Problem], err: ValidationError, data: Any
) -> tuple[list[Problem], Bank | None]:
    """Better messages for ``problems``; and the bank as it would be without unknown keys."""
    details = err.errors(include_url=False)
    hints: dict[str, str] = {}
    near = NearMisses()
    for detail in details:
        if detail["type"] == "extra_forbidden":
            loc = tuple(p for p in detail["loc"] if isinstance(p, int | str))
            meant = suggestion(loc, near)
            if meant:
                hints[".".join(map(str, loc))] = meant
    improved = []
    for problem in problems:
        message = problem.message
        dotted = message.split(": ", 1)[0]
        if dotted in hints:
            message = f"{dotted}: unknown key; did you mean {hints[dotted]!r}?"
        improved.append(replace(problem, message=_readable(message, data)))
    lenient = None
    if all(d["type"] == "extra_forbidden" for d in details):
        lenient = _without(data, [tuple(d["loc"]) for d in details])
    return improved, lenient


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
