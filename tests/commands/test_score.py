"""The score command: paths, formats, names, bad files among good ones, exit codes."""

from __future__ import annotations

import csv
import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from partnership_check.cli import main

DATA = Path(__file__).parents[1] / "data" / "scoring"
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


def test_html_is_one_page_with_the_chart_inside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code, stdout, err = run(capsys, str(MIXED), "--out", str(out), "--format", "html")
    assert (code, err) == (0, "")
    page = out / "testshire-archives-2026-03-01.html"
    assert stdout.splitlines() == [str(page)]
    assert sorted(p.name for p in out.iterdir()) == [page.name]
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<svg" in text and ".svg" not in text
    first = page.read_bytes()
    run(capsys, str(MIXED), "--out", str(out), "--format", "html")
    assert page.read_bytes() == first  # byte-identical across runs


def test_only_an_html_report_loads_the_markdown_parser(tmp_path: Path) -> None:
    """A Markdown report needs no HTML page maker; loading it would cost every run."""
    probe = (
        "import sys\n"
        "from partnership_check.cli import main\n"
        f"args = ['score', '--bank', {BANK!r}, {str(MIXED)!r}, '--out', {str(tmp_path)!r}]\n"
        "args += ['-q', '--format']\n"
        "assert main([*args, sys.argv[1]]) == 0\n"
        "print('LOADED', 'markdown_it' in sys.modules)\n"
    )
    loaded = {
        fmt: subprocess.run(
            [sys.executable, "-c", probe, fmt], capture_output=True, text=True, check=True
        ).stdout.split()[-1]
        for fmt in ("md,json", "html")
    }
    assert loaded == {"md,json": "False", "html": "True"}


def test_only_a_batch_with_workers_loads_multiprocessing(tmp_path: Path) -> None:
    """One file is scored in the process itself; starting workers' machinery would cost the
    commonest run for nothing. Two files with --jobs 2 do use workers."""
    second = tmp_path / "copy.yaml"
    shutil.copy(MIXED, second)
    probe = (
        "import sys\n"
        "from partnership_check.cli import main\n"
        f"args = ['score', '--bank', {BANK!r}, '--out', {str(tmp_path / 'o')!r}, '-q']\n"
        "assert main([*args, '--jobs', '2', *sys.argv[1:]]) == 0\n"
        "print('LOADED', 'multiprocessing' in sys.modules)\n"
    )
    loaded = {
        len(files): subprocess.run(
            [sys.executable, "-c", probe, *files], capture_output=True, text=True, check=True
        ).stdout.split()[-1]
        for files in ([str(MIXED)], [str(MIXED), str(second)])
    }
    assert loaded == {1: "False", 2: "True"}


def test_a_batch_of_html_reports_names_them_in_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    second = tmp_path / "copy.yaml"
    shutil.copy(MIXED, second)
    out = tmp_path / "o"
    assert run(capsys, str(MIXED), str(second), "--out", str(out), "--format", "html", "-q")[0] == 0
    rows = json.loads((out / "summary.json").read_text(encoding="utf-8"))["rows"]
    assert sorted(row["report"] for row in rows) == [
        "testshire-archives-2026-03-01-2.html",
        "testshire-archives-2026-03-01.html",
    ]
    assert all((out / row["report"]).is_file() for row in rows)


def test_an_unknown_format_names_the_ones_there_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, str(MIXED), "--out", str(tmp_path), "--format", "md,pdf")
    assert code == 2
    assert "'pdf' is not a report format; use md, json or html" in err


def test_same_name_twice_does_not_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    second = tmp_path / "copy.yaml"
    shutil.copy(MIXED, second)
    out = tmp_path / "o"
    code, stdout, _ = run(capsys, str(MIXED), str(second), "--out", str(out), "-q")
    assert code == 0 and stdout.startswith("Scored 2 of 2 answer files.")
    assert sorted(p.name for p in out.glob("*.md")) == [
        "summary.md",
        "testshire-archives-2026-03-01-2.md",
        "testshire-archives-2026-03-01.md",
    ]
    renamed = (out / "testshire-archives-2026-03-01-2.md").read_text(encoding="utf-8")
    assert "](testshire-archives-2026-03-01-2.svg)" in renamed
    assert (out / "testshire-archives-2026-03-01-2.svg").is_file()


