"""``partnership-check assess``: the interactive questionnaire that never loses an answer.

Opens (or resumes) an answer file, walks the :class:`~.flow.Flow` through a prompter,
saves atomically after every answer, and on finishing scores the answers and writes the
report next to the answer file. Ctrl-C or a closed terminal leaves everything on disk.
"""

from __future__ import annotations

import datetime as dt
import shlex
import shutil
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from .answers import (
    Answer,
    AnswerFile,
    LoadedAnswers,
    dump_answers,
    read_matched,
)
from .bank import Bank, QuestionRef, Value, bundled_bank_path, load_bank
from .closing import SUFFIX, finish
from .errors import ExitCode, Interrupted, UsageError
from .files import atomic_write, ensure_writable_dir, slugify, unique_path
from .flow import Flow, describe
from .plain import PlainPrompter
from .prompts import (
    SET_ASIDE,
    Action,
    Prompter,
    RichPrompter,
    Ticked,
    note_spec,
    question_spec,
    review_spec,
    service_spec,
    set_aside_spec,
)
from .yamlio import is_json

NOT_A_TERMINAL = (
    "assess asks questions at a terminal, and stdin is not one. For answers without a "
    "terminal, write a blank answer file with `partnership-check template -o answers.yaml`, "
    "fill it in, then run `partnership-check score answers.yaml`."
)


@dataclass
class Session:
    """The answer file being written and how to describe resuming it."""

    bank: Bank
    bank_path: Path | None
    path: Path
    base: AnswerFile
    flow: Flow
    plain: bool

    def save(self) -> None:
        text = dump_answers(self.flow.to_file(self.base), as_json=is_json(self.path))
        atomic_write(self.path, text, durable=True)

    def resume_command(self) -> str:
        parts = ["partnership-check", "assess", "--resume", str(self.path)]
        if self.bank_path is not None and self.bank_path.resolve() != bundled_bank_path():
            parts += ["--bank", str(self.bank_path)]
        if self.plain:
            parts.append("--plain")
        return " ".join(shlex.quote(p) for p in parts)


def run_assess(
    bank_path: Path | None,
    out_dir: Path,
    resume: Path | None,
    service: str | None,
    plain: bool,
    *,
    prompter: Prompter | None = None,
) -> int:
    """Runs the questionnaire; returns 0 when the report is written.

    ``prompter`` replaces the terminal (tests script the answers through it).
    """
    if prompter is None:
        if not sys.stdin.isatty():
            raise UsageError(NOT_A_TERMINAL)
        plain = plain or not sys.stdout.isatty()
        prompter = PlainPrompter() if plain else RichPrompter()
    bank = load_bank(bank_path)
    session: Session | None = None
    try:
        with _hangup_as_interrupt():
            if resume is not None:
                session = _resume(bank, bank_path, resume, plain, prompter)
            else:
                ensure_writable_dir(out_dir)
                session = _start(bank, bank_path, out_dir, service, plain, prompter)
            _drive(session, prompter)
    except (KeyboardInterrupt, EOFError):
        if isinstance(prompter, PlainPrompter):
            with suppress(OSError):  # the terminal may be gone (SIGHUP)
                prompter.say()  # end the half-typed line before the message
        raise Interrupted(_interrupted_message(session)) from None
    try:
        finish(session.bank, session.path, prompter)
    except BaseException:
        prompter.say(f"Your answers are saved in {session.path}.")
        raise
    return int(ExitCode.OK)


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


def _interrupted_message(session: Session | None) -> str:
    if session is None or not session.path.exists():
        return "interrupted before anything was answered; nothing was saved."
    count = session.flow.answered_count()
    noun = "answer is" if count == 1 else "answers are"
    return (
        f"interrupted. Your {count} {noun} saved in {session.path}\n"
        f"To carry on where you left off:\n  {session.resume_command()}"
    )


# -- starting and resuming ---------------------------------------------------------------


