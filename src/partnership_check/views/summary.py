"""The batch summary: one row per scored service and the files that could not be scored.

Written by ``score`` for a batch as ``summary.md``, ``summary.csv`` and ``summary.json``.
Rows are small, and the command keeps them on disk, so a batch of any size needs about the
same memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from ..bank.model import Bank
from ..model_base import FrozenModel
from ..scoring.results import ServiceResult


class SummaryBlocker(FrozenModel):
    """A blocker that fired, and whether it lowered the band."""

    qid: str
    text: str = Field(description="The question, as the bank words it.")
    answered: bool = Field(description="False when it fired because it is not answered yet.")
    lowered_band: bool = Field(description="It lowered the band below what the average gives.")


class SummaryRow(FrozenModel):
    """One scored service."""

    service: str = Field(description="The service name as shown (control characters removed).")
    assessed_on: dt.date | None
    source: str = Field(description="The answer file, as given on the command line.")
    report: str = Field(description="The report's file name in the output folder.")
    overall: float | None = Field(description="Overall readiness score, 0-100.")
    provisional: bool = Field(
        description="Under half the questions that count are answered: the score will move."
    )
    band: str
    capped_by: tuple[str, ...] = Field(description="Gate questions that capped the band.")
    blockers: tuple[SummaryBlocker, ...] = Field(
        description="Every blocker that fired, whether or not it lowered the band."
    )
    completeness: float = Field(description="Percent of applicable questions answered.")
    incomplete: bool = Field(description="Required questions are still unanswered.")
    sections: dict[str, float | None] = Field(
        description="Section id to score, 0-100; none when nothing in it is answered yet or"
        " no scored question in it applies."
    )
    top_gap: str | None = Field(
        description="The answered question (a low score or don't know) that costs the most points."
    )
    top_gap_kind: Literal["low-score", "dont-know"] | None = None
    top_gap_text: str | None = None
    not_in_bank: tuple[str, ...] = Field(
        default=(), description="Answers set aside: not in this bank version."
    )


class FailedFile(FrozenModel):
    """A file that could not be scored, with every problem found in it."""

    source: str
    problems: tuple[str, ...]


class SectionColumn(FrozenModel):
    id: str
    title: str


class BatchSummary(FrozenModel):
    """Everything in summary.json but the rows, which are streamed from disk."""

    bank_id: str
    bank_version: str
    files: int = Field(description="Answer files found.")
    scored: int
    incomplete: int
    failed: int
    interrupted: bool = Field(description="The run was stopped before every file was done.")
    sections: tuple[SectionColumn, ...]
    could_not_be_scored: tuple[FailedFile, ...]


def summary_row(result: ServiceResult, source: str, report: str) -> SummaryRow:
    """The summary row of one scored service."""
    # An unanswered question is not a gap found in an answer: the biggest gap is answered.
    top = next((g for g in result.gaps if g.kind != "unanswered"), None)
    lowered = set(result.overall.capped_by)
    return SummaryRow(
        service=result.service_display or "Unnamed service",
        assessed_on=result.assessed_on,
        source=source,
        report=report,
        overall=result.overall.score,
        provisional=result.completeness.provisional,
        band=result.overall.band.label,
        capped_by=result.overall.capped_by,
        blockers=tuple(
            SummaryBlocker(
                qid=b.qid, text=b.text, answered=b.answered, lowered_band=b.qid in lowered
            )
            for b in result.blockers
        ),
        completeness=result.completeness.percent,
        incomplete=bool(result.completeness.unanswered_required),
        sections={s.id: None if s.not_answered else s.score for s in result.sections if s.counts},
        top_gap=top.qid if top else None,
        top_gap_kind=top.kind if top and top.kind != "unanswered" else None,
        top_gap_text=top.text if top else None,
        not_in_bank=result.unmatched,
    )


def build_summary(
    bank: Bank,
    files: int,
    scored: int,
    incomplete: int,
    failed: Sequence[FailedFile],
    interrupted: bool,
) -> BatchSummary:
    """The summary's totals and columns; failures sorted by file."""
    return BatchSummary(
        bank_id=bank.id,
        bank_version=bank.version,
        files=files,
        scored=scored,
        incomplete=incomplete,
        failed=len(failed),
        interrupted=interrupted,
        sections=tuple(SectionColumn(id=s.id, title=s.title) for s in bank.sections if s.counts),
        could_not_be_scored=tuple(sorted(failed, key=lambda f: f.source)),
    )
