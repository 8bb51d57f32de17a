"""partnership-check: partnership-readiness self-assessment for UK archive services.

The public API, for scripts and benchmarks: load a bank, read an answer file against it,
score it. Names are looked up on first use, so that ``partnership-check --version`` does
not pay for pydantic or the bank.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .answers.match import read_answers
    from .bank.load import load_bank
    from .scoring.bank_facts import BankFacts
    from .scoring.results import ServiceResult
    from .scoring.score import score_service

_PUBLIC = {
    "load_bank": "bank.load",
    "read_answers": "answers.match",
    "score_service": "scoring.score",
    "BankFacts": "scoring.bank_facts",
    "ServiceResult": "scoring.results",
}
__all__ = [
    "BankFacts",
    "ServiceResult",
    "__version__",
    "load_bank",
    "read_answers",
    "score_service",
]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
