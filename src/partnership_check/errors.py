"""The one error hierarchy, the problem record, and the exit-code table.

Core code raises these or returns :class:`Problem` values; only the top-level handler in
``cli.py`` turns them into output and an exit code, from :class:`ExitCode`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import IntEnum
from typing import Any, Literal

from .loading.terminal_text import terminal_text


class ExitCode(IntEnum):
    """Exit codes, documented in the README."""

    OK = 0
    PROBLEMS = 1  # problems found in the input
    USAGE = 2  # a bad option, a missing file, an output place that cannot be used
    INTERNAL = 3  # a bug in partnership-check
    WRITE_FAILED = 4  # an output file could not be written (disk full, no permission)
    INTERRUPTED = 130


Severity = Literal["error", "warning"]


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One thing wrong with one input file, with where it is and a stable rule id.

    A plain dataclass, not a pydantic model, so that importing the CLI stays cheap.
    """

    path: str
    line: int | None = None
    column: int | None = None
    cell: str | None = None  # in a workbook, the sheet and cell (``Answers!D14``) instead
    severity: Severity = "error"
    rule: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        """The problem as plain data, for JSON output (``cell`` only where there is one)."""
        data = asdict(self)
        if self.cell is None:
            del data["cell"]
        return data

    def where(self) -> str:
        """``path:line:col`` with whatever parts are known, or ``path:Sheet!A1``."""
        if self.cell is not None:
            return f"{self.path}:{self.cell}"
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        """The one-line text form: ``path:line:col: error: message [rule]``, fit to print
        (control characters in a file name or message shown as escapes)."""
        return terminal_text(f"{self.where()}: {self.severity}: {self.message} [{self.rule}]")


@dataclass(frozen=True)
class Place:
    """Where something is in an input file: line and column of a text file, or the sheet
    and cell of a workbook; what is not known is None."""

    line: int | None = None
    column: int | None = None
    cell: str | None = None


class PartnershipCheckError(Exception):
    """Base of every error the tool expects; printed without a traceback."""

    exit_code: ExitCode = ExitCode.PROBLEMS


class InputError(PartnershipCheckError):
    """A user's file is wrong. Carries one or more problems with locations."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))

    @classmethod
    def single(
        cls,
        path: str,
        rule: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        cell: str | None = None,
    ) -> InputError:
        return cls(
            [Problem(path=path, line=line, column=column, cell=cell, rule=rule, message=message)]
        )


class UsageError(PartnershipCheckError):
    """The command was called wrongly (missing file, unwritable folder, no terminal)."""

    exit_code = ExitCode.USAGE


class FileLocked(UsageError):
    """Another session holds the lock on a file this one would write; ``reason`` says who,
    in a few words, for a sentence of the caller's."""

    def __init__(self, message: str, reason: str) -> None:
        self.reason = reason
        super().__init__(message)


class WriteError(PartnershipCheckError):
    """An output file could not be written while the work was done: says which, and why."""

    exit_code = ExitCode.WRITE_FAILED

    def __init__(self, path: object, err: OSError) -> None:
        self.path = path
        self.reason = err.strerror or str(err)
        super().__init__(f"{path}: could not write ({self.reason}); nothing there was changed")


class AnswersNotSaved(PartnershipCheckError):
    """``assess`` stopped after answers could not be saved; says where they are and how to
    carry on."""

    exit_code = ExitCode.WRITE_FAILED


class Interrupted(PartnershipCheckError):
    """The user pressed Ctrl-C; carries what to say about what was kept."""

    exit_code = ExitCode.INTERRUPTED
