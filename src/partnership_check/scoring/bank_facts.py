"""What scoring needs of a bank that depends on the bank alone, worked out once.

A :class:`BankFacts` is made by whoever scores (a batch makes one and passes it to every
file) and is never global: scoring the same answers with the same bank gives the same
result whatever was scored before.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..bank.model import Bank, QuestionRef, Section
from .basis import scoring_basis
from .results import ScoringBasis
from .rounding import exact


@dataclass(frozen=True, slots=True)
class QuestionFacts:
    """What scoring needs of one question that depends on the bank only, worked out once."""

    ref: QuestionRef
    scored: bool
    # Exact bounds of the score an answer can reach (for multi, the sum of the negative and
    # of the positive scores): the earned fraction is where the answer lies between them.
    low: Fraction | None
    high: Fraction | None
    lowest: Fraction | None  # the gate score of "don't know"
    accreditation_area: str | None
    # The question's weight, and any weight x earned fraction, are whole multiples of
    # 1 / units, where units is common to the section, so sums of them are exact integers.
    units: int
    weight_units: int
    # Each distinct answer scored so far, for scoring to reuse: (answer, hidden) -> result.
    # The result depends on the question and the answer alone, so reuse changes nothing.
    answers: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)


class BankFacts:
    """Per-question facts of one bank, in bank order, and what the report states about its
    scoring, for every file scored with it."""

    __slots__ = ("bank", "basis", "questions", "section_weights")

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.basis: ScoringBasis = scoring_basis(bank)  # the same in every result
        # Section weights as whole numbers in proportion, so weighted means stay exact.
        common = math.lcm(*(exact(s.weight).denominator for s in bank.sections))
        self.section_weights = {s.id: int(exact(s.weight) * common) for s in bank.sections}
        units = {s.id: _section_units(bank, s) for s in bank.sections}
        self.questions = tuple(
            _question_facts(ref, units[ref.section.id]) for ref in bank.questions
        )


def _question_facts(ref: QuestionRef, units: int) -> QuestionFacts:
    low, high = _bounds(ref)
    accreditation = ref.question.accreditation
    weight = exact(ref.question.weight) * units
    assert weight.denominator == 1
    return QuestionFacts(
        ref=ref,
        scored=ref.scored,
        low=low,
        high=high,
        lowest=low,
        accreditation_area=accreditation.area if accreditation else None,
        units=units,
        weight_units=weight.numerator,
    )


def _bounds(ref: QuestionRef) -> tuple[Fraction | None, Fraction | None]:
    scores = [exact(c.score) for c in ref.choices if c.score is not None]
    if not scores:
        return None, None
    if ref.question.type == "multi":
        zero = Fraction(0)
        return sum((s for s in scores if s < 0), zero), sum((s for s in scores if s > 0), zero)
    return min(scores), max(scores)


def _section_units(bank: Bank, section: Section) -> int:
    """The least whole number that makes every weight and every weight x fraction an
    integer: a fraction is (score - low) / (high - low), so with L the common denominator
    of the scores its denominator divides (high - low) x L."""
    units = 1
    for ref in bank.questions:
        if ref.section is not section:
            continue
        weight = exact(ref.question.weight)
        low, high = _bounds(ref)
        span = 1
        if low is not None and high is not None and high > low:
            common = math.lcm(
                *(exact(c.score).denominator for c in ref.choices if c.score is not None)
            )
            span = int((high - low) * common)
        units = math.lcm(units, weight.denominator * span)
    return units
