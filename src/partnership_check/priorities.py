"""What to do first: the phased work plan, accreditation priorities, benefits against commitment.

Pure functions over the bank and the per-section results that :mod:`scoring` has built.
"""

from __future__ import annotations

from typing import Any

from .bank import Bank, Section
from .results import (
    AccreditationPriority,
    Benefits,
    Blocker,
    Effort,
    Gap,
    Help,
    Phase,
    QuestionResult,
    SectionResult,
    Standing,
    WorkItem,
)

PER_PHASE = 4  # recommendations of gaps listed per work-plan phase
ACCREDITATION_IN_PLAN = 2  # top Accreditation priorities added to the work plan, at most
EFFORTS = ("quick-win", "3-months", "12-months")
MANY_BENEFITS = 3  # benefits sought that count as "many"
LOW_COMMITMENT = 50.0  # a commitment (money and time) section scoring below this is low
FIT_COMMITMENT = 60.0  # ... and only from this, with no blocker there, do benefits "fit" it
COMMITMENT_SECTION = "resources"
COMMITMENT_AREAS = frozenset({"1.5", "1.6"})  # Accreditation: finance and workforce
_EPSILON = 1e-9


def work_plan(
    gaps: list[Gap], accreditation: list[AccreditationPriority], answered_only: bool = False
) -> list[Phase]:
    """Recommendations of the top gaps grouped by effort, blockers first, then by cost; then
    those of the top Accreditation priorities where partnership could help, after the gaps
    of their phase so that they never take a gap's place. ``answered_only`` leaves out
    unanswered questions (for a provisional score: they are to be answered first)."""
    extra = _accreditation_items(accreditation)
    phases: list[Phase] = []
    for effort in EFFORTS:
        todo = [
            g
            for g in gaps
            if g.effort == effort
            and g.recommendation
            and not (answered_only and g.kind == "unanswered")
        ]
        todo.sort(key=lambda g: (not g.blocker, g.rank))
        items = [
            WorkItem(
                qid=g.qid,
                section_title=g.section_title,
                recommendation=g.recommendation or "",
                blocker=g.blocker,
                cost=g.cost,
            )
            for g in todo[:PER_PHASE]
        ]
        items.extend(item for item_effort, item in extra if item_effort == effort)
        if items:
            left_over = max(0, len(todo) - PER_PHASE)
            phases.append(Phase(effort=effort, items=tuple(items), left_over=left_over))
    return phases


def _accreditation_items(
    accreditation: list[AccreditationPriority],
) -> list[tuple[Effort, WorkItem]]:
    """The highest-ranked areas not met or partly met where partnership could help."""
    items: list[tuple[Effort, WorkItem]] = []
    for a in accreditation:
        if len(items) == ACCREDITATION_IN_PLAN:
            break
        if a.standing not in ("not-met", "partially-met") or a.partnership_help != "yes":
            continue
        if a.recommendation is None or a.effort is None:
            continue
        item = WorkItem(
            qid=a.qid,
            section_title=f"Accreditation {a.area} {a.name}",
            recommendation=a.recommendation,
            blocker=False,
            cost=0.0,
            accreditation_area=a.area,
            accreditation_name=a.name,
        )
        items.append((a.effort, item))
    return items


_STANDING_ORDER: dict[Standing, int] = {
    "not-met": 0,
    "partially-met": 1,
    "not-assessed": 2,
    "not-answered": 3,
}
_HELP_ORDER: dict[Help, int] = {"yes": 0, "maybe": 1, "unknown": 2, "not-answered": 3, "no": 4}


def _standing(q: QuestionResult | None) -> Standing | None:
    """Top of the scale is met, bottom is not met, anything between is partially met; a
    "don't know" answer is not assessed, and a blank one is not answered."""
    if q is None or q.status in ("hidden", "not-applicable"):
        return None
    if q.status == "unanswered":
        return "not-answered"
    if q.status != "answered" or q.fraction is None:
        return "not-assessed"
    if q.fraction >= 1 - _EPSILON:
        return "met"
    return "not-met" if q.fraction <= _EPSILON else "partially-met"


