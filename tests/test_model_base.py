"""A frozen model's cheap copy is the same value model_copy makes."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from partnership_check.model_base import FrozenModel


class _Result(FrozenModel):
    qid: str
    note: str | None = None
    labels: tuple[str, ...] = ()


def test_with_fields_makes_what_model_copy_makes_and_leaves_the_original() -> None:
    original = _Result(qid="willing.case", labels=("Fully",))
    copied = original.with_fields(note="Agreed in March")
    expected = original.model_copy(update={"note": "Agreed in March"})
    assert copied == expected
    assert copied.model_dump_json() == expected.model_dump_json()
    assert copied.model_fields_set == expected.model_fields_set == {"qid", "labels", "note"}
    assert original.note is None and original.model_fields_set == {"qid", "labels"}
    with pytest.raises(ValidationError):
        copied.note = "changed"  # still frozen
