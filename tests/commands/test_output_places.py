"""Where outputs go: never onto an answer file, whether given on the command line or not,
never onto a device, a named pipe or a link to one, and no temp file left for ever."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from partnership_check.answers.load import may_hold_answers
from partnership_check.cli import main
from partnership_check.loading.parser import load_path

DATA = Path(__file__).parents[1] / "data"
SCORING_BANK = str(DATA / "scoring" / "bank.yaml")
MIXED = DATA / "scoring" / "mixed.yaml"
REPORT_STEM = "testshire-archives-2026-03-01"  # what MIXED's report is named
COMPARE_BANK = str(DATA / "compare" / "bank.yaml")
PARTNERS = [str(DATA / "compare" / name) for name in ("corsham.yaml", "bath.yaml")]
OLD, NEW = (str(DATA / "progress" / name) for name in ("old.yaml", "new.yaml"))

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="named pipes are POSIX")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def other_answers(path: Path, service: str = "Another Office") -> bytes:
    """Writes, at ``path``, JSON answers of another service; returns what was written."""
    data = load_path(MIXED)
    data["service"] = service
    path.write_text(json.dumps(data), encoding="utf-8")
    return path.read_bytes()


# -- finding 6: no output replaces an answer file ---------------------------------------


def test_a_report_never_replaces_answers_in_the_output_folder_not_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = other_answers(out / f"{REPORT_STEM}.json")
    code, stdout, _ = run(
        capsys,
        "score",
        "--bank",
        SCORING_BANK,
        str(MIXED),
        "--out",
        str(out),
        "--format",
        "md,json",
    )
    assert code == 0
    assert (out / f"{REPORT_STEM}.json").read_bytes() == before
    stem = f"{REPORT_STEM}-2"
    assert stdout.splitlines() == [str(out / f"{stem}{s}") for s in (".md", ".svg", ".json")]


def test_a_batch_stops_before_any_work_when_summary_json_is_someone_s_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = other_answers(out / "summary.json")
    second = tmp_path / "b.yaml"
    second.write_bytes(MIXED.read_bytes())
    code, stdout, err = run(
        capsys, "score", "--bank", SCORING_BANK, str(MIXED), str(second), "--out", str(out)
    )
    assert code == 2 and stdout == ""
    assert f"{out / 'summary.json'} is an answer file" in err and "--out" in err
    assert (out / "summary.json").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["summary.json"]


def test_an_earlier_summary_and_reports_are_replaced_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Files the tool wrote are not answers: a second run writes over them, same names."""
    second = tmp_path / "b.yaml"
    second.write_bytes(MIXED.read_bytes())
    out = tmp_path / "out"
    args = ("score", "--bank", SCORING_BANK, str(MIXED), str(second), "--out", str(out))
    assert run(capsys, *args, "--format", "md,json")[0] == 0
    names = sorted(p.name for p in out.iterdir())
    assert run(capsys, *args, "--format", "md,json")[0] == 0
    assert sorted(p.name for p in out.iterdir()) == names


@pytest.mark.parametrize("command", ["compare", "progress"])
def test_a_view_s_json_result_never_replaces_answers_not_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    before = other_answers(tmp_path / "view.json")
    inputs = PARTNERS if command == "compare" else [OLD, NEW]
    code, _, err = run(
        capsys, command, *inputs, "--bank", COMPARE_BANK, "-o", str(tmp_path / "view.md")
    )
    assert code == 2 and f"would replace the answer file {tmp_path / 'view.json'}" in err
    assert (tmp_path / "view.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["view.json"]


# -- finding 9: -o takes a regular file, a new path or -, and nothing else ---------------


def _view_args(command: str, target: str) -> list[str]:
    if command == "template":
        return ["template", "-o", target]
    inputs = PARTNERS if command == "compare" else [OLD, NEW]
    return [command, *inputs, "--bank", COMPARE_BANK, "-o", target]


def _odd_place(tmp_path: Path, what: str, held: list[int]) -> Path:
    place = tmp_path / "out.md"
    if what == "named pipe":
        os.mkfifo(place)
    elif what == "link to a device":
        place.symlink_to(os.devnull)
    elif what == "link into /proc":
        held.append(os.open(os.devnull, os.O_WRONLY))  # /proc/self/fd/N is then the device
        place.symlink_to(f"/proc/self/fd/{held[-1]}")
    else:
        place.symlink_to(tmp_path / "nowhere")
    return place


@posix_only
@pytest.mark.parametrize("command", ["template", "compare", "progress"])
@pytest.mark.parametrize(
    "what", ["named pipe", "link to a device", "link into /proc", "link to nothing"]
)
def test_o_refuses_anything_but_a_regular_file_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, what: str
) -> None:
    if what == "link into /proc" and not Path("/proc/self/fd").is_dir():
        pytest.skip("no /proc here")
    held: list[int] = []
    place = _odd_place(tmp_path, what, held)
    link = os.readlink(place) if place.is_symlink() else None
    args = _view_args(command, str(place))
    if command == "template":
        args.append("--force")  # which replaces a file that may hold answers, never a device
    try:
        code, out, err = run(capsys, *args)
    finally:
        for fd in held:
            os.close(fd)
    assert code == 2 and out == ""
    assert f"-o {place}: is a" in err and "regular file" in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]  # no .json, no schema
    if link is None:
        assert place.is_fifo()
    else:
        assert os.readlink(place) == link


