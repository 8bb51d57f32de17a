"""A scored result as text: the Markdown report, the JSON result, and the files of one
report with their final names (the chart beside the Markdown)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Protocol

from ..errors import UsageError
from ..scoring.results import QuestionResult, SectionResult, ServiceResult, WorkItem
from .chart import render_chart
from .environment import load_template, render
from .filters import NOTE_LIMIT, clip, escape_inline, escape_note, number

FORMATS = ("md", "json", "html")


class PageRenderer(Protocol):
    """Makes the HTML page of a Markdown report (``render.html.render_html``). It is passed
    in rather than imported here: its Markdown parser costs start-up that a run without
    ``--format html`` need not pay, and only ``cli.py`` imports lazily."""

    def __call__(
        self, markdown: str, inline_svgs: Mapping[str, str] | None = ..., brief: bool = ...
    ) -> str: ...


BRIEF_ACTIONS = 3  # work-plan items the brief lists to start now
GAPS_SHOWN = 10  # gaps in the report's gaps table; the rest go to an appendix
STRONGEST_SHOWN = 2  # strengths named for each section


def render_markdown(
    result: ServiceResult, template: Path | None = None, chart_name: str | None = None
) -> str:
    """The Markdown report; ``chart_name`` is the SVG file beside it, linked when given."""
    name = str(template) if template else "report.md.j2"
    by_id = {q.qid: q for s in result.sections for q in s.questions}
    section_of = {q.qid: s.title for s in result.sections for q in s.questions}
    evidence_notes = sum(1 for q in by_id.values() if q.note)
    actions, waiting = brief_plan(result)
    return render(
        load_template(template),
        name,
        r=result,
        chart=chart_name,
        by_id=by_id,
        section_of=section_of,
        evidence_notes=evidence_notes,
        accreditation_answered=sum(1 for a in result.accreditation if a.standing != "not-answered"),
        plan_accreditation=sum(
            1 for phase in result.work_plan for item in phase.items if item.accreditation_area
        ),
        unanswered_advice=sum(
            1 for g in result.gaps if g.kind == "unanswered" and g.recommendation
        ),
        appendix=appendix_entries,
        next_steps=next_steps(result, has_notes=evidence_notes > 0),
        gap_of={g.qid: g for g in result.gaps},
        unread_of={p.qid: p for p in result.problems if p.text is not None},
        start_now=actions,
        plan_unanswered=waiting,
        strength_groups=strength_groups(result),
        gaps_shown=GAPS_SHOWN,
    )


class Unanswered(NamedTuple):
    """The work plan's advice for questions not answered yet, as the brief names it."""

    questions: int  # how many
    sections: list[str]  # their sections in plan order, each once


def brief_plan(result: ServiceResult) -> tuple[list[tuple[str, WorkItem]], Unanswered]:
    """The brief's actions: the first few items of the work plan, each with its effort,
    leaving out those that clear a blocker (the brief gives them with their blocker) and
    those for a question not answered yet. The scoring rules count such a question as a
    gap, so the plan advises on it, but the brief cannot say that advice applies until the
    question is answered: it only names them (an Accreditation priority's item is for an
    answered standing)."""
    unanswered = {g.qid for g in result.gaps if g.kind == "unanswered"}
    actions: list[tuple[str, WorkItem]] = []
    waiting: list[WorkItem] = []
    for phase in result.work_plan:
        for item in phase.items:
            if item.blocker:
                continue
            if not item.accreditation_area and item.qid in unanswered:
                waiting.append(item)
            else:
                actions.append((phase.effort, item))
    sections = list(dict.fromkeys(item.section_title for item in waiting))
    return actions[:BRIEF_ACTIONS], Unanswered(len(waiting), sections)


class StrengthGroup(NamedTuple):
    """A section's strengths, as the report lists them: named fields, which the template
    reads as attributes (a dict's keys read so cost Jinja2 a caught exception each)."""

    title: str
    found: int  # how many of its answers are strengths
    strongest: list[QuestionResult]


def strength_groups(result: ServiceResult) -> list[StrengthGroup]:
    """The strengths by section, in bank order: each section's title, how many strengths
    it has and the strongest few (most of their marks earned first, then bank order)."""
    strong = set(result.strengths)
    groups: list[StrengthGroup] = []
    for section in result.sections:
        found = [q for q in section.questions if q.qid in strong]
        if not found:
            continue
        ranked = sorted(found, key=lambda q: -(q.fraction or 0.0))  # a stable sort
        groups.append(StrengthGroup(section.title, len(found), ranked[:STRONGEST_SHOWN]))
    return groups


def next_steps(result: ServiceResult, *, has_notes: bool) -> list[str]:
    """Which of the report's next steps apply, in order; the template words each one."""
    c = result.completeness
    steps = ["finish"] if not c.started or c.provisional else []
    steps.append("share")
    if c.started and (result.blockers or result.work_plan):
        steps.append("talk")
    if result.help_contact:
        steps.append("help")
    steps.append("keep-notes" if has_notes else "add-notes")
    steps.append("assess-again")
    return steps


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
            head += escape_note(clip(" ".join(q.answer)))
        if not q.note:
            yield head
            continue
        note = " ".join(q.note.split())
        shortened = ""
        if len(note) > NOTE_LIMIT:
            note = clip(note)
            where = escape_inline(source) if source else "the answer file"
            shortened = f" (shortened; the full note is in {where})"
        # A list of its own under the answer, so that the note starts a line when rendered.
        yield f"{head}\n  - Evidence: {escape_note(note)}{shortened}"


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


def render_reports(
    result: ServiceResult,
    stem: str,
    formats: Sequence[str] = ("md",),
    template: Path | None = None,
    to_html: PageRenderer | None = None,
) -> list[tuple[str, str]]:
    """One report's files as (name, text): ``stem.md`` with its ``stem.svg``; ``stem.json``;
    ``stem.html``, made by ``to_html`` from the same Markdown with the chart inline."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UsageError(f"unknown report format {unknown[0]!r}; choose from md, json, html")
    if "html" in formats and to_html is None:
        raise TypeError("render_reports: the html format needs to_html (render.html.render_html)")
    texts: list[tuple[str, str]] = []
    if "md" in formats or "html" in formats:
        chart = f"{stem}.svg"
        markdown = render_markdown(result, template, chart)
        svg = render_chart(result)
        if "md" in formats:
            texts.append((f"{stem}.md", markdown))
            texts.append((chart, svg))
        if to_html is not None and "html" in formats:
            texts.append((f"{stem}.html", to_html(markdown, {chart: svg}, brief=True)))
    if "json" in formats:
        texts.append((f"{stem}.json", render_json(result)))
    return texts
