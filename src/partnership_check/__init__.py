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
    from .answers.dump import dump_answers
    from .answers.match import match_answers, read_answers
    from .answers.model import AnswerFile, LongAnswer
    from .bank.conditions import condition_holds
    from .bank.load import load_bank
    from .bank.model import Bank
    from .errors import InputError
    from .loading.atomic_files import write_temp
    from .loading.parser import load_path
    from .render.chart import render_chart
    from .render.report import render_markdown, render_reports
    from .scoring.bank_facts import BankFacts
    from .scoring.results import ServiceResult
    from .scoring.score import score_service

_PUBLIC = {
    "AnswerFile": "answers.model",
    "Bank": "bank.model",
    "BankFacts": "scoring.bank_facts",
    "InputError": "errors",
    "LongAnswer": "answers.model",
    "ServiceResult": "scoring.results",
    "condition_holds": "bank.conditions",
    "dump_answers": "answers.dump",
    "load_bank": "bank.load",
    "load_path": "loading.parser",
    "match_answers": "answers.match",
    "read_answers": "answers.match",
    "render_chart": "render.chart",
    "render_markdown": "render.report",
    "render_reports": "render.report",
    "score_service": "scoring.score",
    "write_temp": "loading.atomic_files",
}
__all__ = [
    "AnswerFile",
    "Bank",
    "BankFacts",
    "InputError",
    "LongAnswer",
    "ServiceResult",
    "__version__",
    "condition_holds",
    "dump_answers",
    "load_bank",
    "load_path",
    "match_answers",
    "read_answers",
    "render_chart",
    "render_markdown",
    "render_reports",
    "score_service",
    "write_temp",
]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
