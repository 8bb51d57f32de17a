"""Accreditation priorities: the requirement areas short of met, ranked, with the bank's
advice and the service's view of whether partnership could help."""

from __future__ import annotations

from typing import Any

from ..bank.model import Bank
from .results import AccreditationPriority, Help, QuestionResult, SectionResult, Standing

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
    if q.fraction >= 1:
        return "met"
    return "not-met" if q.fraction <= 0 else "partially-met"


def _help(q: QuestionResult | None) -> Help:
    if q is not None and q.status == "unanswered":
        return "not-answered"
    if q is None or q.status != "answered" or q.fraction is None:
        return "unknown"
    if q.fraction >= 1:
        return "yes"
    return "no" if q.fraction <= 0 else "maybe"


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
