"""Atomic writes: a failure names the file, leaves what was there, and leaves no temp file."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from partnership_check.errors import ExitCode, WriteError
from partnership_check.loading import atomic_files
from partnership_check.loading.atomic_files import atomic_open, atomic_write, write_temp
from partnership_check.loading.names import NAME_MAX, fitted_name


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
            with atomic_open(target) as handle:
                handle.write("a,b\n")
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
    with atomic_open(target) as handle:
        handle.write("second\n")
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
