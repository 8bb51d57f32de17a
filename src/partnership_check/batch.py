"""The ``score`` command's core: score answer files and write a report for each.

:func:`score_file` does the work for one file and returns an outcome instead of raising, so
one bad file never stops the others; :func:`run_score` expands paths, checks options, loads
the bank once and reports.
"""

from __future__ import annotations

import glob
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .bank import Bank, load_bank
from .errors import ExitCode, InputError, Problem, UsageError
from .files import ensure_writable_dir, unique_path

ANSWER_SUFFIXES = (".yaml", ".yml", ".json")
FAIL_ON = ("none", "error", "incomplete")
_GLOB_CHARS = frozenset("*?[")


@dataclass
class ScoreOutcome:
    """What happened to one answer file."""

    path: Path
    written: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    incomplete: bool = False

    @property
    def failed(self) -> bool:
        return bool(self.problems)


def parse_formats(text: str) -> tuple[str, ...]:
    """``md,json`` to ``("md", "json")``; anything else is a usage error."""
    from .report import FORMATS

    chosen = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        shown = repr(bad[0]) if bad else "nothing"
        raise UsageError(f"--format: {shown} is not a report format; use md, json or md,json")
    return chosen


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files as given, folders searched (not recursively) for answer files, globs expanded."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(
                p for p in path.iterdir() if p.suffix.lower() in ANSWER_SUFFIXES and p.is_file()
            )
            if not inside:
                raise UsageError(f"{path}: no .yaml, .yml or .json answer files in this folder")
            found.extend(inside)
        elif path.exists():
            found.append(path)
        elif _GLOB_CHARS & set(str(path)):
            matches = sorted(Path(m) for m in glob.glob(str(path)))
            if not matches:
                raise UsageError(f"{path}: no files match this pattern")
            found.extend(m for m in matches if m.is_file())
        else:
            raise UsageError(f"{path}: no such file or folder")
    return list(dict.fromkeys(found))


def score_file(
    path: Path,
    bank: Bank,
    out_dir: Path,
    formats: Sequence[str],
    template: Path | None,
    taken: set[str],
) -> ScoreOutcome:
    """Loads, matches, scores and writes the reports of one answer file."""
    from .answers import load_answers, match_answers
    from .report import write_reports
    from .scoring import score_service

    outcome = ScoreOutcome(path=path)
    try:
        loaded = load_answers(path)
        matched = match_answers(bank, loaded)
    except InputError as err:
        outcome.problems.extend(err.problems)
        return outcome
    result = score_service(bank, loaded.file, matched, source=path.name)
    date = result.assessed_on.isoformat() if result.assessed_on else "undated"
    stem = unique_path(out_dir, f"{result.slug}-{date}", "", taken).name
    try:
        outcome.written = write_reports(result, out_dir, stem, formats, template)
    except OSError as err:
        message = f"could not write the report: {err.strerror or err}"
        outcome.problems.append(Problem(path=str(path), rule="write-failed", message=message))
    outcome.incomplete = bool(result.completeness.unanswered_required)
    return outcome


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
    """Scores every answer file, writing reports into ``out_dir``; returns the exit code.

    ``jobs`` is accepted for the command line's sake; files are scored in this process.
    """
    chosen = parse_formats(formats) if isinstance(formats, str) else tuple(formats)
    if fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on: {fail_on!r} is not one of none, error, incomplete")
    files = expand_paths(paths)
    if template is not None and "md" in chosen:
        from .report import load_template

        load_template(template)  # a broken template is a usage error before any work
    bank = load_bank(bank_path)
    ensure_writable_dir(out_dir)
    taken: set[str] = set()
    failed = incomplete = False
    for path in files:
        outcome = score_file(path, bank, out_dir, chosen, template, taken)
        for problem in outcome.problems:
            sys.stderr.write(problem.format() + "\n")
        if not quiet:
            for written in outcome.written:
                sys.stdout.write(f"{written}\n")
        failed = failed or outcome.failed
        incomplete = incomplete or outcome.incomplete
    if fail_on == "none":
        return int(ExitCode.OK)
    if failed or (fail_on == "incomplete" and incomplete):
        return int(ExitCode.PROBLEMS)
    return int(ExitCode.OK)
