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

from .answers import AnswerFile, LoadedAnswers, dump_answers, load_answers, match_answers
from .bank import Bank, bundled_bank_path, load_bank
from .errors import ExitCode, Interrupted, UsageError
from .files import atomic_write, ensure_writable_dir, slugify, unique_path
from .flow import Flow
from .prompts import (
    Action,
    PlainPrompter,
    Prompter,
    RichPrompter,
    note_spec,
    question_spec,
    review_spec,
    service_spec,
)

SUFFIX = ".answers.yaml"
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
        atomic_write(self.path, dump_answers(self.flow.to_file(self.base)), durable=True)

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
        _finish(session, prompter)
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
    loaded = load_answers(path)
    matched = match_answers(bank, loaded)
    ensure_writable_dir(path.parent)
    if not _writable(path):
        raise UsageError(f"{path}: cannot write to this file; check its permissions")
    flow = Flow(bank, matched.answers)
    session = Session(bank, bank_path, path, loaded.file, flow, plain)
    prompter.say(f"Resuming {path} for {loaded.file.service or 'an unnamed service'}", "bold")
    if matched.version_differs:
        _explain_version_change(session, loaded, matched.unmatched, matched.renamed, prompter)
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
    rows = [row for row in flow.review_rows() if row.qid in flow.answers]
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
        reply = prompter.ask(question_spec(ref, current, flow.can_go_back()))
        show_position = reply is not Action.HELP
        if reply is Action.HELP:
            prompter.say("Help: " + " ".join((ref.question.help or "").split()), "italic")
            continue
        if reply is Action.BACK:
            flow.back()
            continue
        if isinstance(reply, Action):
            continue
        note = current.note if current else None
        dropped = flow.answer(ref.qid, reply, note)
        session.save()
        for qid in dropped:
            prompter.say(f"  (answer to “{session.bank.by_id[qid].question.text}” dropped: "
                         "it no longer applies)")
        if ref.scored and reply is not None:
            note_reply = prompter.ask(note_spec(note))
            new_note = note_reply if isinstance(note_reply, str) else None
            if new_note != note:
                flow.set_note(ref.qid, new_note)
                session.save()


# -- finishing ---------------------------------------------------------------------------


def _finish(session: Session, prompter: Prompter) -> None:
    """Scores the saved file and writes the report beside it, then a short summary."""
    from . import report, scoring

    loaded = load_answers(session.path)
    matched = match_answers(session.bank, loaded)
    result = scoring.score_service(session.bank, loaded.file, matched, source=session.path.name)
    stem = session.path.name.removesuffix(SUFFIX)
    written = report.write_reports(result, session.path.parent, stem, formats=("md", "json"))
    prompter.say()
    overall = result.overall
    # The same whole number the report shows.
    score = "no score" if overall.score is None else f"{report.whole(overall.score)} / 100"
    prompter.say(f"{result.service_display}: {score} — {overall.band.label}", "bold")
    if overall.capped:
        prompter.say(f"  (capped by {', '.join(overall.capped_by)})")
    if result.gaps:
        prompter.say("Biggest gaps:")
        for gap in result.gaps[:3]:
            prompter.say(f"  {gap.rank}. {gap.section_title}: {gap.text}")
    prompter.say("Written:")
    prompter.say(f"  {session.path}")
    for path in written:
        prompter.say(f"  {path}")

