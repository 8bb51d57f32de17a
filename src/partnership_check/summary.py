"""The batch summary: one row per scored service and the files that could not be scored.

Written by ``score`` for a batch as ``summary.md``, ``summary.csv`` and ``summary.json``.
Rows are small, so a batch of any size keeps only these in memory, never the reports.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from array import array
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from pydantic import BaseModel, ConfigDict, Field

from .bank import Bank
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


class RowStore:
    """Summary rows kept in a temp file as JSON lines; only their sort keys stay in memory,
    so a batch of any size needs about the same memory."""

    def __init__(self, folder: Path, tag: str) -> None:
        self.path = folder / f".summary-rows.{tag}.tmp"
        self._file = self.path.open("w+b")
        self._keys: list[str] = []  # one string a row: compact, and sorts as the rows should
        self._spans = array("q")  # offset and length of each row, in the order of _keys
        self.incomplete = 0

    def add(self, row: SummaryRow) -> None:
        data = row.model_dump_json().encode("utf-8") + b"\n"
        self._spans.extend((self._file.tell(), len(data)))
        self._file.write(data)
        self._keys.append(f"{row.service.casefold()}\0{row.service}\0{row.source}")
        self.incomplete += row.incomplete

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[SummaryRow]:
        """Rows sorted by service, then file: output never depends on the order of work."""
        self._file.flush()
        for index in sorted(range(len(self._keys)), key=self._keys.__getitem__):
            self._file.seek(self._spans[2 * index])
            yield SummaryRow.model_validate_json(self._file.read(self._spans[2 * index + 1]))
        self._file.seek(0, io.SEEK_END)

    def close(self) -> None:
        self._file.close()
        self.path.unlink(missing_ok=True)


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
    bank: Bank, files: int, rows: RowStore, failed: Sequence[FailedFile], interrupted: bool
) -> BatchSummary:
    """The summary's totals and columns; failures sorted by file."""
    return BatchSummary(
        bank_id=bank.id,
        bank_version=bank.version,
        files=files,
        scored=len(rows),
        incomplete=rows.incomplete,
        failed=len(failed),
        interrupted=interrupted,
        sections=tuple(SectionColumn(id=s.id, title=s.title) for s in bank.sections if s.counts),
        could_not_be_scored=tuple(sorted(failed, key=lambda f: f.source)),
    )


CSV_HEAD = ("service", "assessed_on", "overall", "band", "capped_by", "completeness")


def _write_csv(summary: BatchSummary, rows: Iterable[SummaryRow], handle: TextIO) -> None:
    """One row per service; section columns by section id, scores with one decimal."""
    writer = csv.writer(handle, lineterminator="\n")
    section_ids = [s.id for s in summary.sections]
    writer.writerow([*CSV_HEAD, *section_ids, "top_gap", "report", "source"])
    for row in rows:
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


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _write_json(summary: BatchSummary, rows: Iterable[SummaryRow], handle: TextIO) -> None:
    """summary.json: the totals, then ``rows`` one by one, then the failures."""
    head = summary.model_dump(mode="json")
    failures = head.pop("could_not_be_scored")
    handle.write(json.dumps(head, indent=2, ensure_ascii=False)[:-2] + ',\n  "rows": [')
    for index, row in enumerate(rows):
        item = json.dumps(row.model_dump(mode="json"), indent=2, ensure_ascii=False)
        handle.write(("," if index else "") + "\n    " + item.replace("\n", "\n    "))
    failed = json.dumps(failures, indent=2, ensure_ascii=False).replace("\n", "\n  ")
    handle.write(f'\n  ],\n  "could_not_be_scored": {failed}\n}}\n')


def write_summary(summary: BatchSummary, rows: RowStore, out_dir: Path) -> list[Path]:
    """Streams summary.md, summary.csv and summary.json, each written atomically."""
    from .files import atomic_open
    from .report import stream_bundled

    paths = [out_dir / f"{SUMMARY_STEM}{suffix}" for suffix in (".md", ".csv", ".json")]
    with atomic_open(paths[0]) as handle:
        stream_bundled("summary.md.j2", handle, s=summary, rows=rows)
    with atomic_open(paths[1]) as handle:
        _write_csv(summary, rows, handle)
    with atomic_open(paths[2]) as handle:
        _write_json(summary, rows, handle)
    return paths
