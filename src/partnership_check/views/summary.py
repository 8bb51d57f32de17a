"""The batch summary: one row per scored service, the files not started (nothing that
counts answered yet) and the files that could not be scored.

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
from ..scoring.results import AnswerProblem, Blocker, Dropped, ServiceResult

RowStatus = Literal["scored", "not-started"]
BlockerStatus = Literal["answered", "dont-know", "unanswered"]


class SummaryBlocker(FrozenModel):
    """A blocker that fired, and whether it lowered the band."""

    qid: str
    text: str = Field(description="The question, as the bank words it.")
    status: BlockerStatus = Field(
        description="Why it fired: a weak answer (answered), don't know, or not answered yet."
    )
    lowered_band: bool = Field(description="It lowered the band below what the average gives.")


class SummaryRow(FrozenModel):
    """One answer file that was read: a scored service, or a file not started."""

    status: RowStatus = Field(
        description="scored, or not-started: nothing that counts towards the score is"
        " answered, so it has no scores."
    )
    service: str = Field(
        description="The service name as shown (control characters removed); a scored file"
        " without one is 'Unnamed service', a file not started without one is empty."
    )
    assessed_on: dt.date | None
    source: str = Field(description="The answer file, as given on the command line.")
    report: str = Field(description="The report's file name in the output folder.")
    overall: float | None = Field(
        description="Overall readiness score, 0-100; none when not started or when no scored"
        " question applies."
    )
    provisional: bool | None = Field(
        description="Under half the questions that count are answered: the score will move."
        " None when there is no score."
    )
    band: str | None = Field(description="The band, after any blocker; none without a score.")
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
    answers_bank_version: str | None = Field(
        default=None, description="The bank version the file answered."
    )
    dropped: tuple[Dropped, ...] = Field(
        default=(),
        description="Each answer set aside, with the answer given and, when one is close, "
        "the current question id it may be a typo of.",
    )
    problems: tuple[AnswerProblem, ...] = Field(
        default=(),
        description="Answers that could not be read: their questions are left unanswered and"
        " the rest of the file is scored. The first hundred; problems_more counts the rest.",
    )
    problems_more: int = Field(default=0, description="Problems beyond those listed.")

    @property
    def problem_count(self) -> int:
        """How many answers of the file could not be read."""
        return len(self.problems) + self.problems_more


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
    scored: int = Field(description="Files scored: started, so not counting those not started.")
    not_started: int = Field(description="Files with nothing that counts answered yet.")
    incomplete: int = Field(description="Scored files with required questions unanswered.")
    with_problems: int = Field(
        description="Files scored (or not started) with answers that could not be read."
    )
    failed: int
    interrupted: bool = Field(description="The run was stopped before every file was done.")
    sections: tuple[SectionColumn, ...]
    could_not_be_scored: tuple[FailedFile, ...]


def summary_row(result: ServiceResult, source: str, report: str) -> SummaryRow:
    """The summary row of one answer file that was read."""
    if not result.completeness.started and result.overall.score is not None:
        return _not_started_row(result, source, report)
    # An unanswered question is not a gap found in an answer: the biggest gap is answered.
    top = next((g for g in result.gaps if g.kind != "unanswered"), None)
    lowered = set(result.overall.capped_by)
    has_score = result.overall.score is not None
    return SummaryRow(
        status="scored",
        service=result.service_display or "Unnamed service",
        assessed_on=result.assessed_on,
        source=source,
        report=report,
        overall=result.overall.score,
        provisional=result.completeness.provisional if has_score else None,
        band=result.overall.band.label if has_score else None,
        capped_by=result.overall.capped_by,
        blockers=tuple(
            SummaryBlocker(
                qid=b.qid, text=b.text, status=_status(b, result), lowered_band=b.qid in lowered
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
        answers_bank_version=result.answers_bank_version,
        dropped=result.dropped,
        problems=result.problems,
        problems_more=result.problems_more,
    )


def _status(blocker: Blocker, result: ServiceResult) -> BlockerStatus:
    if not blocker.answered:
        return "unanswered"
    return "dont-know" if blocker.qid in result.evidence_gaps else "answered"


def _not_started_row(result: ServiceResult, source: str, report: str) -> SummaryRow:
    """A file with nothing that counts answered (a blank template): no scores at all, not
    the zeros its unanswered questions work out to, and no blockers, all of them fired
    only because nothing is answered."""
    return SummaryRow(
        status="not-started",
        service=result.service_display,
        assessed_on=result.assessed_on,
        source=source,
        report=report,
        overall=None,
        provisional=None,
        band=None,
        capped_by=(),
        blockers=(),
        completeness=result.completeness.percent,
        incomplete=bool(result.completeness.unanswered_required),
        sections={s.id: None for s in result.sections if s.counts},
        top_gap=None,
        not_in_bank=result.unmatched,
        answers_bank_version=result.answers_bank_version,
        dropped=result.dropped,
        problems=result.problems,
        problems_more=result.problems_more,
    )


def build_summary(
    bank: Bank,
    *,
    files: int,
    scored: int,
    not_started: int,
    incomplete: int,
    with_problems: int,
    failed: Sequence[FailedFile],
    interrupted: bool,
) -> BatchSummary:
    """The summary's totals and columns; failures sorted by file."""
    return BatchSummary(
        bank_id=bank.id,
        bank_version=bank.version,
        files=files,
        scored=scored,
        not_started=not_started,
        incomplete=incomplete,
        with_problems=with_problems,
        failed=len(failed),
        interrupted=interrupted,
        sections=tuple(SectionColumn(id=s.id, title=s.title) for s in bank.sections if s.counts),
        could_not_be_scored=tuple(sorted(failed, key=lambda f: f.source)),
    )
