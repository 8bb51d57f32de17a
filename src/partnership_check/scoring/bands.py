"""The band: the overall score as a weighted mean of the sections, and the blockers
(gates) that cap it whatever the average."""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

from ..bank.model import Band, Bank
from .answer_score import ScoredAnswer
from .results import BandInfo, Blocker, Overall
from .rounding import exact, one_decimal


@lru_cache(maxsize=64)  # a bank has a handful of bands, in every result
def band_info(band: Band) -> BandInfo:
    return BandInfo(id=band.id, label=band.label, min=band.min, meaning=band.meaning)


def blockers_fired(bank: Bank, items: list[ScoredAnswer]) -> list[Blocker]:
    fired: list[Blocker] = []
    for s in items:
        gate = s.ref.question.gate
        if gate is None or s.status in ("hidden", "not-applicable"):
            continue
        if s.status == "unanswered":
            fires = True
        else:
            fires = s.raw is not None and s.raw <= exact(gate.at_or_below)
        if fires:
            fired.append(
                Blocker(
                    qid=s.ref.qid,
                    section=s.ref.section.title,
                    text=s.ref.question.text,
                    answer_labels=s.labels,
                    answered=s.status != "unanswered",
                    cap=band_info(bank.band_by_id[gate.cap]),
                    reason=gate.reason,
                )
            )
    return fired


def overall(
    bank: Bank, scores: dict[str, Fraction], weights: dict[str, float], blockers: list[Blocker]
) -> Overall:
    """Weighted mean of the exact section scores, rounded once, then any gate caps."""
    weight = sum((exact(w) for w in weights.values()), Fraction(0))
    score = None
    if scores and weight > 0:
        total = sum((exact(weights[k]) * scores[k] for k in scores), Fraction(0))
        score = one_decimal(total / weight)
    uncapped = bank.band_for(score if score is not None else 0.0)
    band = uncapped
    capped_by: list[str] = []
    for blocker in blockers:
        if blocker.cap.min < uncapped.min:
            capped_by.append(blocker.qid)
            if blocker.cap.min < band.min:
                band = bank.band_by_id[blocker.cap.id]
    return Overall(
        score=score,
        band=band_info(band),
        uncapped_band=band_info(uncapped),
        capped=band.id != uncapped.id,
        capped_by=tuple(capped_by),
    )
