"""An answer file as text, the way ``assess`` saves it: YAML, or JSON for a ``.json`` file."""

from __future__ import annotations

import json
from typing import Any

import yaml

from .model import AnswerFile


def dump_answers(file: AnswerFile, *, as_json: bool = False) -> str:
    """YAML text of an answer file, short form where there is no note; stable order. With
    ``as_json``, the same as JSON, for answer files kept as ``.json``."""
    data: dict[str, Any] = {
        "bank": file.bank,
        "bank_version": file.bank_version,
        "service": file.service,
        "assessed_on": file.assessed_on.isoformat() if file.assessed_on else None,
    }
    if file.assessor:
        data["assessor"] = file.assessor
    answers: dict[str, Any] = {}
    for qid, answer in file.entries().items():
        value = list(answer.value) if isinstance(answer.value, list) else answer.value
        answers[qid] = {"answer": value, "note": answer.note} if answer.note else value
    data["answers"] = answers
    if as_json:
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)
