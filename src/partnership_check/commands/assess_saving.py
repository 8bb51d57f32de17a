"""Saving in ``assess`` when a save fails: the answer stays in memory, the person is told in
one line which file and why, and may try again, save to another file or stop. However
``assess`` ends, answers not yet saved are saved wherever they can be, and the closing
message says where they are and how to carry on."""

from __future__ import annotations

import tempfile
from contextlib import suppress
from pathlib import Path

from ..errors import AnswersNotSaved, FileLocked, PartnershipCheckError, WriteError
from ..interactive.flow import describe
from ..interactive.prompt_specs import (
    ELSEWHERE,
    STOP,
    Prompter,
    save_failed_spec,
    save_path_spec,
)
from ..loading.names import fitted_name
from ..render.wording import counted
from .assess_report import SUFFIX
from .assess_session import Session

ANSWER_SUFFIXES = (".yaml", ".yml", ".json")


def save(session: Session, prompter: Prompter) -> None:
    """Saves the session's answers. If that fails, asks what to do until they are saved;
    stopping raises :class:`AnswersNotSaved` with the closing message."""
    while True:
        try:
            session.save()
            return
        except (WriteError, FileLocked) as err:
            prompter.say()
            prompter.say(f"Could not save to {session.path}: {err.reason}.")
        choice = prompter.ask(save_failed_spec())
        if choice == ELSEWHERE:
            _choose_other_file(session, prompter)
        elif choice == STOP:
            raise AnswersNotSaved(closing_message(session, "stopped"))
        # RETRY, and anything else, tries again


def default_fallback_dirs() -> tuple[Path, ...]:
    """Where answers go when their own file cannot be written as ``assess`` ends: the home
    folder, then the system's temporary folder."""
    folders = []
    with suppress(RuntimeError):  # no home folder known
        folders.append(Path.home())
    folders.append(Path(tempfile.gettempdir()))
    return tuple(folders)


def closing_message(session: Session | None, headline: str) -> str:
    """What ``assess`` says as it stops early (``interrupted``, ``stopped``): where every
    answer is and the command to carry on. Answers not yet saved are saved first, in
    their own file or else in a fallback folder, wherever that can be done."""
    if session is None or (session.saved is None and not session.unsaved()):
        return f"{headline} before anything was answered; nothing was saved."
    lost = session.unsaved()
    where = _save_somewhere(session) if lost else session.path
    if where == session.path:
        count = session.saved_count()
        noun = "answer is" if count == 1 else "answers are"
        return (
            f"{headline}. Your {count} {noun} saved in {session.path}\n"
            f"To carry on where you left off:\n  {session.resume_command()}"
        )
    if where is not None:
        count = session.answered_count()
        every = {0: "the file is", 1: "your one answer is"}.get(count, f"all {count} answers are")
        return (
            f"{headline}. Your last answer could not be saved in {session.path}, so "
            f"{every} saved in {where} instead.\n"
            f"To carry on where you left off:\n  {session.resume_command(where)}"
        )
    before = f"{session.path} holds {counted(session.saved_count(), 'answer')} given before it"
    lines = [f"{headline}. Your last answer could not be saved anywhere; {before}."]
    lines += [f"Not saved: {_described(session, qid)}" for qid in lost]
    if session.saved is not None:
        lines += ["To carry on where you left off:", f"  {session.resume_command()}"]
    return "\n".join(lines)


def _save_somewhere(session: Session) -> Path | None:
    """One more save to the session's own file, else a copy in the first fallback folder
    that takes it; where the answers went, or None."""
    with suppress(WriteError, FileLocked):
        session.save()
        return session.path
    own = session.path.parent.resolve()
    for folder in session.fallback_dirs:
        if not folder.is_dir() or folder.resolve() == own:
            continue
        path = _free_name(folder, session.path.name)
        with suppress(WriteError):
            session.write_copy(path)
            return path
    return None


def _free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``-2``, ``-3``... before its suffix when that is taken."""
    stem, suffix = (
        (name.removesuffix(SUFFIX), SUFFIX)
        if name.endswith(SUFFIX)
        else (Path(name).stem, Path(name).suffix)
    )
    path, number = folder / name, 2
    while path.exists() or path.is_symlink():
        path, number = folder / fitted_name("", stem, f"-{number}{suffix}"), number + 1
    return path


def _described(session: Session, qid: str) -> str:
    ref = session.bank.by_id[qid]
    answer = session.flow.answers.get(qid)
    if answer is None:
        return f"{ref.question.text} — (its answer removed)"
    note = f" (note: {answer.note})" if answer.note else ""
    return f"{ref.question.text} — {describe(ref, answer.value)}{note}"


def _choose_other_file(session: Session, prompter: Prompter) -> None:
    """Asks for another file to save to and moves the session there; an empty reply goes
    back to the choice. An existing file is never overwritten."""
    while True:
        reply = prompter.ask(save_path_spec())
        if not isinstance(reply, str) or not reply.strip().strip("\"'"):
            return
        path = _answer_path(Path(reply.strip().strip("\"'")).expanduser(), session.path.name)
        if path.absolute() == session.path.absolute():
            return  # the same file: trying again
        problem = _unusable(path)
        if problem is None:
            try:
                session.move_to(path)
            except PartnershipCheckError as err:
                problem = str(err)
        if problem is None:
            prompter.say(f"Saving answers to {path} from now on.")
            return
        prompter.say(problem)


def _answer_path(path: Path, name: str) -> Path:
    """A folder gets the file's own name; a name without a YAML or JSON suffix gets .yaml,
    so that ``score`` finds it in a folder too."""
    if path.is_dir():
        return path / name
    if path.suffix.lower() not in ANSWER_SUFFIXES:
        return path.with_name(f"{path.name}.yaml")
    return path


def _unusable(path: Path) -> str | None:
    if path.exists() or path.is_symlink():
        return f"{path} already exists, and is left as it is; give another name."
    if not path.parent.is_dir():
        return f"There is no folder {path.parent}; give a folder that exists."
    return None
