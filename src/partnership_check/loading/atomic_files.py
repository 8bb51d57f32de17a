"""Writing files safely: atomic, exclusive writes that never follow a link, output places
checked before any work, and the temp files of stopped runs cleared."""

from __future__ import annotations

import itertools
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from ..errors import UsageError, WriteError
from .file_kinds import not_regular
from .names import fitted_name

T = TypeVar("T")

STDOUT = "-"  # as an output file: standard output


def is_stdout(path: Path | None) -> bool:
    """Whether an output option was given as ``-``, for standard output."""
    return path is not None and str(path) == STDOUT


def atomic_write(path: Path, text: str | bytes, *, durable: bool = False) -> None:
    """Writes ``text`` (or bytes, as they are) via a temp file in the same folder, then a
    rename.

    A reader never sees half a file. ``durable`` also fsyncs, for what a person typed.
    A failure (disk full, no permission) raises :class:`WriteError` naming the file.
    """
    with _written_onto(path, lambda: (None, write_temp(path, text, durable=durable))):
        pass


def atomic_write_all(parts: Sequence[tuple[Path, str, Iterable[str]]]) -> None:
    """Writes each ``(path, encoding, chunks)`` to a temp file beside it and, only when all
    are written, renames them into place: files that belong together (a batch summary)
    are replaced together or not at all. ``utf-8-sig`` starts a file with a byte-order
    mark. A failure raises :class:`WriteError` naming the file it stopped at."""
    temps: list[Path] = []
    current = parts[0][0] if parts else Path()
    try:
        for path, encoding, chunks in parts:
            current = path
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = _temp_file(path)
            temps.append(tmp)
            with os.fdopen(fd, "w", encoding=encoding, newline="\n") as handle:
                handle.writelines(chunks)
                _make_readable(handle.fileno())
        for tmp, (path, _, _) in zip(temps, parts, strict=True):
            current = path
            os.replace(tmp, path)
    except OSError as err:
        _remove(temps)
        raise WriteError(current, err) from None
    except BaseException:
        _remove(temps)
        raise


def _remove(paths: Iterable[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


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
            _write_all(fd, text if isinstance(text, bytes) else text.encode("utf-8"))
            if durable:
                os.fsync(fd)
            _make_readable(fd)
        finally:
            os.close(fd)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_new(path: Path, data: bytes, *, like: os.stat_result | None = None) -> bool:
    """Creates ``path`` holding ``data`` only if nothing at all is there, not even a link:
    false when the name is taken. ``like`` gives the permissions and times to copy (a
    backup's). A failure to write raises :class:`WriteError`, leaving no file."""
    mode = (like.st_mode & 0o777) if like is not None else 0o644
    try:
        fd = os.open(path, _EXCLUSIVE, mode)
    except FileExistsError:
        return False
    except OSError as err:
        raise WriteError(path, err) from None
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
            if like is not None and os.utime in os.supports_fd:
                os.utime(fd, ns=(like.st_atime_ns, like.st_mtime_ns))
        finally:
            os.close(fd)
    except OSError as err:
        path.unlink(missing_ok=True)
        raise WriteError(path, err) from None
    return True


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


_fchmod = getattr(os, "fchmod", None)  # not on Windows before Python 3.13, nor needed there


def _make_readable(fd: int) -> None:
    if _fchmod is not None:
        _fchmod(fd, 0o644)


_TEMP_COUNTER = itertools.count()
_NO_LINKS = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
_EXCLUSIVE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_LINKS


def _temp_file(path: Path, tag: str = "") -> tuple[int, Path]:
    """A new temp file beside ``path``, named by process id and a counter: no random names
    to draw, so writing thousands of reports stays cheap. O_EXCL keeps it ours alone and
    refuses a link planted under the name. ``.pc<pid>`` marks whose it is: see
    :func:`remove_stale_temps`. The name is ``.<name>.<owner>.<n>.tmp``, with ``<name>`` cut
    short when it would not fit the file system."""
    owner = f"{tag}-{os.getpid()}" if tag else f"pc{os.getpid()}"
    tmp = path.with_name(fitted_name(".", path.name, f".{owner}.{next(_TEMP_COUNTER)}.tmp"))
    try:
        return os.open(tmp, _EXCLUSIVE, 0o600), tmp
    except FileExistsError:  # left by a stopped run of a process with the same id, or planted
        # mkstemp puts 8 random characters between the prefix and the suffix
        prefix = fitted_name(".", path.name, f".{owner}.XXXXXXXX.tmp").removesuffix("XXXXXXXX.tmp")
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
        return fd, Path(name)


# .<name>.pc<pid>[-<worker pid>].<counter or random>.tmp: the run's process id comes first
# (earlier versions named the summary rows without the last part).
_TEMP_NAME = re.compile(r"\.pc(\d{1,10})(?:-\d+)?(?:\.\w+)?\.tmp\Z")
_A_DAY = 24 * 60 * 60


def remove_stale_temps(folder: Path) -> int:
    """Removes the temp files in ``folder`` whose run has stopped (a ``kill -9``, a power
    cut) and returns how many; those of a run still going are left alone."""
    alive: dict[int, bool] = {}
    stale: list[str] = []
    try:
        with os.scandir(folder) as entries:  # a stream: the folder may hold thousands
            for entry in entries:
                found = _TEMP_NAME.search(entry.name) if entry.name[0] == "." else None
                if found is None or entry.is_dir(follow_symlinks=False):
                    continue
                pid = int(found[1])
                if pid not in alive:
                    alive[pid] = _running(pid)
                if not alive[pid] and _old_enough(entry):
                    stale.append(entry.path)
    except OSError:  # no such folder yet, or one that cannot be listed: nothing to clear
        return 0
    removed = 0
    for path in stale:
        try:
            os.unlink(path)
            removed += 1
        except OSError:  # removed by another run meanwhile, or not ours to remove
            pass
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # no safe question to ask Windows here: judge by age instead
        return False
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # alive under another user, or no such process id
        return True
    return True


def _old_enough(entry: os.DirEntry[str]) -> bool:
    """On Windows, where the process cannot be asked about, a temp file counts as left
    over only when a day old: no run of this tool writes one for that long."""
    if os.name != "nt":
        return True
    try:
        return time.time() - entry.stat(follow_symlinks=False).st_mtime > _A_DAY
    except OSError:
        return False


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
    """Refuses, before any work, an output file that cannot be created where it is asked,
    and any place that is not a regular file (a device, a named pipe, a link to one)."""
    if path.is_dir():
        raise UsageError(f"{option} {path}: is a folder; give a file name inside it")
    kind = not_regular(path)
    if kind is not None:
        raise UsageError(
            f"{option} {path}: is {kind}, not a file; give a regular file or a new file name,"
            f" or {STDOUT} for standard output"
        )
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise UsageError(f"{option} {path}: {parent} is a file, not a folder")
            if not os.access(parent, os.W_OK):
                raise UsageError(f"{option} {path}: cannot write in {parent}")
            return
