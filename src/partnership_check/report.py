"""Rendering a scored result: the Markdown report (Jinja2), its SVG chart, and the JSON result.

Templates are compiled once per process and kept in a module-level cache, and Jinja2 is
imported only when something is rendered, so scoring thousands of files stays lean.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .errors import UsageError
from .files import atomic_write
from .results import SectionResult, ServiceResult
from .scoring import display_name

if TYPE_CHECKING:
    from jinja2 import Template

FORMATS = ("md", "json")
NOTE_LIMIT = 1500  # characters of a note shown in the report; the answer file keeps it all
BAR_CELLS = 10

# Backslash-escaping any ASCII punctuation is valid CommonMark; these are the ones that can
# start markup, links, HTML, entities or table cells anywhere in a line.
_MARKUP = re.compile(r"([\\`*_\[\]<>|~&#!{}])")
# ... and these only at the start, where they would begin a list, a heading or a rule.
_LEADING = re.compile(r"^(?:([-+=:])|(\d{1,9})([.)])(?=\s|$))")


def escape_inline(value: object) -> str:
    """Text safe inside a Markdown paragraph or table cell: one line, no markup, no HTML."""
    return _escape_recurring("" if value is None else str(value))


# A character that escaping could change: markup, a control or format character, or
# whitespace other than a space (every character str.split splits on is here).
_UNUSUAL = re.compile(
    r"[\\`*_\[\]<>|~&#!{}\x00-\x1f\x7f-\xa0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2069\u3000\ufeff]"
)


def _escape(value: str) -> str:
    if (
        _UNUSUAL.search(value) is None
        and "  " not in value
        and value[:1] != " "
        and value[-1:] != " "
        and _LEADING.match(value) is None
    ):
        return value  # most notes and names: nothing to escape
    return _escape_all(value)


def _escape_all(value: str) -> str:
    text = display_name(value)
    if _MARKUP.search(text):  # searching first is quicker for the many texts with no markup
        text = _MARKUP.sub(r"\\\1", text)
    leading = _LEADING.match(text)
    if leading is None:
        return text
    mark = f"\\{leading[1]}" if leading[1] else f"{leading[2]}\\{leading[3]}"
    return mark + text[leading.end() :]


# Bank text recurs in every report; the cache keeps each report from escaping it again.
# Evidence notes are new in every file, so they go through _escape uncached and never push
# the bank's text out.
_escape_recurring = lru_cache(maxsize=4096)(_escape)


def clip(value: str | None, limit: int = NOTE_LIMIT) -> str:
    """A long note cut at a word boundary to ``limit`` characters, with an ellipsis."""
    text = " ".join((value or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut) + " …"


def is_long(value: str | None, limit: int = NOTE_LIMIT) -> bool:
    return len(" ".join((value or "").split())) > limit


def whole(value: float | None) -> str:
    """A score as a whole number, rounding halves up."""
    if value is None:
        return ""
    return _whole(value)


@lru_cache(maxsize=4096)  # scores have one decimal, so few distinct values recur
def _whole(value: float) -> str:
    return str(Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def number(value: float | None) -> str:
    """A weight or cost: no trailing ``.0``."""
    if value is None:
        return ""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def bar(value: float | None, cells: int = BAR_CELLS) -> str:
    """A text bar of ``cells`` blocks, one per ten points, that reads in any viewer."""
    if value is None:
        return ""
    return _bar(value, cells)


@lru_cache(maxsize=4096)
def _bar(value: float, cells: int) -> str:
    filled = int(Decimal(str(value * cells / 100)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    filled = max(0, min(cells, filled))
    return "█" * filled + "░" * (cells - filled)


@lru_cache(maxsize=1024)  # section titles and band labels recur in every chart
def xml(value: str) -> str:
    """Text safe inside an SVG (XML) element or attribute."""
    from markupsafe import escape

    return str(escape(value))


_FILTERS: dict[str, Callable[..., Any]] = {
    "md": escape_inline,
    "xml": xml,
    "clip": clip,
    "whole": whole,
    "number": number,
    "bar": bar,
}


@lru_cache(maxsize=8)
def _compiled(source: str, name: str, sandboxed: bool = True) -> Template:
    """Compiles a template once. A user's template runs sandboxed; our own need not, and
    rendering thousands of reports is several times faster without the sandbox's checks."""
    from jinja2 import Environment, StrictUndefined, TemplateSyntaxError
    from jinja2.sandbox import SandboxedEnvironment

    env_class = SandboxedEnvironment if sandboxed else Environment
    env = env_class(
        autoescape=False,  # Markdown is escaped by the md filter; SVG text by xml
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(_FILTERS)
    env.tests["long"] = is_long
    try:
        return env.from_string(source)
    except TemplateSyntaxError as err:
        raise UsageError(f"{name}:{err.lineno}: template error: {err.message}") from None


@lru_cache(maxsize=8)
def _bundled(name: str) -> Template:
    source = (resources.files("partnership_check") / "templates" / name).read_text("utf-8")
    return _compiled(source, name, sandboxed=False)


@lru_cache(maxsize=8)
def load_template(path: Path | None = None) -> Template:
    """The report template, compiled once: a user's file (sandboxed), or the bundled one."""
    if path is None:
        return _bundled("report.md.j2")
    from .errors import InputError
    from .yamlio import read_text

    try:
        source = read_text(path)
    except InputError as err:
        raise UsageError(f"--template: {err.problems[0].format()}") from None
    return _compiled(source, str(path))


def _render(template: Template, name: str, **context: Any) -> str:
    from jinja2 import TemplateError

    try:
        text = template.render(**context)
    except TemplateError as err:
        raise UsageError(f"{name}: template error: {err}") from None
    return text if text.endswith("\n") else text + "\n"


def stream_bundled(name: str, handle: TextIO, **context: Any) -> None:
    """Renders one of the package's own templates piece by piece into ``handle``."""
    from jinja2 import TemplateError

    try:
        for chunk in _bundled(name).generate(**context):
            handle.write(chunk)
    except TemplateError as err:
        raise UsageError(f"{name}: template error: {err}") from None


def render_bundled(name: str, **context: Any) -> str:
    """Renders one of the package's own templates (``compare.md.j2``...) with our filters."""
    return _render(_bundled(name), name, **context)


def render_markdown(
    result: ServiceResult, template: Path | None = None, chart_name: str | None = None
) -> str:
    """The Markdown report; ``chart_name`` is the SVG file beside it, linked when given."""
    name = str(template) if template else "report.md.j2"
    by_id = {q.qid: q for s in result.sections for q in s.questions}
    section_of = {q.qid: s.title for s in result.sections for q in s.questions}
    return _render(
        load_template(template),
        name,
        r=result,
        chart=chart_name,
        by_id=by_id,
        section_of=section_of,
        evidence_notes=sum(1 for q in by_id.values() if q.note),
        accreditation_answered=sum(1 for a in result.accreditation if a.standing != "not-answered"),
        plan_accreditation=sum(
            1 for phase in result.work_plan for item in phase.items if item.accreditation_area
        ),
        unanswered_advice=sum(
            1 for g in result.gaps if g.kind == "unanswered" and g.recommendation
        ),
        appendix=appendix_entries,
    )


def appendix_entries(section: SectionResult, source: str) -> Iterator[str]:
    """The appendix entries of a section's shown questions, as Markdown list items: the
    question, its id, any weight other than 1 and the answer, then any evidence note.

    Everything but the note and a text answer is the same in every report that gives the
    question the same answer, so that part is made once per process: a batch of thousands
    of reports spends its time on what differs between them.
    """
    for q in section.questions:
        if q.status == "hidden":
            continue
        head = _entry_head(q.qid, q.text, q.weight, q.max, q.status, q.answer_labels)
        if q.type == "text" and q.status != "unanswered":
            head += _escape(clip(" ".join(q.answer)))
        if not q.note:
            yield head
            continue
        note = " ".join(q.note.split())
        shortened = ""
        if len(note) > NOTE_LIMIT:
            note = clip(note)
            where = escape_inline(source) if source else "the answer file"
            shortened = f" (shortened; the full note is in {where})"
        yield f"{head}\n  Evidence: {_escape(note)}{shortened}"


@lru_cache(maxsize=4096)
def _entry_head(
    qid: str, text: str, weight: float, max: float | None, status: str, labels: tuple[str, ...]
) -> str:
    weighted = f"; weight {number(weight)}" if max is not None and weight != 1 else ""
    # A text answer has no labels; the caller adds the text itself.
    answer = "*not answered*" if status == "unanswered" else escape_inline(", ".join(labels))
    return f"- **{escape_inline(text)}** (`{qid}`{weighted}): {answer}"


def render_json(result: ServiceResult) -> str:
    """The JSON result: the result model dumped, with a final newline."""
    return result.model_dump_json(indent=2) + "\n"


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
            rows.append(_row(section.title, section.score, top + ROW * len(rows), overall=False))
    if result.overall.score is not None:
        rows.append(_row("", result.overall.score, top + ROW * len(rows), overall=True))
    bands = [
        {"x": LABEL_WIDTH + BAR_WIDTH * band.min / 100, "label": band.label, "min": whole(band.min)}
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


def _row(title: str, score: float, y: int, overall: bool) -> dict[str, Any]:
    label = title if len(title) <= 40 else title[:39].rstrip() + "…"
    return {
        "label": label,
        "title": title,
        "score": whole(score),
        "width": round(BAR_WIDTH * score / 100, 1),
        "y": y,
        "overall": overall,
    }


def render_reports(
    result: ServiceResult,
    stem: str,
    formats: Sequence[str] = ("md",),
    template: Path | None = None,
) -> list[tuple[str, str]]:
    """One report's files as (name, text): ``stem.md`` with its ``stem.svg``; ``stem.json``."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UsageError(f"unknown report format {unknown[0]!r}; choose from md, json")
    texts: list[tuple[str, str]] = []
    if "md" in formats:
        chart = f"{stem}.svg"
        texts.append((f"{stem}.md", render_markdown(result, template, chart)))
        texts.append((chart, render_chart(result)))
    if "json" in formats:
        texts.append((f"{stem}.json", render_json(result)))
    return texts


def write_reports(
    result: ServiceResult,
    out_dir: Path,
    stem: str,
    formats: Sequence[str] = ("md",),
    template: Path | None = None,
) -> list[Path]:
    """Writes ``stem.md`` (with ``stem.svg``) and/or ``stem.json`` atomically; returns them."""
    written = []
    for name, text in render_reports(result, stem, formats, template):
        atomic_write(out_dir / name, text)
        written.append(out_dir / name)
    return written