@posix_only
def test_o_refuses_a_named_pipe_where_the_json_result_would_go(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(tmp_path / "view.json")
    code, _, err = run(capsys, *_view_args("compare", str(tmp_path / "view.md")))
    assert code == 2 and f"{tmp_path / 'view.json'}: is a named pipe" in err
    assert (tmp_path / "view.json").is_fifo() and not (tmp_path / "view.md").exists()


@pytest.mark.parametrize("command", ["template", "compare", "progress"])
def test_o_dash_is_standard_output(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, *_view_args(command, "-"))
    assert code == 0 and out.startswith("#")
    assert list(tmp_path.iterdir()) == []


# -- finding 11: temp files of a killed run are cleared by the next ------------------------


@posix_only
def test_temp_files_of_a_killed_batch_are_removed_by_the_next_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    body = MIXED.read_text(encoding="utf-8")
    for index in range(400):
        (folder / f"{index:04d}.yaml").write_text(body.replace("Testshire", f"Town {index}"))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "partnership_check", "score", "--bank", SCORING_BANK]
    killed = subprocess.Popen(
        [*command, str(folder), "--out", str(out), "-j", "2"], start_new_session=True
    )
    deadline = time.monotonic() + 60
    while not list(out.glob("*.md")) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(killed.pid, signal.SIGKILL)  # the run and its workers, all at once
    killed.wait(timeout=60)
    left = [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    assert left, "the kill left nothing to clear"  # the batch's summary rows, at least
    done = subprocess.run(
        [*command, str(MIXED), "--out", str(out)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert f"Removed {len(left)} temporary file" in done.stderr and str(out) in done.stderr
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("name", "text", "held"),
    [
        ("a.json", '{"bank": "b", "bank_version": "1", "answers": {}}', True),
        ("a.json", '{"\\u0062ank": "b", "bank_version": "1", "answers": {}}', True),  # escaped
        ("a.json", '{"bank": "b", "answers": {"willing.aims": ', True),  # half typed
        ("a.yaml", "bank: b\nbank_version: '1'\nanswers:\n", True),
        ("a.json", '{"service": "East", "bank_id": "b", "sections": []}', False),  # a report
        ("a.json", '{"bank": "b", "note": "no answers key"}', False),
        ("a.md", "bank: b\nanswers:\n", False),  # no output is read as answers
    ],
)
def test_what_counts_as_someone_s_answers(tmp_path: Path, name: str, text: str, held: bool) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert may_hold_answers(path) is held
    assert may_hold_answers(tmp_path / "missing.json") is False


@posix_only
def test_a_named_pipe_named_like_a_summary_stops_a_batch_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "summary.csv")
    second = tmp_path / "b.yaml"
    second.write_bytes(MIXED.read_bytes())
    code, stdout, err = run(
        capsys, "score", "--bank", SCORING_BANK, str(MIXED), str(second), "--out", str(out)
    )
    assert (code, stdout) == (2, "")
    assert f"{out / 'summary.csv'}: is a named pipe, and the batch summary" in err
    assert (out / "summary.csv").is_fifo() and len(list(out.iterdir())) == 1


@posix_only
def test_a_report_whose_name_is_a_named_pipe_takes_the_next_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / f"{REPORT_STEM}.md")
    code, stdout, _ = run(capsys, "score", "--bank", SCORING_BANK, str(MIXED), "--out", str(out))
    assert code == 0 and stdout.splitlines()[0] == str(out / f"{REPORT_STEM}-2.md")
    assert (out / f"{REPORT_STEM}.md").is_fifo()
