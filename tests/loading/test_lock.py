"""The lock on a file one session writes: a second holder is refused and told who holds
it, a lock whose holder is gone is taken over, and the lock goes however the holder ends."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from partnership_check.errors import ExitCode, FileLocked
from partnership_check.loading import lock as lock_module
from partnership_check.loading.lock import FileLock, held_lock, lock_path
from partnership_check.loading.names import NAME_MAX

HOST = socket.gethostname()
# Where processes can be asked after (POSIX); on Windows the age rule, tested with
# CAN_ASK_PROCESSES off, is the only one.
posix_only = pytest.mark.skipif(
    not lock_module.CAN_ASK_PROCESSES, reason="processes are asked after on POSIX only"
)


def _write_lock(target: Path, *, pid: int, host: str = HOST, days_old: float = 0) -> Path:
    path = lock_path(target)
    started = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC).isoformat()
    path.write_text(json.dumps({"pid": pid, "host": host, "started": started, "id": "x"}))
    if days_old:
        when = dt.datetime.now().timestamp() - days_old * 86400
        os.utime(path, (when, when))
    return path


def _dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def test_a_second_holder_is_refused_with_who_holds_it_and_what_to_do(tmp_path: Path) -> None:
    target = tmp_path / "east.answers.yaml"
    with held_lock(target):
        with pytest.raises(FileLocked) as caught, held_lock(target):
            pass
        message = str(caught.value)
        assert f"process {os.getpid()} on {HOST}, since " in message
        assert f"delete {tmp_path / 'east.answers.yaml.lock'}" in message
        assert "wait for that session to finish" in message and "\n" not in message
        assert caught.value.exit_code == ExitCode.USAGE == 2
    with held_lock(target):  # free again once the first let go
        pass
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("ending", [None, ValueError, KeyboardInterrupt])
def test_the_lock_goes_however_the_holder_ends(tmp_path: Path, ending: type | None) -> None:
    target = tmp_path / "east.answers.yaml"
    try:
        with held_lock(target):
            assert lock_path(target).is_file()
            if ending is not None:
                raise ending
    except (ValueError, KeyboardInterrupt):
        pass
    assert not lock_path(target).exists()


def test_the_lock_says_who_holds_it(tmp_path: Path) -> None:
    target = tmp_path / "east.answers.yaml"
    with held_lock(target):
        record = json.loads(lock_path(target).read_text(encoding="utf-8"))
    assert record["pid"] == os.getpid() and record["host"] == HOST
    assert dt.datetime.fromisoformat(record["started"]).tzinfo is not None


@posix_only
def test_a_lock_left_by_a_process_no_longer_running_is_taken_over(tmp_path: Path) -> None:
    target = tmp_path / "east.answers.yaml"
    pid = _dead_pid()
    _write_lock(target, pid=pid)
    with held_lock(target) as lock:
        assert lock.taken_over is not None
        assert f"(process {pid} on {HOST}, since 2026-11-25" in lock.taken_over
        assert lock.taken_over.endswith("is no longer running.")
        assert json.loads(lock_path(target).read_text())["pid"] == os.getpid()
    assert not list(tmp_path.iterdir())  # nothing left beside it


@posix_only
def test_a_lock_of_a_running_process_is_held_however_old(tmp_path: Path) -> None:
    target = tmp_path / "east.answers.yaml"
    _write_lock(target, pid=os.getpid(), days_old=30)  # this process, another session
    with pytest.raises(FileLocked, match=f"process {os.getpid()} on {HOST}"):
        FileLock(target).acquire()
    assert lock_path(target).is_file()


@pytest.mark.parametrize("kind", ["another host", "unreadable", "no process checks"])
def test_a_lock_that_cannot_be_checked_is_held_for_a_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """Another computer's lock, a lock that cannot be read, or any lock where processes
    cannot be asked after (Windows) counts as held until a day without a save."""
    target = tmp_path / "east.answers.yaml"

    def make(days_old: float) -> None:
        if kind == "unreadable":
            path = lock_path(target)
            path.write_bytes(b"\x00garbled")
            when = dt.datetime.now().timestamp() - days_old * 86400
            os.utime(path, (when, when))
        else:
            host = "archive-pc-2" if kind == "another host" else HOST
            _write_lock(target, pid=_dead_pid(), host=host, days_old=days_old)

    if kind == "no process checks":
        monkeypatch.setattr(lock_module, "CAN_ASK_PROCESSES", False)
    make(days_old=0.5)
    with pytest.raises(FileLocked) as caught:
        FileLock(target).acquire()
    assert str(lock_path(target)) in str(caught.value)
    make(days_old=2)
    with held_lock(target) as lock:
        assert lock.taken_over is not None and "over a day" in lock.taken_over


def test_before_a_save_the_lock_is_checked_to_be_still_ours(tmp_path: Path) -> None:
    target = tmp_path / "east.answers.yaml"
    with held_lock(target) as lock:
        lock.confirm()
        lock_path(target).unlink()  # removed by hand: made again
        lock.confirm()
        assert json.loads(lock_path(target).read_text())["pid"] == os.getpid()
        _write_lock(target, pid=4242, host="archive-pc-2")  # taken over by mistake
        with pytest.raises(FileLocked, match="process 4242 on archive-pc-2"):
            lock.confirm()
    assert lock_path(target).is_file()  # another's lock is never removed


def test_a_long_file_name_gets_a_lock_name_that_fits(tmp_path: Path) -> None:
    target = tmp_path / ("r" * 250 + ".yaml")
    with held_lock(target):
        [made] = tmp_path.iterdir()
        assert len(made.name.encode()) <= NAME_MAX and made.name.endswith(".lock")
        with pytest.raises(FileLocked, match=made.name):
            FileLock(target).acquire()


HOLDER = """
import sys
from pathlib import Path
from partnership_check.loading.lock import held_lock
with held_lock(Path(sys.argv[1])):
    print("holding", flush=True)
    sys.stdin.readline()
"""


@pytest.mark.parametrize("ends", ["normally", pytest.param("killed", marks=posix_only)])
def test_a_lock_held_by_another_process(tmp_path: Path, ends: str) -> None:
    """Refused while the other process holds it; after it ends, free, or taken over if it
    was killed before it could remove its lock."""
    target = tmp_path / "east.answers.yaml"
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline() == "holding\n"
    with pytest.raises(FileLocked, match=f"process {child.pid} on "):
        FileLock(target).acquire()
    if ends == "killed":
        child.kill()
    else:
        child.stdin.write("done\n")
    child.communicate(timeout=60)
    assert lock_path(target).exists() == (ends == "killed")
    with held_lock(target) as lock:
        if ends == "killed":
            assert lock.taken_over is not None
            assert f"process {child.pid}" in lock.taken_over
        else:
            assert lock.taken_over is None
