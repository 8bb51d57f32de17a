"""The ``score`` command's core: score answer files, write a report for each, and a summary.

:func:`score_file` scores one file and writes its reports to temp files, returning an
outcome instead of raising, so one bad file never stops the others. Worker processes run
it; this process names the reports and renames them into place in input order, so
``--jobs N`` output is byte-identical to ``--jobs 1``. Summary rows go to disk as they
come, so memory does not grow with the number of files.
"""

from __future__ import annotations

import contextlib
import glob
import os
import sys
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .bank import Bank, load_bank
from .errors import ExitCode, InputError, Interrupted, Problem, UsageError
from .files import ensure_writable_dir, unique_path

if TYPE_CHECKING:
    from .summary import FailedFile, SummaryRow

ANSWER_SUFFIXES = (".yaml", ".yml", ".json")
FAIL_ON = ("none", "error", "incomplete")
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Job:
    """What every file in a run is scored with, and where its reports go."""

    bank: Bank
    formats: tuple[str, ...]
    template: Path | None
    out_dir: Path
    tag: str  # marks this run's temp files, so an interrupted run can clear them


@dataclass
class ScoreOutcome:
    """What happened to one answer file: its reports in temp files, or its problems."""

    path: Path
    stem: str = ""
    temps: list[tuple[str, Path]] = field(default_factory=list)  # (file name, temp file)
    row: SummaryRow | None = None
    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.problems)

    @property
    def incomplete(self) -> bool:
        return self.row is not None and self.row.incomplete


def parse_formats(text: str) -> tuple[str, ...]:
    """``md,json`` to ``("md", "json")``; anything else is a usage error."""
    from .report import FORMATS

    chosen = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        shown = repr(bad[0]) if bad else "nothing"
        raise UsageError(f"--format: {shown} is not a report format; use md, json or md,json")
    return chosen


def _is_answer_file(path: str, out_dir: Path | None) -> bool:
    name = os.path.basename(path)
    suffix = os.path.splitext(name)[1].lower()
    if suffix not in ANSWER_SUFFIXES or name.endswith(".schema.json"):
        return False
    # JSON in the output folder is an earlier run's results, not answers.
    return suffix != ".json" or out_dir is None or Path(path).resolve().parent != out_dir


def expand_paths(paths: Sequence[Path], out_dir: Path | None = None) -> list[str]:
    """Files as given; folders searched (not recursively) and globs expanded, sorted.

    Inside folders, JSON Schemas (``*.schema.json``) and JSON files in the output folder
    (results of an earlier run) are passed over. Files are named by plain strings, read
    from the folder as a stream: a batch of thousands costs little memory.
    """
    skip = out_dir.resolve() if out_dir is not None and out_dir.exists() else None
    found: dict[str, None] = {}  # in order, each file once
    for path in paths:
        if path.is_dir():
            with os.scandir(path) as entries:
                inside = sorted(
                    e.path for e in entries if _is_answer_file(e.path, skip) and e.is_file()
                )
            if not inside:
                raise UsageError(f"{path}: no .yaml, .yml or .json answer files in this folder")
            found.update(dict.fromkeys(inside))
        elif path.exists():
            found[str(path)] = None
        elif _GLOB_CHARS & set(str(path)):
            matches = [
                str(m)
                for m in sorted(Path(m) for m in glob.glob(str(path)))
                if m.is_file() and _is_answer_file(str(m), skip)
            ]
            if not matches:
                raise UsageError(f"{path}: no answer files match this pattern")
            found.update(dict.fromkeys(matches))
        else:
            raise UsageError(f"{path}: no such file or folder")
    return list(found)


def score_file(path: Path, job: Job) -> ScoreOutcome:
    """Loads, matches, scores and renders one answer file into temp files beside the reports.

    Renaming them into place is :func:`place_outcome`'s, in input order, so that names
    never depend on which worker finished first.
    """
    from .answers import read_matched
    from .files import write_temp
    from .report import render_reports
    from .scoring import score_service
    from .summary import summary_row

    outcome = ScoreOutcome(path=path)
    try:
        loaded, matched = read_matched(job.bank, path)
    except InputError as err:
        outcome.problems.extend(err.problems)
        return outcome
    result = score_service(job.bank, loaded.file, matched, source=path.name)
    date = result.assessed_on.isoformat() if result.assessed_on else "undated"
    outcome.stem = f"{result.slug}-{date}"
    texts = render_reports(result, outcome.stem, job.formats, job.template)
    try:
        for name, text in texts:
            outcome.temps.append((name, write_temp(job.out_dir / name, text, tag=job.tag)))
    except OSError as err:
        _write_failed(outcome, job.out_dir, err)
        return outcome
    outcome.row = summary_row(result, str(path), f"{outcome.stem}.md")
    return outcome


