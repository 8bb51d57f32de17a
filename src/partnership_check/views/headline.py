"""Who, when and how ready: one partner's line as the partnership and progress views show it."""

from __future__ import annotations

from pathlib import Path

from ..scoring.results import ServiceResult


def headline(r: ServiceResult) -> dict[str, object]:
    """Who, when and how ready, as the partner table and the progress view both show it."""
    return {
        "service": r.service_display,
        "source": r.source,
        "file": Path(r.source).name,
        "assessed_on": r.assessed_on,
        "answers_bank_version": r.answers_bank_version,
        "score": r.overall.score,
        "band": r.overall.band.label,
        "capped": r.overall.capped,
        "completeness": r.completeness.percent,
    }
