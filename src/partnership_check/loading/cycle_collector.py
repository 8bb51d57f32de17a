"""Python's cycle collector, paused while a file is turned into models.

Parsing and validating build data without reference cycles (text, lists, mappings, frozen
models), so the collector finds nothing to free there; but it still runs every few
hundred allocations and walks every object alive, so on a bank of tens of thousands of
questions it took over a third of the time. Everything freed there is freed as usual by
reference counting; only the search for cycles waits until the file is loaded.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off for the block, and back as it was after it."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
