"""Where outputs may go: never onto an answer file, a device, a named pipe or a link to
one; and the temp files that stopped runs left behind, cleared and counted."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..answers.load import may_hold_answers
from ..errors import UsageError
from ..loading.atomic_files import remove_stale_temps
from ..loading.file_kinds import not_regular
from ..render.wording import counted


def replaceable(path: Path, keep: frozenset[str] = frozenset()) -> bool:
    """Whether an output may be renamed onto ``path``: nothing is there, or a regular file
    (a link to one is replaced itself, never written through) that is not one of the
    answer files ``keep`` names and does not read as someone's answers."""
    if path.name in keep:
        return False
    if not os.path.lexists(path):  # the usual case: one look, nothing read
        return True
    return not_regular(path) is None and not may_hold_answers(path)


def refuse_unless_replaceable(paths: Iterable[Path], keep: frozenset[str], what: str) -> None:
    """A usage error, before any work, when one of ``paths`` (``what`` would be written
    there) is an answer file or not a regular file."""
    for path in paths:
        kind = not_regular(path)
        if kind is not None:
            raise UsageError(
                f"{path}: is {kind}, and {what} would be written there; choose another folder"
                " with --out"
            )
        if path.name in keep or may_hold_answers(path):
            raise UsageError(
                f"{path} is an answer file and {what} would replace it; choose another folder"
                " with --out"
            )


def clear_leftovers(folder: Path) -> str | None:
    """Removes the temp files in ``folder`` of runs that were stopped; what to tell the
    user about it, or None when there were none."""
    removed = remove_stale_temps(folder)
    if not removed:
        return None
    return (
        f"Removed {counted(removed, 'temporary file')} left in {folder} by an earlier run"
        " that was stopped before it finished."
    )
