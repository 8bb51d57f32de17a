"""Large and hostile inputs: no file the loader accepts stalls a run or fills the memory.

Generates, then runs the installed ``partnership-check`` on each as a user would:

- an answer file with 10,000 problems (unknown questions and near misses, unknown keys,
  unknown choices), ``score``: every problem reported, each located;
- an answer file that is one 4 MB line (a flow mapping) for an older bank version, so
  its answers are set aside, ``score``: accepted;
- a bank of 10,000 questions, 1,000 of them without help, ``validate --strict``;
- ten questions each shown on an ``all`` of 14 conditions, one an ``any`` of 1,000, that
  can hold, and the same with a contradiction, which the search cannot finish;
- a bank that is one 4 MB line, and banks at the 5 MB size limit (16,000 questions; and
  32,000 one-line sections), ``validate --strict``;
- answer workbooks at their limits, ``score``: sheets of 1 MB of cells in all, the rest up
  to 2 MB unpacked in styles, and a zip bomb of 200 MB unpacked (refused from the zip's
  directory, before anything is read).

For each, the best of ``--runs`` runs: CPU seconds (user + system) and peak RSS of the
command's own process, with wall seconds beside them; and, as a floor measured in the same
run, what the two libraries cost whatever our code does: libyaml's parser events for the
same file and pydantic's validation of its data (as a bank or an answer file), in this
process; and the tool's start-up (``--version``).
Targets: every command within 2 CPU seconds (wall time is shown but not judged, as it
grows with whatever else the machine runs) and 200 MB; each gives the exit code and
the number of problems expected. Exits 1 when one is missed.

    python bench/large_inputs.py [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from openpyxl import load_workbook
from pydantic import BaseModel, ValidationError

from partnership_check import AnswerFile, Bank, load_bank, load_path
from partnership_check.loading.workbook import MAX_SHEETS, MAX_UNPACKED
from partnership_check.render.answer_workbook import render_answer_workbook

SECONDS = 2.0  # CPU seconds per command
MEGABYTES = 200  # peak RSS per command
LIMIT = 5 * 1024 * 1024  # the loader's size limit

HEAD = """\
id: big
version: "1"
title: A large bank
description: Generated to see what a large bank costs.
scales:
  agree:
    - {id: no, label: No, score: 0}
    - {id: yes, label: Yes, score: 2}
bands:
  - {id: low, label: Low, min: 0, meaning: Start here.}
  - {id: high, label: High, min: 50, meaning: Go ahead.}
