"""The answer file an ``assess`` session writes, saved after every change, under its lock."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

from ..answers.dump import dump_answers
from ..answers.model import AnswerFile
from ..bank.load import bundled_bank_path
from ..bank.model import Bank
from ..interactive.flow import Flow
from ..loading.atomic_files import atomic_write
from ..loading.lock import FileLock
from ..loading.text_files import is_json


@dataclass
class Session:
    """The answer file being written, its lock, and how to describe resuming it."""

    bank: Bank
    bank_path: Path | None
    path: Path
    base: AnswerFile
    flow: Flow
    plain: bool
    lock: FileLock

    def save(self) -> None:
        """Writes every answer to :attr:`path`, atomically; first checks that the lock is
        still this session's. Raises WriteError or FileLocked, with nothing changed."""
        self.lock.confirm()
        text = dump_answers(self.flow.to_file(self.base), as_json=is_json(self.path))
        atomic_write(self.path, text, durable=True)

    def resume_command(self) -> str:
        parts = ["partnership-check", "assess", "--resume", str(self.path)]
        if self.bank_path is not None and self.bank_path.resolve() != bundled_bank_path():
            parts += ["--bank", str(self.bank_path)]
        if self.plain:
            parts.append("--plain")
        return " ".join(shlex.quote(p) for p in parts)