def _start(
    bank: Bank,
    bank_path: Path | None,
    out_dir: Path,
    service: str | None,
    plain: bool,
    prompter: Prompter,
) -> Session:
    prompter.say(bank.title, "bold")
    prompter.say(" ".join(bank.description.split()))
    prompter.say(
        "Every answer is saved as you go; Ctrl-C stops and tells you how to carry on later."
    )
    prompter.say()
    name = (service or "").strip() or _ask_service(prompter)
    today = dt.date.today()
    stem = f"{slugify(name)}-{today.isoformat()}"
    taken = {
        p.name.removesuffix(suffix)
        for suffix in (SUFFIX, ".md", ".json")
        for p in out_dir.glob(f"{stem}*{suffix}")
    }
    clash = stem in taken
    path = unique_path(out_dir, stem, SUFFIX, taken)
    if clash:
        existing = out_dir / f"{stem}{SUFFIX}"
        prompter.say(f"{existing} already exists and is left as it is.")
        prompter.say(f"To continue it instead: partnership-check assess --resume {existing}")
    base = AnswerFile(bank=bank.id, bank_version=bank.version, service=name, assessed_on=today)
    session = Session(bank, bank_path, path, base, Flow(bank), plain)
    session.save()
    prompter.say(f"Saving answers to {path}")
    return session


def _ask_service(prompter: Prompter) -> str:
    while True:
        reply = prompter.ask(service_spec(None))
        if isinstance(reply, str) and reply.strip():
            if len(reply.strip()) <= 200:
                return reply.strip()
            prompter.say("Please keep the name under 200 characters.")


def _resume(
    bank: Bank, bank_path: Path | None, path: Path, plain: bool, prompter: Prompter
) -> Session:
    loaded, matched = read_matched(bank, path)
    ensure_writable_dir(path.parent)
    if not _writable(path):
        raise UsageError(f"{path}: cannot write to this file; check its permissions")
    flow = Flow(bank, matched.answers)
    session = Session(bank, bank_path, path, loaded.file, flow, plain)
    prompter.say(f"Resuming {path} for {loaded.file.service or 'an unnamed service'}", "bold")
    if matched.version_differs:
        _explain_version_change(session, loaded, matched.unmatched, matched.renamed, prompter)
    elif loaded.text != dump_answers(loaded.file, as_json=is_json(path)):
        _keep_hand_edits(loaded, prompter)
    for qid in matched.hidden_answered:
        prompter.say(f"  {qid}: no longer asked (its condition does not hold); answer dropped")
    _show_answered(flow, prompter)
    return session


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
    content = path.read_bytes()
    backup = path.with_name(f"{path.name}.before-assess.bak")
    number = 2
    while backup.exists() and backup.read_bytes() != content:
        backup = path.with_name(f"{path.name}.before-assess-{number}.bak")
        number += 1
    if not backup.exists():
        shutil.copy2(path, backup)
    prompter.say(
        f"{path} was filled in by hand; from the first answer it is saved in assess's own"
        f" layout, without comments. A copy of it as it is now is kept at {backup}."
    )


def _explain_version_change(
    session: Session,
    loaded: LoadedAnswers,
    unmatched: tuple[str, ...],
    renamed: tuple[tuple[str, str], ...],
    prompter: Prompter,
) -> None:
    old = loaded.file.bank_version
    backup = loaded.path.with_name(f"{loaded.path.name}.bank-{old}.bak")
    if not backup.exists():
        shutil.copy2(loaded.path, backup)
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
    given = {qid for qid, answer in flow.answers.items() if answer.value is not None}
    rows = [row for row in flow.review_rows() if row.qid in given]
    if rows:
        prompter.say(f"Already answered ({len(rows)}):")
        for row in rows:
            prompter.say(f"  {row.number}. {row.text} — {row.answer}")
    prompter.say()


# -- the loop ----------------------------------------------------------------------------


