"""Batch-scoring benchmark: ``partnership-check score`` over N generated answer files.

Generates N realistic answer files for the bundled bank (every shown question answered,
notes of 50-200 characters; a share left incomplete, a few broken), then measures in the
same run, as ratios:

- the parse floor: PyYAML's C loader parsing the same files in one process;
- ``check-jsonschema`` validating the same files against ``partnership-check schema answers``
  (a peer that only validates);
- ``partnership-check score DIR --jobs 1`` and ``--jobs 2`` (reports and summaries written);
- peak RSS of the single-process ``score`` at N files against N/10 files;
- in this process, on up to 2,000 of the files, what ``score`` must do whatever its
  scoring code (read and parse, make the pydantic result model, render the Jinja2 report
  and the chart, write them): a lower bound for ``score --jobs 1``.

Ceilings, for a full report per file: score --jobs 1 within 3.0x of the parse floor and
--jobs 2 within 1.75x (aims: 2.2x and 1.3x); at least 3x check-jsonschema's throughput;
peak RSS at N within 1.2x of N/10. Exits 1 when a ceiling is passed.

Reports go beside the generated files unless ``--out-root`` names another folder (a tmpfs
such as /dev/shm, say). Creating a file costs some virtual disks more than scoring it, so
the run also times creating two report-sized files per answer file where the reports go:
what any tool that writes a report and a chart per file pays there.

    python bench/score_bench.py [--files 10000] [--skip-peer] [--out-root DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from partnership_check import (
    AnswerFile,
    Bank,
    BankFacts,
    InputError,
    LongAnswer,
    ServiceResult,
    condition_holds,
    dump_answers,
    load_bank,
    load_path,
    read_answers,
    render_chart,
    render_markdown,
    score_service,
    write_temp,
)

WORDS = (
    "minutes",
    "steering",
    "group",
    "agreed",
    "terms",
    "reference",
    "chair",
    "rotates",
    "annually",
    "budget",
    "shared",
    "officer",
    "time",
    "committed",
    "county",
    "record",
    "office",
    "university",
    "library",
    "digitisation",
    "project",
    "volunteers",
    "catalogue",
    "backlog",
    "strongroom",
    "conservation",
    "plan",
    "access",
    "outreach",
    "schools",
    "funding",
    "bid",
    "heritage",
    "fund",
    "evidence",
    "review",
    "report",
    "senior",
    "managers",
    "approved",
    "timetable",
)


JOBS_1_CEILING = 3.0  # score --jobs 1, as a multiple of the parse floor
JOBS_2_CEILING = 1.75  # score --jobs 2
RSS_CEILING = 1.2  # peak RSS at N files against N/10


def _note(rng: random.Random) -> str:
    length = rng.randint(50, 200)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    return " ".join(words)[:length].strip().capitalize() + "."


def make_answers(bank: Bank, rng: random.Random, index: int) -> str:
    """One realistic answer file as text; about 10% incomplete and 2% broken."""
    answers: dict[str, str | list[str] | LongAnswer | None] = {}
    values: dict[str, str | list[str] | None] = {}
    incomplete = rng.random() < 0.10
    for ref in bank.questions:
        when = ref.question.when
        if when is not None and not condition_holds(when, values):
            continue  # values holds only shown questions, so this is the real visibility
        if incomplete and rng.random() < 0.4:
            continue
        if ref.question.type == "text":
            value: str | list[str] = _note(rng)
        elif ref.question.type == "multi":
            value = sorted(rng.sample([c.id for c in ref.choices], k=rng.randint(1, 3)))
        else:
            value = rng.choice(ref.choices).id
        values[ref.qid] = value
        scored = ref.question.type in ("scale", "single") and ref.high is not None
        answers[ref.qid] = LongAnswer(answer=value, note=_note(rng)) if scored else value
    file = AnswerFile(
        bank=bank.id,
        bank_version=bank.version,
        service=f"Record Office {index:05d}",
        assessed_on="2026-11-25",  # type: ignore[arg-type]
        answers=answers,
    )
    text = dump_answers(file)
    if rng.random() < 0.02:
        text = text.replace("answers:", "answers:\n  : [", 1)  # broken YAML
    return text


def generate(bank: Bank, folder: Path, count: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"service-{index:05d}.yaml"
        path.write_text(make_answers(bank, rng, index), encoding="utf-8")
        paths.append(path)
    return paths


def parse_floor(paths: list[Path]) -> float:
    """Seconds for PyYAML's C loader to read and parse every file in this process."""
    start = time.perf_counter()
    for path in paths:
        with contextlib.suppress(yaml.YAMLError):
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def create_floor(folder: Path, count: int) -> float:
    """Seconds to create, write and rename two 5 KB files per answer file in ``folder``."""
    folder.mkdir(parents=True)
    block = b"x" * 5000
    start = time.perf_counter()
    for index in range(count):
        for suffix in ("md", "svg"):
            temp = folder / f".{index}.{suffix}.tmp"
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            os.write(fd, block)
            os.close(fd)
            os.replace(temp, folder / f"{index}.{suffix}")
    seconds = time.perf_counter() - start
    shutil.rmtree(folder)
    return seconds


