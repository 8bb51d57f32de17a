"""Reading a file as text, safely: regular files only, a size limit, strict UTF-8."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError
from .file_kinds import kind_of

MAX_BYTES = 5 * 1024 * 1024

# Opening never waits: a named pipe swapped in after the look is refused, not waited on.
_READ = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_text(path: Path) -> str:
    """Reads a file as UTF-8 text, refusing what is too big, binary or not UTF-8, and what
    is not a regular file (a named pipe, a device), which is looked at but never opened."""
    return decode(str(path), read_bytes(path))


def read_bytes(path: Path) -> bytes:
    """A file's bytes, refusing what is too big and what is not a regular file, as
    :func:`read_text` does."""
    name = str(path)
    try:
        _check_file(name, os.stat(path))
        fd = os.open(path, _READ)
        with open(fd, "rb") as handle:
            size = _check_file(name, os.fstat(fd))  # the file opened is the file looked at
            data = handle.read(size + 1)  # no buffer of the largest size for every file
            if len(data) > size:  # it grew since: read on, up to the limit
                data += handle.read(MAX_BYTES + 1 - len(data))
    except FileNotFoundError:
        raise InputError.single(name, "file-missing", "no such file; check the path") from None
    except OSError as err:
        raise InputError.single(name, "file-unreadable", f"cannot read: {err.strerror}") from None
    if len(data) > MAX_BYTES:
        raise InputError.single(
            name, "file-too-large", f"file is larger than the limit of {MAX_BYTES:,} bytes"
        )
    return data


def _check_file(name: str, info: os.stat_result) -> int:
    """The file's size, or a problem when it is not a regular file or is too large."""
    kind = kind_of(info.st_mode)
    if kind == "a folder":
        raise InputError.single(name, "file-unreadable", "is a folder, not a file")
    if kind is not None:
        raise InputError.single(
            name,
            "file-not-regular",
            f"is {kind}, not a regular file; give the path of a file saved on disk",
        )
    if info.st_size > MAX_BYTES:
        raise InputError.single(
            name,
            "file-too-large",
            f"file is {info.st_size:,} bytes; the limit is {MAX_BYTES:,} bytes",
        )
    return info.st_size


def decode(name: str, data: bytes) -> str:
    """Strict UTF-8 (a BOM is allowed); NUL bytes mean binary data."""
    if len(data) > MAX_BYTES:
        raise InputError.single(
            name, "file-too-large", f"file is larger than the limit of {MAX_BYTES:,} bytes"
        )
    if b"\x00" in data:
        line, column = _byte_position(data, data.index(b"\x00"))
        raise InputError.single(
            name,
            "file-binary",
            "contains NUL bytes: this is binary data, not a text file",
            line,
            column,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line, column = _byte_position(data, err.start)
        raise InputError.single(
            name,
            "file-encoding",
            f"byte 0x{data[err.start]:02x} is not valid UTF-8; save the file as UTF-8",
            line,
            column,
        ) from None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def is_json(path: Path) -> bool:
    """A file is read as JSON when its suffix says so, YAML otherwise."""
    return path.suffix.lower() == ".json"
