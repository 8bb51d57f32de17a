"""Benefits sought against what the service can commit: the bank's benefits question
against the score of its commitment section (money and staff time)."""

from __future__ import annotations

from ..bank.model import Bank
from .results import Benefits, Blocker, SectionResult

MANY_BENEFITS = 3  # benefits sought that count as "many"
LOW_COMMITMENT = 50.0  # a commitment section scoring below this is low
FIT_COMMITMENT = 60.0  # ... and only from this, with no blocker there, do benefits "fit" it


def benefits(bank: Bank, sections: list[SectionResult], blockers: list[Blocker]) -> Benefits:
    """The benefits ticked in the bank's benefits question, against the commitment score.

    A mismatch is many benefits sought while the commitment section scores low or has a
    blocker. The benefits are said to fit only when that section scores at least
    ``FIT_COMMITMENT`` and no blocker fired in it; anything between is neither.
    """
    sought, offered = _sought(bank, sections)
    commitment = bank.commitment
    score = None
    blocked: tuple[str, ...] = ()
    if commitment is not None:
        section = next(r for r in sections if r.id == commitment.id)
        score = None if section.not_answered else section.score  # unanswered is not 0
        blocked = tuple(b.qid for b in blockers if bank.by_id[b.qid].section.id == commitment.id)
    weak = blocked or (score is not None and score < LOW_COMMITMENT)
    return Benefits(
        sought=tuple(sought),
        offered=offered,
        commitment_section=commitment.id if commitment else None,
        commitment_title=commitment.title if commitment else None,
        commitment_score=score,
        commitment_blockers=blocked,
        mismatch=len(sought) >= MANY_BENEFITS and bool(weak),
        fit=score is not None and score >= FIT_COMMITMENT and not blocked,
        many_from=MANY_BENEFITS,
        low_below=LOW_COMMITMENT,
        fit_from=FIT_COMMITMENT,
    )


def _sought(bank: Bank, sections: list[SectionResult]) -> tuple[list[str], int]:
    """Labels of the benefits ticked, in the bank's order, and how many there are to tick."""
    ref = bank.benefits_ref
    if ref is None:
        return [], 0
    offered = [c for c in ref.choices if not c.special]
    section = next(r for r in sections if r.id == ref.section.id)
    q = next(q for q in section.questions if q.qid == ref.qid)
    if q.status != "answered":
        return [], len(offered)
    return [c.label for c in offered if c.id in q.answer], len(offered)
