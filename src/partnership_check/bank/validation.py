"""Checking bank files: every problem of every file collected before anything is reported;
a bad file never stops the others being checked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import InputError, Problem
from ..loading.locations import file_order
from ..loading.text_files import read_text
from .load import check_bank


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


def check_file(path: Path) -> list[Problem]:
    """Every problem with one bank file; unreadable or unparsable files give one problem."""
    name = str(path)
    try:
        text = read_text(path)
    except InputError as err:
        return err.problems
    _bank, problems = check_bank(name, text)
    return sorted(problems, key=file_order)


def validate_files(files: Sequence[Path], *, strict: bool = False) -> ValidationResult:
    """Checks every bank file; under ``strict`` warnings count as errors."""
    result = ValidationResult(strict=strict)
    for path in files:
        result.files.append(str(path))
        result.add(check_file(path))
    return result