def _write_failed(outcome: ScoreOutcome, folder: Path, err: OSError) -> None:
    for _, temp in outcome.temps:
        temp.unlink(missing_ok=True)
    outcome.temps = []
    message = f"could not write to {folder}: {err.strerror or err}"
    outcome.problems.append(Problem(path=str(outcome.path), rule="write-failed", message=message))


def place_outcome(
    outcome: ScoreOutcome, out_dir: Path, taken: set[str], keep: frozenset[str] = frozenset()
) -> None:
    """Names the report (``-2``, ``-3``... after an earlier file took the name, or when a
    name is in ``keep``, the answer files in ``out_dir``) and renames its temp files into
    place."""
    stem = unique_path(out_dir, outcome.stem, "", taken).name
    while any(stem + name[len(outcome.stem) :] in keep for name, _ in outcome.temps):
        stem = unique_path(out_dir, outcome.stem, "", taken).name  # never over the answers
    try:
        for name, temp in outcome.temps:
            if stem != outcome.stem:
                name = stem + name[len(outcome.stem) :]
                if name.endswith(".md"):  # the Markdown links its chart by file name
                    text = temp.read_text(encoding="utf-8")
                    text = text.replace(f"]({outcome.stem}.svg)", f"]({stem}.svg)")
                    temp.write_text(text, encoding="utf-8")
            os.replace(temp, out_dir / name)
            outcome.written.append(out_dir / name)
    except OSError as err:
        _write_failed(outcome, out_dir, err)
        return
    if outcome.row is not None and stem != outcome.stem:
        outcome.row = outcome.row.model_copy(update={"report": f"{stem}.md"})
    outcome.temps = []


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


# --- worker processes -----------------------------------------------------------------

_WORKER: dict[str, Job] = {}


def _init_worker(job: Job) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C for everyone
    _WORKER["job"] = job


def _score_in_worker(path: str) -> ScoreOutcome:
    return score_file(Path(path), _WORKER["job"])


