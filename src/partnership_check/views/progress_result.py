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
    problems: int = Field(
        0,
        description="Answers in its file that could not be read: their questions count as not"
        " answered, so they are not compared.",
    )
    unread: tuple[str, ...] = Field(
        (), description="The questions whose answers in its file could not be read."
    )


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
    kind: GapKind | None = Field(
        None, description="The kind of gap: now for a gap open now, then for one closed since."
    )
    recommendation: str | None = None
    effort: Effort | None = None


class BlockerEntry(FrozenModel):
    qid: str
    text: str
    answer: str = Field(
        description="The answer now (for a cleared blocker, the one that cleared it); empty "
        "when not answered or not asked."
    )
    cap: str = Field(description="The band it caps at (for a cleared blocker, capped at then).")
    reason: str
    applies_now: bool = Field(True, description="False when the question no longer applies.")


class NotComparable(FrozenModel):
    """A question only one of the two assessments can speak to."""

    qid: str
    only_in: Literal["old", "new"]
    reason: Literal["not-in-bank", "maybe-new-question"]
    did_you_mean: str | None = Field(
        None, description="For an id not in the bank: a current question id close to it."
    )


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
    improved: tuple[GapEntry, ...] = Field(
        description="Gaps in OLD for a low score that are answered without a gap now, with the "
        "recommendation made then. An improvement, not proof that it was acted on."
    )
    now_answered: tuple[GapEntry, ...] = Field(
        description='Gaps in OLD for "don\'t know" or no answer that are answered without a '
        "gap now: new answers rather than improvements."
    )
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