def _drive(session: Session, prompter: Prompter) -> None:
    """Asks until the person finishes on the review screen."""
    flow = session.flow
    introduced: set[str] = set()
    show_position = True
    pending: Answer | None = None  # ticks kept while help is shown
    while True:
        ref = flow.current()
        if ref is None:
            reply = prompter.ask(review_spec(flow.review_rows()))
            if reply is Action.FINISH:
                return
            if reply is Action.BACK:
                flow.back()
            elif isinstance(reply, str):
                flow.edit(reply)
            continue
        if ref.section.id not in introduced:
            introduced.add(ref.section.id)
            prompter.say()
            prompter.say(ref.section.title, "bold underline")
            if ref.section.intro:
                prompter.say(" ".join(ref.section.intro.split()))
        if show_position:
            prompter.say()
            prompter.say(flow.position(ref.qid).label(), "dim")
        current = flow.answers.get(ref.qid)
        reply = prompter.ask(question_spec(ref, pending or current, flow.can_go_back()))
        pending = None
        note = current.note if current else None
        action = reply.action if isinstance(reply, Ticked) else reply
        show_position = action is not Action.HELP
        if action is Action.HELP:
            if isinstance(reply, Ticked):
                pending = Answer(list(reply.ticks), note)
            prompter.say("Help: " + " ".join((ref.question.help or "").split()), "italic")
        elif isinstance(reply, Ticked):  # Back with ticks: keep the ticks, then go back
            _record(session, prompter, ref, list(reply.ticks), note, then_back=True)
        elif reply is Action.BACK:
            flow.back()
        elif isinstance(reply, Action):
            continue
        elif _record(session, prompter, ref, reply, note) and ref.scored and reply is not None:
            _ask_note(session, prompter, ref.qid, note)


def _record(
    session: Session,
    prompter: Prompter,
    ref: QuestionRef,
    value: Value,
    note: str | None,
    *,
    then_back: bool = False,
) -> bool:
    """Saves an answer and moves on (or back). If that would remove answers the person gave
    to questions that then no longer apply, asks first; False when the old answer is kept."""
    flow = session.flow
    lost = flow.would_set_aside(ref.qid, value)
    if lost and not _confirm_set_aside(session, prompter, ref, lost):
        old = flow.answers.get(ref.qid)
        if then_back:
            flow.back()
        elif old is not None:
            flow.answer(ref.qid, old.value, old.note)  # unchanged: moves on as before
        return False
    before = {r.qid for r in flow.visible()}
    record = flow.answer_and_back if then_back else flow.answer
    dropped = record(ref.qid, value, note)
    session.save()
    if dropped:
        applies = "applies" if len(dropped) == 1 else "apply"
        prompter.say(f"  ({_count(len(dropped), 'answer')} removed: no longer {applies})")
    added = len({r.qid for r in flow.visible()} - before)
    if added:
        prompter.say(f"  ({_count(added, 'follow-up question')} added by your answer)")
    return True


def _confirm_set_aside(
    session: Session, prompter: Prompter, ref: QuestionRef, lost: list[str]
) -> bool:
    flow = session.flow
    prompter.say()
    prompter.say(
        f"With that answer, {_count(len(lost), 'answer')} you gave no longer "
        f"{'applies' if len(lost) == 1 else 'apply'}, and would be removed from the answer "
        "file and the score:"
    )
    for qid in lost:
        other = session.bank.by_id[qid]
        given = flow.answers[qid]
        with_note = " (and its evidence note)" if given.note else ""
        prompter.say(f"  - {other.question.text} — {describe(other, given.value)}{with_note}")
    old = flow.answers.get(ref.qid)
    old_text = describe(ref, old.value) if old is not None else None
    return prompter.ask(set_aside_spec(old_text)) == SET_ASIDE


def _ask_note(session: Session, prompter: Prompter, qid: str, note: str | None) -> None:
    note_reply = prompter.ask(note_spec(note))
    new_note = note_reply if isinstance(note_reply, str) else None
    if new_note != note:
        session.flow.set_note(qid, new_note)
        session.save()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
