"""JSON Schemas of a bank, an answer file and a scored result, built from the pydantic models.

Banks and answer files are YAML. Our loader keeps every scalar as text and lets pydantic
convert, but editors and ``check-jsonschema`` read YAML 1.2: unquoted ``2`` or ``1.0`` are
numbers there (``yes``, ``no`` and dates stay strings). So the schemas of those two accept
what such a loader sees in a file our tool accepts:

- a plain text field also takes a number (``version: 1.0``, ``label: 2020``);
- an id field also takes a whole number (``id: 1``); a field of the ``1.2`` kind, a number;
- a number field also takes a number written as quoted text (``weight: "2"``);
- an Accreditation reference may be the short ``"1.2"`` as well as ``{area, aspect}``;
- the date of an assessment may be written day first, ``25/11/2026``, as well as
  ``2026-11-25`` (a pattern cannot know that February has no 30th: the tool says so).

The result schema describes the JSON we write, so it is left exactly as pydantic makes it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel

from ..answers.model import AnswerFile
from ..bank.model import Bank
from ..scoring.results import ServiceResult
from .answer_schema import answers_schema

DIALECT = "https://json-schema.org/draft/2020-12/schema"
TITLES = {
    "bank": "partnership-check question bank",
    "answers": "partnership-check answer file",
    "result": "partnership-check scored result",
}
NUMBER_AS_TEXT = r"^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$"
# Numbers written as text within a field's range, for the ranges the models use: text the
# pattern refuses is out of range (or written in a way no one types, such as "1e1" for 10).
NUMBER_TEXT_IN_RANGE: dict[frozenset[tuple[str, float]], str] = {
    frozenset(): NUMBER_AS_TEXT,
    frozenset({("minimum", 0), ("maximum", 100)}): (
        r"^\s*\+?(0*(100(\.0*)?|[0-9]{1,2}(\.[0-9]*)?)|\.[0-9]+)\s*$"
    ),
    frozenset({("exclusiveMinimum", 0)}): (
        r"^\s*\+?(0*[1-9][0-9]*(\.[0-9]*)?|0*\.[0-9]*[1-9][0-9]*)([eE][-+]?[0-9]+)?\s*$"
    ),
}
# A day-first date as the tool reads it (loading/typed_dates.py): D/M/YYYY or DD/MM/YYYY.
DAY_FIRST_DATE = r"^(0?[1-9]|[12][0-9]|3[01])/(0?[1-9]|1[0-2])/[0-9]{4}$"
RANGE_KEYS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
# What an editor shows on hover stays on the property, not inside one of its alternatives.
ABOUT_KEYS = ("title", "description", "default")

Schema = dict[str, Any]


MODELS: dict[str, type[BaseModel]] = {
    "bank": Bank,
    "answers": AnswerFile,
    "result": ServiceResult,
}


def _any_of(node: Schema, other: Schema) -> Schema:
    """``node`` or ``other``, with the words about the property kept on the property."""
    about = {key: node[key] for key in ABOUT_KEYS if key in node}
    rest = {key: value for key, value in node.items() if key not in ABOUT_KEYS}
    return {**about, "anyOf": [rest, other]}


def _widen_string(node: Schema) -> Schema:
    """A string schema widened to what a YAML 1.2 loader makes of the same unquoted text."""
    if "enum" in node or "const" in node or "format" in node:
        return node
    pattern = node.get("pattern")
    if pattern is None:
        return {**node, "type": ["string", "number"]}
    if re.search(pattern, "7"):
        return _any_of(node, {"type": "integer", "minimum": 0})
    if re.search(pattern, "1.5"):
        return _any_of(node, {"type": "number"})
    return node


def _widen_number(node: Schema) -> Schema:
    """A number schema that also takes the number as text, within the same range."""
    limits = frozenset((key, node[key]) for key in RANGE_KEYS if key in node)
    if limits not in NUMBER_TEXT_IN_RANGE:
        raise ValueError(f"no pattern for numbers as text within {sorted(limits)}")
    return _any_of(node, {"type": "string", "pattern": NUMBER_TEXT_IN_RANGE[limits]})


def _yaml_friendly(node: Any) -> Any:
    """Walks a schema and widens scalar types (see the module docstring)."""
    if isinstance(node, list):
        return [_yaml_friendly(item) for item in node]
    if not isinstance(node, dict):
        return node
    walked: Schema = {}
    for key, value in node.items():
        if key in ("properties", "$defs"):  # maps of names to schemas, not schemas
            walked[key] = {name: _yaml_friendly(child) for name, child in value.items()}
        elif key == "propertyNames":  # mapping keys are text, whatever a loader makes of them
            walked[key] = value
        else:
            walked[key] = _yaml_friendly(value)
    if walked.get("type") == "string":
        return _widen_string(walked)
    if walked.get("type") == "number":
        return _widen_number(walked)
    return walked


def _accreditation_shorthand(schema: Schema) -> None:
    """AccreditationRef turns ``"1.2"`` into ``{area: "1.2"}`` before validation."""
    definitions = schema["$defs"]
    reference = definitions["AccreditationRef"]
    area = reference["properties"]["area"]
    definitions["AccreditationRef"] = {
        "description": reference.get("description", ""),
        "anyOf": [{"type": "string", "pattern": area["pattern"]}, reference],
    }


def _day_first_dates(schema: Schema) -> None:
    """The date of the assessment also as a UK date, day first, as the model reads it."""
    node = schema["properties"]["assessed_on"]
    day_first = {"type": "string", "pattern": DAY_FIRST_DATE}
    dates = [form for form in node["anyOf"] if form.get("type") != "null"]
    empty = [form for form in node["anyOf"] if form.get("type") == "null"]
    node["anyOf"] = [*dates, day_first, *empty]


def _plain_descriptions(node: Any) -> None:
    """Descriptions taken from the models' docstrings as an editor shows them on hover: one
    line (a docstring's line break reads there as a new paragraph) and no ``code`` markup,
    which an editor shows as back-quotes."""
    if isinstance(node, list):
        for item in node:
            _plain_descriptions(item)
    elif isinstance(node, dict):
        if isinstance(node.get("description"), str):
            node["description"] = " ".join(node["description"].replace("``", "").split())
        for value in node.values():
            if isinstance(value, dict | list):
                _plain_descriptions(value)


def schema_dict(kind: str, bank: Bank | None = None) -> Schema:
    """The JSON Schema of ``bank``, ``answers`` or ``result`` as plain data. With a
    ``bank``, the answers schema lists each of its questions' allowed answers."""
    if kind not in MODELS:
        raise ValueError(f"unknown schema kind {kind!r}; expected one of {', '.join(TITLES)}")
    model = MODELS[kind]
    if kind == "result":
        schema = model.model_json_schema(by_alias=True, mode="serialization")
    else:
        schema = model.model_json_schema(by_alias=True)
        if kind == "bank":
            _accreditation_shorthand(schema)
            _plain_descriptions(schema)
        schema = _yaml_friendly(schema)
        if kind == "answers":
            _day_first_dates(schema)
        if kind == "answers" and bank is not None:
            schema["properties"]["answers"] = answers_schema(bank)
            schema["properties"]["bank"] = {**schema["properties"]["bank"], "enum": [bank.id]}
    schema["$schema"] = DIALECT
    schema["title"] = TITLES[kind]
    return schema


def schema_json(kind: str, bank: Bank | None = None) -> str:
    """The schema as deterministic JSON text, ready to write to a file."""
    return json.dumps(schema_dict(kind, bank), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
