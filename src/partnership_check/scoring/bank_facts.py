"""What scoring needs of a bank that depends on the bank alone, worked out once.

A :class:`BankFacts` is made by whoever scores (a batch makes one and passes it to every
file) and is never global: scoring the same answers with the same bank gives the same
result whatever was scored before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..bank.model import Bank, QuestionRef


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
    # The result depends on the question and the answer alone, so reuse changes nothing.
    answers: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)


class BankFacts:
    """Per-question facts of one bank, in bank order, for every file scored with it."""

    __slots__ = ("bank", "questions")

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.questions = tuple(_question_facts(ref) for ref in bank.questions)


def _question_facts(ref: QuestionRef) -> QuestionFacts:
    multi = ref.question.type == "multi"
    low, high = _multi_bounds(ref) if multi else (ref.low, ref.high)
    accreditation = ref.question.accreditation
    return QuestionFacts(
        ref=ref,
        scored=ref.scored,
        low=low,
        high=high,
        lowest=low if multi else ref.low,
        accreditation_area=accreditation.area if accreditation else None,
    )


def _multi_bounds(ref: QuestionRef) -> tuple[float, float]:
    scores = [c.score for c in ref.choices if c.score is not None]
    return sum(s for s in scores if s < 0), sum(s for s in scores if s > 0)
