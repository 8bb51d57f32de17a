"""The SVG chart of a report: a bar for each counted section and the overall score,
against the band thresholds. A section with nothing answered yet (and the overall score of
a file not started) has no bar: it reads "not answered yet", never 0."""

from __future__ import annotations

from typing import Any

from ..scoring.results import ServiceResult
from .environment import render_bundled
from .filters import number, score

ROW = 30
LABEL_WIDTH = 300
BAR_WIDTH = 360
BAND_ROW = 15


def render_chart(result: ServiceResult) -> str:
    """A horizontal bar chart (SVG) of the counted section scores and the overall score."""
    top = 44 + BAND_ROW * sum(1 for band in result.bands if band.min > 0)
    rows: list[dict[str, Any]] = []
    for section in result.sections:
        if section.counts and section.score is not None:
            shown = None if section.not_answered else section.score
            rows.append(_row(section.title, shown, top + ROW * len(rows), overall=False))
    if result.overall.score is not None:
        shown = result.overall.score if result.completeness.started else None
        rows.append(_row("", shown, top + ROW * len(rows), overall=True))
    bands = [
        {
            "x": LABEL_WIDTH + BAR_WIDTH * band.min / 100,
            "label": band.label,
            "min": number(band.min),
        }
        for band in result.bands
        if band.min > 0
    ]
    height = top + ROW * len(rows) + 16
    return render_bundled(
        "chart.svg.j2",
        r=result,
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


def _row(title: str, value: float | None, y: int, overall: bool) -> dict[str, Any]:
    """A row of the chart; ``value`` is none when nothing in it is answered yet."""
    label = title if len(title) <= 40 else title[:39].rstrip() + "…"
    return {
        "label": label,
        "title": title,
        "answered": value is not None,
        "score": score(value),
        "width": 0 if value is None else round(BAR_WIDTH * value / 100, 1),
        "y": y,
        "overall": overall,
    }
