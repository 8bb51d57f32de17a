"""The questionnaire as a state machine: what to ask next, going back, review, conditions.

No terminal here. ``assess`` asks whatever :attr:`Flow.cursor` names, feeds the reply back
through :meth:`Flow.answer`, :meth:`Flow.back` or :meth:`Flow.edit`, and saves
:meth:`Flow.to_file` after every change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..answers.model import Answer, AnswerFile, LongAnswer
from ..bank.conditions import leaves, visible_values
from ..bank.model import Bank, QuestionRef, Value


@dataclass(frozen=True)
class Position:
    """Where a question sits among the questions currently shown."""

    section_title: str
    in_section: int
    section_total: int
    overall: int
    total: int
    approximate: bool = False  # answers still to give may add or remove questions

    def label(self) -> str:
        """``Leadership — question 3 of 5 · 21 of about 48 overall``."""
        about = "about " if self.approximate else ""
        return (
            f"{self.section_title} — question {self.in_section} of {self.section_total}"
            f" · {self.overall} of {about}{self.total} overall"
        )


@dataclass(frozen=True)
class ReviewRow:
    """One line of the review screen."""

    qid: str
    number: int
    section_title: str
    text: str
    answer: str
    note: str | None


class Flow:
    """Answers given so far and which question comes next; ``cursor`` None means review."""

    def __init__(
        self,
        bank: Bank,
        answers: Mapping[str, Answer] | None = None,
        kept_aside: Mapping[str, Answer] | None = None,
    ) -> None:
        self.bank = bank
        self.answers: dict[str, Answer] = {
            qid: answer for qid, answer in (answers or {}).items() if qid in bank.by_id
        }
        # Answers to questions that a changed answer hid: not shown, asked or scored, but
        # saved, and brought back when their condition holds again.
        self.kept_aside: dict[str, Answer] = {
            qid: answer for qid, answer in (kept_aside or {}).items() if qid in bank.by_id
        }
        self.restored: list[str] = []  # the answers the last answer brought back
        self.edited: str | None = None  # the answer last picked on the review, to return to
        self._from_review = False
        # The questions the last answer moved past, answered already (after going back).
        self.passed_over: list[str] = []
        self._last: tuple[str, bool] | None = None  # the last answered, and from review?
        self._drop_hidden()
        self.cursor: str | None = self.first_open()

    # -- what is shown -------------------------------------------------------------

    def visible(self) -> list[QuestionRef]:
        """The questions whose conditions hold, in bank order."""
        values = {qid: a.value for qid, a in self.answers.items()}
        _, hidden = visible_values(self.bank, values)
        hidden_set = set(hidden)
        return [ref for ref in self.bank.questions if ref.qid not in hidden_set]

    def settled(self, ref: QuestionRef) -> bool:
        """Answered; an optional question left empty on purpose also counts as settled."""
        answer = self.answers.get(ref.qid)
        if answer is None:
            return False
        return answer.value is not None or not ref.question.required

    def first_open(self, after: str | None = None) -> str | None:
        """The first unsettled visible question (after ``after`` if given, else anywhere)."""
        shown = self.visible()
        start = 0
        if after is not None:
            ids = [ref.qid for ref in shown]
            start = ids.index(after) + 1 if after in ids else 0
        for ref in shown[start:]:
            if not self.settled(ref):
                return ref.qid
        if after is not None:
            return self.first_open()
        return None

    def current(self) -> QuestionRef | None:
        return self.bank.by_id[self.cursor] if self.cursor else None

    def position(self, qid: str) -> Position:
        shown = self.visible()
        ref = self.bank.by_id[qid]
        same = [r for r in shown if r.section.id == ref.section.id]
        return Position(
            section_title=ref.section.title,
            in_section=[r.qid for r in same].index(qid) + 1,
            section_total=len(same),
            overall=[r.qid for r in shown].index(qid) + 1,
            total=len(shown),
            approximate=self.count_may_change(),
        )

    def count_may_change(self) -> bool:
        """Whether some question's condition still waits on a question not yet answered,
        so that the number of questions may change."""
        given = {qid for qid, answer in self.answers.items() if answer.value is not None}
        return any(
            leaf.question not in given
            for ref in self.bank.questions
            if ref.question.when is not None
            for leaf, _ in leaves(ref.question.when)
        )

    def can_go_back(self) -> bool:
        shown = [ref.qid for ref in self.visible()]
        if not shown:
            return False
        return self.cursor is None or self.cursor != shown[0]

    def answered_count(self) -> int:
        return sum(1 for ref in self.visible() if self.answers.get(ref.qid, Answer(None)).value)

    # -- moves -----------------------------------------------------------------------

    def answer(self, qid: str, value: Value, note: str | None = None) -> list[str]:
        """Records an answer and moves on; returns the questions whose answers were set
        aside because their condition no longer holds (:attr:`restored` names those
        brought back because it holds again)."""
        if value == "" or value == []:
            value = None
        self.answers[qid] = Answer(value, note)
        dropped = self._drop_hidden()
        self.restored = self._restore_shown()
        self._last = (qid, self._from_review)
        if self._from_review:
            self._from_review = False
            self.cursor = self.first_open()
        else:
            self.cursor = self.first_open(after=qid)
        self.passed_over = self._between(qid, self.cursor)
        return dropped

    def reopen_last(self) -> bool:
        """Back from the evidence note: the question just answered is asked again, as it
        was reached (from the review, it returns there); False when nothing was answered."""
        if self._last is None or self._last[0] not in {r.qid for r in self.visible()}:
            return False
        self.cursor, self._from_review = self._last
        self.passed_over = []
        return True

    def _between(self, qid: str, after: str | None) -> list[str]:
        """The shown questions after ``qid`` and before ``after``: when moving on after
        going back, the ones answered already that the move passes over."""
        shown = [ref.qid for ref in self.visible()]
        if qid not in shown or after not in shown:
            return []
        return shown[shown.index(qid) + 1 : shown.index(after)]

    def _restore_shown(self) -> list[str]:
        """Brings back the answers kept aside whose questions are shown again (each may
        show more), in bank order."""
        restored: list[str] = []
        while True:
            shown = {ref.qid for ref in self.visible()}
            back = [q for q in self.kept_aside if q in shown and q not in self.answers]
            if not back:
                return [ref.qid for ref in self.bank.questions if ref.qid in restored]
            for qid in back:
                self.answers[qid] = self.kept_aside.pop(qid)
            restored += back

    def answer_and_back(self, qid: str, value: Value, note: str | None = None) -> list[str]:
        """Records an answer, then moves to the question before it (Back with ticks kept)."""
        dropped = self.answer(qid, value, note)
        self.cursor = qid
        self.back()
        return dropped

    def would_set_aside(self, qid: str, value: Value) -> list[str]:
        """The given answers (or notes) that answering ``qid`` with ``value`` would drop,
        because their conditions would no longer hold; in bank order."""
        if value == "" or value == []:
            value = None
        values = {q: a.value for q, a in self.answers.items()}
        values[qid] = value
        _, hidden = visible_values(self.bank, values)
        return [q for q in hidden if q in self.answers and _given(self.answers[q])]

    def set_note(self, qid: str, note: str | None) -> None:
        """Adds, replaces or (with None or blank) removes the evidence note of an answer."""
        current = self.answers.get(qid)
        if current is not None:
            self.answers[qid] = Answer(current.value, (note or "").strip() or None)

    def back(self) -> bool:
        """Moves to the previous shown question; False when already at the first."""
        shown = [ref.qid for ref in self.visible()]
        self.passed_over = []
        if not shown:
            return False
        if self.cursor is None:
            self.cursor = shown[-1]
            return True
        index = shown.index(self.cursor) if self.cursor in shown else 0
        if index == 0:
            return False
        self.cursor = shown[index - 1]
        self._from_review = False
        return True

    def edit(self, qid: str) -> None:
        """From the review screen: ask ``qid`` again, then return to review."""
        self.cursor = qid
        self._from_review = True
        self.edited = qid

    # -- output ----------------------------------------------------------------------

    def review_rows(self) -> list[ReviewRow]:
        rows: list[ReviewRow] = []
        for number, ref in enumerate(self.visible(), start=1):
            answer = self.answers.get(ref.qid, Answer(None))
            rows.append(
                ReviewRow(
                    qid=ref.qid,
                    number=number,
                    section_title=ref.section.title,
                    text=ref.question.text,
                    answer=describe(ref, answer.value),
                    note=answer.note,
                )
            )
        return rows

    def to_file(self, base: AnswerFile) -> AnswerFile:
        """The answer file to save: ``base``'s header, the bank's version, answers in bank order."""
        data: dict[str, str | list[str] | LongAnswer | None] = {}
        for ref in self.bank.questions:
            answer = self.answers.get(ref.qid) or self.kept_aside.get(ref.qid)
            if answer is None:
                continue
            if answer.note:
                data[ref.qid] = LongAnswer(answer=answer.value, note=answer.note)
            else:
                data[ref.qid] = answer.value
        return base.model_copy(
            update={"bank": self.bank.id, "bank_version": self.bank.version, "answers": data}
        )

    def _drop_hidden(self) -> list[str]:
        """Sets aside the answers whose questions are hidden now; those given, in order."""
        values = {qid: a.value for qid, a in self.answers.items()}
        _, hidden = visible_values(self.bank, values)
        dropped = [qid for qid in hidden if qid in self.answers]
        given = [qid for qid in dropped if _given(self.answers[qid])]
        for qid in dropped:
            answer = self.answers.pop(qid)
            if _given(answer):
                self.kept_aside[qid] = answer
        return given


def _given(answer: Answer) -> bool:
    return answer.value is not None or bool(answer.note)


def describe(ref: QuestionRef, value: Value) -> str:
    """An answer as a person reads it: choice labels, the text, or ``(not answered)``."""
    if value is None:
        return "(not answered)"
    if ref.question.type == "text":
        return str(value)
    chosen = value if isinstance(value, list) else [value]
    return "; ".join(ref.choice_by_id[c].label if c in ref.choice_by_id else c for c in chosen)