def mandated_parts(bank: Bank, paths: list[Path], folder: Path) -> dict[str, float]:
    """Seconds per file, each the best of two passes over ``paths``, for what ``score``
    must do whatever its scoring code: read and parse with our loader; make the pydantic
    result model (issue 3), here from its own dump, the cheapest way to make it; render
    the shipped Jinja2 report (issue 3) and the chart from finished results; write both
    atomically. Their sum is a lower bound for ``score --jobs 1``: validating, matching
    and scoring the answers and writing the summary come on top."""
    facts = BankFacts(bank)
    good, results = [], []
    for path in paths:
        try:
            loaded, matched = read_answers(bank, path)
        except InputError:
            continue
        good.append(path)
        results.append(score_service(bank, loaded.file, matched, source=path.name, facts=facts))
    dumps = [result.model_dump() for result in results]
    texts = [(render_markdown(r, None, "chart.svg"), render_chart(r)) for r in results]
    folder.mkdir(parents=True)
    # The sample stays in memory only for these passes: keep the collector from walking
    # it again and again, which no real run pays for.
    gc.collect()
    gc.freeze()

    def write() -> None:
        for index, (markdown, chart) in enumerate(texts):
            for target, text in (
                (folder / f"{index}.md", markdown),
                (folder / f"{index}.svg", chart),
            ):
                os.replace(write_temp(target, text, tag="bench"), target)  # as score does

    def each(make: Callable[[Any], object], items: list[Any]) -> Callable[[], None]:
        def stage() -> None:
            for item in items:
                make(item)  # and drop it, as score does once a file is done

        return stage

    stages = {
        "read and parse (our loader)": each(load_path, good),
        "result model, built from its dump": each(ServiceResult.model_validate, dumps),
        "Markdown report (Jinja2)": each(lambda r: render_markdown(r, None, "c.svg"), results),
        "SVG chart": each(render_chart, results),
        "writing both, atomically": write,
    }
    seconds: dict[str, float] = {}
    for name, stage in stages.items():
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            stage()
            best = min(best, time.perf_counter() - start)
        seconds[name] = best / max(1, len(good))
    gc.unfreeze()
    shutil.rmtree(folder)
    return seconds


