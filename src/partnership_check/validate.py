"""The ``validate`` command's core: check bank files and collect every problem before exit.

Paths are resolved first (a missing path is a usage error, before anything is checked);
then every file is read and checked, and a bad file never stops the others being checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .bank import bundled_bank_path, check_bank
from .errors import InputError, Problem, UsageError
from .rules import file_order
from .yamlio import read_text

BANK_SUFFIXES = (".yaml", ".yml")


@dataclass
class ValidationResult:
    """Files checked and every problem found in them, in file order within each file."""

    strict: bool = False
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")

    @property
    def failed(self) -> bool:
        """Errors fail the run; under ``strict`` warnings were already made errors."""
        return self.errors > 0

    def add(self, problems: Sequence[Problem]) -> None:
        for problem in problems:
            if self.strict and problem.severity == "warning":
                problem = replace(problem, severity="error")
            self.problems.append(problem)


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


def check_file(path: Path) -> list[Problem]:
    """Every problem with one bank file; unreadable or unparsable files give one problem."""
    name = str(path)
    try:
        text = read_text(path)
    except InputError as err:
        return err.problems
    _bank, problems = check_bank(name, text)
    return sorted(problems, key=file_order)


def validate_paths(paths: Sequence[Path], *, strict: bool = False) -> ValidationResult:
    """Checks every bank file under ``paths`` (the bundled bank when none are given)."""
    result = ValidationResult(strict=strict)
    for path in bank_files(paths):
        result.files.append(str(path))
        result.add(check_file(path))
    return result
