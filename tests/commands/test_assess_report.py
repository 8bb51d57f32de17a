"""The end of ``assess``: the report's file names and the closing summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_check.bank.load import load_bank
from partnership_check.commands.assess_report import finish, report_stem
from partnership_check.interactive.prompt_specs import PromptSpec, Reply

CAPPED = Path(__file__).parents[1] / "data" / "assess" / "capped.yaml"


class Said:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def ask(self, spec: PromptSpec) -> Reply:
        raise AssertionError("finish asks nothing")

    def say(self, text: str = "", style: str = "") -> None:
        self.lines.append(text)


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("east.answers.yaml", "east"),
        ("east.answers.yml", "east"),
        ("east-copy.yaml", "east-copy"),
        ("east.yml", "east"),
        ("east", "east"),
        ("east.json", "east-report"),  # never the answer file's own name
        ("east.MD", "east-report"),
    ],
)
def test_report_stem(name: str, stem: str) -> None:
    assert report_stem(Path("some") / name) == stem


@pytest.mark.parametrize("name", ["e" * 251 + ".yml", "e" * 248 + ".md"])
def test_report_names_from_a_long_answer_file_name_fit(name: str) -> None:
    stem = report_stem(Path("some") / name)
    assert stem.startswith("e" * 200)
    assert all(len(f"{stem}{suffix}".encode()) <= 255 for suffix in (".md", ".json", ".svg"))
    assert f"{stem}.md" != name


def test_summary_names_the_capping_question_not_its_id(tmp_path: Path) -> None:
    path = tmp_path / "east.answers.yaml"
    path.write_text(
        "bank: capped\nbank_version: '1.0'\nservice: East\nanswers:\n"
        "  resources.time: partly\n  resources.money: fully\n",
        encoding="utf-8",
    )
    said = Said()
    finish(load_bank(CAPPED), path, said)
    assert "East: 75.0 / 100 — Not yet ready" in said.lines
    assert "  Capped at Not yet ready by: Not enough staff time has been committed." in said.lines
    assert "    (How much staff time is committed? — Partly)" in said.lines
    assert not any("resources.time" in line for line in said.lines)
    assert (tmp_path / "east.md").is_file()


@pytest.mark.parametrize(
    ("time", "capped", "answer"),
    [
        (
            "",
            "Not answered yet, and a weak answer here would mean: not enough staff time has"
            " been committed.",
            "not answered yet",
        ),
        (
            " dont-know",
            "It is not known how this stands, and a weak answer here would mean: not enough"
            " staff time has been committed.",
            "Don't know",
        ),
    ],
)
def test_summary_of_a_blocker_not_known_asserts_nothing(
    time: str, capped: str, answer: str, tmp_path: Path
) -> None:
    path = tmp_path / "east.answers.yaml"
    path.write_text(
        "bank: capped\nbank_version: '1.0'\nservice: East\nanswers:\n"
        f"  resources.time:{time}\n  resources.money: fully\n  resources.plan: fully\n",
        encoding="utf-8",
    )
    said = Said()
    finish(load_bank(CAPPED), path, said)
    assert "East: 66.7 / 100 — Not yet ready" in said.lines
    assert f"  Capped at Not yet ready: {capped}" in said.lines
    assert f"    (How much staff time is committed? — {answer})" in said.lines
    assert not any("by: Not enough staff time" in line for line in said.lines)
