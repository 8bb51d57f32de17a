"""Atomic writes: a failure names the file, leaves what was there, and leaves no temp file."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_check.errors import ExitCode, WriteError
from partnership_check.loading.atomic_files import atomic_open, atomic_write


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
