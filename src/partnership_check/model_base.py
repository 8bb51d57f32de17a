"""The one base of every pydantic model here: frozen values that refuse unknown keys."""

from __future__ import annotations

from typing import Any, Self

from pydantic import BaseModel, ConfigDict

_set = object.__setattr__


class FrozenModel(BaseModel):
    """A value: frozen, unknown keys refused, fields settable by name or alias."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)

    def with_fields(self, **changes: Any) -> Self:
        """A copy with ``changes``, unvalidated: what ``model_copy(update=changes)`` makes,
        at half its cost. Scoring gives every evidence note of a batch its own copy of a
        shared question result, some fifty a file, so the cost shows."""
        copied = self.__class__.__new__(self.__class__)
        values = self.__dict__.copy()
        values.update(changes)
        _set(copied, "__dict__", values)
        _set(copied, "__pydantic_fields_set__", self.__pydantic_fields_set__ | changes.keys())
        _set(copied, "__pydantic_extra__", None)
        _set(copied, "__pydantic_private__", None)
        return copied
