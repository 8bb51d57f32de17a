"""``schema``: print the JSON Schema of a bank, an answer file or a scored result."""

from __future__ import annotations

from pathlib import Path

from ..bank.load import load_bank
from ..errors import ExitCode
from ..render.schemas import schema_json
from .printing import document_to_stdout


def run_schema(kind: str, bank_path: Path | None = None) -> ExitCode:
    """Prints the schema; that of answer files lists the allowed answers of each question
    of the bank (the bundled one unless ``bank_path`` names another)."""
    bank = load_bank(bank_path) if kind == "answers" else None
    document_to_stdout(schema_json(kind, bank))
    return ExitCode.OK
