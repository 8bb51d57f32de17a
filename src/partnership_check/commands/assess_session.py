"""The answer file an ``assess`` session writes, saved after every change, under its lock."""

from __future__ import annotations

import shlex
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from ..answers.dump import dump_answers
from ..answers.model import Answer, AnswerFile
from ..bank.load import bundled_bank_path
from ..bank.model import Bank
from ..interactive.flow import Flow
from ..loading.atomic_files import atomic_write
from ..loading.lock import FileLock, held_lock
from ..loading.text_files import is_json


@dataclass
class Session:
    """The answer file being written, what it holds as last saved, and how to resume it.

    ``lock`` is the lock on :attr:`path`; ``locks`` releases it, and that of any file
    the session moved to, when ``assess`` ends. ``saved`` is None until a new file is
    first saved.
    """

    bank: Bank
    bank_path: Path | None
    path: Path
    base: AnswerFile
    flow: Flow
    plain: bool
    lock: FileLock
    locks: ExitStack
    saved: dict[str, Answer] | None = None
    fallback_dirs: tuple[Path, ...] = ()

    def save(self) -> None:
        """Writes every answer to :attr:`path`, atomically; first checks that the lock is
        still this session's. Raises WriteError or FileLocked, with nothing changed."""
        self.lock.confirm()
        self.write_copy(self.path)
        self.saved = dict(self.flow.answers)

    def write_copy(self, path: Path) -> None:
        """Writes every answer to ``path`` (a file no session holds), atomically."""
        file = self.flow.to_file(self.base)
        text = dump_answers(file, as_json=is_json(path), kept_aside=self.flow.kept_aside)
        atomic_write(path, text, durable=True)

    def move_to(self, path: Path) -> None:
        """From now on, saves go to ``path``: its lock is taken, the old file's let go."""
        lock = self.locks.enter_context(held_lock(path))
        self.lock.release()
        self.lock, self.path = lock, path

    def unsaved(self) -> list[str]:
        """The questions whose answer (or note) differs from what was last saved."""
        saved = self.saved or {}
        now = self.flow.answers
        return [qid for qid in {**saved, **now} if saved.get(qid) != now.get(qid)]

    def saved_count(self) -> int:
        """How many questions have an answer in the file as last saved."""
        return _given(self.saved or {})

    def answered_count(self) -> int:
        """How many questions have an answer now, saved or not."""
        return _given(self.flow.answers)

    def resume_command(self, path: Path | None = None) -> str:
        parts = ["partnership-check", "assess", "--resume", str(path or self.path)]
        if self.bank_path is not None and self.bank_path.resolve() != bundled_bank_path():
            parts += ["--bank", str(self.bank_path)]
        if self.plain:
            parts.append("--plain")
        return " ".join(shlex.quote(p) for p in parts)


def _given(answers: dict[str, Answer]) -> int:
    return sum(1 for answer in answers.values() if answer.value is not None)
