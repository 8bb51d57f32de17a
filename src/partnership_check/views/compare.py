"""The partnership view of 2-20 prospective partners, side by side.

Each answer file is scored on its own (:func:`..scoring.score.score_service`); this only
compares the scored results. A partnership is only as ready as its least ready member, so
the view leads with the weakest partner per success factor, then what partners share.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from ..bank.model import EFFORTS, Bank, Effort
from ..scoring.results import Gap, ServiceResult
from .compare_result import (
    AccreditationRow,
    BenefitRow,
    BenefitsView,
    CompareRules,
    Complement,
    Partner,
    PartnerBlocker,
    PartnershipResult,
    PlanItem,
    PlanPhase,
    SectionRow,
    SharedGap,
)
from .headline import headline

MIN_PARTNERS = 2
MAX_PARTNERS = 20
PER_PHASE = 5  # work-plan items listed per effort phase
WIDE_SPREAD = 40.0  # points between highest and lowest partner flagged as a wide spread
FACTOR_KINDS = ("success-factor", "relationship")
WEAK_STANDINGS = ("not-met", "partially-met")


def order_partners(results: Sequence[ServiceResult]) -> list[ServiceResult]:
    """Partners by service name (case-insensitive), then file name: a stable order."""
    return sorted(
        results, key=lambda r: (r.service_display.casefold(), r.service_display, r.source)
    )


def _labels(results: Sequence[ServiceResult]) -> list[str]:
    names = [r.service_display or Path(r.source).name for r in results]
    folded = [n.casefold() for n in names]
    labels = []
    for name, key, r in zip(names, folded, results, strict=True):
        clash = folded.count(key) > 1 and r.service_display
        labels.append(f"{name} ({Path(r.source).name})" if clash else name)
    if len(set(labels)) < len(labels):  # same name and same file name in other folders
        labels = [
            f"{n} ({r.source})" if labels.count(lab) > 1 else lab
            for n, lab, r in zip(names, labels, results, strict=True)
        ]
    return labels


def _partner(label: str, r: ServiceResult) -> Partner:
    return Partner.model_validate({"label": label, **headline(r)})


def _section_rows(labels: list[str], results: list[ServiceResult]) -> list[SectionRow]:
    rows: list[SectionRow] = []
    for index, first in enumerate(results[0].sections):
        sections = [r.sections[index] for r in results]
        scores = tuple(s.score for s in sections)
        if all(s is None for s in scores):
            continue
        # Nothing answered scores 0 (unanswered required questions earn nothing): a missing
        # answer, not a view of the factor, so it is kept out of weakest and spread.
        answered = tuple(s.score is None or s.answered > 0 for s in sections)
        known = [(lab, s) for lab, s, ok in zip(labels, scores, answered, strict=True) if ok]
        values = [s for _, s in known if s is not None]
        low = min(values) if values else None
        high = max(values) if values else None
        compared = len(values) >= 2
        rows.append(
            SectionRow(
                id=first.id,
                title=first.title,
                kind=first.kind,
                success_factor=first.kind in FACTOR_KINDS,
                scores=scores,
                answered=answered,
                not_answered=tuple(lab for lab, ok in zip(labels, answered, strict=True) if not ok),
                weakest=tuple(lab for lab, s in known if s == low) if compared else (),
                lowest=low,
                highest=high,
                spread=round(high - low, 1)
                if compared and high is not None and low is not None
                else None,
            )
        )
    return rows


def compare_results(bank: Bank, results: Sequence[ServiceResult]) -> PartnershipResult:
    """The partnership view of scored results, all scored against ``bank``. Pure."""
    ordered = order_partners(results)
    labels = _labels(ordered)
    questions = _Questions(labels, ordered)
    for ref in bank.questions:
        questions.add(ref.qid, ref.position)
    questions.shared.sort(key=lambda g: (-len(g.partners), bank.by_id[g.qid].position))
    rules = ordered[0].rules
    return PartnershipResult(
        bank_id=bank.id,
        bank_version=bank.version,
        bank_title=bank.title,
        partners=tuple(_partner(lab, r) for lab, r in zip(labels, ordered, strict=True)),
        sections=tuple(_section_rows(labels, ordered)),
        shared_gaps=tuple(questions.shared),
        complementary=tuple(questions.complements),
        blockers=_blockers(labels, ordered),
        benefits=_benefits(bank, labels, ordered),
        accreditation=tuple(_accreditation(bank, labels, ordered)),
        work_plan=_combined_plan(questions.candidates),
        rules=CompareRules(
            shared_from=questions.shared_from,
            wide_spread_from=WIDE_SPREAD,
            per_phase=PER_PHASE,
            gap_at_or_below=rules.gap_at_or_below,
            strength_from=rules.strength_from,
        ),
    )


PlanKey = tuple[bool, int, bool, int]  # shared first, most partners, blockers, bank order


class _Questions:
    """Each question's gaps across the partners: shared gaps, complementary strengths, and
    candidate items of the combined work plan."""

    def __init__(self, labels: list[str], ordered: list[ServiceResult]) -> None:
        self.labels = labels
        self.gaps = [{g.qid: g for g in r.gaps} for r in ordered]
        self.strong = [set(r.strengths) for r in ordered]
        self.shared_from = max(2, math.ceil(len(ordered) / 2))
        self.shared: list[SharedGap] = []
        self.complements: list[Complement] = []
        self.candidates: list[tuple[PlanKey, PlanItem, Effort]] = []

    def add(self, qid: str, position: int) -> None:
        # Only answered gaps (low score, don't know) count: a missing answer is not evidence
        # of a weakness, so it is shown but never makes a gap shared or a plan item.
        gaps, labels = self.gaps, self.labels
        weak = [i for i, g in enumerate(gaps) if qid in g and g[qid].kind != "unanswered"]
        if not weak:
            return
        missing = [i for i, g in enumerate(gaps) if qid in g and g[qid].kind == "unanswered"]
        helpers = tuple(labels[i] for i, s in enumerate(self.strong) if qid in s)
        first = gaps[weak[0]][qid]
        is_shared = len(weak) >= self.shared_from
        blocked = tuple(labels[i] for i in weak if gaps[i][qid].blocker)
        if is_shared:
            self.shared.append(self._shared_gap(qid, first, weak, missing, helpers, blocked))
        elif helpers:  # shared gaps show who is strong
            self.complements.append(
                Complement(
                    qid=qid,
                    section_title=first.section_title,
                    text=first.text,
                    can_help=helpers,
                    could_learn=tuple(labels[i] for i in weak),
                )
            )
        if first.recommendation and first.effort:
            item = PlanItem(
                qid=qid,
                text=first.text,
                section_title=first.section_title,
                recommendation=first.recommendation,
                partners=tuple(labels[i] for i in weak),
                not_answered=tuple(labels[i] for i in missing),
                shared=is_shared,
                blocker_for=blocked,
                can_help=helpers,
            )
            key = (not is_shared, -len(weak), not blocked, position)
            self.candidates.append((key, item, first.effort))

    def _shared_gap(
        self,
        qid: str,
        first: Gap,
        weak: list[int],
        missing: list[int],
        helpers: tuple[str, ...],
        blocked: tuple[str, ...],
    ) -> SharedGap:
        gaps, labels = self.gaps, self.labels
        return SharedGap(
            qid=qid,
            section_title=first.section_title,
            text=first.text,
            partners=tuple(labels[i] for i in weak),
            kinds=tuple(gaps[i][qid].kind for i in weak),
            not_answered=tuple(labels[i] for i in missing),
            cells=tuple(
                gaps[i][qid].kind if qid in gaps[i] else ("strong" if qid in strong else "")
                for i, strong in enumerate(self.strong)
            ),
            can_help=helpers,
            blocker_for=blocked,
            recommendation=first.recommendation,
            effort=first.effort,
        )


def _combined_plan(
    candidates: list[tuple[PlanKey, PlanItem, Effort]],
) -> tuple[PlanPhase, ...]:
    """The candidates by effort, most pressing first, at most ``PER_PHASE`` a phase."""
    candidates = sorted(candidates, key=lambda c: c[0])
    phases: list[PlanPhase] = []
    for effort in EFFORTS:
        todo = [item for _, item, e in candidates if e == effort]
        if todo:
            phases.append(
                PlanPhase(
                    effort=effort,
                    items=tuple(todo[:PER_PHASE]),
                    left_over=max(0, len(todo) - PER_PHASE),
                )
            )
    return tuple(phases)


def _blockers(labels: list[str], ordered: list[ServiceResult]) -> tuple[PartnerBlocker, ...]:
    return tuple(
        PartnerBlocker(
            partner=lab,
            qid=b.qid,
            section=b.section,
            text=b.text,
            answer=", ".join(b.answer_labels) if b.answered else "",
            kind=b.kind,
            cap=b.cap.label,
            reason=b.reason,
            why=b.why,
        )
        for lab, r in zip(labels, ordered, strict=True)
        for b in r.blockers
    )


def _benefits(bank: Bank, labels: list[str], results: list[ServiceResult]) -> BenefitsView:
    ref = bank.benefits_ref
    if ref is None:
        return BenefitsView(qid=None, text=None, rows=(), not_answered=())
    answers = [r.question(ref.qid) for r in results]
    answered = [a.status == "answered" for a in answers]
    rows = []
    for choice in ref.choices:
        if choice.special:
            continue
        by = tuple(
            lab
            for lab, a, ok in zip(labels, answers, answered, strict=True)
            if ok and choice.id in a.answer
        )
        rows.append(
            BenefitRow(
                id=choice.id,
                label=choice.label,
                sought_by=by,
                everyone=any(answered) and len(by) == sum(answered),
            )
        )
    return BenefitsView(
        qid=ref.qid,
        text=ref.question.text,
        rows=tuple(rows),
        not_answered=tuple(lab for lab, ok in zip(labels, answered, strict=True) if not ok),
    )


def _accreditation(
    bank: Bank, labels: list[str], results: list[ServiceResult]
) -> list[AccreditationRow]:
    standing_qid: dict[str, str] = {}
    for ref in bank.questions:
        acc = ref.question.accreditation
        if acc is not None and acc.aspect == "standing":
            standing_qid.setdefault(acc.area, ref.qid)
    listed = [{p.area: p for p in r.accreditation} for r in results]
    rows: list[AccreditationRow] = []
    for area, name in bank.accreditation_areas.items():
        weak = [i for i, m in enumerate(listed) if area in m and m[area].standing in WEAK_STANDINGS]
        if len(weak) < 2:
            continue
        cells = []
        for i, r in enumerate(results):
            priority = listed[i].get(area)
            if priority is None:
                q = r.question(standing_qid[area]) if area in standing_qid else None
                cells.append(", ".join(q.answer_labels) if q and q.answer_labels else "")
            elif not priority.standing_label:
                cells.append("")
            elif priority.help_label:
                cells.append(f"{priority.standing_label} (help: {priority.help_label})")
            else:
                cells.append(priority.standing_label)
        rows.append(
            AccreditationRow(
                area=area,
                name=name,
                standings=tuple(cells),
                weak=tuple(labels[i] for i in weak),
                help_yes=tuple(
                    labels[i] for i in weak if listed[i][area].partnership_help == "yes"
                ),
                help_maybe=tuple(
                    labels[i] for i in weak if listed[i][area].partnership_help == "maybe"
                ),
            )
        )
    return rows
