"""The score command: paths, formats, names, bad files among good ones, exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from partnership_check.cli import main

DATA = Path(__file__).parent / "data" / "scoring"
BANK = str(DATA / "bank.yaml")
MIXED = DATA / "mixed.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["score", "--bank", BANK, *args])
    out, err = capsys.readouterr()
    return code, out, err


def answer_file(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(
        'bank: scoring-test\nbank_version: "1.0"\nservice: Testshire Archives\n' + body,
        encoding="utf-8",
    )
    return path


def test_writes_report_and_prints_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code, stdout, err = run(capsys, str(MIXED), "--out", str(out), "--format", "md,json")
    assert (code, err) == (0, "")
    names = ["testshire-archives-2026-03-01" + s for s in (".md", ".svg", ".json")]
    assert stdout.splitlines() == [str(out / n) for n in names]
    first = {n: (out / n).read_bytes() for n in names}
    run(capsys, str(MIXED), "--out", str(out), "--format", "md,json")
    assert {n: (out / n).read_bytes() for n in names} == first


def test_same_name_twice_does_not_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    second = tmp_path / "copy.yaml"
    shutil.copy(MIXED, second)
    code, stdout, _ = run(capsys, str(MIXED), str(second), "--out", str(tmp_path / "o"), "-q")
    assert code == 0 and stdout == ""
    assert sorted(p.name for p in (tmp_path / "o").glob("*.md")) == [
        "testshire-archives-2026-03-01-2.md",
        "testshire-archives-2026-03-01.md",
    ]


BAD = {
    "unknown-question.yaml": (
        "answers:\n  willing.nope: fully\n",
        ":5:17: error: willing.nope: no such question",
    ),
    "unknown-choice.yaml": ("answers:\n  willing.aims: maybe\n", "[answers-bad-choice]"),
    "multi-for-single.yaml": (
        "answers:\n  willing.aims: [fully, partial]\n",
        "only one choice may be given",
    ),
    "bad-date.yaml": ("assessed_on: 2026-02-31\nanswers: {}\n", ":4:"),
    "huge-note.yaml": (
        "answers:\n  willing.aims:\n    answer: fully\n    note: " + "x" * 1_000_000 + "\n",
        "[answers-note-too-long]",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_reported_and_others_still_scored(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body, expected = BAD[name]
    bad = answer_file(tmp_path, name, body)
    out = tmp_path / "out"
    code, stdout, err = run(capsys, str(bad), str(MIXED), "--out", str(out))
    assert code == 1
    assert err.startswith(f"{bad}:") and expected in err and "Traceback" not in err
    assert stdout.splitlines()[0].endswith("testshire-archives-2026-03-01.md")
    assert sorted(p.name for p in out.iterdir()) == [
        "testshire-archives-2026-03-01.md",
        "testshire-archives-2026-03-01.svg",
    ]
    assert main(["score", "--bank", BANK, str(bad), "--out", str(out), "--fail-on", "none"]) == 0


def test_wrong_bank_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "other.yaml"
    path.write_text('bank: another\nbank_version: "1"\nanswers: {}\n', encoding="utf-8")
    code, _, err = run(capsys, str(path), "--out", str(tmp_path))
    assert code == 1 and f"{path}:1:7: error:" in err and "[answers-wrong-bank]" in err


def test_hostile_service_name_stays_in_out_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        'bank: scoring-test\nbank_version: "1.0"\nservice: "../../x\\x07"\nanswers: {}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, stdout, _ = run(capsys, str(path), "--out", str(out))
    assert code == 0
    assert stdout.splitlines()[0] == str(out / "x-undated.md")


def test_incomplete_fails_only_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = answer_file(tmp_path, "a.yaml", "answers: {}\n")
    assert run(capsys, str(path), "--out", str(tmp_path / "o"))[0] == 0
    assert run(capsys, str(path), "--out", str(tmp_path / "o"), "--fail-on", "incomplete")[0] == 1


def test_folders_and_globs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("b.yaml", "a.yml"):
        answer_file(folder, name, "answers: {}\n")
    (folder / "notes.txt").write_text("not an answer file")
    code, stdout, _ = run(capsys, str(folder), "--out", str(tmp_path / "o"))
    assert code == 0 and len(stdout.splitlines()) == 4
    code, stdout, _ = run(capsys, str(folder / "*.yml"), "--out", str(tmp_path / "g"))
    assert code == 0 and len(stdout.splitlines()) == 2


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "pdf"],
        ["--format", ""],
        ["--fail-on", "sometimes"],
        ["--template", "missing.j2"],
    ],
)
def test_usage_errors(args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(MIXED), "--out", str(tmp_path), *args)
    assert code == 2 and err and "Traceback" not in err
    assert not list(tmp_path.iterdir())


def test_missing_file_and_unwritable_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, str(tmp_path / "nope.yaml"), "--out", str(tmp_path))[0] == 2
    blocker = tmp_path / "file"
    blocker.write_text("")
    code, _, err = run(capsys, str(MIXED), "--out", str(blocker / "sub"))
    assert code == 2 and "--out" in err
