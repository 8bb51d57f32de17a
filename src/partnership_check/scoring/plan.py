"""What to do first: the phased work plan from the ranked gaps and the top Accreditation
priorities."""

from __future__ import annotations

from ..bank.model import EFFORTS, Effort
from .results import AccreditationPriority, Gap, Phase, WorkItem

PER_PHASE = 4  # recommendations of gaps listed per work-plan phase
ACCREDITATION_IN_PLAN = 2  # top Accreditation priorities added to the work plan, at most


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
