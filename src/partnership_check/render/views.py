"""The partnership view and the progress view as Markdown, from their templates."""

from __future__ import annotations

from ..views.compare_result import PartnershipResult
from ..views.progress_result import ProgressResult
from .environment import render_bundled


def render_compare(result: PartnershipResult) -> str:
    """The partnership view, from ``templates/compare.md.j2``."""
    short_of = {p.label: p.short for p in result.partners}
    return render_bundled("compare.md.j2", r=result, short_of=short_of)


def render_progress(result: ProgressResult) -> str:
    """The progress view, from ``templates/progress.md.j2``."""
    return render_bundled("progress.md.j2", r=result)
