"""The batch summary as text: ``summary.md`` (from its template), ``summary.csv`` and
``summary.json``, each made piece by piece so that rows stream from disk."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..views.summary import BatchSummary, SummaryRow
from .environment import stream_bundled

CSV_HEAD = ("service", "assessed_on", "overall", "band", "capped_by", "completeness")


def summary_markdown(summary: BatchSummary, rows: Iterable[SummaryRow]) -> Iterator[str]:
    """summary.md, from ``templates/summary.md.j2``."""
    return stream_bundled("summary.md.j2", s=summary, rows=rows)


def summary_csv(summary: BatchSummary, rows: Iterable[SummaryRow]) -> Iterator[str]:
    """One row per service; section columns by section id, scores with one decimal."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    section_ids = [s.id for s in summary.sections]
    writer.writerow([*CSV_HEAD, *section_ids, "top_gap", "report", "source"])
    yield _taken(buffer)
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
        yield _taken(buffer)


def _taken(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


class _Streamed(list[Any]):
    """A list that json writes item by item from ``items`` without holding them: the
    encoder asks its length (is it empty?) and then iterates it."""

    def __init__(self, items: Iterable[Any], count: int) -> None:
        super().__init__()
        self._items = items
        self._count = count

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Any]:
        return iter(self._items)


def summary_json(summary: BatchSummary, rows: Iterable[SummaryRow], count: int) -> Iterator[str]:
    """summary.json: the totals, then the ``count`` rows, then the files that failed."""
    head = summary.model_dump(mode="json")
    failures = head.pop("could_not_be_scored")
    dumped = (row.model_dump(mode="json") for row in rows)
    document = {**head, "rows": _Streamed(dumped, count), "could_not_be_scored": failures}
    yield from json.JSONEncoder(indent=2, ensure_ascii=False).iterencode(document)
    yield "\n"
