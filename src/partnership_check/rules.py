"""Bank rules beyond structure: references, ordering, bands, weights, reachability.

Each rule has a stable id; every problem found is returned, none raised.
"""

from __future__ import annotations

from .bank import Bank
from .errors import Problem


def bank_problems(bank: Bank, name: str, text: str) -> list[Problem]:
    """All rule problems in a structurally valid bank, in file order."""
    return []
