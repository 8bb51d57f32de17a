"""``schema``: print the JSON Schema of a bank, an answer file or a scored result."""

from __future__ import annotations

import sys

from ..errors import ExitCode
from ..render.schemas import schema_json


def run_schema(kind: str) -> ExitCode:
    sys.stdout.write(schema_json(kind))
    return ExitCode.OK
