"""The batch summary: one row per scored service and the files that could not be scored.

Written by ``score`` for a batch as ``summary.md``, ``summary.csv`` and ``summary.json``.
Rows are small, so a batch of any size keeps only these in memory, never the reports.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from .bank import Bank
from .files import atomic_write
from .results import ServiceResult

SUMMARY_STEM = "summary"


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SummaryRow(_Value):
    """One scored service."""

    service: str = Field(description="The service name as shown (control characters removed).")
    assessed_on: dt.date | None
    source: str = Field(description="The answer file, as given on the command line.")
    report: str = Field(description="The report's file name in the output folder.")
    overall: float | None = Field(description="Overall readiness score, 0-100.")
    band: str
    capped_by: tuple[str, ...] = Field(description="Gate questions that capped the band.")
    completeness: float = Field(description="Percent of applicable questions answered.")
    incomplete: bool = Field(description="Required questions are still unanswered.")
    sections: dict[str, float | None] = Field(description="Section id to score, 0-100.")
    top_gap: str | None = Field(description="The question that costs the most points.")
    top_gap_text: str | None = None
    not_in_bank: tuple[str, ...] = Field(
        default=(), description="Answers set aside: not in this bank version."
    )


class FailedFile(_Value):
    """A file that could not be scored, with every problem found in it."""

    source: str
    problems: tuple[str, ...]


class SectionColumn(_Value):
    id: str
    title: str


class BatchSummary(_Value):
    """The whole batch, as written to summary.json."""

    bank_id: str
    bank_version: str
    files: int = Field(description="Answer files found.")
    scored: int
    incomplete: int
    failed: int
    interrupted: bool = Field(description="The run was stopped before every file was done.")
    sections: tuple[SectionColumn, ...]
    rows: tuple[SummaryRow, ...]
    could_not_be_scored: tuple[FailedFile, ...]


def summary_row(result: ServiceResult, source: str, report: str) -> SummaryRow:
    """The summary row of one scored service."""
    top = result.gaps[0] if result.gaps else None
    return SummaryRow(
        service=result.service_display or "Unnamed service",
        assessed_on=result.assessed_on,
        source=source,
        report=report,
        overall=result.overall.score,
        band=result.overall.band.label,
        capped_by=result.overall.capped_by,
        completeness=result.completeness.percent,
        incomplete=bool(result.completeness.unanswered_required),
        sections={s.id: s.score for s in result.sections if s.counts},
        top_gap=top.qid if top else None,
        top_gap_text=top.text if top else None,
        not_in_bank=result.unmatched,
    )


def build_summary(
    bank: Bank,
    files: int,
    rows: Sequence[SummaryRow],
    failed: Sequence[FailedFile],
    interrupted: bool,
) -> BatchSummary:
    """Sorts rows by service then file, and failures by file, so output never depends on order."""
    ordered = sorted(rows, key=lambda r: (r.service.casefold(), r.service, r.source))
    return BatchSummary(
        bank_id=bank.id,
        bank_version=bank.version,
        files=files,
        scored=len(rows),
        incomplete=sum(1 for r in rows if r.incomplete),
        failed=len(failed),
        interrupted=interrupted,
        sections=tuple(SectionColumn(id=s.id, title=s.title) for s in bank.sections if s.counts),
        rows=tuple(ordered),
        could_not_be_scored=tuple(sorted(failed, key=lambda f: f.source)),
    )


def render_csv(summary: BatchSummary) -> str:
    """One row per service; section columns by section id, scores with one decimal."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    section_ids = [s.id for s in summary.sections]
    writer.writerow(
        [
            "service",
            "assessed_on",
            "overall",
            "band",
            "capped_by",
            "completeness",
            *section_ids,
            "top_gap",
            "report",
            "source",
        ]
    )
    for row in summary.rows:
        writer.writerow(
            [
                row.service,
                row.assessed_on.isoformat() if row.assessed_on else "",
                _number(row.overall),
                row.band,
                " ".join(row.capped_by),
                _number(row.completeness),
                *(_number(row.sections.get(sid)) for sid in section_ids),
                row.top_gap or "",
                row.report,
                row.source,
            ]
        )
    return buffer.getvalue()


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def write_summary(summary: BatchSummary, out_dir: Path) -> list[Path]:
    """Writes summary.md, summary.csv and summary.json atomically; returns their paths."""
    from .report import render_bundled

    texts = {
        ".md": render_bundled("summary.md.j2", s=summary),
        ".csv": render_csv(summary),
        ".json": summary.model_dump_json(indent=2) + "\n",
    }
    paths = []
    for suffix, text in texts.items():
        path = out_dir / f"{SUMMARY_STEM}{suffix}"
        atomic_write(path, text)
        paths.append(path)
    return paths
