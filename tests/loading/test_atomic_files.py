"""Atomic writes: a failure names the file, leaves what was there, and leaves no temp file;
new files never written through a link; temp files of stopped runs cleared."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from partnership_check.errors import ExitCode, WriteError
from partnership_check.loading.atomic_files import (
    atomic_write,
    atomic_write_all,
    remove_stale_temps,
    write_new,
)

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="links and process ids are POSIX")


def test_atomic_write_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "report.md"
    atomic_write(target, "first\n")
    atomic_write(target, "second\n", durable=True)
    assert target.read_text(encoding="utf-8") == "second\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.md"]


def test_a_write_that_cannot_be_done_names_the_file(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(WriteError) as caught:
        atomic_write(blocker / "report.md", "text\n")
    assert str(blocker / "report.md") in str(caught.value)
    assert caught.value.exit_code == ExitCode.WRITE_FAILED == 4


@pytest.mark.parametrize("pieces", [False, True])
def test_a_failed_rename_keeps_what_was_there_and_no_temp_file(
    tmp_path: Path, pieces: bool
) -> None:
    target = tmp_path / "summary.csv"
    target.mkdir()  # a folder where the file should go: the rename fails
    (target / "kept").write_text("kept", encoding="utf-8")
    with pytest.raises(WriteError, match=r"summary\.csv: could not write"):
        if pieces:
            atomic_write_all([(target, "utf-8", ["a,b\n"])])
        else:
            atomic_write(target, "a,b\n")
    assert (target / "kept").read_text(encoding="utf-8") == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.csv"]


def test_files_written_together_are_replaced_together_or_not_at_all(tmp_path: Path) -> None:
    first, second = tmp_path / "summary.md", tmp_path / "summary.csv"
    atomic_write_all([(first, "utf-8", ["old md\n"]), (second, "utf-8", ["old csv\n"])])

    def full_disk() -> Iterator[str]:
        yield "new csv\n"
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(WriteError, match=r"summary\.csv: could not write \(No space left"):
        atomic_write_all([(first, "utf-8", ["new md\n"]), (second, "utf-8", full_disk())])
    assert first.read_text(encoding="utf-8") == "old md\n"
    assert second.read_text(encoding="utf-8") == "old csv\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.csv", "summary.md"]


@posix_only
def test_a_new_file_is_never_written_through_a_link(tmp_path: Path) -> None:
    link = tmp_path / "copy.bak"
    link.symlink_to(tmp_path / "elsewhere")
    assert write_new(link, b"data") is False
    assert not (tmp_path / "elsewhere").exists()
    assert write_new(tmp_path / "new.bak", b"data") is True
    assert (tmp_path / "new.bak").read_bytes() == b"data"


@posix_only
def test_only_temp_files_of_runs_that_stopped_are_removed(tmp_path: Path) -> None:
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    gone, alive = int(finished.stdout), os.getpid()
    names = [
        f".x.md.pc{gone}.0.tmp",  # a report of a run that was killed
        f".x.md.pc{gone}-{gone + 1}.3.tmp",  # one of its workers'
        f".summary-rows.pc{gone}.k2x_9a.tmp",  # its summary rows
        f".summary-rows.pc{gone}.tmp",  # as an earlier version named them
        f".x.md.pc{alive}.0.tmp",  # this run's own
        f".x.md.{gone}.0.tmp",  # not named as ours: left alone
        "notes.tmp",
    ]
    for name in names:
        (tmp_path / name).write_text("", encoding="utf-8")
    assert remove_stale_temps(tmp_path) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[4:])
    assert remove_stale_temps(tmp_path / "no-such-folder") == 0
