"""Shared fixtures: paths to the small test banks and the bundled bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_check.bank.load import bundled_bank_path, load_bank
from partnership_check.bank.model import Bank

DATA = Path(__file__).parent / "data"


@pytest.fixture
def mini_bank_path() -> Path:
    return DATA / "valid" / "minimal.yaml"


@pytest.fixture
def mini_bank(mini_bank_path: Path) -> Bank:
    return load_bank(mini_bank_path)


@pytest.fixture(scope="session")
def bundled_bank() -> Bank:
    return load_bank(bundled_bank_path())
