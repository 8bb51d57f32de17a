"""Shared fixtures: paths to the small test banks, the bundled bank, and golden files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

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
