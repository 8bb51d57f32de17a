"""``score``: score answer files, write a report for each, and a summary for a batch.

Reports are rendered in worker processes into temp files; this process names them in input
order and renames them into place, so that names never depend on which worker finished
first. Summary rows go to disk as they come, so memory does not grow with the batch.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from ..bank.load import load_bank
from ..errors import ExitCode, Interrupted, UsageError, WriteError
from ..loading.atomic_files import atomic_write_all, ensure_writable_dir
from ..loading.names import unique_path
from ..loading.terminal_text import terminal_text, utf8_text
from ..render.environment import load_template
from ..render.report import FORMATS, PageRenderer
from ..render.summary import CSV_ENCODING, summary_csv, summary_json, summary_markdown
from ..render.wording import listed, pick
from ..scoring.bank_facts import BankFacts
from ..views.summary import FailedFile, build_summary
from .output_places import clear_leftovers, refuse_unless_replaceable, replaceable
from .printing import to_stderr, to_stdout
from .score_inputs import answers_in, expand_paths
from .score_rows import RowStore
from .score_workers import Job, ScoreOutcome, outcomes, score_file

FAIL_ON = ("none", "error", "incomplete")
SUMMARY_STEM = "summary"
SUMMARY_SUFFIXES = (".md", ".csv", ".json")

# Makes the progress display of a batch of N files: a context that gives a callable to call
# after each file. cli.py gives one only when stderr is a terminal.
ProgressFactory = Callable[[int], AbstractContextManager[Callable[[], None]]]


@dataclass(frozen=True)
class ScoreOptions:
    """How ``score`` runs, as given on the command line."""

    bank_path: Path | None
    out_dir: Path
    formats: tuple[str, ...]
    template: Path | None
    jobs: int
    fail_on: str
    quiet: bool
    progress: ProgressFactory | None = None
    to_html: PageRenderer | None = None  # cli.py gives it when html is among the formats


def parse_formats(text: str) -> tuple[str, ...]:
    """``md,json`` to ``("md", "json")``; anything else is a usage error."""
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        shown = repr(bad[0]) if bad else "nothing"
        raise UsageError(
            f"--format: {shown} is not a report format; use md, json or html, or several"
            " separated by commas, such as md,html"
        )
    return chosen


def run_score(paths: Sequence[Path], options: ScoreOptions) -> ExitCode:
    """Scores every answer file into the output folder, with a summary for a batch."""
    out_dir = options.out_dir
    if options.fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on: {options.fail_on!r} is not one of none, error, incomplete")
    if options.jobs < 1:
        raise UsageError("--jobs: give 1 or more worker processes")
    files, skipped = expand_paths(paths, out_dir)
    batch = len(files) > 1 or any(not p.is_file() for p in paths)
    if options.template is not None and {"md", "html"} & set(options.formats):
        load_template(options.template)  # a broken template is a usage error before any work
    bank = load_bank(options.bank_path)
    ensure_writable_dir(out_dir)
    keep = answers_in(files, out_dir)  # answer files a report or summary must not replace
    summary_paths = [out_dir / f"{SUMMARY_STEM}{suffix}" for suffix in SUMMARY_SUFFIXES]
    if batch:
        refuse_unless_replaceable(summary_paths, keep, "the batch summary")
    _say_leftovers(out_dir)
    tag = f"pc{os.getpid()}"
    job = Job(BankFacts(bank), options.formats, options.template, out_dir, tag, options.to_html)
    tally = _Tally(out_dir, job.tag)
    try:
        interrupted = _score_all(files, job, options, tally, batch, keep)
        summary_failed = _summarise(files, job, tally, interrupted) if batch else None
        if batch:
            _say_summary(len(files), tally, out_dir, summary_failed, skipped)
        elif not options.quiet:
            for path in tally.written:
                to_stdout(str(path))
        incomplete = tally.rows.incomplete > 0 or tally.rows.not_started > 0
    finally:
        tally.rows.close()
    if interrupted:
        raise Interrupted(
            f"stopped after {tally.done} of {len(files)} files; every report written is complete"
            + (f" and {summary_paths[0]} covers them" if batch and not summary_failed else "")
        )
    if summary_failed:
        return ExitCode.WRITE_FAILED
    failed = bool(tally.failed or tally.warned) or (options.fail_on == "incomplete" and incomplete)
    return ExitCode.PROBLEMS if failed and options.fail_on != "none" else ExitCode.OK


def _say_leftovers(folder: Path) -> None:
    note = clear_leftovers(folder)
    if note:
        to_stderr(note)


class _Tally:
    """What a run has done so far: rows go to disk; only failures and the paths written
    (for a single file, to list them) stay in memory."""

    def __init__(self, out_dir: Path, tag: str) -> None:
        self.rows = RowStore(out_dir, tag)
        self.failed: list[FailedFile] = []
        self.warned = 0  # files scored with a problem: an answer not read, an id to check
        self.ids_to_check = 0  # files scored with an id set aside that looks mistyped
        self.notes_to_check = 0  # files scored with a note YAML may have cut short
        self.written: list[Path] = []

    @property
    def done(self) -> int:
        return len(self.rows) + len(self.failed)

    def add(self, outcome: ScoreOutcome, keep_paths: bool) -> None:
        for problem in (*outcome.problems, *outcome.warnings):
            to_stderr(problem.format())
        if outcome.set_aside:
            to_stderr(outcome.set_aside)
        self.warned += bool(outcome.warnings) and not outcome.failed
        rules = {p.rule for p in outcome.warnings} if not outcome.failed else set()
        self.ids_to_check += "answers-unknown-question-other-version" in rules
        self.notes_to_check += "answers-typographic-quotes" in rules
        if outcome.failed:
            shown = terminal_text(f"{outcome.path}:")  # as Problem.format shows it
            messages = tuple(p.format().removeprefix(shown) for p in outcome.problems)
            source = utf8_text(str(outcome.path))  # a name that is not UTF-8, escaped
            self.failed.append(FailedFile(source=source, problems=messages))
        elif outcome.row is not None:
            self.rows.add(outcome.row)
        if keep_paths:
            self.written.extend(outcome.written)


def _score_all(
    files: list[str],
    job: Job,
    options: ScoreOptions,
    tally: _Tally,
    batch: bool,
    keep: frozenset[str],
) -> bool:
    """Scores and places every file in input order, never over the answer files in
    ``keep``; true when Ctrl-C stopped it early."""
    taken: set[str] = set()
    results = outcomes(files, job, options.jobs)
    show = batch and not options.quiet
    progress: AbstractContextManager[Callable[[], None]] = _NoProgress()
    if show and options.progress is not None:
        progress = options.progress(len(files))
    try:
        with _StopOnCtrlC() as stop, progress as advance:
            for outcome in results:
                if not outcome.failed:
                    outcome = place_outcome(outcome, job, taken, keep)
                tally.add(outcome, keep_paths=not batch)
                advance()
                if stop.requested:  # checked between files, so no file is ever half-counted
                    break
    finally:  # whatever stopped the run, no temp file of it stays behind
        results.close()
        clear_temps(job)
    return stop.requested and tally.done < len(files)


class _NoProgress:
    """No progress display: a pipe, --quiet, or a single file."""

    def __enter__(self) -> Callable[[], None]:
        return lambda: None

    def __exit__(self, *exc: object) -> None:
        return None


def place_outcome(
    outcome: ScoreOutcome, job: Job, taken: set[str], keep: frozenset[str] = frozenset()
) -> ScoreOutcome:
    """Names the report and renames its temp files into place. The name is the proposed
    one, or ``-2``, ``-3``... after an earlier file took it, or when one of its files would
    replace an answer file (one of the inputs, ``keep``, or any that reads as answers) or
    something not a regular file (a named pipe, a device); then the file is rendered again
    under that name, so that the Markdown links its chart by its final name."""
    out_dir = job.out_dir
    stem = unique_path(out_dir, outcome.stem, "", taken).name
    while not all(
        replaceable(out_dir / (stem + name[len(outcome.stem) :]), keep) for name, _ in outcome.temps
    ):
        stem = unique_path(out_dir, outcome.stem, "", taken).name  # never over the answers
    if stem != outcome.stem:
        for _, temp in outcome.temps:
            temp.unlink(missing_ok=True)
        outcome = score_file(outcome.path, job, stem=stem)
        if outcome.failed:
            return outcome
    try:
        for name, temp in outcome.temps:
            os.replace(temp, out_dir / name)
            outcome.written.append(out_dir / name)
    except OSError as err:
        outcome.fail_to_write(out_dir, err)
        return outcome
    outcome.temps = []
    return outcome


def clear_temps(job: Job) -> None:
    """Removes this run's temp files left by files that were never placed (after Ctrl-C)."""
    marker = f".{job.tag}-"  # temp names are .<report>.<tag>-<pid>.<n>.tmp
    with os.scandir(job.out_dir) as entries:  # a stream: the folder may hold thousands
        leftovers = [
            e.path
            for e in entries
            if e.name.startswith(".") and e.name.find(marker, 1) > 0 and e.name.endswith(".tmp")
        ]
    for leftover in leftovers:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(leftover)


