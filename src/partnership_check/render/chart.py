"""The SVG chart of a report, titled with the service and the date: a bar for each counted
section and the overall score, against the band thresholds. A section with nothing answered
yet (and the overall score of a file not started) has no bar: it reads "not answered yet",
never 0; a section none of whose questions applies reads "does not apply"."""

from __future__ import annotations

from typing import NamedTuple

from ..scoring.results import ServiceResult
from .environment import render_bundled
from .filters import number, score

ROW = 24
LABEL_WIDTH = 300
BAR_WIDTH = 360
BAND_ROW = 15
NAME_SHOWN = 50  # characters of the service's name in the chart's heading


class Row(NamedTuple):
    """A row of the chart. ``state`` says why it has no bar (``unanswered``: nothing
    answered yet; ``not-applicable``: nothing in it applies), and is none when it has one.
    Named fields, not a dict: the template reads them as attributes, and a dict's keys
    read so cost Jinja2 a caught exception each."""

    label: str
    title: str
    state: str | None
    score: str
    width: float
    y: int
    overall: bool


class BandMark(NamedTuple):
    """Where a band starts, marked across the chart."""

    x: float
    label: str
    min: str


def render_chart(result: ServiceResult) -> str:
    """A horizontal bar chart (SVG) of the counted section scores and the overall score."""
    top = 44 + BAND_ROW * sum(1 for band in result.bands if band.min > 0)
    rows: list[Row] = []
    for section in result.sections:
        if not section.counts:
            continue
        state = "not-applicable" if section.score is None else None
        if section.not_answered:
            state = "unanswered"
        rows.append(_row(section.title, section.score, state, top + ROW * len(rows)))
    if result.overall.score is not None:
        state = None if result.completeness.started else "unanswered"
        rows.append(_row("", result.overall.score, state, top + ROW * len(rows), overall=True))
    bands = [
        BandMark(LABEL_WIDTH + BAR_WIDTH * band.min / 100, band.label, number(band.min))
        for band in result.bands
        if band.min > 0
    ]
    height = top + ROW * len(rows) + 16
    service = result.service_display or "Unnamed service"
    return render_bundled(
        "chart.svg.j2",
        r=result,
        service=service,
        service_shown=_clipped(service, NAME_SHOWN),
        date=result.assessed_on.isoformat() if result.assessed_on else None,
        rows=rows,
        bands=bands,
        width=LABEL_WIDTH + BAR_WIDTH + 70,
        height=height,
        left=LABEL_WIDTH,
        bar_width=BAR_WIDTH,
        top=top,
        band_row=BAND_ROW,
        row=ROW,
    )


def _row(title: str, value: float | None, state: str | None, y: int, overall: bool = False) -> Row:
    shown = None if state else value
    width = 0 if shown is None else round(BAR_WIDTH * shown / 100, 1)
    return Row(_clipped(title, 40), title, state, score(shown), width, y, overall)


def _clipped(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
