"""An answer file as text, the way ``assess`` saves it: YAML, or JSON for a ``.json`` file."""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

import yaml

from .model import AnswerFile

# Said above an answer kept aside: a comment, so that every reader (an earlier version of
# partnership-check too) takes the file as before; the answer's own condition, which does not
# hold, is what keeps it out of the score.
KEPT_ASIDE = "# does not apply with the answers above: kept, not scored, in case it applies again"


def dump_answers(
    file: AnswerFile, *, as_json: bool = False, kept_aside: Collection[str] = ()
) -> str:
    """YAML text of an answer file, short form where there is no note; stable order. With
    ``as_json``, the same as JSON, for answer files kept as ``.json``. The answers named in
    ``kept_aside`` are marked as not applying (in YAML; JSON has no comments)."""
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
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)
    if not kept_aside:
        return text
    marked = {f"  {qid}:" for qid in kept_aside}  # ids are plain words: never quoted
    head, answers_line, body = text.partition("\nanswers:\n")
    lines = [
        f"  {KEPT_ASIDE}\n{line}" if _key(line) in marked else line for line in body.split("\n")
    ]
    return head + answers_line + "\n".join(lines)


def _key(line: str) -> str:
    """``  willing.legal:`` for a key line of the answers mapping, else the empty string."""
    if line.startswith("   "):
        return ""
    key, colon, _ = line.partition(":")
    return key + colon