def _summarise(files: list[str], job: Job, tally: _Tally, interrupted: bool) -> WriteError | None:
    """Writes summary.md, summary.csv and summary.json together, rows streamed: all three
    are replaced, or, when one cannot be written, none is; then returns why."""
    rows = tally.rows
    summary = build_summary(
        job.facts.bank,
        files=len(files),
        scored=rows.scored,
        not_started=rows.not_started,
        incomplete=rows.incomplete,
        with_problems=rows.with_problems,
        failed=tally.failed,
        interrupted=interrupted,
    )
    markdown = summary_markdown(summary, rows.having("scored"), rows.having("not-started"))
    path = job.out_dir / SUMMARY_STEM
    parts = (
        (path.with_suffix(".md"), "utf-8", markdown),
        (path.with_suffix(".csv"), CSV_ENCODING, summary_csv(summary, rows)),
        (path.with_suffix(".json"), "utf-8", summary_json(summary, rows, len(rows))),
    )
    try:
        atomic_write_all(parts)
    except WriteError as err:
        return err
    return None


def _say_summary(
    files: int,
    tally: _Tally,
    out_dir: Path,
    failed_summary: WriteError | None,
    skipped: list[tuple[str, str]],
) -> None:
    """The closing lines; first, when the summary could not be written, why, and that
    the summary there from an earlier run, if any, is out of date."""
    if failed_summary is not None:
        to_stderr(f"partnership-check: {_stale_summary(failed_summary, out_dir)}")
    parts = [f"Scored {tally.rows.scored} of {files} answer files"]
    if tally.rows.incomplete:
        parts.append(f"{tally.rows.incomplete} incomplete")
    if tally.rows.not_started:
        parts.append(f"{tally.rows.not_started} not started (nothing that counts is answered)")
    if tally.rows.with_problems:
        parts.append(
            f"{tally.rows.with_problems} with answers that could not be read, their questions"
            " left unanswered (listed above and in the summary)"
        )
    if tally.ids_to_check:
        parts.append(
            f"{tally.ids_to_check} with an answer id to check (listed above and in the summary)"
        )
    if tally.notes_to_check:
        parts.append(f"{tally.notes_to_check} with a note to check (listed above)")
    if tally.failed:
        parts.append(f"{len(tally.failed)} could not be scored (listed above and in the summary)")
    to_stdout(", ".join(parts) + ".")
    if skipped:
        names = ", ".join(f"{name} ({kind})" for name, kind in skipped)
        what = pick(
            len(skipped), "entry that is not a regular file", "entries that are not regular files"
        )
        to_stdout(f"Skipped {len(skipped)} {what}: {names}.")
    if failed_summary is None:
        names = ", ".join(f"{SUMMARY_STEM}{suffix}" for suffix in SUMMARY_SUFFIXES)
        to_stdout(f"Reports in {out_dir}; summary: {names}.")
    else:
        to_stdout(f"Reports in {out_dir}; no summary was written (see above).")


def _stale_summary(err: WriteError, out_dir: Path) -> str:
    old = [
        f"{SUMMARY_STEM}{suffix}"
        for suffix in SUMMARY_SUFFIXES
        if (out_dir / f"{SUMMARY_STEM}{suffix}").exists()
    ]
    if old:
        said = f"the {listed(old)} there {pick(len(old), 'is', 'are')}"
        return (
            f"{err.path}: could not write the batch summary ({err.reason}); {said} from an"
            " earlier run and out of date"
        )
    return f"{err.path}: could not write the batch summary ({err.reason}); none was written"


class _StopOnCtrlC:
    """Turns Ctrl-C into a request to stop after the file in hand."""

    def __init__(self) -> None:
        self.requested = False

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.requested = True

    def __enter__(self) -> _StopOnCtrlC:
        self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        signal.signal(signal.SIGINT, self._previous)
