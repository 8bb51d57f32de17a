"""Scoring the files of a batch, in this process or in worker processes.

:func:`score_file` scores one file and writes its reports to temp files, returning an
outcome instead of raising, so one bad file never stops the others. Outcomes come back in
input order, so ``--jobs N`` output is byte-identical to ``--jobs 1``.
"""

from __future__ import annotations

import datetime as dt
import gc
import signal
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem
from ..loading.atomic_files import write_temp
from ..loading.locations import file_order
from ..render.report import PageRenderer, render_reports
from ..scoring.bank_facts import BankFacts
from ..scoring.results import ServiceResult
from ..scoring.score import score_service
from ..views.summary import SummaryRow, summary_row
from .answer_files import read_answer_file


@dataclass(frozen=True)
class Job:
    """What every file in a run is scored with, and where its reports go."""

    facts: BankFacts  # the bank, with what scoring works out once for it
    formats: tuple[str, ...]
    template: Path | None
    out_dir: Path
    tag: str  # marks this run's temp files, so an interrupted run can clear them
    to_html: PageRenderer | None = None  # given when an html report is asked for


@dataclass
class ScoreOutcome:
    """What happened to one answer file: its reports in temp files, or its problems."""

    path: Path
    stem: str = ""
    temps: list[tuple[str, Path]] = field(default_factory=list)  # (file name, temp file)
    row: SummaryRow | None = None
    problems: list[Problem] = field(default_factory=list)
    # To check, in file order, though the file is scored: answers that could not be read
    # (their questions left unanswered) and ids set aside that look mistyped.
    warnings: list[Problem] = field(default_factory=list)
    set_aside: str = ""  # the answers another bank version had, as one line for stderr
    written: list[Path] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.problems)

    def fail_to_write(self, folder: Path, err: OSError) -> None:
        """Drops the temp files written so far and records the failure as a problem."""
        for _, temp in self.temps:
            temp.unlink(missing_ok=True)
        self.temps = []
        message = f"could not write to {folder}: {err.strerror or err}"
        self.problems.append(Problem(path=str(self.path), rule="write-failed", message=message))


def score_file(path: Path, job: Job, stem: str | None = None) -> ScoreOutcome:
    """Loads, matches, scores and renders one answer file into temp files beside the reports.

    The reports are named ``stem``, or by the service and date when none is given. The
    caller renames them into place in input order; when that order gives the name to an
    earlier file, it scores the file again with the name it is to have, so every report is
    rendered under its final name.
    """
    outcome = ScoreOutcome(path=path)
    bank = job.facts.bank
    try:
        loaded, matched = read_answer_file(bank, path)
    except InputError as err:
        outcome.problems.extend(err.problems)
        return outcome
    unread = [left.problem for left in matched.left_unanswered]
    outcome.warnings.extend(sorted((*unread, *matched.warnings), key=file_order))
    result = score_service(bank, loaded.file, matched, source=path.name, facts=job.facts)
    outcome.set_aside = _set_aside_line(path, result)
    outcome.stem = stem or proposed_stem(result.slug, result.assessed_on)
    texts = render_reports(result, outcome.stem, job.formats, job.template, job.to_html)
    try:
        for name, text in texts:
            outcome.temps.append((name, write_temp(job.out_dir / name, text, tag=job.tag)))
    except OSError as err:
        outcome.fail_to_write(job.out_dir, err)
        return outcome
    shown = next(f for f in ("md", "html", "json") if f in job.formats)  # the one to read
    outcome.row = summary_row(result, str(path), f"{outcome.stem}.{shown}")
    return outcome


def _set_aside_line(path: Path, result: ServiceResult) -> str:
    """The answers not scored because this bank version lacks them (those that look like a
    typo have their own warning), with the answers given."""
    plain = [d for d in result.dropped if d.did_you_mean is None]
    if not plain:
        return ""
    listed = "; ".join(f"{d.qid} = {d.answer or 'no answer'}" for d in plain)
    if result.dropped_more:
        listed += f"; and {result.dropped_more} more"
    return (
        f"{path}: answers for bank version {result.answers_bank_version} not scored, as version"
        f" {result.bank_version} does not have them: {listed}"
    )


def proposed_stem(slug: str, assessed_on: dt.date | None) -> str:
    """A report's name before any clash: ``<service>-<date>``."""
    return f"{slug}-{assessed_on.isoformat() if assessed_on else 'undated'}"


_WORKER: dict[str, Job] = {}


def _init_worker(job: Job) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C for everyone
    _WORKER["job"] = job
    gc.freeze()  # as in the parent (a spawned worker, as on Windows, has made its own)


def _score_in_worker(path: str) -> ScoreOutcome:
    return score_file(Path(path), _WORKER["job"])


def outcomes(files: list[str], job: Job, jobs: int) -> Generator[ScoreOutcome, None, None]:
    """Outcomes in input order, from this process or from ``jobs`` worker processes.

    Files are named by plain strings: lighter than paths when a batch runs to thousands.
    """
    # What every file shares (modules, the bank and its precompute) is made by now. Kept out
    # of the garbage collector's sight, each collection looks only at what files make, not
    # at all of that again; the worker processes forked from here inherit it so.
    gc.freeze()
    try:
        if jobs <= 1 or len(files) <= 1:
            for path in files:
                yield score_file(Path(path), job)
            return
        # A process more than there are files only costs start-up.
        yield from _in_workers(files, job, min(jobs, len(files)))
    finally:
        gc.unfreeze()


def _in_workers(files: list[str], job: Job, jobs: int) -> Generator[ScoreOutcome, None, None]:
    # multiprocessing is imported only when there are workers to start: how many files a
    # run has is known only once its folders are listed, and a one-file score, the commonest
    # run, would pay for it otherwise.
    import multiprocessing

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
