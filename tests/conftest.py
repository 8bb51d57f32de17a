"""Shared fixtures: paths to the small test banks, the bundled bank, golden files, and
Markdown tables read as a person reads them."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from partnership_check.bank.load import bundled_bank_path, load_bank
from partnership_check.bank.model import Bank

DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def mini_bank_path() -> Path:
    return DATA / "valid" / "minimal.yaml"


@pytest.fixture
def mini_bank(mini_bank_path: Path) -> Bank:
    return load_bank(mini_bank_path)


@pytest.fixture(scope="session")
def bundled_bank() -> Bank:
    return load_bank(bundled_bank_path())


def check_golden(name: str, text: str) -> None:
    """Compares ``text`` with tests/golden/NAME byte for byte; ``UPDATE_GOLDEN=1`` rewrites
    the file instead, deliberately, for a change of output that is meant."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_bytes(text.encode("utf-8"))
    assert path.read_bytes().decode("utf-8") == text, f"{name} differs; UPDATE_GOLDEN=1 rewrites"


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    """The one golden-file check: ``golden("report.md", text)``."""
    return check_golden


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Each table of the Markdown as rows of cell texts (header first), as a reader sees
    them: escapes resolved, emphasis dropped."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    found: list[list[list[str]]] = []
    for i, token in enumerate(tokens):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            found[-1].append([])
        elif token.type in ("th_open", "td_open"):
            inline = tokens[i + 1]
            children = (inline.children or []) if inline.type == "inline" else []
            found[-1][-1].append("".join(c.content for c in children if c.type == "text"))
    return found
