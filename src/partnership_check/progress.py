"""``progress``: what changed between two assessments of the same service.

Both answer files are scored against the same bank; this module compares the two scored
results question by question. Answers the bank does not know (another bank version) are
listed as not comparable rather than guessed at.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .bank import Bank
from .errors import UsageError
from .inputs import headline
from .results import Effort, GapKind, QuestionResult, ServiceResult

Movement = Literal["up", "down", "changed", "new-answer", "now-unanswered", "no-longer-asked"]
_HAS_ANSWER = ("answered", "dont-know", "not-applicable")


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Snapshot(_Value):
    """One of the two assessments in brief."""

    service: str
    source: str
    file: str
    assessed_on: dt.date | None
    answers_bank_version: str
    score: float | None
    band: str
    band_rank: int = Field(description="Position of the band in the bank, lowest 0.")
    capped: bool
    completeness: float


class SectionChange(_Value):
    id: str
    title: str
    counts: bool
    old: float | None
    new: float | None
    change: float | None


class QuestionChange(_Value):
    """One question whose answer moved."""

    qid: str
    section_title: str
    text: str
    movement: Movement
    old_answer: str
    new_answer: str
    old_asked: bool = Field(description="False when the question did not apply then.")
    new_asked: bool = Field(description="False when the question does not apply now.")


class GapEntry(_Value):
    qid: str
    section_title: str
    text: str
    old_answer: str
    new_answer: str
    kind: GapKind | None = None
    recommendation: str | None = None
    effort: Effort | None = None


class BlockerEntry(_Value):
    qid: str
    text: str
    answer: str
    cap: str
    reason: str
    applies_now: bool = Field(True, description="False when the question no longer applies.")


class NotComparable(_Value):
    """A question only one of the two assessments can speak to."""

    qid: str
    only_in: Literal["old", "new"]
    reason: Literal["not-in-bank", "maybe-new-question"]


class ProgressResult(_Value):
    """The whole progress view; dumped as the JSON result of ``progress``."""

    bank_id: str
    bank_version: str
    bank_title: str
    old: Snapshot
    new: Snapshot
    score_change: float | None
    band_change: Literal["up", "down", "same"]
    sections: tuple[SectionChange, ...]
    counted_only_old: tuple[str, ...] = Field(
        description="Titles of sections in the readiness score then but not now."
    )
    counted_only_new: tuple[str, ...] = Field(
        description="Titles of sections in the readiness score now but not then."
    )
    moved: tuple[QuestionChange, ...]
    acted_on: tuple[GapEntry, ...] = Field(description="Gaps with a recommendation in OLD, closed.")
    new_gaps: tuple[GapEntry, ...]
    still_open: tuple[GapEntry, ...]
    new_blockers: tuple[BlockerEntry, ...]
    cleared_blockers: tuple[BlockerEntry, ...]
    remaining_blockers: tuple[BlockerEntry, ...]
    not_comparable: tuple[NotComparable, ...]
    renamed: tuple[tuple[str, str], ...]
    names_differ: bool
    dated_backwards: bool
    dates_missing: bool


def _snapshot(bank: Bank, r: ServiceResult) -> Snapshot:
    ranks = {band.id: i for i, band in enumerate(sorted(bank.bands, key=lambda b: b.min))}
    return Snapshot.model_validate({**headline(r), "band_rank": ranks[r.overall.band.id]})


def _answer(q: QuestionResult) -> str:
    if q.status == "hidden":
        return ""
    return ", ".join(q.answer_labels or q.answer)


def _movement(old: QuestionResult, new: QuestionResult) -> Movement | None:
    had, has = old.status in _HAS_ANSWER, new.status in _HAS_ANSWER
    if not had:
        return "new-answer" if has else None
    if not has:
        return "no-longer-asked" if new.status == "hidden" else "now-unanswered"
    if old.answer == new.answer and old.status == new.status:
        return None
    if old.fraction is not None and new.fraction is not None and old.fraction != new.fraction:
        return "up" if new.fraction > old.fraction else "down"
    return "changed"


def _blocker_entries(
    r: ServiceResult, qids: list[str], now: ServiceResult
) -> tuple[BlockerEntry, ...]:
    return tuple(
        BlockerEntry(
            qid=b.qid,
            text=b.text,
            answer=", ".join(b.answer_labels) if b.answered else "",
            cap=b.cap.label,
            reason=b.reason,
            applies_now=now.question(b.qid).status != "hidden",
        )
        for b in r.blockers
        if b.qid in qids
    )


def compare_progress(bank: Bank, old: ServiceResult, new: ServiceResult) -> ProgressResult:
    """What moved between two scored assessments of one service against ``bank``. Pure."""
    skipped: list[NotComparable] = [
        NotComparable(qid=q, only_in="old", reason="not-in-bank") for q in old.unmatched
    ] + [NotComparable(qid=q, only_in="new", reason="not-in-bank") for q in new.unmatched]
    versions_differ = old.answers_bank_version != new.answers_bank_version
    moved: list[QuestionChange] = []
    excluded: set[str] = set()
    for ref in bank.questions:
        o, n = old.question(ref.qid), new.question(ref.qid)
        movement = _movement(o, n)
        if movement == "new-answer" and versions_differ and o.status == "unanswered":
            # OLD used another bank version: the question may not have existed then.
            skipped.append(NotComparable(qid=ref.qid, only_in="new", reason="maybe-new-question"))
            excluded.add(ref.qid)
            continue
        if movement is not None:
            moved.append(
                QuestionChange(
                    qid=ref.qid,
                    section_title=ref.section.title,
                    text=ref.question.text,
                    movement=movement,
                    old_answer=_answer(o),
                    new_answer=_answer(n),
                    old_asked=o.status != "hidden",
                    new_asked=n.status != "hidden",
                )
            )

    old_gaps = {g.qid: g for g in old.gaps}
    new_gaps = {g.qid: g for g in new.gaps}
    acted: list[GapEntry] = []
    opened: list[GapEntry] = []
    still: list[GapEntry] = []
    for ref in bank.questions:
        qid = ref.qid
        o, n = old.question(qid), new.question(qid)
        entry = {
            "qid": qid,
            "section_title": ref.section.title,
            "text": ref.question.text,
            "old_answer": _answer(o),
            "new_answer": _answer(n),
        }
        if qid in excluded:
            continue
        if qid in old_gaps and qid not in new_gaps:
            gap = old_gaps[qid]
            if gap.recommendation and n.status == "answered" and not n.gap:
                acted.append(
                    GapEntry(**entry, recommendation=gap.recommendation, effort=gap.effort)
                )
        elif qid in new_gaps:
            gap = new_gaps[qid]
            target = still if qid in old_gaps else opened
            target.append(
                GapEntry(
                    **entry, kind=gap.kind, recommendation=gap.recommendation, effort=gap.effort
                )
            )

    old_blocked = [b.qid for b in old.blockers]
    new_blocked = [b.qid for b in new.blockers]
    sections = []
    for os_, ns_ in zip(old.sections, new.sections, strict=True):
        if os_.score is None and ns_.score is None:
            continue
        change = None
        if os_.score is not None and ns_.score is not None:
            change = round(ns_.score - os_.score, 1)
        sections.append(
            SectionChange(
                id=ns_.id,
                title=ns_.title,
                counts=ns_.counts,
                old=os_.score,
                new=ns_.score,
                change=change,
            )
        )
    o_snap, n_snap = _snapshot(bank, old), _snapshot(bank, new)
    score_change = None
    if o_snap.score is not None and n_snap.score is not None:
        score_change = round(n_snap.score - o_snap.score, 1)
    band_change: Literal["up", "down", "same"] = "same"
    if n_snap.band_rank != o_snap.band_rank:
        band_change = "up" if n_snap.band_rank > o_snap.band_rank else "down"
    return ProgressResult(
        bank_id=bank.id,
        bank_version=bank.version,
        bank_title=bank.title,
        old=o_snap,
        new=n_snap,
        score_change=score_change,
        band_change=band_change,
        sections=tuple(sections),
        counted_only_old=tuple(
            s.title for s in sections if s.counts and s.old is not None and s.new is None
        ),
        counted_only_new=tuple(
            s.title for s in sections if s.counts and s.old is None and s.new is not None
        ),
        moved=tuple(moved),
        acted_on=tuple(acted),
        new_gaps=tuple(opened),
        still_open=tuple(still),
        new_blockers=_blocker_entries(new, [q for q in new_blocked if q not in old_blocked], new),
        cleared_blockers=_blocker_entries(
            old, [q for q in old_blocked if q not in new_blocked], new
        ),
        remaining_blockers=_blocker_entries(new, [q for q in new_blocked if q in old_blocked], new),
        not_comparable=tuple(skipped),
        renamed=tuple(sorted(set(old.renamed) | set(new.renamed))),
        names_differ=old.service_display.casefold() != new.service_display.casefold(),
        dated_backwards=bool(
            old.assessed_on and new.assessed_on and new.assessed_on < old.assessed_on
        ),
        dates_missing=old.assessed_on is None or new.assessed_on is None,
    )


def run_progress(old: Path, new: Path, bank_path: Path | None, output: Path | None) -> int:
    """The ``progress`` command: score both files, compare, write Markdown (and JSON with -o)."""
    from .bank import load_bank
    from .inputs import require_files, score_files
    from .outputs import check_output, render_template, write_outputs

    if old.resolve() == new.resolve():
        raise UsageError(f"{old}: OLD and NEW are the same file; give two assessments")
    require_files([old, new])
    if output is not None:
        check_output(output, "progress.md", [old, new])
    bank = load_bank(bank_path)
    old_result, new_result = score_files(bank, [old, new])
    result = compare_progress(bank, old_result, new_result)
    markdown = render_template("progress.md.j2", r=result)
    write_outputs(output, markdown, result.model_dump_json(indent=2) + "\n")
    return 0
