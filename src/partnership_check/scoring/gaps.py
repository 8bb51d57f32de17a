"""Gaps: weak, "don't know" and unanswered answers, ranked by the points of the overall
score each one costs."""

from __future__ import annotations

from .answer_score import ScoredAnswer
from .results import Gap, GapKind
from .rounding import one_decimal


def ranked_gaps(
    items: list[ScoredAnswer],
    totals: dict[str, float],
    weights: dict[str, float],
    blocked: set[str],
) -> list[Gap]:
    """Gaps ranked by the overall points they cost; ties keep bank order."""
    all_weight = sum(weights.values())
    found: list[tuple[float, int, ScoredAnswer]] = []
    for s in items:
        if not s.gap or s.ref.section.id not in weights or all_weight <= 0:
            continue
        share = weights[s.ref.section.id] / all_weight
        cost = 100 * share * s.ref.question.weight * (1 - s.earned) / totals[s.ref.section.id]
        found.append((cost, s.ref.position, s))
    found.sort(key=lambda item: (-item[0], item[1]))
    gaps: list[Gap] = []
    for rank, (cost, _, s) in enumerate(found, start=1):
        rec = s.ref.question.recommendation
        kind: GapKind = "low-score"
        if s.status in ("dont-know", "unanswered"):
            kind = "dont-know" if s.status == "dont-know" else "unanswered"
        gaps.append(
            Gap(
                rank=rank,
                qid=s.ref.qid,
                section=s.ref.section.id,
                section_title=s.ref.section.title,
                text=s.ref.question.text,
                kind=kind,
                answer_labels=s.labels,
                cost=one_decimal(cost),
                blocker=s.ref.qid in blocked,
                recommendation=rec.text if rec else None,
                effort=rec.effort if rec else None,
            )
        )
    return gaps
