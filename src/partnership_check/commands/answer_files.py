"""Reading any answer file a command is given: YAML or JSON, or an Excel workbook."""

from __future__ import annotations

from pathlib import Path

from ..answers.load import LoadedAnswers
from ..answers.match import Matched, read_answers
from ..bank.model import Bank
from ..loading.file_kinds import is_workbook


def read_answer_file(bank: Bank, path: Path) -> tuple[LoadedAnswers, Matched]:
    """The answers in ``path``, checked against the bank; every problem located, at its
    line and column or at its sheet and cell."""
    if is_workbook(path):
        # openpyxl is imported only when a workbook is read: YAML start-up stays cheap.
        from ..answers.workbook import read_workbook_answers

        return read_workbook_answers(bank, path)
    return read_answers(bank, path)