sections:
"""
GUIDED = "help: H., recommendation: {text: R., effort: quick-win}"


def answers_with_problems(count: int) -> str:
    """``count`` problems for the bundled bank, four kinds in turn: unknown keys of the
    file, unknown questions near a real id and near none, unknown keys of an answer."""
    ids = list(load_bank().by_id)
    lines = ["bank: partnership-readiness", 'bank_version: "1.0"', "service: Bench"]
    lines += ["assessed_on: 2026-11-25"]
    lines += [f"asessor{index}: someone" for index in range(0, count, 4)]
    lines.append("answers:")
    for index in range(count):
        qid = ids[index % len(ids)]
        if index % 4 == 1:
            lines.append(f"  {qid[:-1]}{index}: fully")
        elif index % 4 == 2:
            lines.append(f"  zz{index}.q: fully")
        elif index % 4 == 3:
            lines.append(f"  {qid}-{index}:\n    answer: fully\n    nte: a note")
    return "\n".join(lines) + "\n"


def answers_on_one_line(size: int) -> str:
    """A flow mapping ``size`` bytes long, for an older version of the bundled bank."""
    head = '{bank: partnership-readiness, bank_version: "0.9", service: Bench, answers: {'
    pairs = []
    total = len(head)
    while total < size:
        pairs.append(f"old.q{len(pairs)}: fully")
        total += len(pairs[-1]) + 2
    return head + ", ".join(pairs) + "}}\n"


def bank_of(questions: int, *, without_help: int) -> str:
    lines = [HEAD, "  - {id: s, title: S, kind: relationship, questions: ["]
    for index in range(questions):
        guide = "recommendation: {text: R., effort: quick-win}" if index < without_help else GUIDED
        lines.append(f"    {{id: q{index}, text: Q {index}?, type: scale, scale: agree, {guide}}},")
    return "\n".join(lines) + "  ]}\n"


def costly_conditions(*, contradiction: bool) -> str:
    """Ten questions each shown on an ``all`` of 14 conditions, one an ``any`` of 1,000."""
    lines = [HEAD, "  - id: c", "    title: C", "    kind: context", "    questions:"]
    for index in range(14):
        lines.append(
            f"      - {{id: k{index}, text: K?, type: single, "
            "choices: [{id: a, label: A}, {id: b, label: B}]}"
        )
    lines += ["  - id: s", "    title: S", "    kind: relationship", "    questions:"]
    leaf = "{question: c.k13, in: [b]}"
    for index in range(10):
        lines += [f"      - {{id: q{index}, text: Q?, type: scale, scale: agree, {GUIDED},"]
        parts = ["{any: [" + ", ".join([leaf] * 1000) + "]}"]
        parts += [f"{{question: c.k{k}, in: [a]}}" for k in range(13)]
        if contradiction:
            parts.append("{not: {question: c.k0, in: [a]}}")
        lines.append("          when: {all: [" + ", ".join(parts) + "]}}")
    return "\n".join(lines) + "\n"


def bank_on_one_line(size: int) -> str:
    """A whole bank as one flow mapping of ``size`` bytes or so."""
    head = (
        '{id: big, version: "1", title: A large bank, description: On one line., '
        "scales: {agree: [{id: no, label: No, score: 0}, {id: yes, label: Yes, score: 2}]}, "
        "bands: [{id: low, label: Low, min: 0, meaning: Start.}, "
        "{id: high, label: High, min: 50, meaning: Go.}], "
        "sections: [{id: s, title: S, kind: relationship, questions: ["
    )
    questions = []
    total = len(head)
    while total < size:
        questions.append(
            f"{{id: q{len(questions)}, text: Q?, type: scale, scale: agree, {GUIDED}}}"
        )
        total += len(questions[-1]) + 2
    return head + ", ".join(questions) + "]}]}\n"


def bank_at_the_limit(*, one_line_sections: bool) -> str:
    """As many questions as fit under the size limit: in one section, each in block style;
    or each in a section of its own, one line each."""
    lines = [HEAD.rstrip("\n")]
    if not one_line_sections:
        lines += ["  - id: s", "    title: S", "    kind: relationship", "    questions:"]
    total = sum(len(line) + 1 for line in lines)
    index = 0
    while True:
        if one_line_sections:
            block = (
                f"  - {{id: s{index}, title: S, kind: relationship, questions: [{{id: q, "
                f"text: Q?, type: scale, scale: agree, {GUIDED}}}]}}"
            )
        else:
            block = (
                f"      - id: q{index}\n        text: Question {index} about the partnership?\n"
                "        type: scale\n        scale: agree\n"
                f"        help: What a strong answer to question {index} looks like.\n"
                f"        recommendation: {{text: Recommendation {index}., effort: quick-win}}"
            )
        if total + len(block) + 1 > LIMIT - 16:
            return "\n".join(lines) + "\n"
        lines.append(block)
        total += len(block) + 1
        index += 1


def filled_workbook() -> bytes:
    """The bundled bank's blank workbook with every question answered by its first label."""
    book = load_workbook(io.BytesIO(render_answer_workbook(load_bank())))
    sheet = book["Answers"]
    sheet["D3"] = "Bench"
    labels = {row[0].value: row[1].value for row in book["Bank"].iter_rows(min_row=4)}
    for number in range(8, sheet.max_row + 1):
        key = sheet[f"G{number}"].value
        if key in labels:
            sheet[f"D{number}"] = labels[key]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _repacked(data: bytes, change: Callable[[str, bytes, int], bytes]) -> bytes:
    """The archive with each part changed; ``change`` is told how many bytes the other
    parts unpack to."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        total = sum(info.file_size for info in source.infolist())
        for info in source.infolist():
            content = source.read(info)
            changed = change(info.filename, content, total - len(content))
            target.writestr(info.filename, changed, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def workbook_sheets_at_the_limit() -> bytes:
    """A filled workbook whose hidden sheet is padded with rows of small cells, the most
    costly XML to read, until the sheets reach their limit together."""

    def change(name: str, content: bytes, others: int) -> bytes:
        if name != "xl/worksheets/sheet3.xml":
            return content
        sheets = sum(
            info.file_size
            for info in zipfile.ZipFile(io.BytesIO(data)).infolist()
            if info.filename.startswith("xl/worksheets/")
        )
        room = MAX_SHEETS - sheets - 64
        rows, number = [], 1000
        while room > 0:
            row = (
                f'<row r="{number}">'
                + "".join(f'<c r="{c}{number}"><v>1</v></c>' for c in "HIJKLMN")
                + "</row>"
            )
            room -= len(row)
            if room > 0:
                rows.append(row)
            number += 1
        return content.replace(b"</sheetData>", "".join(rows).encode() + b"</sheetData>")

    data = filled_workbook()
    return _repacked(data, change)


def workbook_styles_at_the_limit() -> bytes:
    """A filled workbook whose styles are padded with cell formats up to the unpacked limit."""

    def change(name: str, content: bytes, others: int) -> bytes:
        if name != "xl/styles.xml":
            return content
        text = content.decode()
        start, end = text.index("<cellXfs"), text.index("</cellXfs>")
        kept = text[text.index(">", start) + 1 : end]
        xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        count = (MAX_UNPACKED - others - len(text) - 64) // len(xf)
        cell_xfs = f'<cellXfs count="{count}">{kept}{xf * count}'
        return (text[:start] + cell_xfs + text[end:]).encode()

    return _repacked(filled_workbook(), change)


def zip_bomb() -> bytes:
    """A filled workbook with a part of 200 MB of zeros, packed to some 200 KB."""
    return _repacked(
        filled_workbook(),
        lambda name, content, others: (
            bytes(200_000_000) if name == "xl/theme/theme1.xml" else content
        ),
    )


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    make: Callable[[], str | bytes]
    command: list[str]  # after the file: the tool's arguments, FILE standing for the file
    exit_code: int
    problems: int  # lines of the form path:line:column (or path:Sheet!A1): error|warning: ...
    says: str = ""  # what the output must say


CASES = [
    Case(
        "answers: 10,000 problems",
        "problems.yaml",
        lambda: answers_with_problems(10_000),
        ["score", "FILE", "--out", "OUT", "--jobs", "1"],
        1,
        10_000,
    ),
    Case(
        "answers: one 4 MB line",
        "one-line.yaml",
        lambda: answers_on_one_line(4_000_000),
        ["score", "FILE", "--out", "OUT", "--jobs", "1"],
        0,
        0,
    ),
    Case(
        "bank: 10,000 questions, 1,000 without help",
        "no-help.yaml",
        lambda: bank_of(10_000, without_help=1_000),
        ["validate", "FILE", "--strict"],
        1,
        1_000,
    ),
    Case(
        "bank: conditions of 1,014 parts",
        "costly.yaml",
        lambda: costly_conditions(contradiction=False),
        ["validate", "FILE", "--strict"],
        0,
        0,
    ),
    Case(
        "bank: the same, never true",
        "contradictions.yaml",
        lambda: costly_conditions(contradiction=True),
        ["validate", "FILE"],
        0,
        10,
    ),
    Case(
        "bank: one 4 MB line",
        "bank-line.yaml",
        lambda: bank_on_one_line(4_000_000),
        ["validate", "FILE", "--strict"],
        0,
        0,
    ),
    Case(
        "bank: 5 MB of questions",
        "limit.yaml",
        lambda: bank_at_the_limit(one_line_sections=False),
        ["validate", "FILE", "--strict"],
        0,
        0,
    ),
    Case(
        "bank: 5 MB of sections",
        "sections.yaml",
        lambda: bank_at_the_limit(one_line_sections=True),
        ["validate", "FILE", "--strict"],
        0,
        0,
    ),
    Case(
        "workbook: 1 MB of sheets",
        "sheets.xlsx",
        workbook_sheets_at_the_limit,
        ["score", "FILE", "--out", "OUT", "--jobs", "1"],
        0,
        0,
    ),
    Case(
        "workbook: 2 MB unpacked, most in styles",
        "styles.xlsx",
        workbook_styles_at_the_limit,
        ["score", "FILE", "--out", "OUT", "--jobs", "1"],
        0,
        0,
    ),
    Case(
        "workbook: a zip bomb of 200 MB",
        "bomb.xlsx",
        zip_bomb,
        ["score", "FILE", "--out", "OUT", "--jobs", "1"],
        1,
        0,
        says="[workbook-too-large]",
    ),
]

PROBLEM = re.compile(r"^.+:(\d+:\d+|[A-Za-z]+![A-Z]+\d+): (error|warning): ", re.MULTILINE)


@dataclass(frozen=True)
class Run:
    cpu: float
    wall: float
    megabytes: float
    exit_code: int
    problems: int
    text: str


# Runs each command and reports on its process. It is a small process of its own: on
# Linux a child's peak RSS counts the memory of the process that started it, up to the
# moment it starts the tool, so this one must not hold the generated files.
RUNNER = """
import json, os, subprocess, sys, time
for line in sys.stdin:
    command, output = json.loads(line)
    with open(output, "wb") as sink:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    code = os.waitstatus_to_exitcode(status)
    print(json.dumps([cpu, wall, usage.ru_maxrss, code]), flush=True)
