"""What changed between two assessments of the same service.

Both answer files are scored against the same bank; this module compares the two scored
results question by question. Answers the bank does not know (another bank version) are
listed as not comparable rather than guessed at.
"""

from __future__ import annotations

from typing import Literal

from ..bank.model import Bank
from ..scoring.results import QuestionResult, ServiceResult
from .headline import headline
from .progress_result import (
    BlockerEntry,
    GapEntry,
    Movement,
    NotComparable,
    ProgressResult,
    QuestionChange,
    SectionChange,
    Snapshot,
)

_HAS_ANSWER = ("answered", "dont-know", "not-applicable")


def _snapshot(bank: Bank, r: ServiceResult) -> Snapshot:
    ranks = {band.id: i for i, band in enumerate(sorted(bank.bands, key=lambda b: b.min))}
    problems = len(r.problems) + r.problems_more
    return Snapshot.model_validate(
        {
            **headline(r),
            "band_rank": ranks[r.overall.band.id],
            "problems": problems,
            "unread": tuple(p.qid for p in r.problems),
        }
    )


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
    """The blockers of ``r`` named in ``qids``, each with the answer given now: for one
    cleared since ``r``, the answer that cleared it."""
    return tuple(
        BlockerEntry(
            qid=b.qid,
            text=b.text,
            answer=_answer(now.question(b.qid)),
            cap=b.cap.label,
            reason=b.reason,
            applies_now=now.question(b.qid).status != "hidden",
        )
        for b in r.blockers
        if b.qid in qids
    )


def compare_progress(bank: Bank, old: ServiceResult, new: ServiceResult) -> ProgressResult:
    """What moved between two scored assessments of one service against ``bank``. Pure."""
    moved, skipped, excluded = _moved(bank, old, new)
    improved, answered, opened, still = _gap_changes(bank, old, new, excluded)
    old_blocked = [b.qid for b in old.blockers]
    new_blocked = [b.qid for b in new.blockers]
    sections = _section_changes(old, new)
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
        sections=sections,
        counted_only_old=tuple(
            s.title for s in sections if s.counts and s.old is not None and s.new is None
        ),
        counted_only_new=tuple(
            s.title for s in sections if s.counts and s.old is None and s.new is not None
        ),
        moved=tuple(moved),
        improved=tuple(improved),
        now_answered=tuple(answered),
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


def _not_in_bank(result: ServiceResult, side: Literal["old", "new"]) -> list[NotComparable]:
    """The file's answers to ids this bank does not have, with the current id close to one."""
    meant = {d.qid: d.did_you_mean for d in result.dropped}
    return [
        NotComparable(qid=q, only_in=side, reason="not-in-bank", did_you_mean=meant.get(q))
        for q in result.unmatched
    ]


def _moved(
    bank: Bank, old: ServiceResult, new: ServiceResult
) -> tuple[list[QuestionChange], list[NotComparable], set[str]]:
    """Answers that moved; questions only one side can speak to; and those of them that
    are left out of every comparison."""
    skipped = _not_in_bank(old, "old") + _not_in_bank(new, "new")
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
    return moved, skipped, excluded


def _gap_changes(
    bank: Bank, old: ServiceResult, new: ServiceResult, excluded: set[str]
) -> tuple[list[GapEntry], list[GapEntry], list[GapEntry], list[GapEntry]]:
    """Gaps closed by a better answer; gaps closed by an answer where there was "don't know"
    or none (new knowledge, not an improvement); new gaps; and gaps still open."""
    old_gaps = {g.qid: g for g in old.gaps}
    new_gaps = {g.qid: g for g in new.gaps}
    improved: list[GapEntry] = []
    answered: list[GapEntry] = []
    opened: list[GapEntry] = []
    still: list[GapEntry] = []
    for ref in bank.questions:
        qid = ref.qid
        if qid in excluded:
            continue
        o, n = old.question(qid), new.question(qid)
        entry = {
            "qid": qid,
            "section_title": ref.section.title,
            "text": ref.question.text,
            "old_answer": _answer(o),
            "new_answer": _answer(n),
        }
        if qid in old_gaps and qid not in new_gaps:
            gap = old_gaps[qid]
            if n.status == "answered" and not n.gap:
                target = improved if gap.kind == "low-score" else answered
                target.append(
                    GapEntry(
                        **entry, kind=gap.kind, recommendation=gap.recommendation, effort=gap.effort
                    )
                )
        elif qid in new_gaps:
            gap = new_gaps[qid]
            target = still if qid in old_gaps else opened
            target.append(
                GapEntry(
                    **entry, kind=gap.kind, recommendation=gap.recommendation, effort=gap.effort
                )
            )
    return improved, answered, opened, still


def _section_changes(old: ServiceResult, new: ServiceResult) -> tuple[SectionChange, ...]:
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
    return tuple(sections)
