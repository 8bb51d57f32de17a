"""A save that fails in ``assess`` (disk full, a file taken by another session) loses
nothing: the answer is kept, the person may try again, save elsewhere or stop, and is told
where every answer is and how to carry on."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from partnership_check.commands import assess_session
from partnership_check.errors import AnswersNotSaved, ExitCode, Interrupted, WriteError
from partnership_check.interactive.prompt_specs import ELSEWHERE, RETRY, STOP, Action
from partnership_check.loading.atomic_files import atomic_write
from partnership_check.loading.lock import lock_path

from .assess_script import SMALL, Script, run

KEPT = "Your answer is kept for now. What next?"
PARTNERS = "Who are the partners?"


class Disk:
    """Folders that are full: every atomic write of an answer file into one of them fails
    as a full disk does."""

    def __init__(self) -> None:
        self.full: set[Path] = set()

    def write(self, path: Path, text: str | bytes, *, durable: bool = False) -> None:
        if path.parent in self.full:
            raise WriteError(path, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
        atomic_write(path, text, durable=durable)

    def fill(self, folder: Path, reply: Any) -> Any:
        """A scripted reply that fills ``folder`` first."""

        def step() -> Any:
            self.full.add(folder)
            return reply

        return step

    def free(self, folder: Path, reply: Any) -> Any:
        def step() -> Any:
            self.full.discard(folder)
            return reply

        return step


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Disk:
    fake = Disk()
    monkeypatch.setattr(assess_session, "atomic_write", fake.write)
    return fake


def _answers(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]  # type: ignore[no-any-return]


def _answers_file(folder: Path) -> Path:
    [path] = folder.glob("*.answers.yaml")
    return path


def test_a_failed_save_says_which_file_and_why_and_try_again_saves_it(
    tmp_path: Path, disk: Disk
) -> None:
    script = Script(
        tmp_path,
        [
            "informal",
            disk.fill(tmp_path, "Kent"),  # the disk fills as this answer is typed
            RETRY,  # still full: asked again
            disk.free(tmp_path, RETRY),
            KeyboardInterrupt,
        ],
    )
    with pytest.raises(Interrupted):
        run(tmp_path, script)
    path = _answers_file(tmp_path)
    assert f"Could not save to {path}: No space left on device." in script.said
    assert [spec.message for spec in script.asked[2:4]] == [KEPT, KEPT]
    assert script.answers_at(2) == {"context.kind": "informal"}  # the file as it was
    assert _answers(path) == {"context.kind": "informal", "context.partners": "Kent"}
    assert script.asked[4].message.startswith("Does each partner want this")  # on as usual


def test_saving_to_another_file_carries_on_there_to_the_report(tmp_path: Path, disk: Disk) -> None:
    reports, stick = tmp_path / "reports", tmp_path / "stick"
    stick.mkdir()
    (stick / "taken.yaml").write_text("someone else's\n", encoding="utf-8")
    held: list[tuple[bool, bool]] = []

    def check_locks() -> str:
        held.append((lock_path(original).exists(), lock_path(moved).exists()))
        return "fully"

    script = Script(
        reports,
        [
            "informal",
            disk.fill(reports, "Kent"),
            ELSEWHERE,
            str(stick / "taken.yaml"),  # exists: never overwritten, asked again
            str(stick / "nowhere" / "x.yaml"),  # no such folder: asked again
            str(stick),  # a folder: the file keeps its name
            check_locks,
            "Minutes",
            ["funding"],
            Action.FINISH,
        ],
    )
    original = reports / f"example-record-office-{_today()}.answers.yaml"
    moved = stick / original.name
    assert run(reports, script) == 0
    said = "\n".join(script.said)
    assert f"{stick / 'taken.yaml'} already exists, and is left as it is" in said
    assert f"There is no folder {stick / 'nowhere'}" in said
    assert f"Saving answers to {moved} from now on." in said
    assert (stick / "taken.yaml").read_text(encoding="utf-8") == "someone else's\n"
    assert _answers(original) == {"context.kind": "informal"}
    assert _answers(moved) == {
        "context.kind": "informal",
        "context.partners": "Kent",
        "willing.motivation": {"answer": "fully", "note": "Minutes"},
        "benefits.sought": ["funding"],
    }
    assert (stick / original.name.replace(".answers.yaml", ".md")).is_file()  # beside it
    assert held == [(False, True)]  # the lock went with the file
    assert not list(tmp_path.rglob("*.lock"))


def test_stopping_saves_every_answer_in_a_fallback_folder_and_says_how_to_go_on(
    tmp_path: Path, disk: Disk
) -> None:
    reports, home = tmp_path / "reports", tmp_path / "home"
    home.mkdir()
    script = Script(reports, ["informal", disk.fill(reports, "Kent"), STOP])
    with pytest.raises(AnswersNotSaved) as caught:
        run(reports, script, fallback_dirs=[tmp_path / "missing", home])
    original = _answers_file(reports)
    copy = home / original.name
    message = str(caught.value)
    assert (
        f"answer could not be saved in {original}, so all 2 answers are saved in {copy}" in message
    )
    assert f"partnership-check assess --resume {copy} --bank {SMALL}" in message
    assert caught.value.exit_code == ExitCode.WRITE_FAILED == 4
    assert _answers(copy) == {"context.kind": "informal", "context.partners": "Kent"}
    assert _answers(original) == {"context.kind": "informal"}
    assert not list(tmp_path.rglob("*.lock"))


def test_stopping_when_nothing_can_be_written_names_the_answer_not_saved(
    tmp_path: Path, disk: Disk
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    disk.full.add(home)
    script = Script(tmp_path, ["informal", disk.fill(tmp_path, "Kent"), STOP])
    with pytest.raises(AnswersNotSaved) as caught:
        run(tmp_path, script, fallback_dirs=[home])
    path = _answers_file(tmp_path)
    assert str(caught.value).splitlines() == [
        f"stopped. Your last answer could not be saved anywhere; {path} holds 1 answer "
        "given before it.",
        f"Not saved: {PARTNERS} — Kent",
        "To carry on where you left off:",
        f"  partnership-check assess --resume {path} --bank {SMALL}",
    ]
    assert not list(home.iterdir())


def test_ctrl_c_while_asked_what_next_still_saves_the_answer(tmp_path: Path, disk: Disk) -> None:
    reports, home = tmp_path / "reports", tmp_path / "home"
    home.mkdir()
    script = Script(reports, ["informal", disk.fill(reports, "Kent"), KeyboardInterrupt])
    with pytest.raises(Interrupted) as caught:
        run(reports, script, fallback_dirs=[home])
    copy = home / _answers_file(reports).name
    assert f"partnership-check assess --resume {copy}" in str(caught.value)
    assert _answers(copy)["context.partners"] == "Kent"


def test_a_first_save_that_fails_then_stop_saves_nothing(tmp_path: Path, disk: Disk) -> None:
    disk.full.add(tmp_path)
    script = Script(tmp_path, [STOP])
    with pytest.raises(AnswersNotSaved, match="before anything was answered; nothing was saved"):
        run(tmp_path, script, fallback_dirs=[tmp_path / "home"])
    assert script.asked[0].message == KEPT
    assert not list(tmp_path.iterdir())


def test_a_file_taken_over_by_another_session_is_not_overwritten(tmp_path: Path) -> None:
    """If another session takes the lock (someone deleted it, thinking this session gone),
    this one does not silently overwrite that session's answers: it asks."""
    elsewhere = tmp_path / "mine.yaml"

    def take_over() -> str:
        path = _answers_file(tmp_path)
        started = "2026-11-25T09:30:00+00:00"
        lock_path(path).write_text(
            json.dumps({"pid": 4242, "host": "archive-pc-2", "started": started, "id": "x"})
        )
        return "Kent"

    script = Script(tmp_path, ["informal", take_over, ELSEWHERE, str(elsewhere)])
    script.replies += [KeyboardInterrupt]
    with pytest.raises(Interrupted):
        run(tmp_path, script)
    path = _answers_file(tmp_path)
    assert any(
        line.startswith(f"Could not save to {path}: another session is writing it (process 4242")
        for line in script.said
    )
    assert _answers(path) == {"context.kind": "informal"}
    assert _answers(elsewhere) == {"context.kind": "informal", "context.partners": "Kent"}
    assert lock_path(path).is_file()  # the other session's lock is left alone


def _today() -> str:
    return dt.date.today().isoformat()
