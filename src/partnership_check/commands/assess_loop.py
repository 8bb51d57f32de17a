"""The questionnaire's loop: ask what the flow names, record the reply, save at once."""

from __future__ import annotations

from ..answers.model import Answer
from ..bank.model import QuestionRef, Value
from ..interactive.flow import Flow, describe
from ..interactive.prompt_specs import (
    SET_ASIDE,
    Action,
    Prompter,
    StoppedWhileTyping,
    Ticked,
    note_spec,
    question_spec,
    review_spec,
    set_aside_spec,
)
from ..render.wording import counted, pick
from .assess_details import ask_assessor, ask_service
from .assess_saving import save
from .assess_session import Session

GATE_LINE = (
    'A weak answer here, or "don\'t know", can cap the overall result whatever the other'
    " answers score."
)
MINUTES_PER_QUESTION = 1 / 3  # about 20 seconds: 66 questions took a trial user 20 to 25 minutes


def say_how_long(flow: Flow, prompter: Prompter) -> None:
    """Before the first question: how many questions there are and about how long."""
    count = len(flow.visible())
    minutes = max(1, round(count * MINUTES_PER_QUESTION))
    more = ", and some answers add follow-up questions" if flow.count_may_change() else ""
    prompter.say(
        f"There are {counted(count, 'question')} to answer{more}; it takes about"
        f" {counted(minutes, 'minute')}."
    )


def drive(session: Session, prompter: Prompter) -> None:
    """Asks until the person finishes on the review screen."""
    flow = session.flow
    introduced: set[str] = set()
    show_position = True
    pending: Answer | None = None  # ticks kept while help is shown
    while True:
        ref = flow.current()
        if ref is None:
            if _review(session, prompter) is Action.FINISH:
                return
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
            if ref.question.gate is not None:
                prompter.say(GATE_LINE, "dim")
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
        else:
            recorded = _record(session, prompter, ref, reply, note)
            noted = recorded and _takes_a_note(ref, reply)
            if noted and _ask_note(session, prompter, ref.qid, note) is Action.BACK:
                flow.reopen_last()  # the question again, on the answer just given
                continue
            _say_passed_over(session, prompter)


def _review(session: Session, prompter: Prompter) -> Action | None:
    """The review screen: FINISH, or the change asked for made (a detail changed and
    saved, or the flow moved to the question to ask again)."""
    flow, base = session.flow, session.base
    spec = review_spec(flow.review_rows(), base.service, base.assessor, flow.edited)
    reply = prompter.ask(spec)
    if reply is Action.BACK:
        flow.back()
    elif reply is Action.SERVICE:
        session.base = base.model_copy(update={"service": ask_service(prompter, base.service)})
        save(session, prompter)
    elif reply is Action.ASSESSOR:
        assessor = ask_assessor(prompter, base.assessor)
        session.base = base.model_copy(update={"assessor": assessor})
        save(session, prompter)
    elif isinstance(reply, str):
        flow.edit(reply)
    return reply if reply is Action.FINISH else None


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
    save(session, prompter)
    _say_count_changed(flow, before, dropped, prompter)
    return True


def _say_count_changed(
    flow: Flow, before: set[str], dropped: list[str], prompter: Prompter
) -> None:
    """What the answer just given did to the other questions, and the number now: answers
    set aside or brought back, questions added or no longer asked."""
    now = {r.qid for r in flow.visible()}
    about = "about " if flow.count_may_change() else ""
    total = f"{about}{len(now)} in all now"
    if dropped:
        applies = pick(len(dropped), "applies", "apply")
        prompter.say(
            f"  ({counted(len(dropped), 'answer')} set aside: no longer {applies}; kept in"
            f" case this answer changes back; {total})"
        )
    if flow.restored:
        applies = pick(len(flow.restored), "applies", "apply")
        prompter.say(
            f"  ({counted(len(flow.restored), 'answer')} given before brought back: {applies}"
            f" again; {total})"
        )
    added = len(now - before) - len(flow.restored)
    gone = len(before - now) - len(dropped)
    if added > 0:
        prompter.say(f"  ({counted(added, 'follow-up question')} added by your answer: {total})")
    if gone > 0:
        prompter.say(f"  ({counted(gone, 'question')} no longer asked after your answer: {total})")


def _confirm_set_aside(
    session: Session, prompter: Prompter, ref: QuestionRef, lost: list[str]
) -> bool:
    flow = session.flow
    prompter.say()
    prompter.say(
        f"With that answer, {counted(len(lost), 'answer')} you gave no longer "
        f"{pick(len(lost), 'applies', 'apply')}, and would be set aside: kept in the answer "
        "file but not scored, and brought back if this answer changes back:"
    )
    for qid in lost:
        other = session.bank.by_id[qid]
        given = flow.answers[qid]
        with_note = " (and its evidence note)" if given.note else ""
        prompter.say(f"  - {other.question.text} — {describe(other, given.value)}{with_note}")
    old = flow.answers.get(ref.qid)
    old_text = describe(ref, old.value) if old is not None else None
    return prompter.ask(set_aside_spec(old_text)) == SET_ASIDE


def _ask_note(session: Session, prompter: Prompter, qid: str, note: str | None) -> Action | None:
    """Asks for the evidence note and saves it; BACK when the person goes back instead.
    A note typed but not entered when Ctrl-C stops assess is saved too, not lost."""
    try:
        note_reply = prompter.ask(note_spec(note))
    except StoppedWhileTyping as stopped:
        typed = stopped.typed.strip()
        if typed and typed != note:
            session.flow.set_note(qid, typed)
            save(session, prompter)
            prompter.say()
            prompter.say("The note you were typing is saved with its answer.")
        raise
    if note_reply is Action.BACK:
        return Action.BACK
    new_note = note_reply if isinstance(note_reply, str) else None
    if new_note != note:
        session.flow.set_note(qid, new_note)
        save(session, prompter)
    return None


def _say_passed_over(session: Session, prompter: Prompter) -> None:
    """Moving on past questions answered already (after going back, or in a resumed file
    with gaps) goes to the next one not answered yet: says so, and which it passes over."""
    flow = session.flow
    passed = flow.passed_over
    if not passed or flow.cursor is None:
        return
    numbers = [flow.position(qid).overall for qid in passed]
    which = (
        f"question {numbers[0]}"
        if len(numbers) == 1
        else f"questions {numbers[0]} {'and' if len(numbers) == 2 else 'to'} {numbers[-1]}"
    )
    prompter.say(
        f"  (On to the next question not answered yet, passing over {which}, answered"
        " already; b goes back)"
    )


def _takes_a_note(ref: QuestionRef, reply: Value) -> bool:
    """Every chosen answer may have an evidence note, so each question has the same steps
    (a text answer is its own evidence)."""
    return ref.question.type != "text" and reply is not None
