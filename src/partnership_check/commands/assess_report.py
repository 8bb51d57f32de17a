"""The end of ``assess``: score the saved answer file, write the report beside it, sum up."""

from __future__ import annotations

from pathlib import Path

from ..bank.model import Bank
from ..interactive.prompt_specs import Prompter
from ..loading.atomic_files import atomic_write
from ..loading.names import fitted_name
from ..render.filters import score as shown_score
from ..render.report import PageRenderer, render_reports
from ..scoring.score import score_service
from .answer_files import read_answer_file
from .output_places import replaceable

SUFFIX = ".answers.yaml"
REPORT_SUFFIXES = (".md", ".json", ".svg", ".html")
DEFAULT_FORMATS = ("md", "json")


def finish(
    bank: Bank,
    path: Path,
    prompter: Prompter,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    to_html: PageRenderer | None = None,
) -> None:
    """Scores the saved file and writes the report beside it in ``formats`` (html made by
    ``to_html``), then a short summary."""
    loaded, matched = read_answer_file(bank, path)
    result = score_service(bank, loaded.file, matched, source=path.name)
    stem = free_stem(path.parent, report_stem(path))
    written = []
    for name, text in render_reports(result, stem, formats, to_html=to_html):
        atomic_write(path.parent / name, text)
        written.append(path.parent / name)
    prompter.say()
    overall = result.overall
    # The same figure the report shows.
    score = "no score" if overall.score is None else f"{shown_score(overall.score)} / 100"
    prompter.say(f"{result.service_display}: {score} — {overall.band.label}", "bold")
    for blocker in result.blockers:
        if blocker.qid not in overall.capped_by:
            continue
        # The sentence that fits the answer: "don't know" and no answer assert nothing.
        by = " by" if blocker.kind == "low-score" else ""
        answer = "; ".join(blocker.answer_labels) if blocker.answered else "not answered yet"
        prompter.say(f"  Capped at {blocker.cap.label}{by}: {blocker.why}")
        prompter.say(f"    ({blocker.text} — {answer})")
    if result.gaps:
        prompter.say("Biggest gaps:")
        for gap in result.gaps[:3]:
            prompter.say(f"  {gap.rank}. {gap.section_title}: {gap.text}")
    prompter.say("Written:")
    prompter.say(f"  {path}")
    for report_path in written:
        prompter.say(f"  {report_path}")


def free_stem(folder: Path, stem: str) -> str:
    """``stem``, or ``stem-2``, ``stem-3``... when one of its report files would replace
    an answer file (another service's ``office.json`` beside ``office.yaml``) or something
    not a regular file; an earlier report of these answers is replaced."""
    candidate, number = stem, 2
    while not all(replaceable(folder / f"{candidate}{s}") for s in REPORT_SUFFIXES):
        candidate, number = f"{stem}-{number}", number + 1
    return candidate


def report_stem(path: Path) -> str:
    """The report's name beside an answer file: ``east.answers.yaml`` and ``east.yaml`` both
    give ``east``; never a name that would overwrite the answer file itself, and short
    enough that every report name made from it fits the file system."""
    return fitted_name("", _stem(path), ".json").removesuffix(".json")


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (SUFFIX, ".answers.yml"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name.removesuffix(suffix)
    stem = path.stem or name
    return f"{stem}-report" if path.suffix.lower() in REPORT_SUFFIXES else stem
