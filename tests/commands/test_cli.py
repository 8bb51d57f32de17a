"""The command line as a user meets it: version, help, one-line usage errors, cheap start-up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from partnership_check import __version__
from partnership_check.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"partnership-check {__version__}\n"


def test_help_lists_commands_by_user_with_assess_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    listed = [line.split()[0] for line in out.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == ["assess", "template", "score", "compare", "progress", "validate", "schema"]


@pytest.mark.parametrize(
    "command", ["assess", "template", "score", "compare", "progress", "validate", "schema"]
)
def test_every_command_has_help_with_examples(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "Examples:" in out and f"partnership-check {command}" in out


@pytest.mark.parametrize(
    "args",
    [
        ["nope"],
        ["score"],
        ["compare", "--bogus"],
        ["validate", "--format", "xml"],
        ["score", "x.yaml", "--jobs", "0"],
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert "Value error" not in captured.err


def test_version_and_help_import_no_prompts_templates_or_bank() -> None:
    probe = (
        "import sys\n"
        "from partnership_check.cli import main\n"
        "for args in (['--version'], ['--help'], ['score', '--help']):\n"
        "    main(args)\n"
        "heavy = [m for m in ('questionary', 'jinja2', 'yaml') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert "HEAVY []" in result.stdout


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "partnership_check", "--version"], capture_output=True, text=True
    )
    assert (result.returncode, result.stdout) == (0, f"partnership-check {__version__}\n")


def test_assess_with_stdout_not_a_terminal_asks_plainly_and_resumes_plainly(tmp_path: Path) -> None:
    """stdin a terminal, stdout a pipe: plain numbered prompts, and the command printed to
    carry on keeps --plain, so that the file is resumed the same way."""
    parent, child = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "partnership_check", "assess", "--out", str(tmp_path)],
        stdin=child,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    os.close(child)
    try:
        assert process.stdout is not None
        os.write(parent, b"Plain Archives\n\n")  # the name; Enter skips who is completing it
        for line in process.stdout:  # the plain prompter numbers the choices
            if line.startswith("  1. "):
                break
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    finally:
        os.close(parent)
    assert process.returncode == 130
    assert "partnership-check assess --resume" in err and err.rstrip().endswith("--plain")


DATA = Path(__file__).parents[1] / "data"
GOOD = DATA / "scoring" / "mixed.yaml"
SCORING_BANK = DATA / "scoring" / "bank.yaml"


def _batch(folder: Path) -> list[str]:
    """A batch of a good answer file and a bad one, so there is something for each stream."""
    folder.mkdir()
    (folder / "good.yaml").write_bytes(GOOD.read_bytes())
    (folder / "bad.yaml").write_text("bank: [\n", encoding="utf-8")
    return ["score", str(folder), "--bank", str(SCORING_BANK), "-j", "1"]


@pytest.mark.parametrize("closed", [(1,), (2,), (1, 2)], ids=[">&-", "2>&-", ">&- 2>&-"])
def test_closed_standard_streams_change_nothing_written_or_the_exit_code(
    closed: tuple[int, ...], tmp_path: Path
) -> None:
    args = _batch(tmp_path / "in")
    out = tmp_path / "out"

    def close_streams() -> None:
        for descriptor in closed:
            os.close(descriptor)

    process = subprocess.run(
        [sys.executable, "-m", "partnership_check", *args, "--out", str(out)],
        preexec_fn=close_streams,
        stdout=None if 1 in closed else subprocess.PIPE,
        stderr=None if 2 in closed else subprocess.PIPE,
        timeout=60,
    )
    assert process.returncode == 1  # the bad file, as with both streams open
    for captured in (process.stdout, process.stderr):
        assert b"internal error" not in (captured or b"") and b"Traceback" not in (captured or b"")
    assert sorted(p.name for p in out.iterdir()) == [
        "summary.csv",
        "summary.json",
        "summary.md",
        "testshire-archives-2026-03-01.md",
        "testshire-archives-2026-03-01.svg",
    ]


def _to_a_pipe_nobody_reads(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    """Runs the command with stdout and stderr going to a pipe whose reader has gone (as
    ``2>&1 | head -1`` once head has ended): every write to them fails."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run(
            [sys.executable, "-m", "partnership_check", *args],
            stdout=writer,
            stderr=writer,
            timeout=60,
        )
    finally:
        os.close(writer)


def test_a_reader_gone_away_stops_neither_the_work_nor_changes_the_exit_code(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    process = _to_a_pipe_nobody_reads([*_batch(tmp_path / "in"), "--out", str(out)])
    assert process.returncode == 1  # the bad file, as with a reader
    assert len(list(out.iterdir())) == 5 and (out / "summary.json").stat().st_size > 0
    assert _to_a_pipe_nobody_reads(["validate", str(SCORING_BANK)]).returncode == 0
    assert _to_a_pipe_nobody_reads(["--version"]).returncode == 0