def _help(q: QuestionResult | None) -> Help:
    if q is not None and q.status == "unanswered":
        return "not-answered"
    if q is None or q.status != "answered" or q.fraction is None:
        return "unknown"
    if q.fraction >= 1 - _EPSILON:
        return "yes"
    return "no" if q.fraction <= _EPSILON else "maybe"


def accreditation_priorities(
    bank: Bank, sections: list[SectionResult]
) -> list[AccreditationPriority]:
    """Areas not met, then partly met, then not assessed, then not answered; within each,
    where partnership could help first."""
    by_aspect: dict[tuple[str, str], QuestionResult] = {}
    for section in sections:
        for q in section.questions:
            ref = bank.by_id[q.qid].question.accreditation
            if ref is not None and ref.aspect != "related":
                by_aspect.setdefault((ref.area, ref.aspect), q)
    found: list[tuple[int, int, int, dict[str, Any]]] = []
    for order, (area, name) in enumerate(bank.accreditation_areas.items()):
        standing_q = by_aspect.get((area, "standing"))
        standing = _standing(standing_q)
        if standing is None or standing == "met" or standing_q is None:
            continue
        help_q = by_aspect.get((area, "partnership-help"))
        rec = bank.by_id[standing_q.qid].question.recommendation
        help_ = _help(help_q)
        entry = {
            "area": area,
            "name": name,
            "qid": standing_q.qid,
            "standing": standing,
            "standing_label": ", ".join(standing_q.answer_labels),
            "partnership_help": help_,
            "help_label": ", ".join(help_q.answer_labels) if help_q else "",
            "note": standing_q.note,
            "recommendation": rec.text if rec else None,
            "effort": rec.effort if rec else None,
        }
        found.append((_STANDING_ORDER[standing], _HELP_ORDER[help_], order, entry))
    found.sort(key=lambda item: item[:3])
    # Built once the rank is known: copying a model to set it costs more than the model.
    return [AccreditationPriority(rank=i, **e) for i, (*_, e) in enumerate(found, start=1)]


def _commitment_section(bank: Bank) -> Section | None:
    """The section on money and time: id ``resources``, else one citing areas 1.5 or 1.6."""
    for section in bank.sections:
        if section.id == COMMITMENT_SECTION:
            return section
    for section in bank.sections:
        areas = {q.accreditation.area for q in section.questions if q.accreditation}
        if section.counts and areas & COMMITMENT_AREAS:
            return section
    return None


def benefits(bank: Bank, sections: list[SectionResult], blockers: list[Blocker]) -> Benefits:
    """Benefits ticked in multi questions of benefits sections, against the commitment score.

    A mismatch is many benefits sought while the money-and-time section scores low or has a
    blocker. The benefits are said to fit only when that section scores at least
    ``FIT_COMMITMENT`` and no blocker fired in it; anything between is neither.
    """
    sought: list[str] = []
    offered = 0
    for section in sections:
        if section.kind != "benefits":
            continue
        for q in section.questions:
            ref = bank.by_id[q.qid]
            if q.type != "multi":
                continue
            offered += sum(1 for c in ref.choices if not c.special)
            if q.status == "answered":
                sought.extend(c.label for c in ref.choices if c.id in q.answer and not c.special)
    commitment = _commitment_section(bank)
    score = None
    blocked: tuple[str, ...] = ()
    if commitment is not None:
        score = next(r.score for r in sections if r.id == commitment.id)
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
        fit=score is not None and score >= FIT_COMMITMENT - _EPSILON and not blocked,
        many_from=MANY_BENEFITS,
        low_below=LOW_COMMITMENT,
        fit_from=FIT_COMMITMENT,
    )
