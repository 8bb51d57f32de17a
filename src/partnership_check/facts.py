"""What scoring needs of each question that depends on the bank alone, worked out once per bank."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .bank import Bank, QuestionRef


@dataclass(frozen=True, slots=True)
class QuestionFacts:
    """What scoring needs of one question that depends on the bank only, worked out once."""

    ref: QuestionRef
    scored: bool
    low: float | None  # bounds of the earned fraction: sum of negatives/positives for multi
    high: float | None
    lowest: float | None  # the gate score of "don't know"
    accreditation_area: str | None
    # Each distinct answer scored so far, for scoring to reuse: (answer, hidden) -> result.
    answers: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)


_CACHE: dict[int, tuple[Bank, tuple[QuestionFacts, ...]]] = {}


def question_facts(bank: Bank) -> tuple[QuestionFacts, ...]:
    """Per-question bank facts, cached by bank identity (a bank is never changed)."""
    cached = _CACHE.get(id(bank))
    if cached is not None and cached[0] is bank:
        return cached[1]
    fixed = []
    for ref in bank.questions:
        multi = ref.question.type == "multi"
        low, high = _multi_bounds(ref) if multi else (ref.low, ref.high)
        accreditation = ref.question.accreditation
        fixed.append(
            QuestionFacts(
                ref=ref,
                scored=ref.scored,
                low=low,
                high=high,
                lowest=_lowest(ref),
                accreditation_area=accreditation.area if accreditation else None,
            )
        )
    if len(_CACHE) >= 8:
        _CACHE.clear()
    _CACHE[id(bank)] = (bank, tuple(fixed))
    return _CACHE[id(bank)][1]


def _multi_bounds(ref: QuestionRef) -> tuple[float, float]:
    scores = [c.score for c in ref.choices if c.score is not None]
    return sum(s for s in scores if s < 0), sum(s for s in scores if s > 0)


def _lowest(ref: QuestionRef) -> float | None:
    return _multi_bounds(ref)[0] if ref.question.type == "multi" else ref.low
