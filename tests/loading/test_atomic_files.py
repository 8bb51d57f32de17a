"""Atomic writes: a failure names the file, leaves what was there, and leaves no temp file;
new files never written through a link; temp files of stopped runs cleared."""

from __future__ import annotations

import errno
import itertools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from partnership_check.errors import ExitCode, WriteError
from partnership_check.loading import atomic_files
from partnership_check.loading.atomic_files import (
    atomic_write,
    atomic_write_all,
    remove_stale_temps,
    write_new,
    write_temp,
)
from partnership_check.loading.names import NAME_MAX, fitted_name

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


# A name of 255 bytes is legal on common file systems; a temp name made by adding to it is
# not, unless it is cut to fit.
LONG_NAMES = ["a" * 251 + ".md", "é" * 125 + ".yaml", "r" * 232 + ".answers.yaml"]


def _fits(name: str) -> bool:
    return len(name.encode("utf-8")) <= NAME_MAX


@pytest.mark.parametrize("name", LONG_NAMES)
def test_a_file_with_a_long_name_is_written_atomically(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    atomic_write(target, "first\n", durable=True)
    atomic_write_all([(target, "utf-8", ["second\n"])])
    assert target.read_text(encoding="utf-8") == "second\n"
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.mark.parametrize("name", LONG_NAMES)
def test_temp_names_fit_and_keep_their_prefix_suffix_and_tag(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    first = write_temp(target, "x", tag="run7")
    second = write_temp(target, "y", tag="run7")
    assert first != second
    for tmp in (first, second):
        assert _fits(tmp.name)
        assert tmp.name.startswith("." + name[:50]) and tmp.name.endswith(".tmp")
        assert f".run7-{os.getpid()}." in tmp.name  # how score finds its own temp files


def test_a_temp_name_already_taken_gets_another_that_fits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic_files, "_TEMP_COUNTER", itertools.repeat(0))
    target = tmp_path / LONG_NAMES[0]
    left = write_temp(target, "left by a crashed run")
    atomic_write(target, "text\n")
    assert target.read_text(encoding="utf-8") == "text\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([left.name, target.name])
    again = write_temp(target, "z")
    assert again != left and _fits(again.name) and again.name.endswith(".tmp")


def test_fitted_names_stay_apart_and_short_ones_are_unchanged() -> None:
    assert fitted_name(".", "report.md", ".1.tmp") == ".report.md.1.tmp"
    one = fitted_name("", "x" * 250 + "-east.yaml", ".lock")
    other = fitted_name("", "x" * 250 + "-west.yaml", ".lock")
    assert one != other and _fits(one) and _fits(other)
    assert one.startswith("x" * 200) and one.endswith(".lock")
    assert fitted_name("", "x" * 250 + "-east.yaml", ".lock") == one  # the same every time
    assert _fits(fitted_name(".", "€" * 100, ".tmp"))  # cut between characters


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
