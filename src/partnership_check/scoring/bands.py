"""The band: the overall score as a weighted mean of the sections, and the blockers
(gates) that cap it whatever the average."""

from __future__ import annotations

import math
from functools import lru_cache

from ..bank.model import Band, Bank, Gate
from .answer_score import ScoredAnswer
from .results import BandInfo, Blocker, GapKind, Overall
from .rounding import exact, ratio_half_up


@lru_cache(maxsize=64)  # a bank has a handful of bands, in every result
def band_info(band: Band) -> BandInfo:
    return BandInfo(id=band.id, label=band.label, min=band.min, meaning=band.meaning)


# What the report says of a blocker fired by "don't know" or by no answer, when the bank
# gives no sentence of its own: never that the weak fact holds, since nobody said it does.
DONT_KNOW_WHY = "It is not known how this stands, and a weak answer here would mean: {reason}"
UNANSWERED_WHY = "Not answered yet, and a weak answer here would mean: {reason}"


def blockers_fired(bank: Bank, items: list[ScoredAnswer]) -> list[Blocker]:
    fired: list[Blocker] = []
    for s in items:
        gate = s.ref.question.gate
        if gate is None or s.status in ("hidden", "not-applicable"):
            continue
        kind: GapKind
        if s.status == "unanswered":
            kind = "unanswered"
        elif s.raw is not None and s.raw <= exact(gate.at_or_below):
            kind = "dont-know" if s.status == "dont-know" else "low-score"  # the lowest score
        else:
            continue
        fired.append(
            Blocker(
                qid=s.ref.qid,
                section=s.ref.section.title,
                text=s.ref.question.text,
                answer_labels=s.labels,
                answered=kind != "unanswered",
                kind=kind,
                cap=band_info(bank.band_by_id[gate.cap]),
                reason=gate.reason,
                why=blocker_why(gate, kind),
            )
        )
    return fired


def blocker_why(gate: Gate, kind: GapKind) -> str:
    """The sentence that fits what fired the gate: the bank's own, or one made from its reason
    that says the answer is not known or not given rather than that the weak fact holds."""
    if kind == "dont-know":
        return gate.if_dont_know or DONT_KNOW_WHY.format(reason=_after_colon(gate.reason))
    if kind == "unanswered":
        return gate.if_unanswered or UNANSWERED_WHY.format(reason=_after_colon(gate.reason))
    return gate.reason


def _after_colon(text: str) -> str:
    """A sentence's first letter lowered to follow a colon, unless it starts a word in
    capitals (an abbreviation such as TNA)."""
    return text[:1].lower() + text[1:] if text[1:2] == text[1:2].lower() else text


def overall(
    bank: Bank,
    earned: dict[str, int],
    totals: dict[str, int],
    weights: dict[str, int],
    blockers: list[Blocker],
) -> Overall:
    """The weighted mean of the exact section scores (100 x earned / total, weighted by
    the sections' weights), rounded once, then any gate caps. All in whole numbers over
    their least common denominator, so the mean is exact."""
    weight = sum(weights.values())
    score = None
    if totals and weight > 0:
        common = math.lcm(*totals.values())
        numerator = sum(100 * weights[k] * earned[k] * (common // totals[k]) for k in totals)
        score = ratio_half_up(numerator, common * weight, 1)
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
