"""Writing files safely: atomic, exclusive writes, and output places checked before any work."""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO, TypeVar

from ..errors import UsageError, WriteError
from .names import fitted_name

T = TypeVar("T")


def atomic_write(path: Path, text: str | bytes, *, durable: bool = False) -> None:
    """Writes ``text`` (or bytes, as they are) via a temp file in the same folder, then a
    rename.

    A reader never sees half a file. ``durable`` also fsyncs, for what a person typed.
    A failure (disk full, no permission) raises :class:`WriteError` naming the file.
    """
    with _written_onto(path, lambda: (None, write_temp(path, text, durable=durable))):
        pass


@contextmanager
def atomic_open(path: Path, *, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text handle on a temp file beside ``path``, renamed onto it when the block ends
    without an error; for output written in pieces (a batch summary). ``utf-8-sig`` starts
    the file with a byte-order mark. A failure to write raises :class:`WriteError` naming
    the file."""
    with (
        _written_onto(path, lambda: _temp_file(path)) as fd,
        os.fdopen(fd, "w", encoding=encoding, newline="\n") as handle,
    ):
        yield handle
        os.fchmod(handle.fileno(), 0o644)


@contextmanager
def _written_onto(path: Path, make_temp: Callable[[], tuple[T, Path]]) -> Iterator[T]:
    """Makes the folder and a temp file beside ``path`` with ``make_temp``, which returns
    what the block needs (an open descriptor, or nothing) and the temp file; after the
    block, renames the temp file onto ``path``. On any failure the temp file goes and ``path`` is
    left as it was; an ``OSError`` becomes :class:`WriteError` naming ``path``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handed, tmp = make_temp()
    except OSError as err:
        raise WriteError(path, err) from None
    try:
        yield handed
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise WriteError(path, err) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_temp(path: Path, text: str | bytes, *, durable: bool = False, tag: str = "") -> Path:
    """Writes ``text`` to a new temp file beside ``path`` and returns it; renaming it onto
    ``path`` is the caller's. ``tag`` goes into the temp name so a run can find its own."""
    fd, tmp = _temp_file(path, tag)
    try:
        try:  # bytes straight to the descriptor: no text layer for a one-shot write
            data = memoryview(text if isinstance(text, bytes) else text.encode("utf-8"))
            while data:
                data = data[os.write(fd, data) :]
            if durable:
                os.fsync(fd)
            os.fchmod(fd, 0o644)
        finally:
            os.close(fd)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


_TEMP_COUNTER = itertools.count()
_EXCLUSIVE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def _temp_file(path: Path, tag: str = "") -> tuple[int, Path]:
    """A new temp file beside ``path``, named by process id and a counter: no random names
    to draw, so writing thousands of reports stays cheap. O_EXCL keeps it ours alone. The
    name is ``.<name>.<owner>.<n>.tmp``, with ``<name>`` cut short when it would not fit."""
    owner = f"{tag}-{os.getpid()}" if tag else str(os.getpid())
    tmp = path.with_name(fitted_name(".", path.name, f".{owner}.{next(_TEMP_COUNTER)}.tmp"))
    try:
        return os.open(tmp, _EXCLUSIVE, 0o600), tmp
    except FileExistsError:  # left by a crashed run of a process with the same id
        # mkstemp puts 8 random characters between the prefix and the suffix
        prefix = fitted_name(".", path.name, ".XXXXXXXX.tmp").removesuffix("XXXXXXXX.tmp")
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
        return fd, Path(name)


def ensure_writable_dir(folder: Path) -> None:
    """Creates ``folder`` if needed and proves it can be written, before any work starts."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test.", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as err:
        reason = err.strerror or str(err)
        raise UsageError(
            f"{folder}: cannot write to this folder ({reason}); choose another with --out"
        ) from None


def check_output_file(path: Path, option: str = "-o") -> None:
    """Refuses, before any work, an output file that cannot be created where it is asked."""
    if path.is_dir():
        raise UsageError(f"{option} {path}: is a folder; give a file name inside it")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise UsageError(f"{option} {path}: {parent} is a file, not a folder")
            if not os.access(parent, os.W_OK):
                raise UsageError(f"{option} {path}: cannot write in {parent}")
            return
