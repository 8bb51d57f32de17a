"""``validate``: check question-bank files and print every problem, for CI and pre-commit.

Paths are resolved first (a missing path is a usage error, before anything is checked).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..bank.load import bundled_bank_path
from ..bank.validation import validate_files
from ..errors import ExitCode, UsageError
from ..render.problems import render_problems
from .printing import document_to_stdout

BANK_SUFFIXES = (".yaml", ".yml")


def bank_files(paths: Sequence[Path]) -> list[Path]:
    """Files to check: each file as given, each folder's ``*.yaml``/``*.yml`` sorted.

    Raises UsageError naming every path that does not exist or holds no banks.
    """
    if not paths:
        return [bundled_bank_path()]
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    files: list[Path] = []
    empty: list[str] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                child
                for child in path.iterdir()
                if child.suffix.lower() in BANK_SUFFIXES and child.is_file()
            )
            if not found:
                empty.append(str(path))
            files.extend(found)
        else:
            files.append(path)
    if empty:
        raise UsageError(f"no .yaml or .yml files in folder: {', '.join(empty)}")
    unique: dict[Path, Path] = {}
    for file in files:
        unique.setdefault(file.resolve(), file)
    return list(unique.values())


def run_validate(paths: Sequence[Path], *, strict: bool, output_format: str) -> ExitCode:
    """Checks every bank file under ``paths`` (the bundled bank when none are given) and
    prints the problems in ``output_format``."""
    result = validate_files(bank_files(paths), strict=strict)
    document_to_stdout(render_problems(result, output_format))
    return ExitCode.PROBLEMS if result.failed else ExitCode.OK
