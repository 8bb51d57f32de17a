"""Reading input files: only regular files, and a named pipe is never opened."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from partnership_check.errors import InputError
from partnership_check.loading.text_files import read_text

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="no devices or pipes by name")


@posix_only
@pytest.mark.parametrize(("name", "kind"), [("device.yaml", "a device"), ("gone.yaml", None)])
def test_a_device_or_a_link_to_nothing_is_a_clear_problem(
    tmp_path: Path, name: str, kind: str | None
) -> None:
    path = tmp_path / name
    path.symlink_to(os.devnull if kind else tmp_path / "nowhere")
    with pytest.raises(InputError) as caught:
        read_text(path)
    [problem] = caught.value.problems
    if kind:
        assert (problem.rule, problem.message.split(",")[0]) == ("file-not-regular", f"is {kind}")
    else:
        assert problem.rule == "file-missing"


@posix_only
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    """Opening a named pipe to read waits until something writes to it: for ever, here.
    In a process of its own, so that waiting fails the test instead of hanging it."""
    pipe = tmp_path / "answers.yaml"
    os.mkfifo(pipe)
    code = (
        "import sys; from pathlib import Path\n"
        "from partnership_check.errors import InputError\n"
        "from partnership_check.answers.load import load_answers\n"
        "try:\n    load_answers(Path(sys.argv[1]))\n"
        "except InputError as err:\n    print(err.problems[0].format())\n"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, str(pipe)], capture_output=True, text=True, timeout=60
        )
    except subprocess.TimeoutExpired:
        pytest.fail("still waiting on the named pipe after 60 s")
    assert done.stdout == (
        f"{pipe}: error: is a named pipe, not a regular file; give the path of a file saved"
        " on disk [file-not-regular]\n"
    )
