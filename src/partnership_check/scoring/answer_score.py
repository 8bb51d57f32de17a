"""One question's answer scored: its status, the share of marks it earns, whether it is a
gap or a strength, and its result, shared by every file that gives the same answer."""

from __future__ import annotations

from fractions import Fraction

from ..bank.model import Value
from .bank_facts import QuestionFacts
from .results import QuestionResult, Status
from .rounding import exact, three_decimals

GAP_AT_OR_BELOW = Fraction(1, 2)  # a scored answer earning half its marks or less is a gap
STRENGTH_FROM = Fraction(2, 3)  # ... and two thirds or more is a strength
_NONE = Fraction(0)


class ScoredAnswer:
    """One question's answer as scored, and its result without the evidence note.

    It depends only on the question, the answer and whether the question is shown, so it
    is made once per distinct answer and shared by every file that gives that answer.
    """

    __slots__ = (
        "answer",
        "applicable",
        "counted",
        "earned",
        "earned_units",
        "fixed",
        "fraction",
        "gap",
        "labels",
        "raw",
        "ref",
        "result",
        "status",
    )

    def __init__(
        self,
        fixed: QuestionFacts,
        status: Status,
        fraction: Fraction | None,
        raw: Fraction | None,  # the score the gate compares
        labels: tuple[str, ...],
        answer: tuple[str, ...],
    ) -> None:
        self.ref = fixed.ref
        self.fixed = fixed
        self.status = status
        self.fraction = fraction
        self.raw = raw
        self.labels = labels
        self.answer = answer
        # Included in its section's score (numerator and denominator).
        self.counted = (
            fixed.scored
            and status not in ("hidden", "not-applicable")
            and (status != "unanswered" or fixed.ref.question.required)
        )
        self.earned = _NONE if fraction is None else fraction
        units = self.earned * fixed.weight_units
        assert units.denominator == 1  # the section's units make every share whole
        self.earned_units = units.numerator  # weight x earned, in the section's units
        self.applicable = _applicable(status, fixed.ref.question.required)
        self.gap = self.counted and (status != "answered" or self.earned <= GAP_AT_OR_BELOW)
        self.result = _question_result(self)


_DISTINCT_ANSWERS = 256  # answers kept per question: bounds memory whatever the input


def scored_answer(fixed: QuestionFacts, value: Value, hidden: bool) -> ScoredAnswer:
    """The scored answer, from the per-bank store when this answer has been seen before."""
    if fixed.ref.question.type == "text" and value is not None and not hidden:
        return _assess(fixed, value, hidden)  # free text rarely repeats
    key = (None, True) if hidden else (tuple(value) if isinstance(value, list) else value, False)
    found = fixed.answers.get(key)
    if found is None:
        found = _assess(fixed, value, hidden)
        if len(fixed.answers) < _DISTINCT_ANSWERS:
            fixed.answers[key] = found
    return found


def _assess(fixed: QuestionFacts, value: Value, hidden: bool) -> ScoredAnswer:
    """Status, earned fraction and gate score of one answer."""
    if hidden:
        return ScoredAnswer(fixed, "hidden", None, None, (), ())
    if value is None:
        return ScoredAnswer(fixed, "unanswered", None, None, (), ())
    ref = fixed.ref
    if ref.question.type == "text":
        return ScoredAnswer(fixed, "answered", None, None, (), (str(value),))
    chosen = tuple(value) if isinstance(value, list) else (value,)
    choices = [ref.choice_by_id[c] for c in chosen]
    labels = tuple(c.label for c in choices)
    regular = [c for c in choices if not c.special]
    if not regular:
        if any(c.dont_know for c in choices):
            fraction = _NONE if fixed.high is not None else None
            return ScoredAnswer(fixed, "dont-know", fraction, fixed.lowest, labels, chosen)
        return ScoredAnswer(fixed, "not-applicable", None, None, labels, chosen)
    low, high = fixed.low, fixed.high
    if high is None or low is None:
        return ScoredAnswer(fixed, "answered", None, None, labels, chosen)
    if ref.question.type == "multi":
        raw = sum((exact(c.score) for c in regular if c.score is not None), _NONE)
    else:
        raw = exact(regular[0].score) if regular[0].score is not None else low
    fraction = (
        min(Fraction(1), max(_NONE, (raw - low) / (high - low))) if high > low else Fraction(1)
    )
    return ScoredAnswer(fixed, "answered", fraction, raw, labels, chosen)


def _applicable(status: Status, required: bool) -> bool:
    """Counts towards completeness: shown, not "not applicable", and required or answered."""
    if status in ("hidden", "not-applicable"):
        return False
    return required or status != "unanswered"


def _question_result(s: ScoredAnswer) -> QuestionResult:
    q = s.ref.question
    counted = s.counted
    return QuestionResult(
        qid=s.ref.qid,
        text=q.text,
        type=q.type,
        status=s.status,
        answer=s.answer,
        answer_labels=s.labels,
        note=None,
        required=q.required,
        scored=s.fixed.scored,
        weight=q.weight,
        fraction=None if s.fraction is None else three_decimals(s.fraction),
        points=three_decimals(exact(q.weight) * s.earned) if counted else None,
        max=q.weight if counted else None,
        gap=s.gap,
        strength=counted and s.status == "answered" and s.earned >= STRENGTH_FROM,
        evidence_gap=s.status == "dont-know",
        accreditation_area=s.fixed.accreditation_area,
    )
