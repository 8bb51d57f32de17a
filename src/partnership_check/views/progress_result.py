"""The progress view of ``progress``: frozen pydantic models, dumped as its JSON result."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from ..bank.model import Effort
from ..model_base import FrozenModel
from ..scoring.results import GapKind

Movement = Literal["up", "down", "changed", "new-answer", "now-unanswered", "no-longer-asked"]


class Snapshot(FrozenModel):
    """One of the two assessments in brief."""

    service: str
    source: str
    file: str
    assessed_on: dt.date | None
    answers_bank_version: str
    score: float | None
    band: str
    band_rank: int = Field(description="Position of the band in the bank, lowest 0.")
    capped: bool
    completeness: float


class SectionChange(FrozenModel):
    id: str
    title: str
    counts: bool
    old: float | None
    new: float | None
    change: float | None


class QuestionChange(FrozenModel):
    """One question whose answer moved."""

    qid: str
    section_title: str
    text: str
    movement: Movement
    old_answer: str
    new_answer: str
    old_asked: bool = Field(description="False when the question did not apply then.")
    new_asked: bool = Field(description="False when the question does not apply now.")


class GapEntry(FrozenModel):
    qid: str
    section_title: str
    text: str
    old_answer: str
    new_answer: str
    kind: GapKind | None = None
    recommendation: str | None = None
    effort: Effort | None = None


class BlockerEntry(FrozenModel):
    qid: str
    text: str
    answer: str
    cap: str
    reason: str
    applies_now: bool = Field(True, description="False when the question no longer applies.")


class NotComparable(FrozenModel):
    """A question only one of the two assessments can speak to."""

    qid: str
    only_in: Literal["old", "new"]
    reason: Literal["not-in-bank", "maybe-new-question"]


class ProgressResult(FrozenModel):
    """The whole progress view; dumped as the JSON result of ``progress``."""

    bank_id: str
    bank_version: str
    bank_title: str
    old: Snapshot
    new: Snapshot
    score_change: float | None
    band_change: Literal["up", "down", "same"]
    sections: tuple[SectionChange, ...]
    counted_only_old: tuple[str, ...] = Field(
        description="Titles of sections in the readiness score then but not now."
    )
    counted_only_new: tuple[str, ...] = Field(
        description="Titles of sections in the readiness score now but not then."
    )
    moved: tuple[QuestionChange, ...]
    acted_on: tuple[GapEntry, ...] = Field(description="Gaps with a recommendation in OLD, closed.")
    new_gaps: tuple[GapEntry, ...]
    still_open: tuple[GapEntry, ...]
    new_blockers: tuple[BlockerEntry, ...]
    cleared_blockers: tuple[BlockerEntry, ...]
    remaining_blockers: tuple[BlockerEntry, ...]
    not_comparable: tuple[NotComparable, ...]
    renamed: tuple[tuple[str, str], ...]
    names_differ: bool
    dated_backwards: bool
    dates_missing: bool