def run(command: list[str]) -> tuple[float, int]:
    """Wall seconds and the child's own peak RSS in KiB."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--skip-peer", action="store_true", help="skip check-jsonschema")
    parser.add_argument("--out-root", type=Path, help="write the reports under this folder")
    args = parser.parse_args()

    tool = shutil.which("partnership-check")
    cli = [tool] if tool else [sys.executable, "-m", "partnership_check"]
    bank = load_bank()
    work = Path(tempfile.mkdtemp(prefix="pc-bench-"))
    big = generate(bank, work / "big", args.files)
    small = generate(bank, work / "small", max(1, args.files // 10))
    print(f"{len(big)} files in {work / 'big'}, {len(small)} in {work / 'small'}")

    floor = min(parse_floor(big) for _ in range(2))
    print(f"parse floor (C loader, one process): {floor:.2f} s ({len(big) / floor:,.0f} files/s)")
    outs = (
        Path(tempfile.mkdtemp(prefix="pc-bench-out-", dir=args.out_root)) if args.out_root else work
    )
    creating = create_floor(outs / "create", len(big))
    print(
        f"creating 2 report-sized files per answer file in {outs}: {creating:.2f} s "
        f"= {creating / floor:.2f}x the parse floor"
    )

    one, rss_big = run(
        [
            *cli,
            "score",
            str(work / "big"),
            "--out",
            str(outs / "o1"),
            "-j",
            "1",
            "--quiet",
            "--fail-on",
            "none",
        ]
    )
    two, _ = run(
        [
            *cli,
            "score",
            str(work / "big"),
            "--out",
            str(outs / "o2"),
            "-j",
            "2",
            "--quiet",
            "--fail-on",
            "none",
        ]
    )
    _, rss_small = run(
        [
            *cli,
            "score",
            str(work / "small"),
            "--out",
            str(outs / "o3"),
            "-j",
            "1",
            "--quiet",
            "--fail-on",
            "none",
        ]
    )
    failed = []
    for name, seconds, ceiling, aim in (
        ("1", one, JOBS_1_CEILING, 2.2),
        ("2", two, JOBS_2_CEILING, 1.3),
    ):
        ratio = seconds / floor
        verdict = "within" if ratio <= ceiling else "ABOVE"
        print(
            f"score --jobs {name}: {seconds:.2f} s = {ratio:.2f}x the parse floor "
            f"({verdict} the ceiling of {ceiling}x; aim {aim}x)"
        )
        if ratio > ceiling:
            failed.append(f"--jobs {name}")
    print(
        f"peak RSS --jobs 1: {rss_big / 1024:.0f} MiB at {len(big)} files, "
        f"{rss_small / 1024:.0f} MiB at {len(small)} files = {rss_big / rss_small:.2f}x "
        "(target <= 1.2x)"
    )
    same = (
        subprocess.run(
            ["diff", "-r", str(outs / "o1"), str(outs / "o2")], capture_output=True
        ).returncode
        == 0
    )
    print(f"--jobs 1 and --jobs 2 outputs identical: {same}")

    sample = big[: min(len(big), 2000)]
    parts = mandated_parts(bank, sample, outs / "parts")
    per_file = floor / len(big)
    print(f"what score must do whatever its scoring code, per file, on {len(sample)} files:")
    for name, seconds in parts.items():
        print(f"  {name}: {seconds * 1000:.3f} ms = {seconds / per_file:.2f}x the parse floor")
    least = sum(parts.values())
    print(
        f"  together: {least * 1000:.3f} ms = {least / per_file:.2f}x the parse floor: a lower "
        "bound for score --jobs 1, before validating, matching, scoring and the summary"
    )

    if not args.skip_peer:
        schema = work / "answers.schema.json"
        schema.write_text(
            subprocess.run(
                [*cli, "schema", "answers"], capture_output=True, text=True, check=True
            ).stdout,
            encoding="utf-8",
        )
        peer, _ = run(
            [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, big)]
        )
        print(
            f"check-jsonschema: {peer:.2f} s ({len(big) / peer:,.0f} files/s); "
            f"score --jobs 1 throughput = {peer / one:.2f}x check-jsonschema (target >= 3x)"
        )
    shutil.rmtree(work)
    if outs != work:
        shutil.rmtree(outs)
    if rss_big / rss_small > RSS_CEILING:
        failed.append("peak RSS")
    if failed:
        print(f"above its ceiling: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
