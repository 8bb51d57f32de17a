"""``score``: score answer files, write a report for each, and a summary for a batch.

Reports are rendered in worker processes into temp files; this process names them in input
order and renames them into place, so that names never depend on which worker finished
first. Summary rows go to disk as they come, so memory does not grow with the batch.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from ..bank.load import load_bank
from ..errors import ExitCode, Interrupted, UsageError
from ..loading.atomic_files import atomic_open, ensure_writable_dir
from ..loading.names import unique_path
from ..render.environment import load_template
from ..render.report import FORMATS
from ..render.summary import CSV_ENCODING, summary_csv, summary_json, summary_markdown
from ..scoring.bank_facts import BankFacts
from ..views.summary import FailedFile, build_summary
from .score_inputs import answers_in, expand_paths
from .score_rows import RowStore
from .score_workers import Job, ScoreOutcome, outcomes, score_file

FAIL_ON = ("none", "error", "incomplete")
SUMMARY_STEM = "summary"

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
    files = expand_paths(paths, out_dir)
    batch = len(files) > 1 or any(not p.is_file() for p in paths)
    if options.template is not None and {"md", "html"} & set(options.formats):
        load_template(options.template)  # a broken template is a usage error before any work
    bank = load_bank(options.bank_path)
    ensure_writable_dir(out_dir)
    keep = answers_in(files, out_dir)  # answer files a report or summary must not replace
    if batch and f"{SUMMARY_STEM}.json" in keep:
        raise UsageError(
            f"{out_dir / 'summary.json'} is one of the answer files and the batch summary would"
            " replace it; choose another folder with --out"
        )
    job = Job(BankFacts(bank), options.formats, options.template, out_dir, tag=f"pc{os.getpid()}")
    tally = _Tally(out_dir, job.tag)
    try:
        interrupted = _score_all(files, job, options, tally, batch, keep)
        summary_paths = _summarise(files, job, tally, interrupted) if batch else []
        if batch:
            _say_summary(len(files), tally, out_dir, summary_paths)
        elif not options.quiet:
            for path in tally.written:
                sys.stdout.write(f"{path}\n")
        incomplete = tally.rows.incomplete > 0 or tally.rows.not_started > 0
    finally:
        tally.rows.close()
    if interrupted:
        raise Interrupted(
            f"stopped after {tally.done} of {len(files)} files; every report written is complete"
            + (f" and {summary_paths[0]} covers them" if summary_paths else "")
        )
    failed = bool(tally.failed) or (options.fail_on == "incomplete" and incomplete)
    return ExitCode.PROBLEMS if failed and options.fail_on != "none" else ExitCode.OK


class _Tally:
    """What a run has done so far: rows go to disk; only failures and the paths written
    (for a single file, to list them) stay in memory."""

    def __init__(self, out_dir: Path, tag: str) -> None:
        self.rows = RowStore(out_dir, tag)
        self.failed: list[FailedFile] = []
        self.written: list[Path] = []

    @property
    def done(self) -> int:
        return len(self.rows) + len(self.failed)

    def add(self, outcome: ScoreOutcome, keep_paths: bool) -> None:
        for problem in outcome.problems:
            sys.stderr.write(problem.format() + "\n")
        if outcome.failed:
            messages = tuple(p.format().removeprefix(f"{outcome.path}:") for p in outcome.problems)
            self.failed.append(FailedFile(source=str(outcome.path), problems=messages))
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
    with _StopOnCtrlC() as stop, progress as advance:
        for outcome in results:
            if not outcome.failed:
                outcome = place_outcome(outcome, job, taken, keep)
            tally.add(outcome, keep_paths=not batch)
            advance()
            if stop.requested:  # checked between files, so no file is ever half-counted
                break
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
    one, or ``-2``, ``-3``... after an earlier file took it or when it is one of the answer
    files in the output folder (``keep``); then the file is rendered again under that name,
    so that the Markdown links its chart by its final name."""
    out_dir = job.out_dir
    stem = unique_path(out_dir, outcome.stem, "", taken).name
    while any(stem + name[len(outcome.stem) :] in keep for name, _ in outcome.temps):
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


def _summarise(files: list[str], job: Job, tally: _Tally, interrupted: bool) -> list[Path]:
    """Writes summary.md, summary.csv and summary.json, each atomically, rows streamed."""
    rows = tally.rows
    summary = build_summary(
        job.facts.bank,
        files=len(files),
        scored=rows.scored,
        not_started=rows.not_started,
        incomplete=rows.incomplete,
        failed=tally.failed,
        interrupted=interrupted,
    )
    markdown = summary_markdown(summary, rows.having("scored"), rows.having("not-started"))
    texts = (
        (".md", "utf-8", markdown),
        (".csv", CSV_ENCODING, summary_csv(summary, rows)),
        (".json", "utf-8", summary_json(summary, rows, len(rows))),
    )
    paths = []
    for suffix, encoding, chunks in texts:
        path = job.out_dir / f"{SUMMARY_STEM}{suffix}"
        with atomic_open(path, encoding=encoding) as handle:
            handle.writelines(chunks)
        paths.append(path)
    return paths


def _say_summary(files: int, tally: _Tally, out_dir: Path, summary: list[Path]) -> None:
    parts = [f"Scored {tally.rows.scored} of {files} answer files"]
    if tally.rows.incomplete:
        parts.append(f"{tally.rows.incomplete} incomplete")
    if tally.rows.not_started:
        parts.append(f"{tally.rows.not_started} not started (nothing that counts is answered)")
    if tally.failed:
        parts.append(f"{len(tally.failed)} could not be scored (listed above and in the summary)")
    sys.stdout.write(", ".join(parts) + ".\n")
    sys.stdout.write(f"Reports in {out_dir}; summary: {', '.join(p.name for p in summary)}.\n")


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
