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
from .filters import csv_text, percent, score
from .wording import counted

CSV_HEAD = (
    "service",
    "assessed_on",
    "status",
    "overall",
    "provisional",
    "band",
    "capped_by",
    "blockers",
    "blockers_lowering_band",
    "completeness",
)
CSV_TAIL = ("top_gap", "top_gap_kind", "top_gap_text", "report", "source", "problem")
# Excel on Windows reads a CSV file as UTF-8 only when it starts with a byte-order mark;
# without one, "Môn" comes out garbled.
CSV_ENCODING = "utf-8-sig"


def summary_markdown(
    summary: BatchSummary, rows: Iterable[SummaryRow], not_started: Iterable[SummaryRow]
) -> Iterator[str]:
    """summary.md, from ``templates/summary.md.j2``: the scored ``rows`` in tables and the
    files ``not_started`` in a list; each may be iterated more than once."""
    return stream_bundled("summary.md.j2", s=summary, rows=rows, not_started=not_started)


def summary_csv(summary: BatchSummary, rows: Iterable[SummaryRow]) -> Iterator[str]:
    """One row per file: the ``rows`` (scored, then not started), then each file that
    could not be scored with its first problem. Section columns by section id, scores with
    one decimal, the share answered as a whole per cent; lists of question ids separated
    by spaces. No text cell can be read as a formula. Written as :data:`CSV_ENCODING`."""
    buffer = io.StringIO()
    # Lines end in CRLF, as RFC 4180 and spreadsheets have it; the writer then also quotes
    # a cell holding a carriage return, which would otherwise end the row there.
    writer = csv.writer(buffer, lineterminator="\r\n")
    section_ids = [s.id for s in summary.sections]
    header = [*CSV_HEAD, *section_ids, *CSV_TAIL]
    writer.writerow([csv_text(name) for name in header])
    yield _taken(buffer)
    for row in rows:
        writer.writerow(_csv_cells(row, section_ids))
        yield _taken(buffer)
    for failed in summary.could_not_be_scored:
        cells = [""] * len(header)
        cells[CSV_HEAD.index("status")] = "could-not-be-scored"
        cells[-2] = csv_text(failed.source)
        cells[-1] = csv_text(failed.problems[0] if failed.problems else "")
        writer.writerow(cells)
        yield _taken(buffer)


def _csv_cells(row: SummaryRow, section_ids: list[str]) -> list[str]:
    """A row's cells: text made safe (:func:`csv_text`), numbers as we write them, which
    are never negative, so never start like a formula."""
    text = csv_text
    return [
        text(row.service),
        row.assessed_on.isoformat() if row.assessed_on else "",
        row.status,
        score(row.overall),
        _flag(row.provisional),
        text(row.band or ""),
        text(" ".join(row.capped_by)),
        text(" ".join(b.qid for b in row.blockers)),
        text(" ".join(b.qid for b in row.blockers if b.lowered_band)),
        percent(row.completeness),
        *(score(row.sections.get(sid)) for sid in section_ids),
        text(row.top_gap or ""),
        row.top_gap_kind or "",
        text(row.top_gap_text or ""),
        text(row.report),
        text(row.source),
        text(_problems_cell(row)),
    ]


def _problems_cell(row: SummaryRow) -> str:
    """For a file scored with answers that could not be read: how many, and each as it
    is printed, separated by `` | ``."""
    if not row.problem_count:
        return ""
    listed = " | ".join(p.message for p in row.problems)
    more = f" | and {row.problems_more} more" if row.problems_more else ""
    return f"scored with {counted(row.problem_count, 'problem')}: {listed}{more}"


def _flag(value: bool | None) -> str:
    return "" if value is None else str(value).lower()


def _taken(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


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
