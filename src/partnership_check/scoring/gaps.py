"""Gaps: weak, "don't know" and unanswered answers, ranked by the points of the overall
score each one costs."""

from __future__ import annotations

from .answer_score import ScoredAnswer
from .results import Gap, GapKind
from .rounding import ratio_half_up


def ranked_gaps(
    items: list[ScoredAnswer],
    totals: dict[str, int],
    weights: dict[str, int],
    blocked: set[str],
) -> list[Gap]:
    """Gaps ranked by the overall points they cost; ties keep bank order.

    A gap costs 100 x (section weight / all section weights) x (the question's weight less
    what it earned) / the section's counted weight, computed exactly as a ratio of whole
    numbers and rounded half up to one decimal.
    """
    all_weight = sum(weights.values())
    found: list[tuple[float, int, ScoredAnswer, int, int]] = []
    for s in items:
        section = s.ref.section.id
        if not s.gap or section not in weights or all_weight <= 0:
            continue
        numerator = 100 * weights[section] * (s.fixed.weight_units - s.earned_units)
        denominator = all_weight * totals[section]
        # The float of the exact ratio orders as the ratio does: equal ratios give equal
        # floats, and these ratios of small whole numbers are never within a float's step.
        found.append((numerator / denominator, s.ref.position, s, numerator, denominator))
    found.sort(key=lambda item: (-item[0], item[1]))
    gaps: list[Gap] = []
    for rank, (_, _, s, numerator, denominator) in enumerate(found, start=1):
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
                cost=ratio_half_up(numerator, denominator, 1),
                blocker=s.ref.qid in blocked,
                recommendation=rec.text if rec else None,
                effort=rec.effort if rec else None,
            )
        )
    return gaps
