"""``schema``: print the JSON Schema of a bank, an answer file or a scored result."""

from __future__ import annotations

from ..errors import ExitCode
from ..render.schemas import schema_json
from .printing import document_to_stdout


def run_schema(kind: str) -> ExitCode:
    document_to_stdout(schema_json(kind))
    return ExitCode.OK