def _outcomes(files: list[str], job: Job, jobs: int) -> Generator[ScoreOutcome, None, None]:
    """Outcomes in input order, from this process or from ``jobs`` worker processes.

    Files are named by plain strings: lighter than paths when a batch runs to thousands.
    """
    if jobs <= 1 or len(files) <= 1:
        for path in files:
            yield score_file(Path(path), job)
        return
    import multiprocessing

    jobs = min(jobs, len(files))  # a process more than there are files only costs start-up
    chunk = max(1, min(64, len(files) // (jobs * 8)))
    pool = multiprocessing.get_context().Pool(
        processes=jobs, initializer=_init_worker, initargs=(job,)
    )
    try:
        yield from pool.imap(_score_in_worker, files, chunksize=chunk)
        pool.close()
    finally:
        pool.terminate()
        pool.join()


# --- the command ----------------------------------------------------------------------


class _Tally:
    """What a run has done so far: rows go to disk; only failures and, for one file, the
    paths written stay in memory."""

    def __init__(self, out_dir: Path, tag: str, keep_paths: bool) -> None:
        from .summary import RowStore

        self.rows = RowStore(out_dir, tag)
        self.failed: list[FailedFile] = []
        self.written: list[Path] = []
        self._keep_paths = keep_paths

    @property
    def done(self) -> int:
        return len(self.rows) + len(self.failed)

    def add(self, outcome: ScoreOutcome) -> None:
        from .summary import FailedFile

        for problem in outcome.problems:
            sys.stderr.write(problem.format() + "\n")
        if outcome.failed:
            messages = tuple(p.format().removeprefix(f"{outcome.path}:") for p in outcome.problems)
            self.failed.append(FailedFile(source=str(outcome.path), problems=messages))
        elif outcome.row is not None:
            self.rows.add(outcome.row)
        if self._keep_paths:
            self.written.extend(outcome.written)


def run_score(
    paths: Sequence[Path],
    bank_path: Path | None,
    out_dir: Path,
    formats: str | Sequence[str],
    template: Path | None,
    jobs: int | None,
    fail_on: str,
    quiet: bool,
) -> int:
    """Scores every answer file into ``out_dir``, with a summary for a batch; the exit code."""
    chosen = parse_formats(formats) if isinstance(formats, str) else tuple(formats)
    if fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on: {fail_on!r} is not one of none, error, incomplete")
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs: give 1 or more worker processes")
    files = expand_paths(paths, out_dir)
    batch = len(files) > 1 or any(not p.is_file() for p in paths)
    if template is not None and "md" in chosen:
        from .report import load_template

        load_template(template)  # a broken template is a usage error before any work
    bank = load_bank(bank_path)
    ensure_writable_dir(out_dir)
    keep = answers_in(files, out_dir)  # answer files a report or summary must not replace
    if batch and "summary.json" in keep:
        raise UsageError(
            f"{out_dir / 'summary.json'} is one of the answer files and the batch summary would"
            " replace it; choose another folder with --out"
        )

    job = Job(bank, chosen, template, out_dir, tag=f"pc{os.getpid()}")
    tally = _Tally(out_dir, job.tag, keep_paths=not batch)
    try:
        interrupted = _score_all(files, job, jobs or os.cpu_count() or 1, tally, quiet, batch, keep)
        summary_paths: list[Path] = []
        if batch:
            from .summary import build_summary, write_summary

            summary = build_summary(bank, len(files), tally.rows, tally.failed, interrupted)
            summary_paths = write_summary(summary, tally.rows, out_dir)
            _say_summary(len(files), tally, out_dir, summary_paths)
        elif not quiet:
            for path in tally.written:
                sys.stdout.write(f"{path}\n")
        incomplete = tally.rows.incomplete > 0
    finally:
        tally.rows.close()
    if interrupted:
        raise Interrupted(
            f"stopped after {tally.done} of {len(files)} files; every report written is complete"
            + (f" and {summary_paths[0]} covers them" if summary_paths else "")
        )
    if fail_on == "none":
        return int(ExitCode.OK)
    if tally.failed or (fail_on == "incomplete" and incomplete):
        return int(ExitCode.PROBLEMS)
    return int(ExitCode.OK)


def answers_in(files: list[str], out_dir: Path) -> frozenset[str]:
    """Names of the answer files that sit in ``out_dir`` and could be taken for a report's
    or summary's name: only JSON ones can, as reports are .md, .svg, .json and .csv."""
    folder = os.path.realpath(out_dir)
    return frozenset(
        os.path.basename(real)
        for real in (os.path.realpath(f) for f in files if f.lower().endswith(".json"))
        if os.path.dirname(real) == folder
    )


def _score_all(
    files: list[str],
    job: Job,
    jobs: int,
    tally: _Tally,
    quiet: bool,
    batch: bool,
    keep: frozenset[str],
) -> bool:
    """Scores and places every file in input order, never over the answer files in
    ``keep``; true when Ctrl-C stopped it early."""
    taken: set[str] = set()
    outcomes = _outcomes(files, job, jobs)
    show = batch and not quiet and sys.stderr.isatty()
    with _StopOnCtrlC() as stop, _Progress(len(files), show=show) as advance:
        for outcome in outcomes:
            if not outcome.failed:
                place_outcome(outcome, job.out_dir, taken, keep)
            tally.add(outcome)
            advance()
            if stop.requested:  # checked between files, so no file is ever half-counted
                break
        outcomes.close()
    clear_temps(job)
    return stop.requested and tally.done < len(files)


def _say_summary(files: int, tally: _Tally, out_dir: Path, summary: list[Path]) -> None:
    parts = [f"Scored {len(tally.rows)} of {files} answer files"]
    if tally.rows.incomplete:
        parts.append(f"{tally.rows.incomplete} incomplete")
    if tally.failed:
        parts.append(f"{len(tally.failed)} could not be scored (listed above and in the summary)")
    sys.stdout.write(", ".join(parts) + ".\n")
    sys.stdout.write(f"Reports in {out_dir}; summary: {', '.join(p.name for p in summary)}.\n")


class _StopOnCtrlC:
    """Turns Ctrl-C into a request to stop after the file in hand."""

    def __init__(self) -> None:
        self.requested = False

    def _handle(self, signum: int, frame: object) -> None:
        self.requested = True

    def __enter__(self) -> _StopOnCtrlC:
        import signal

        self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        import signal

        signal.signal(signal.SIGINT, self._previous)


class _Progress:
    """A rich progress bar on stderr (files done / total, rate, time left), or nothing."""

    def __init__(self, total: int, show: bool) -> None:
        self.total = total
        self.show = show
        self._bar: object | None = None

    def __enter__(self) -> _Progress:
        if self.show:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            bar = Progress(
                TextColumn("Scoring"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
            )
            bar.start()
            self._task = bar.add_task("score", total=self.total, rate="")
            self._bar = bar
        return self

    def __call__(self) -> None:
        from rich.progress import Progress

        if isinstance(self._bar, Progress):
            task = self._bar.tasks[0]
            speed = task.speed
            self._bar.update(self._task, advance=1, rate=f"{speed:,.0f} files/s" if speed else "")

    def __exit__(self, *exc: object) -> None:
        from rich.progress import Progress

        if isinstance(self._bar, Progress):
            self._bar.stop()
