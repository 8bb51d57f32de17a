"""What the question bank decides about scoring, worked out from the bank alone so that the
report's "How this was scored" states the rules that hold for it: which sections count,
which questions carry no score, how questions with several choices are scored."""

from __future__ import annotations

from ..bank.model import Bank, QuestionRef
from .results import ScoringBasis, UnscoredQuestion


def scoring_basis(bank: Bank) -> ScoringBasis:
    """The scoring facts of one bank, in bank order."""
    scored = [ref for ref in bank.questions if ref.scored]
    several = [ref for ref in scored if ref.question.type == "multi"]
    return ScoringBasis(
        counted_sections=tuple(s.title for s in bank.sections if s.counts),
        other_sections=tuple(s.title for s in bank.sections if not s.counts),
        unscored=tuple(
            UnscoredQuestion(qid=ref.qid, text=ref.question.text, section_title=ref.section.title)
            for ref in bank.questions
            if ref.section.counts and not ref.scored
        ),
        one_choice=any(ref.question.type != "multi" for ref in scored),
        several_choices=bool(several),
        negative_scores=any(_takes_away(ref) for ref in several),
        gates=sum(1 for ref in scored if ref.question.gate is not None),
        accreditation=any(_standing_asked(bank, ref) for ref in bank.questions),
    )


def _takes_away(ref: QuestionRef) -> bool:
    """Some choice scores below zero, so ticking it lowers the answer's share."""
    return any(c.score is not None and c.score < 0 for c in ref.choices)


def _standing_asked(bank: Bank, ref: QuestionRef) -> bool:
    """The question asks where the service stands on an area the bank lists."""
    accreditation = ref.question.accreditation
    return (
        accreditation is not None
        and accreditation.aspect == "standing"
        and accreditation.area in bank.accreditation_areas
    )
