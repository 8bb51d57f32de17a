"""What a path names, so that only regular files are read or replaced: never a named pipe
(reading one waits for ever), a device, a socket, or a link to one of them."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def kind_of(mode: int) -> str | None:
    """None for a regular file; otherwise what it is, in words for a message."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def not_regular(path: Path | str) -> str | None:
    """None when ``path`` is a regular file, a link to one, or nothing yet (a new path);
    otherwise what is there: ``a named pipe``, ``a link to a device``, ``a link to nothing``.
    Looks without opening, so a named pipe is never waited on."""
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    if not stat.S_ISLNK(mode):
        return kind_of(mode)
    try:
        target = kind_of(os.stat(path).st_mode)
    except OSError:  # dangling, a loop, or a target that cannot be looked at
        return "a link to nothing"
    return None if target is None else f"a link to {target}"


# Workbooks are answer files too; a macro-enabled one is refused when read, not passed over.
MACRO_SUFFIXES = (".xlsm", ".xltm")
WORKBOOK_SUFFIXES = (".xlsx", *MACRO_SUFFIXES)


def is_workbook(path: Path | str) -> bool:
    """Whether the file's name says it is an Excel workbook (read as answers in one)."""
    return str(path).lower().endswith(WORKBOOK_SUFFIXES)
