"""Loading a bank from YAML: structure first, then the bank rules, every problem located."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..errors import InputError, Problem
from ..loading.cycle_collector import collector_paused
from ..loading.locations import locate
from ..loading.parser import parse_text
from ..loading.text_files import read_text
from .author_messages import explain
from .model import Bank
from .rules import bank_problems

BUNDLED_BANK = "partnership-readiness.yaml"


def bundled_bank_path() -> Path:
    """The bank shipped with the package (falls back to the source tree in development)."""
    here = Path(__file__).resolve()
    packaged = here.parents[1] / "questions" / BUNDLED_BANK
    return packaged if packaged.is_file() else here.parents[3] / "questions" / BUNDLED_BANK


def parse_bank(name: str, text: str) -> Bank:
    """YAML text to a Bank model; structural problems raise InputError with locations."""
    bank, problems, _ = _structure(name, text)
    if bank is None:
        raise InputError(problems)
    return bank


def _structure(name: str, text: str) -> tuple[Bank | None, list[Problem], Bank | None]:
    """The bank, or its structural problems and, when only unknown keys are wrong, the
    bank as it would be without them."""
    try:
        data = parse_text(name, text)
    except InputError as err:
        return None, err.problems, None
    if isinstance(data, dict) and "bank" in data and "answers" in data and "sections" not in data:
        return None, [_answer_file_problem(name, text)], None
    try:
        return Bank.model_validate(data), [], None
    except ValidationError as err:
        problems, lenient = explain(name, text, err, data)
        return None, problems, lenient


def _answer_file_problem(name: str, text: str) -> Problem:
    """An answer file given where a bank belongs: one line saying so, not a dozen."""
    where = locate(text, ("bank",), key=True)
    return Problem(
        path=name,
        line=where[0] if where else None,
        column=where[1] if where else None,
        rule="answer-file-not-bank",
        message="this is an answer file (it has bank and answers at its top), not a question "
        "bank; to score it, use partnership-check score; validate and --bank take a bank",
    )


def check_bank(name: str, text: str) -> tuple[Bank | None, list[Problem]]:
    """Every problem with a bank: parse and structure first, then the bank rules.

    When the only structural problems are unknown keys, the rules still run on the bank
    without them, so a typo does not hide the other problems.
    """
    with collector_paused():
        bank, problems, lenient = _structure(name, text)
        if bank is not None:
            return bank, bank_problems(bank, name, text)
        if lenient is not None:
            # Warnings about missing keys may only mean a key was misspelt; leave them out.
            problems += [p for p in bank_problems(lenient, name, text) if p.severity == "error"]
        return None, problems


def load_bank(path: Path | None = None) -> Bank:
    """Loads a bank (the bundled one by default); any error-level problem raises InputError."""
    path = path or bundled_bank_path()
    name = str(path)
    bank, problems = check_bank(name, read_text(path))
    errors = [p for p in problems if p.severity == "error"]
    if bank is None or errors:
        raise InputError(errors)
    return bank
