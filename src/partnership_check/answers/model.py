"""The answer file: one service's answers to one bank, as pydantic models.

Written by ``assess`` after every answer, filled by hand from ``template``, read by ``score``.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from pydantic import Field, field_validator

from ..bank.model import Value
from ..loading.typed_dates import day_first_date
from ..model_base import FrozenModel


class LongAnswer(FrozenModel):
    """An answer with an evidence note: ``{answer: largely, note: "..."}``."""

    answer: str | list[str] | None = None
    note: str | None = None


class AnswerFile(FrozenModel):
    """One service's answers to one bank."""

    bank: str = Field(description="The id of the bank these answers are for.")
    bank_version: str = Field(description="The bank version the answers were given against.")
    service: str | None = Field(None, max_length=200, description="The archive service's name.")
    assessed_on: dt.date | None = Field(
        None, description="Date of the assessment, YYYY-MM-DD or DD/MM/YYYY."
    )
    assessor: str | None = Field(None, max_length=200)
    answers: dict[str, str | list[str] | LongAnswer | None] = Field(
        default_factory=dict,
        description="Question id to a choice id, a list of choice ids (multi), free text "
        "(text questions), or {answer, note}. Empty means not answered yet.",
    )

    @field_validator("assessed_on", mode="before")
    @classmethod
    def _day_first(cls, value: object) -> object:
        """A UK date as typed, 25/11/2026, is the date it means (see loading.typed_dates)."""
        return day_first_date(value)

    def entries(self) -> dict[str, Answer]:
        """Every answer in file order as (value, note); empty values become None."""
        result: dict[str, Answer] = {}
        for qid, raw in self.answers.items():
            if isinstance(raw, LongAnswer):
                value, note = raw.answer, raw.note
            else:
                value, note = raw, None
            if value == "" or value == []:
                value = None
            note = note.strip() if note else None
            result[qid] = Answer(value, note or None)
        return result


class Answer(NamedTuple):
    """One answer as a command works with it: the value (choice ids or text; None when not
    answered) and its evidence note. A named tuple, as a file holds dozens of them: made
    several times faster than a frozen dataclass, and as immutable."""

    value: Value
    note: str | None = None
