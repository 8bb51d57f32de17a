"""Loading pauses Python's cycle collector and always gives it back as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from partnership_check.bank.load import load_bank
from partnership_check.errors import InputError

BROKEN = Path(__file__).parents[1] / "data" / "invalid"


@pytest.fixture
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


@pytest.mark.usefixtures("collector_on")
def test_the_collector_is_on_again_after_a_bank_loads_or_fails() -> None:
    load_bank(None)
    assert gc.isenabled()
    broken = sorted(BROKEN.glob("*.yaml"))[0]
    with pytest.raises(InputError):
        load_bank(broken)
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    load_bank(None)
    assert not gc.isenabled()
