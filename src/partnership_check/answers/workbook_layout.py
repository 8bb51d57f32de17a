"""The layout of the answer workbook, shared by the blank workbook and its reader: which
sheet holds what, and the row each question (and each option of a multi-choice question)
has in the answers sheet. Plain data, without openpyxl."""

from __future__ import annotations

from dataclasses import dataclass

from ..bank.model import Bank, QuestionRef

INSTRUCTIONS_SHEET = "Instructions"
ANSWERS_SHEET = "Answers"
BANK_SHEET = "Bank"  # hidden and protected: the bank's id and version, and the drop-downs
SHEETS = (INSTRUCTIONS_SHEET, ANSWERS_SHEET, BANK_SHEET)

# The cells at the top of the answers sheet: the label in C, the value in D.
SERVICE_ROW, DATE_ROW, ASSESSOR_ROW = 3, 4, 5
HEADER_ROW = 7
FIRST_ROW = HEADER_ROW + 1

# Columns of the answers sheet.
NUMBER, SECTION, QUESTION, ANSWER, NOTE, HELP, QID = "A", "B", "C", "D", "E", "F", "G"
COLUMNS = (NUMBER, SECTION, QUESTION, ANSWER, NOTE, HELP, QID)
HEADERS = (
    "No.",
    "Section",
    "Question",
    "Your answer",
    "Evidence note (optional)",
    "What a strong answer looks like",
    "Question id (do not change)",
)

# The hidden sheet: the bank's id and version in B1 and B2; from row 4, one row per
# question with choices: its id in A and its answer labels from B on (the drop-down).
BANK_ID_CELL, BANK_VERSION_CELL = "B1", "B2"
FIRST_LIST_ROW = 4

TICK = "Yes"  # what the drop-down of an option's row offers


@dataclass(frozen=True)
class Row:
    """One row of the answers sheet: a question, or one option of a multi-choice
    question (``choice`` set)."""

    number: int  # the sheet's row
    ref: QuestionRef
    choice: str | None = None

    @property
    def key(self) -> str:
        """What the question id column holds: ``section.question``, and for an option
        row ``section.question:choice``."""
        return self.ref.qid if self.choice is None else f"{self.ref.qid}:{self.choice}"


def answer_rows(bank: Bank) -> list[Row]:
    """Every row of the answers sheet below the header, in order."""
    rows: list[Row] = []
    number = FIRST_ROW
    for ref in bank.questions:
        rows.append(Row(number, ref))
        number += 1
        if ref.question.type == "multi":
            for choice in ref.choices:
                rows.append(Row(number, ref, choice.id))
                number += 1
    return rows


def cell(sheet: str, column: str, row: int) -> str:
    """A cell as problems name it: ``Answers!D14``."""
    return f"{sheet}!{column}{row}"
