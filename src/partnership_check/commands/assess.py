"""``assess``: the interactive questionnaire that never loses an answer.

Opens (or resumes) an answer file and holds its lock, walks the questionnaire's flow
through a prompter, saves atomically after every answer, and on finishing scores the
answers and writes the report next to the answer file. Ctrl-C, a closed terminal or a save
that fails leaves everything on disk and says how to carry on.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import stat
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from types import FrameType

from ..answers.dump import dump_answers
from ..answers.load import LoadedAnswers
from ..answers.model import Answer, AnswerFile
from ..bank.load import load_bank
from ..bank.model import Bank
from ..errors import ExitCode, FileLocked, InputError, Interrupted, UsageError
from ..interactive.flow import Flow
from ..interactive.plain_prompter import PlainPrompter
from ..interactive.prompt_specs import (
    CONTINUE,
    Prompter,
    continue_spec,
    list_answers_spec,
    review_sections,
)
from ..loading.atomic_files import ensure_writable_dir, write_new
from ..loading.file_kinds import is_workbook
from ..loading.lock import FileLock, held_lock, lock_path
from ..loading.names import fitted_name, slugify, unique_path
from ..loading.text_files import is_json
from ..render.report import PageRenderer
from ..render.wording import counted, pick
from .answer_files import read_answer_file
from .assess_details import ask_assessor, ask_service
from .assess_loop import drive, say_how_long
from .assess_report import DEFAULT_FORMATS, SUFFIX, finish
from .assess_saving import closing_message, default_fallback_dirs, save
from .assess_session import Session
from .output_places import clear_leftovers

NOT_A_TERMINAL = (
    "assess asks questions at a terminal, and stdin is not one. For answers without a "
    "terminal, write a blank answer file with `partnership-check template -o answers.yaml`, "
    "fill it in, then run `partnership-check score answers.yaml`."
)


def run_assess(
    bank_path: Path | None,
    out_dir: Path,
    resume: Path | None,
    service: str | None,
    plain: bool,
    *,
    prompter: Prompter,
    fallback_dirs: Sequence[Path] | None = None,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    to_html: PageRenderer | None = None,
) -> ExitCode:
    """Runs the questionnaire through ``prompter`` (the terminal's, chosen by ``cli.py``;
    tests script the answers through their own); OK when the report is written. ``plain``
    is carried into the command that resumes the file. ``fallback_dirs`` take the answers
    if their own file cannot be written as assess ends (default: home, then temp)."""
    bank = load_bank(bank_path)
    fallbacks = default_fallback_dirs() if fallback_dirs is None else tuple(fallback_dirs)
    session: Session | None = None
    with ExitStack() as locks:  # every lock taken is let go however assess ends
        try:
            with _hangup_as_interrupt():
                if resume is not None and is_workbook(resume):
                    session = _resume_workbook(bank, bank_path, resume, plain, prompter, locks)
                elif resume is not None:
                    session = _resume(bank, bank_path, resume, plain, prompter, locks)
                else:
                    ensure_writable_dir(out_dir)
                    session = _start(bank, bank_path, out_dir, service, plain, prompter, locks)
                session.fallback_dirs = fallbacks
                leftovers = clear_leftovers(session.path.parent)
                if leftovers:
                    prompter.say(leftovers)
                drive(session, prompter)
        except (KeyboardInterrupt, EOFError):
            if isinstance(prompter, PlainPrompter):
                with suppress(OSError):  # the terminal may be gone (SIGHUP)
                    prompter.say()  # end the half-typed line before the message
            raise Interrupted(closing_message(session, "interrupted")) from None
        try:
            finish(session.bank, session.path, prompter, formats, to_html)
        except BaseException:
            prompter.say(f"Your answers are saved in {session.path}.")
            raise
    return ExitCode.OK


@contextmanager
def _hangup_as_interrupt() -> Iterator[None]:
    """A closed terminal (SIGHUP) takes the same path as Ctrl-C."""
    if not hasattr(signal, "SIGHUP"):
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGHUP, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGHUP, previous)


def _say_taken_over(lock: FileLock, prompter: Prompter) -> None:
    if lock.taken_over is not None:
        prompter.say(lock.taken_over)


# -- starting and resuming ---------------------------------------------------------------


def _start(
    bank: Bank,
    bank_path: Path | None,
    out_dir: Path,
    service: str | None,
    plain: bool,
    prompter: Prompter,
    locks: ExitStack,
) -> Session:
    prompter.say(bank.title, "bold")
    prompter.say(" ".join(bank.description.split()))
    prompter.say(
        "Every answer is saved as you go; Ctrl-C stops and tells you how to carry on later."
    )
    prompter.say()
    name = (service or "").strip() or ask_service(prompter)
    today = dt.date.today()
    stem = f"{slugify(name)}-{today.isoformat()}"
    existing = out_dir / f"{stem}{SUFFIX}"
    if _continue_instead(existing, name, prompter):
        return _resume(bank, bank_path, existing, plain, prompter, locks)
    assessor = ask_assessor(prompter)
    taken = {
        p.name.removesuffix(suffix)
        for suffix in (SUFFIX, ".md", ".json", ".html")
        for p in out_dir.glob(f"{stem}*{suffix}")
    }
    clash = stem in taken
    lock = _lock_new_file(out_dir, stem, taken, locks)
    _say_taken_over(lock, prompter)
    if clash:
        prompter.say(f"{existing} already exists and is left as it is.")
        prompter.say(f"To continue it instead: partnership-check assess --resume {existing}")
    base = AnswerFile(
        bank=bank.id, bank_version=bank.version, service=name, assessed_on=today, assessor=assessor
    )
    session = Session(bank, bank_path, lock.target, base, Flow(bank), plain, lock, locks)
    save(session, prompter)
    prompter.say(f"Saving answers to {session.path}")
    say_how_long(session.flow, prompter)
    return session


def _continue_instead(existing: Path, name: str, prompter: Prompter) -> bool:
    """Offered when the service's answers begun today are saved already (and no session
    is writing them): carry on with them rather than start a second file beside them."""
    if not existing.is_file() or os.path.lexists(lock_path(existing)):
        return False
    prompter.say(f"Answers for {name} begun today are saved in {existing}.")
    return prompter.ask(continue_spec()) == CONTINUE


def _lock_new_file(out_dir: Path, stem: str, taken: set[str], locks: ExitStack) -> FileLock:
    """The lock on the first free name for a new answer file; a name whose lock another
    session holds (it is about to write that file) counts as taken."""
    while True:
        path = unique_path(out_dir, stem, SUFFIX, taken)
        with suppress(FileLocked):
            return locks.enter_context(held_lock(path))


def _resume(
    bank: Bank,
    bank_path: Path | None,
    path: Path,
    plain: bool,
    prompter: Prompter,
    locks: ExitStack,
) -> Session:
    _must_exist(path)
    # Every problem in the file is reported before a lock is made. An answer that cannot
    # be read stops it too: assess would save the file without it.
    _loaded, first = read_answer_file(bank, path)
    if first.left_unanswered:
        raise InputError([left.problem for left in first.left_unanswered])
    ensure_writable_dir(path.parent)
    if not _writable(path):
        raise UsageError(f"{path}: cannot write to this file; check its permissions")
    lock = locks.enter_context(held_lock(path))
    loaded, matched = read_answer_file(bank, path)  # again: now no other session writes it
    flow = Flow(bank, matched.answers, _kept_aside(bank, loaded, matched.hidden_answered))
    session = Session(bank, bank_path, path, loaded.file, flow, plain, lock, locks)
    session.saved = dict(flow.answers)
    prompter.say(f"Resuming {path} for {loaded.file.service or 'an unnamed service'}", "bold")
    _say_taken_over(lock, prompter)
    if matched.version_differs:
        _explain_version_change(session, loaded, matched.unmatched, matched.renamed, prompter)
    elif loaded.text != dump_answers(
        loaded.file, as_json=is_json(path), kept_aside=matched.hidden_answered
    ):
        _keep_hand_edits(loaded, prompter)
    _say_kept_aside(flow, prompter)
    _show_answered(flow, prompter)
    return session


def _must_exist(path: Path) -> None:
    """A file to resume that is not there is a usage error: a name or folder mistyped."""
    if not os.path.lexists(path):
        raise UsageError(
            f"{path}: no such answer file; check its name and folder, or start a new"
            " assessment with `partnership-check assess`"
        )


def _resume_workbook(
    bank: Bank,
    bank_path: Path | None,
    workbook: Path,
    plain: bool,
    prompter: Prompter,
    locks: ExitStack,
) -> Session:
    """Carries on from a filled-in workbook: its answers are saved at once to a new YAML
    answer file beside it, and every answer after that goes there. The workbook itself is
    never written."""
    _must_exist(workbook)
    loaded, matched = read_answer_file(bank, workbook)  # every problem reported first
    if matched.left_unanswered:  # saved without them, as in _resume
        raise InputError([left.problem for left in matched.left_unanswered])
    folder = workbook.parent
    ensure_writable_dir(folder)
    stem = slugify(workbook.stem)
    taken = {p.name.removesuffix(SUFFIX) for p in folder.glob(f"{stem}*{SUFFIX}")}
    lock = _lock_new_file(folder, stem, taken, locks)
    flow = Flow(bank, matched.answers, _kept_aside(bank, loaded, matched.hidden_answered))
    session = Session(bank, bank_path, lock.target, loaded.file, flow, plain, lock, locks)
    save(session, prompter)
    service = loaded.file.service or "an unnamed service"
    prompter.say(f"Resuming the workbook {workbook} for {service}", "bold")
    prompter.say(
        f"Its answers are saved to {session.path}, and so is every answer from now on;"
        " the workbook is left as it is."
    )
    prompter.say(f"To carry on later: {session.resume_command()}")
    for qid in matched.unmatched:
        prompter.say(f"  not in version {bank.version} of the bank: {qid}; not carried over")
    _say_kept_aside(flow, prompter)
    _show_answered(flow, prompter)
    return session


def _say_kept_aside(flow: Flow, prompter: Prompter) -> None:
    count = len(flow.kept_aside)
    if count:
        prompter.say(
            f"{counted(count, 'answer')} kept aside, as"
            f" {pick(count, 'its question does', 'their questions do')} not apply with the"
            f" answers given; {pick(count, 'it comes', 'they come')} back if a change makes"
            f" {pick(count, 'it', 'them')} apply."
        )


def _kept_aside(bank: Bank, loaded: LoadedAnswers, hidden: tuple[str, ...]) -> dict[str, Answer]:
    """The file's answers to questions that its other answers hide (under their ids in
    this bank), kept aside rather than dropped."""
    entries = {bank.renames.get(qid, qid): answer for qid, answer in loaded.file.entries().items()}
    return {qid: entries[qid] for qid in hidden if qid in entries}


def _writable(path: Path) -> bool:
    try:
        with path.open("a", encoding="utf-8"):
            return True
    except OSError:
        return False


def _keep_hand_edits(loaded: LoadedAnswers, prompter: Prompter) -> None:
    """A file filled in by hand (comments, its own layout) is rewritten in assess's layout
    at the first answer: keep a copy of it as it was, so nothing typed in it is lost."""
    path = loaded.path
    backup = _keep_copy(path, "before-assess")
    prompter.say(
        f"{path} was filled in by hand; from the first answer it is saved in assess's own"
        f" layout, without comments. A copy of it as it is now is kept at {backup}."
    )


def _keep_copy(path: Path, label: str) -> Path:
    """A copy of ``path`` as it is now, at ``<name>.<label>.bak`` (or ``-2``, ``-3``...
    when that holds something else): created new, never written through a link or over
    anything already there; a copy already kept of the same content is used again."""
    info = path.stat()
    content = path.read_bytes()
    number = 1
    while True:
        suffix = f".{label}{'' if number == 1 else f'-{number}'}.bak"
        backup = path.with_name(fitted_name("", path.name, suffix))  # fits the file system
        if os.path.lexists(backup):
            if _same_file_content(backup, content):
                return backup
        elif write_new(backup, content, like=info):
            return backup
        else:
            continue  # taken while we looked: look at it again
        number += 1


def _same_file_content(path: Path, content: bytes) -> bool:
    """Whether ``path`` is a regular file, not a link, holding ``content``; a named pipe
    or anything else is never opened."""
    try:
        info = os.lstat(path)
        return (
            stat.S_ISREG(info.st_mode)
            and info.st_size == len(content)
            and (path.read_bytes() == content)
        )
    except OSError:
        return False


def _explain_version_change(
    session: Session,
    loaded: LoadedAnswers,
    unmatched: tuple[str, ...],
    renamed: tuple[tuple[str, str], ...],
    prompter: Prompter,
) -> None:
    old = loaded.file.bank_version
    version = re.sub(r"[^A-Za-z0-9._-]+", "-", old)[:40]  # any text: not a path of its own
    backup = _keep_copy(loaded.path, f"bank-{version}")
    prompter.say(
        f"These answers were given against version {old} of the bank; this is version "
        f"{session.bank.version}. A copy of the file as it was is kept at {backup}."
    )
    for old_id, new_id in renamed:
        prompter.say(f"  renamed: {old_id} is now {new_id}; the answer is kept")
    entries = loaded.file.entries()
    for qid in unmatched:
        gone = qid not in session.bank.by_id
        what = "no longer in the bank" if gone else "choice no longer valid"
        given = entries[qid].value if qid in entries else None
        prompter.say(f"  {what}: {qid} (was {given!r}); it will be asked again if still shown")
    added = [ref.qid for ref in session.flow.visible() if not session.flow.settled(ref)]
    if added:
        prompter.say(f"  {len(added)} question(s) to answer now.")


def _show_answered(flow: Flow, prompter: Prompter) -> None:
    """How many answers the file holds, and the offer to list them, rather than reading
    every one out before the next question."""
    given = {qid for qid, answer in flow.answers.items() if answer.value is not None}
    rows = [row for row in flow.review_rows() if row.qid in given]
    if rows:
        shown = len(flow.visible())
        prompter.say(f"This file holds answers to {len(rows)} of the {shown} questions.")
        if prompter.ask(list_answers_spec()) == "l":
            for title, section_rows in review_sections(tuple(rows)):
                prompter.say(title, "bold")
                for row in section_rows:
                    prompter.say(f"  {row.number}. {row.text} — {row.answer}")
    prompter.say()


# -- the loop ----------------------------------------------------------------------------