"""


class Runner:
    """Runs commands from a small process and reports on each."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", RUNNER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def run(self, command: list[str], output: Path) -> Run:
        """The command's own CPU seconds, wall seconds and peak RSS, its exit code and the
        located problems it printed (on stdout or stderr)."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps([command, str(output)]) + "\n")
        self.process.stdin.flush()
        cpu, wall, kilobytes, code = json.loads(self.process.stdout.readline())
        text = output.read_text(encoding="utf-8", errors="replace")
        return Run(cpu, wall, kilobytes / 1024, code, len(PROBLEM.findall(text)), text)

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def library_floor(path: Path, model: type[BaseModel]) -> float:
    """CPU seconds, in this process, for libyaml to turn the file into parser events and
    for pydantic to validate its data as ``model``; for a workbook, for openpyxl to load it
    (nothing for one it cannot)."""
    if path.suffix == ".xlsx":
        start = time.process_time()
        with contextlib.suppress(Exception):
            load_workbook(path, keep_links=False)
        return time.process_time() - start
    text = path.read_text(encoding="utf-8")
    data = load_path(path)
    start = time.process_time()
    for _event in yaml.parse(text, Loader=yaml.CSafeLoader):
        pass
    with contextlib.suppress(ValidationError):
        model.model_validate(data)
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument("--runs", type=int, default=3, help="runs of each; the best counts")
    args = parser.parse_args()

    tool = shutil.which("partnership-check")
    cli = [tool] if tool else [sys.executable, "-m", "partnership_check"]
    work = args.keep or Path(tempfile.mkdtemp(prefix="pc-large-"))
    work.mkdir(parents=True, exist_ok=True)
    runner = Runner()
    startup = min(
        (runner.run([*cli, "--version"], work / "version.txt") for _ in range(3)),
        key=lambda r: r.cpu,
    )
    print(f"start-up (--version): {startup.cpu:.2f} CPU s, {startup.megabytes:.0f} MB\n")
    header = f"{'input':44} {'size':>8} {'CPU s':>6} {'wall s':>7} {'MB':>6} {'floor s':>8}"
    print(f"{header}  problems")
    missed = 0
    for case in CASES:
        text = case.make()
        path = work / case.file
        model: type[BaseModel] = AnswerFile if case.command[0] == "score" else Bank
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        out = work / f"{path.stem}-reports"
        command = [
            str(path) if a == "FILE" else str(out) if a == "OUT" else a for a in case.command
        ]
        done = min(
            (runner.run([*cli, *command], work / f"{path.stem}.txt") for _ in range(args.runs)),
            key=lambda r: r.cpu,
        )
        wrong = []
        if done.cpu > SECONDS:
            wrong.append(f"over {SECONDS:g} s")
        if done.megabytes > MEGABYTES:
            wrong.append(f"over {MEGABYTES} MB")
        if (done.exit_code, done.problems) != (case.exit_code, case.problems):
            wrong.append(f"expected exit {case.exit_code} and {case.problems:,} problems")
        if case.says not in done.text:
            wrong.append(f"expected {case.says}")
        missed += bool(wrong)
        print(
            f"{case.name:44} {path.stat().st_size / 1e6:6.2f}MB {done.cpu:6.2f} {done.wall:7.2f} "
            f"{done.megabytes:6.0f} {library_floor(path, model):8.2f}  {done.problems:,} "
            f"(exit {done.exit_code}) {'; '.join(wrong) or 'meets'}"
        )
    print(f"\ntargets: {SECONDS:g} CPU s and {MEGABYTES} MB per command")
    print("floor: libyaml's parser events and pydantic's validation of the same file")
    runner.close()
    if not args.keep:
        shutil.rmtree(work)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
