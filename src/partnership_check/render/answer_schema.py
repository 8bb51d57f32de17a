"""Each question's allowed answers, for the answer file's JSON Schema of one bank: so an
editor (yaml-language-server) or check-jsonschema flags ``largley`` under its question.

An answer is accepted as the tool reads it (:mod:`..answers.choice_words`): a choice's id
or label in any case, spaces, hyphens, underscores and slashes alike, quotes around it; for
a multi-choice question several, as a list or one text separated by commas. JSON
Schema has no case-insensitive match that every tool reads, so each letter is a class
(``[lL]``); editors offer the ids and labels themselves from an ``enum``.
"""

from __future__ import annotations

from typing import Any

from ..bank.model import Bank, QuestionRef
from ..loading.typed_words import comparable

Schema = dict[str, Any]

_SPACES = "[\\s\u00a0\u2007\u202f_/-]+"
_AROUND = "[\\s\u00a0\"'\u201c\u201d\u201e\u2018\u2019\u201a]*"
_QUOTES = {
    "'": "['\u2018\u2019\u201a\u201b\u2032]",
    '"': '["\u201c\u201d\u201e\u201f\u2033]',
}
_SYNTAX = set("^$\\.*+?()[]{}|/")
_EMPTY: Schema = {"type": "null"}
_TEXT: Schema = {"type": ["string", "number"]}
_NOTE: Schema = {"type": ["string", "number", "null"]}


def _spelling_pattern(spelling: str) -> str:
    """A regular expression for ``spelling`` as :func:`comparable` compares it, in the
    part of the syntax JavaScript and Python read alike."""
    parts = []
    for char in comparable(spelling):
        if char == " ":
            parts.append(_SPACES)
        elif char in _QUOTES:
            parts.append(_QUOTES[char])
        elif char.upper() != char:
            parts.append(f"[{char}{char.upper()}]")
        else:
            parts.append(f"\\{char}" if char in _SYNTAX else char)
    return "".join(parts)


def _choices_pattern(ref: QuestionRef) -> str:
    spellings = sorted({s for c in ref.choices for s in (c.id, c.label)}, key=comparable)
    return "(?:" + "|".join(_spelling_pattern(s) for s in spellings) + ")"


def _value_schema(ref: QuestionRef) -> Schema:
    """What an answer to ``ref`` may be, besides nothing."""
    if ref.question.type == "text":
        return _TEXT
    one = _choices_pattern(ref)
    spellings = [c.id for c in ref.choices] + [c.label for c in ref.choices]
    choice: Schema = {
        "anyOf": [
            {"enum": list(dict.fromkeys(spellings))},
            {"type": "string", "pattern": f"^{_AROUND}{one}{_AROUND}$"},
        ]
    }
    if ref.question.type != "multi":
        return choice
    several = f"^{_AROUND}{one}{_AROUND}(?:,{_AROUND}{one}{_AROUND})*$"
    return {
        "anyOf": [
            choice,
            {"type": "string", "pattern": several},
            {"type": "array", "items": choice, "uniqueItems": True},
        ]
    }


def _allowed(ref: QuestionRef) -> str:
    if ref.question.type == "text":
        return "Free text."
    how = "One or more, as a list or separated by commas" if ref.question.type == "multi" else "One"
    listed = "; ".join(f"{c.id} ({c.label})" for c in ref.choices)
    return f"{how} of: {listed}. An id or a label, in any case."


def question_schema(ref: QuestionRef) -> Schema:
    """An answer to one question: nothing yet, the answer, or the answer with a note."""
    value = _value_schema(ref)
    long_form: Schema = {
        "type": "object",
        "properties": {"answer": {"anyOf": [_EMPTY, value]}, "note": _NOTE},
        "additionalProperties": False,
    }
    return {
        "title": ref.question.text,
        "description": _allowed(ref),
        "anyOf": [_EMPTY, value, long_form],
    }


def answers_schema(bank: Bank) -> Schema:
    """The ``answers`` mapping of an answer file for ``bank``: each question by its id, and
    an old id the bank renames as the question it became; no other id."""
    properties = {ref.qid: question_schema(ref) for ref in bank.questions}
    for old, new in sorted(bank.renames.items()):
        if new in properties and old not in properties:
            properties[old] = properties[new]
    return {
        "type": "object",
        "description": f"Answers to {bank.title} (bank {bank.id}, version {bank.version}).",
        "properties": properties,
        "additionalProperties": False,
    }
