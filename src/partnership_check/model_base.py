"""The one base of every pydantic model here: frozen values that refuse unknown keys."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class FrozenModel(BaseModel):
    """A value: frozen, unknown keys refused, fields settable by name or alias."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)
