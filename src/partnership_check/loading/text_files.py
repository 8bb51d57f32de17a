"""Reading a file as text, safely: a size limit, strict UTF-8, no binary data."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError

MAX_BYTES = 5 * 1024 * 1024


def read_text(path: Path) -> str:
    """Reads a file as UTF-8 text, refusing what is too big, binary or not UTF-8."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError.single(
                name,
                "file-too-large",
                f"file is {size:,} bytes; the limit is {MAX_BYTES:,} bytes",
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise InputError.single(name, "file-unreadable", "is a folder, not a file") from None
    except FileNotFoundError:
        raise InputError.single(name, "file-missing", "no such file; check the path") from None
    except OSError as err:
        raise InputError.single(name, "file-unreadable", f"cannot read: {err.strerror}") from None
    return decode(name, data)


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
