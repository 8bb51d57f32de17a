"""The partnership view and the progress view as Markdown, from their templates, or as an
HTML page made from that Markdown."""

from __future__ import annotations

from ..views.compare_result import PartnershipResult
from ..views.progress_result import ProgressResult
from .environment import render_bundled
from .html import render_html

VIEW_FORMATS = ("md", "html")


def render_compare(result: PartnershipResult) -> str:
    """The partnership view, from ``templates/compare.md.j2``."""
    short_of = {p.label: p.short for p in result.partners}
    unread_by: dict[str, list[str]] = {}  # question -> partners whose answer could not be read
    for partner in result.partners:
        for qid in partner.unread:
            unread_by.setdefault(qid, []).append(partner.label)
    return render_bundled("compare.md.j2", r=result, short_of=short_of, unread_by=unread_by)


def render_progress(result: ProgressResult) -> str:
    """The progress view, from ``templates/progress.md.j2``."""
    return render_bundled("progress.md.j2", r=result)


def view_text(markdown: str, output_format: str) -> str:
    """A view in its format: the Markdown itself, or the page made from it."""
    return render_html(markdown) if output_format == "html" else markdown