# Problems of the file as a whole: nothing in it can be scored.
BAD = {
    "bad-date.yaml": ("assessed_on: 2026-02-31\nanswers: {}\n", ":4:"),
    "wrong-bank.yaml": ("answers: {}\n", "[answers-wrong-bank]"),
    "answers-a-list.yaml": ("answers: [fully]\n", "[schema]"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_reported_and_others_still_scored(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body, expected = BAD[name]
    bad = answer_file(tmp_path, name, body)
    if name == "wrong-bank.yaml":
        bad.write_text(bad.read_text(encoding="utf-8").replace("scoring-test", "other-bank"))
    out = tmp_path / "out"
    code, stdout, err = run(capsys, str(bad), str(MIXED), "--out", str(out))
    assert code == 1
    assert err.startswith(f"{bad}:") and expected in err and "Traceback" not in err
    assert stdout.splitlines()[0] == (
        "Scored 1 of 2 answer files, 1 could not be scored (listed above and in the summary)."
    )
    assert sorted(p.name for p in out.iterdir()) == [
        "summary.csv",
        "summary.json",
        "summary.md",
        "testshire-archives-2026-03-01.md",
        "testshire-archives-2026-03-01.svg",
    ]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [f["source"] for f in summary["could_not_be_scored"]] == [str(bad)]
    assert [r["source"] for r in summary["rows"]] == [str(MIXED)]
    assert main(["score", "--bank", BANK, str(bad), "--out", str(out), "--fail-on", "none"]) == 0


# Problems of one answer: only its question is left unanswered, the rest is scored.
UNREAD = {
    "unknown-question.yaml": (
        "  willing.nope: fully\n",
        ":7:17: error: willing.nope: no such question",
        "unknown-question",
    ),
    "unknown-choice.yaml": (
        "  willing.aims: maybe\n",
        ":7:17: error: willing.aims: unknown choice 'maybe'",
        "unknown-choice",
    ),
    "multi-for-single.yaml": (
        "  willing.aims: [fully, partial]\n",
        "only one choice may be given",
        "one-choice-only",
    ),
    "two-in-one-text.yaml": (
        "  willing.aims: Fully, Partly\n",
        "only one choice may be given",
        "one-choice-only",
    ),
    "huge-note.yaml": (
        "  willing.aims:\n    answer: fully\n    note: " + "x" * 1_000_000 + "\n",
        "[answers-note-too-long]",
        "note-too-long",
    ),
}


@pytest.mark.parametrize("name", sorted(UNREAD))
def test_an_answer_that_cannot_be_read_leaves_only_its_question_unanswered(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line, expected, reason = UNREAD[name]
    body = "assessed_on: 2026-03-01\nanswers:\n  willing.motivation: largely\n" + line
    bad = answer_file(tmp_path, name, body)
    out = tmp_path / "out"
    code, stdout, err = run(capsys, str(bad), str(MIXED), "--out", str(out), "--format", "md,json")
    assert code == 1
    assert err.startswith(f"{bad}:") and expected in err and "Traceback" not in err
    assert stdout.splitlines()[0] == (
        "Scored 2 of 2 answer files, 1 incomplete, 1 with answers that could not be read, their"
        " questions left unanswered (listed above and in the summary)."
    )
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["could_not_be_scored"] == [] and summary["with_problems"] == 1
    [row] = [r for r in summary["rows"] if r["source"] == str(bad)]
    assert [p["reason"] for p in row["problems"]] == [reason]
    report = json.loads((out / row["report"].replace(".md", ".json")).read_text(encoding="utf-8"))
    statuses = {q["qid"]: q["status"] for s in report["sections"] for q in s["questions"]}
    assert (statuses["willing.motivation"], statuses["willing.aims"]) == ("answered", "unanswered")
    assert "## Problems in the answer file" in (out / row["report"]).read_text(encoding="utf-8")
    assert main(["score", "--bank", BANK, str(bad), "--out", str(out), "--fail-on", "none"]) == 0


def test_a_file_with_wrong_keys_still_has_its_answers_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One run lists everything to fix, in file order, not the keys first and the answers
    only once the keys are right."""
    bad = answer_file(
        tmp_path,
        "several.yaml",
        "assessed_on: 25/11/26\nasessor: Sam\nanswers:\n  willing.aims: maybe\n"
        "  willing.nope: fully\n  willing.partners: [1, 2]\n",
    )
    code, _, err = run(capsys, str(bad), "--out", str(tmp_path / "out"))
    assert code == 1
    lines = err.splitlines()
    assert [line.split(": error: ")[0] for line in lines] == [
        f"{bad}:4:14",
        f"{bad}:5:1",
        f"{bad}:7:17",
        f"{bad}:8:17",
        f"{bad}:9:21",
    ]
    assert "assessed_on:" in lines[0] and "asessor: unknown key" in lines[1]
    assert "willing.aims: unknown choice 'maybe'" in lines[2]
    assert "willing.nope: no such question" in lines[3]
    assert "willing.partners" in lines[4]  # a list of numbers: wrong in itself


def test_mistakes_in_a_hand_filled_file_get_one_plain_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = answer_file(
        tmp_path,
        "typos.yaml",
        "assessed_on: 2026/11/25\nanswers:\n  willing.aims:\n    answer: fully\n"
        "    nte: minutes of the May meeting\n  willing.motivaton: fuly\n"
        "  willing.motivation: fuly\n",
    )
    code, _, err = run(capsys, str(bad), "--out", str(tmp_path / "out"))
    assert code == 1
    assert err.splitlines() == [
        f"{bad}:4:14: error: assessed_on: not a date; write it as DD/MM/YYYY or YYYY-MM-DD, for"
        " example 25/11/2026 or 2026-11-25 [schema]",
        # Not also "should be a valid string" and "a valid list": the long form was used.
        f"{bad}:8:5: error: answers.willing.aims.nte: unknown key; did you mean 'note'? [schema]",
        f"{bad}:9:22: error: willing.motivaton: no such question in the bank (did you mean "
        "'willing.motivation'?) [answers-unknown-question]",
        f"{bad}:10:23: error: willing.motivation: unknown choice 'fuly' (did you mean 'fully'?);"
        " allowed: none, partial, largely, fully, dont-know, n-a [answers-bad-choice]",
    ]


def test_thousands_of_mistakes_in_one_file_are_each_reported_at_their_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Unknown keys of the file, unknown questions, unknown keys of an answer: 3,000 of
    them, each on its own line of stderr at the line and column of the key or answer."""
    lines = ["bank: scoring-test", 'bank_version: "1.0"', "service: Testshire Archives"]
    expected: list[tuple[int, int, str]] = []
    for index in range(1_000):
        lines.append(f"asessor{index}: someone")
        expected.append((len(lines), 1, f"asessor{index}: unknown key"))
    lines.append("answers:")
    for index in range(1_000):
        lines.append(f"  zz{index}.q: fully")
        expected.append((len(lines), 9 + len(str(index)), f"zz{index}.q: no such question"))
        lines += [f"  willing.aims{index}:", "    answer: fully", "    nte: the minutes"]
        expected.append((len(lines), 5, f"answers.willing.aims{index}.nte: unknown key"))
    bad = tmp_path / "many.yaml"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run(capsys, str(bad), "--out", str(tmp_path / "out"))
    assert code == 1
    reported = [line.split(": ", 2) for line in err.splitlines() if ": error: " in line]
    assert len(reported) == len(expected) == 3_000
    for (place, _severity, message), (line, column, start) in zip(reported, expected, strict=True):
        assert place == f"{bad}:{line}:{column}"
        assert message.startswith(start), message


def test_a_file_naming_no_bank_version_is_not_checked_further(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "noversion.yaml"
    bad.write_text("bank: scoring-test\nanswers:\n  willing.aims: maybe\n", encoding="utf-8")
    code, _, err = run(capsys, str(bad), "--out", str(tmp_path / "out"))
    assert code == 1
    assert err.splitlines() == [f"{bad}:1:1: error: bank_version: required key is missing [schema]"]


def test_a_json_answer_file_among_the_reports_is_never_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Answers saved as JSON under the very name a report would take keep their place; the
    report takes the next name, and its chart link follows."""
    from partnership_check.loading.parser import load_path

    answers = tmp_path / "testshire-archives-2026-03-01.json"
    answers.write_text(json.dumps(load_path(MIXED)), encoding="utf-8")
    before = answers.read_bytes()
    code, stdout, _ = run(capsys, str(answers), "--out", str(tmp_path), "--format", "md,json")
    assert code == 0 and answers.read_bytes() == before
    stem = "testshire-archives-2026-03-01-2"
    assert stdout.splitlines() == [str(tmp_path / f"{stem}{s}") for s in (".md", ".svg", ".json")]
    assert f"]({stem}.svg)" in (tmp_path / f"{stem}.md").read_text(encoding="utf-8")
    assert json.loads((tmp_path / f"{stem}.json").read_text(encoding="utf-8"))["service"]


def test_answers_named_summary_json_in_the_output_folder_stop_the_batch_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from partnership_check.loading.parser import load_path

    answers = tmp_path / "summary.json"
    answers.write_text(json.dumps(load_path(MIXED)), encoding="utf-8")
    before = answers.read_bytes()
    code, _, err = run(capsys, str(answers), str(MIXED), "--out", str(tmp_path))
    assert code == 2 and "choose another folder with --out" in err
    assert answers.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.json"]


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
        answer_file(folder, name, "answers:\n  willing.aims: fully\n")
    (folder / "notes.txt").write_text("not an answer file")
    code, stdout, _ = run(capsys, str(folder), "--out", str(tmp_path / "o"))
    assert code == 0 and stdout.startswith("Scored 2 of 2 answer files, 2 incomplete.")
    code, stdout, _ = run(capsys, str(folder / "*.yml"), "--out", str(tmp_path / "g"))
    assert code == 0 and stdout.startswith("Scored 1 of 1 answer files, 1 incomplete.")


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


def test_summary_rows_sorted_by_service_with_sections_and_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    body = MIXED.read_text(encoding="utf-8")
    (folder / "1.yaml").write_text(body.replace("Testshire Archives", "Zed Archive"))
    (folder / "2.yaml").write_text(body.replace("Testshire Archives", "alpha | Record `Office`"))
    (folder / "3.yaml").write_text("bank: scoring-test\nbank_version: [\n")
    (folder / "answers.schema.json").write_text("{}")  # a schema beside the files is passed over
    out = tmp_path / "out"
    code, _, err = run(capsys, str(folder), "--out", str(out))
    assert code == 1 and err.startswith(f"{folder / '3.yaml'}:")
    rows = list(csv.DictReader((out / "summary.csv").open(encoding="utf-8-sig")))
    assert [(r["service"], r["status"]) for r in rows] == [
        ("alpha | Record `Office`", "scored"),
        ("Zed Archive", "scored"),
        ("", "could-not-be-scored"),
    ]
    assert rows[0]["overall"] == "61.8" and rows[0]["resources"] == "16.7"
    assert rows[0]["top_gap"] == "resources.time" and rows[0]["band"] == "Developing"
    markdown = (out / "summary.md").read_text(encoding="utf-8")
    assert "alpha \\| Record \\`Office\\`" in markdown
    assert "## Could not be scored" in markdown and "3.yaml" in markdown
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["files"], summary["scored"], summary["failed"]) == (3, 2, 1)


def test_jobs_output_is_identical_to_a_single_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    body = MIXED.read_text(encoding="utf-8")
    for index in range(12):
        name = "Same Name" if index % 4 == 0 else f"Service {index}"
        (folder / f"{index:02d}.yaml").write_text(body.replace("Testshire Archives", name))
    (folder / "99.yaml").write_text("not: [valid\n")
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        args = (str(folder), "--out", str(out), "-j", jobs, "--format", "md,json")
        assert run(capsys, *args)[0] == 1
        outputs[jobs] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert outputs["1"] == outputs["2"]
    assert "same-name-2026-03-01-3.md" in outputs["1"]


def test_never_more_worker_processes_than_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing.context

    started: list[int] = []
    real_pool = multiprocessing.context.BaseContext.Pool

    def pool(self: object, processes: int, *args: object, **kwargs: object) -> object:
        started.append(processes)
        return real_pool(self, processes, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(multiprocessing.context.BaseContext, "Pool", pool)
    second = tmp_path / "b.yaml"
    shutil.copy(MIXED, second)
    code, _, _ = run(capsys, str(MIXED), str(second), "--out", str(tmp_path / "o"), "-j", "32")
    assert code == 0 and started == [2]


def test_reports_from_an_earlier_run_are_not_read_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(MIXED, folder / "a.yaml")
    out = folder
    for _ in range(2):
        assert run(capsys, str(folder), "--out", str(out), "--format", "md,json")[0] == 0
    assert sorted(p.name for p in out.glob("*.json")) == [
        "summary.json",
        "testshire-archives-2026-03-01.json",
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_keeps_complete_reports_and_a_summary(tmp_path: Path, jobs: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    body = MIXED.read_text(encoding="utf-8")
    for index in range(3000):
        (folder / f"{index:04d}.yaml").write_text(body.replace("Testshire", f"Town {index}"))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "partnership_check", "score", "--bank", BANK, str(folder)]
    process = subprocess.Popen(
        [*command, "--out", str(out), "-j", jobs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while not list(out.glob("*.md")) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "every report written is complete" in stderr and "Traceback" not in stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["interrupted"] is True and 0 < summary["scored"] < 3000
    reports = sorted(out.glob("town-*.md"))
    assert len(reports) == summary["scored"]
    assert all(r.read_text(encoding="utf-8").endswith("\n") for r in reports)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temp files left


def test_summary_of_a_batch_where_nothing_scored_is_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.yaml", "b.yaml"):
        (folder / name).write_text("bank: [\n", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, _ = run(capsys, str(folder), "--out", str(out))
    assert code == 1 and stdout.startswith("Scored 0 of 2 answer files, 2 could not be scored")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["rows"] == [] and len(summary["could_not_be_scored"]) == 2
    rows = list(csv.DictReader((out / "summary.csv").open(encoding="utf-8-sig")))
    assert [(r["status"], r["source"]) for r in rows] == [
        ("could-not-be-scored", str(folder / "a.yaml")),
        ("could-not-be-scored", str(folder / "b.yaml")),
    ]
    assert sorted(p.name for p in out.iterdir()) == ["summary.csv", "summary.json", "summary.md"]


# -- what score creates and reads: links, named pipes, a full disk --------------------------

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="named pipes and links are POSIX")


def _cli(*args: str, limit_file_size: int | None = None) -> subprocess.CompletedProcess[str]:
    """The command in its own process: a test of what would wait for ever fails, not hangs.
    ``limit_file_size`` caps the size of every file it writes, as a full disk would."""

    def limit() -> None:
        import resource  # POSIX only, as are the tests that limit sizes

        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    command = [sys.executable, "-m", "partnership_check", *args]
    preexec = limit if limit_file_size is not None else None
    try:
        return subprocess.run(
            command, capture_output=True, text=True, timeout=60, preexec_fn=preexec
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{' '.join(args)}: still waiting after 60 s (a named pipe opened?)")


@posix_only
def test_a_link_planted_under_the_row_store_s_name_is_never_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    planted = out / f".summary-rows.pc{os.getpid()}.tmp"  # the name is easy to guess
    planted.symlink_to(victim)
    second = tmp_path / "b.yaml"
    shutil.copy(MIXED, second)
    code, _, _ = run(capsys, str(MIXED), str(second), "--out", str(out), "-j", "1")
    assert code == 0
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["scored"] == 2


@posix_only
def test_a_named_pipe_given_as_an_answer_file_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "answers.yaml"
    os.mkfifo(pipe)
    done = _cli("score", "--bank", BANK, str(pipe), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert (
        done.stderr
        == f"partnership-check: {pipe}: is a named pipe, not a file; give answer files or folders\n"
    )


@posix_only
def test_a_named_pipe_given_as_the_bank_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "bank.yaml"
    os.mkfifo(pipe)
    done = _cli("score", "--bank", str(pipe), str(MIXED), "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert done.stderr.startswith(f"{pipe}: error: is a named pipe, not a regular file;")
    assert done.stderr.rstrip().endswith("[file-not-regular]")


@posix_only
def test_entries_of_a_folder_that_are_not_files_are_counted_and_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(MIXED, folder / "a.yaml")
    os.mkfifo(folder / "b.yaml")
    (folder / "c.yaml").symlink_to(os.devnull)
    (folder / "d.json").symlink_to(tmp_path / "gone.json")
    code, stdout, _ = run(capsys, str(folder), "--out", str(tmp_path / "out"))
    assert code == 0
    assert stdout.splitlines()[:2] == [
        "Scored 1 of 1 answer files.",
        f"Skipped 3 entries that are not regular files: {folder / 'b.yaml'} (a named pipe),"
        f" {folder / 'c.yaml'} (a link to a device), {folder / 'd.json'} (a link to nothing).",
    ]


def test_one_entry_skipped_is_said_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(MIXED, folder / "a.yaml")
    os.mkfifo(folder / "b.yaml")
    _, stdout, _ = run(capsys, str(folder), "--out", str(tmp_path / "out"))
    assert (
        f"Skipped 1 entry that is not a regular file: {folder / 'b.yaml'} (a named pipe)."
        in stdout.splitlines()
    )


def _no_space(*args: object, **kw: object) -> Iterator[str]:
    yield "service,score\r\n"
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_summary_that_cannot_be_written_says_the_old_one_is_out_of_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    second = tmp_path / "b.yaml"
    shutil.copy(MIXED, second)
    out = tmp_path / "out"
    assert run(capsys, str(MIXED), "--out", str(out / "first"))[0] == 0  # a single file
    assert run(capsys, str(MIXED), str(second), "--out", str(out))[0] == 0
    before = {p.name: p.read_bytes() for p in out.glob("summary.*")}
    answer_file(tmp_path, "c.yaml", "answers:\n  willing.aims: fully\n")
    monkeypatch.setattr("partnership_check.commands.score.summary_csv", _no_space)
    code, stdout, err = run(capsys, str(MIXED), str(tmp_path / "c.yaml"), "--out", str(out))
    assert code == 4
    assert err == (
        f"partnership-check: {out / 'summary.csv'}: could not write the batch summary (No space"
        " left on device); the summary.md, summary.csv and summary.json there are from an"
        " earlier run and out of date\n"
    )
    assert stdout.splitlines() == [
        "Scored 2 of 2 answer files, 1 incomplete.",
        f"Reports in {out}; no summary was written (see above).",
    ]
    assert {p.name: p.read_bytes() for p in out.glob("summary.*")} == before  # all or none
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


@posix_only
def test_a_file_size_limit_hit_by_the_summary_rows_fails_cleanly(tmp_path: Path) -> None:
    """A limit on file size fails writes as a full disk does, without root: the rows of
    the batch outgrow it, the reports do not."""
    folder = tmp_path / "in"
    folder.mkdir()
    body = MIXED.read_text(encoding="utf-8")
    for index in range(60):
        (folder / f"{index:02d}.yaml").write_text(body.replace("Testshire", f"Town {index}"))
    out = tmp_path / "out"
    done = _cli(
        "score",
        "--bank",
        BANK,
        str(folder),
        "--out",
        str(out),
        "-j",
        "1",
        limit_file_size=24 * 1024,
    )
    assert done.returncode == 4, done.stderr
    assert done.stderr == (
        f"partnership-check: {out / 'summary.md'}: could not write the batch summary (File too"
        " large); none was written\n"
    )
    assert done.stdout.splitlines() == [
        "Scored 60 of 60 answer files.",
        f"Reports in {out}; no summary was written (see above).",
    ]
    assert len(list(out.glob("town-*.md"))) == 60
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]
