"""A lock on a file that one session writes, so that a second session cannot silently
overwrite it: ``<name>.lock`` beside it, created exclusively, saying which process holds it.

A lock whose holder is gone is taken over. On POSIX a lock made on this computer is gone
when its process is no longer running. Where the process cannot be asked after (Windows,
where ``os.kill(pid, 0)`` would end the process; a lock made on another computer; a lock
that cannot be read) a lock counts as held until nothing has refreshed it for a day: the
holder refreshes it at every save. The holder also keeps the lock file open (on Windows
that keeps others from moving it) and checks before every save that the lock is still its
own, so that a lock taken over by mistake stops the save instead of losing answers.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from ..errors import FileLocked, UsageError
from .names import fitted_name

STALE_AFTER = dt.timedelta(days=1)
LOCK_SUFFIX = ".lock"
# Whether a process can be asked after without harm: on Windows os.kill(pid, 0) ends it.
CAN_ASK_PROCESSES = os.name == "posix"
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


@dataclass(frozen=True)
class Holder:
    """Who holds a lock, as its lock file says."""

    pid: int
    host: str
    started: dt.datetime

    def describe(self) -> str:
        """``process 4242 on archive-pc, since 2026-11-25 14:03``."""
        since = self.started.astimezone().strftime("%Y-%m-%d %H:%M")
        return f"process {self.pid} on {self.host}, since {since}"


@dataclass(frozen=True)
class _Found:
    """A lock file as read: its bytes, its holder (None when unreadable), when last saved."""

    raw: bytes
    holder: Holder | None
    changed: dt.datetime


def lock_path(target: Path) -> Path:
    """The lock file of ``target``: ``<name>.lock``, shortened to fit when the name is long."""
    return target.with_name(fitted_name("", target.name, LOCK_SUFFIX))


@contextmanager
def held_lock(target: Path) -> Iterator[FileLock]:
    """Holds the lock on ``target`` for the block, and removes it however the block ends.
    Raises :class:`FileLocked` at once when another live session holds it."""
    lock = FileLock(target)
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()


class FileLock:
    """The lock on one file; :attr:`taken_over` is a line to say about a stale lock taken
    over, or None."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.path = lock_path(target)
        self.taken_over: str | None = None
        self._mine: bytes | None = None
        self._fd: int | None = None

    def acquire(self) -> None:
        """Takes the lock, taking over a stale one; :class:`FileLocked` if it is held."""
        for _ in range(5):  # each turn loses a race to another session at most once
            if self._create():
                return
            found = self._read()
            if found is None:
                continue  # removed in the meantime: try again
            gone = _gone(found)
            if gone is None:
                raise self._held(found)
            if self._move_aside(found):
                self.taken_over = self._taken_over(found, gone)
        raise self._held(self._read())

    def confirm(self) -> None:
        """Before a save: the lock is still ours (made again if someone removed it), else
        :class:`FileLocked`. Refreshes its time, so a live session's lock never looks old."""
        found = self._read()
        if found is None:
            with suppress(UsageError):  # a save without the lock beats no save at all
                if not self._create():
                    found = self._read()
        if found is not None and found.raw != self._mine:
            raise self._held(found)
        with suppress(OSError):
            os.utime(self.path)

    def release(self) -> None:
        """Removes the lock if it is still ours; safe to call more than once."""
        if self._fd is not None:
            with suppress(OSError):
                os.close(self._fd)
            self._fd = None
        found = self._read()
        if self._mine is not None and found is not None and found.raw == self._mine:
            with suppress(OSError):
                os.unlink(self.path)
        self._mine = None

    # -- the lock file -----------------------------------------------------------------

    def _create(self) -> bool:
        """Makes the lock file if there is none; False when there already is one."""
        started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        record = {"pid": os.getpid(), "host": socket.gethostname(), "started": started}
        record["id"] = os.urandom(6).hex()  # ours, even for two locks of one process
        data = (json.dumps(record) + "\n").encode("utf-8")
        try:
            fd = os.open(self.path, _CREATE, 0o644)
        except FileExistsError:
            return False
        except OSError as err:
            raise self._cannot_make(err) from None
        try:
            os.write(fd, data)
        except OSError as err:
            os.close(fd)
            with suppress(OSError):
                os.unlink(self.path)
            raise self._cannot_make(err) from None
        if self._fd is not None:
            with suppress(OSError):
                os.close(self._fd)
        self._fd, self._mine = fd, data  # kept open while held: see the module's note
        return True

    def _read(self) -> _Found | None:
        try:
            with open(self.path, "rb") as handle:
                raw = handle.read(4096)
                changed = os.fstat(handle.fileno()).st_mtime
        except FileNotFoundError:
            return None
        except OSError:
            raw, changed = b"", dt.datetime.now().timestamp()
        return _Found(raw, _holder(raw), dt.datetime.fromtimestamp(changed, dt.UTC))

    def _move_aside(self, found: _Found) -> bool:
        """Takes the stale lock ``found`` out of the way. False when what was moved is a
        new lock made in the meantime (put back, to be read again); :class:`FileLocked`
        when the lock cannot be moved (on Windows, while its holder keeps it open)."""
        aside = self.path.with_name(fitted_name(".", self.path.name, f".{os.getpid()}.stale"))
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            return False  # another session moved it first
        except OSError:
            raise self._held(found) from None
        try:
            if aside.read_bytes() == found.raw:
                return True
            with suppress(OSError):  # a new lock, moved by mistake: put it back
                os.link(aside, self.path)
            return False
        except OSError:
            return False
        finally:
            aside.unlink(missing_ok=True)

    def _taken_over(self, found: _Found, gone: str) -> str:
        who = f" ({found.holder.describe()})" if found.holder else ", whose lock cannot be read,"
        return f"Took over the lock on {self.target}: the session that held it{who} {gone}."

    def _held(self, found: _Found | None) -> FileLocked:
        if found is not None and found.holder is not None:
            reason = f"another session is writing it ({found.holder.describe()})"
        else:
            changed = found.changed if found else dt.datetime.now(dt.UTC)
            when = changed.astimezone().strftime("%Y-%m-%d %H:%M")
            reason = f"its lock file, which cannot be read, was made or saved at {when}"
        message = (
            f"{self.target}: {reason}; wait for that session to finish, or if it is gone, "
            f"delete {self.path} and try again"
        )
        return FileLocked(message, reason)

    def _cannot_make(self, err: OSError) -> UsageError:
        return UsageError(
            f"{self.path}: cannot create this lock file for {self.target.name} "
            f"({err.strerror or err}); check that the folder can be written and has room"
        )


def _holder(raw: bytes) -> Holder | None:
    try:
        record = json.loads(raw.decode("utf-8"))
        started = dt.datetime.fromisoformat(record["started"])
        holder = Holder(int(record["pid"]), str(record["host"]), started)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return holder if started.tzinfo is not None else None


def _gone(found: _Found) -> str | None:
    """How a lock's holder is known to be gone, or None while it may be alive: the process
    is asked where that is possible and safe, otherwise the lock's age decides."""
    holder = found.holder
    if holder is not None and holder.host == socket.gethostname() and CAN_ASK_PROCESSES:
        return None if _running(holder.pid) else "is no longer running"
    if dt.datetime.now(dt.UTC) - found.changed <= STALE_AFTER:
        return None
    return "has saved nothing for over a day"


def _running(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but is another user's, or cannot be asked: held
        return True
    return True
