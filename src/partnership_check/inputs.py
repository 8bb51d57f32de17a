"""Reading the answer files of a command that compares them (``compare``, ``progress``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .bank import Bank
from .errors import InputError, Problem, UsageError
from .results import ServiceResult


def require_files(paths: Sequence[Path]) -> None:
    """A usage error naming every path that is missing or a folder, before any work."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    folders = [str(p) for p in paths if p.is_dir()]
    if folders:
        raise UsageError(f"{', '.join(folders)}: is a folder; give answer files")


def score_files(bank: Bank, paths: Sequence[Path]) -> list[ServiceResult]:
    """Loads, matches and scores each file; every bad file's problems raise one InputError."""
    from .answers import read_matched
    from .scoring import score_service

    results: list[ServiceResult] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            loaded, matched = read_matched(bank, path)
        except InputError as err:
            problems.extend(err.problems)
            continue
        results.append(score_service(bank, loaded.file, matched, source=str(path)))
    if problems:
        raise InputError(problems)
    return results


def headline(r: ServiceResult) -> dict[str, object]:
    """Who, when and how ready, as the partner table and the progress view both show it."""
    return {
        "service": r.service_display,
        "source": r.source,
        "file": Path(r.source).name,
        "assessed_on": r.assessed_on,
        "answers_bank_version": r.answers_bank_version,
        "score": r.overall.score,
        "band": r.overall.band.label,
        "capped": r.overall.capped,
        "completeness": r.completeness.percent,
    }
