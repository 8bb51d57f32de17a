"""The partnership view of 2-20 prospective partners, side by side.

Each answer file is scored on its own (:func:`..scoring.score.score_service`); this only
compares the scored results. A partnership is only as ready as its least ready member. The
view leads with what a meeting must discuss: every partner's blockers, the facts about the
partnership that partners see differently (and those they agree on), and whether they have
the same partnership in mind; then the scores side by side, shared gaps, who can help whom,
benefits, Accreditation and a combined plan that starts with every blocker.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..bank.model import EFFORTS, Bank, Effort, QuestionRef, Scope
from ..errors import UsageError
from ..scoring.results import Gap, ServiceResult
from .compare_result import (
    AccreditationRow,
    BenefitRow,
    BenefitsView,
    CompareRules,
    Complement,
    Headline,
    LeftOut,
    Partner,
    PartnerBlocker,
    PartnershipResult,
    PlanItem,
    PlanPhase,
    SectionRow,
    SharedFact,
    SharedGap,
    Topic,
)
from .partners import admit, partners
from .shared_facts import shared_facts

MIN_PARTNERS = 2
MAX_PARTNERS = 20
PER_PHASE = 5  # work-plan items listed per effort phase
WIDE_SPREAD = 40.0  # points between highest and lowest partner flagged as a wide spread
FACTOR_KINDS = ("success-factor", "relationship")
WEAK_STANDINGS = ("not-met", "partially-met")


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
    """The partnership view of scored results, all scored against ``bank``. Pure.

    Blank templates and second files for one service are left out and named
    (:func:`.partners.admit`); fewer than two partners left is a usage error.
    """
    admitted = admit(results)
    ordered = admitted.results
    if len(ordered) < MIN_PARTNERS:
        raise UsageError(_too_few(admitted.left_out))
    people = partners(ordered)
    labels = [p.label for p in people]
    facts = shared_facts(bank, labels, ordered)
    differ = {f.qid for f in facts if f.agreement == "differ"}
    questions = _Questions(labels, ordered, differ)
    for ref in bank.questions:
        questions.add(ref.qid, ref.position, ref.scope)
    questions.shared.sort(key=lambda g: (-len(g.partners), bank.by_id[g.qid].position))
    blockers = _blockers(bank, labels, ordered)
    rules = ordered[0].rules
    return PartnershipResult(
        bank_id=bank.id,
        bank_version=bank.version,
        bank_title=bank.title,
        headline=_headline(people, blockers, facts, questions.shared),
        partners=tuple(people),
        left_out=tuple(admitted.left_out),
        blockers=blockers,
        shared_facts=tuple(facts),
        sections=tuple(_section_rows(labels, ordered)),
        shared_gaps=tuple(questions.shared),
        complementary=tuple(questions.complements),
        benefits=_benefits(bank, labels, ordered),
        accreditation=tuple(_accreditation(bank, labels, ordered)),
        accreditation_asked=ordered[0].basis.accreditation,
        blocker_actions=tuple(questions.blocker_actions(bank, blockers)),
        work_plan=_combined_plan(questions.candidates, {b.qid for b in blockers}),
        rules=CompareRules(
            shared_from=questions.shared_from,
            wide_spread_from=WIDE_SPREAD,
            per_phase=PER_PHASE,
            gap_at_or_below=rules.gap_at_or_below,
            strength_from=rules.strength_from,
        ),
    )


def _too_few(left_out: list[LeftOut]) -> str:
    return (
        f"compare needs the answers of at least {MIN_PARTNERS} services; left out: "
        + "; ".join(f"{o.source} ({left_out_reason(o)})" for o in left_out)
        + ". Give each partner's answered file once"
    )


def left_out_reason(o: LeftOut) -> str:
    """Why a file was left out, in a few words for a terminal line."""
    if o.reason == "not-started":
        return "nothing that counts is answered yet: a blank template?"
    return f"another file for {o.service}, {o.kept}, is newer or first by name"


TOPICS = 3  # things to talk about first, in the headline


def _headline(
    people: list[Partner],
    blockers: tuple[PartnerBlocker, ...],
    facts: list[SharedFact],
    shared: list[SharedGap],
) -> Headline:
    """The least ready partner (lowest band, then lowest score), and up to three things to
    talk about first: blockers, different partnerships in mind, facts seen differently, and
    the gap most partners share."""
    least = min(people, key=lambda p: (p.band_min, -1.0 if p.score is None else p.score))
    tied = [p for p in people if (p.band_min, p.score) == (least.band_min, least.score)]
    topics: list[Topic] = []
    if blockers:
        with_blockers = tuple(dict.fromkeys(b.partner for b in blockers))
        topics.append(Topic(kind="blockers", count=len(blockers), first="", partners=with_blockers))
    for kind, context in (("different-partnerships", True), ("views-differ", False)):
        found = [f for f in facts if f.agreement == "differ" and f.context == context]
        found.sort(key=lambda f: -f.spread)  # furthest apart first, as the view lists them
        if found:
            topics.append(Topic(kind=kind, count=len(found), first=found[0].text, partners=()))
    if shared:
        first = shared[0]
        topics.append(
            Topic(kind="shared-gap", count=len(shared), first=first.text, partners=first.partners)
        )
    return Headline(
        least_ready=tuple(p.label for p in tied),
        band=least.band,
        score=least.score,
        provisional=any(p.provisional for p in tied),
        topics=tuple(topics[:TOPICS]),
    )


PlanKey = tuple[bool, int, bool, int]  # shared first, most partners, blockers, bank order


class _Questions:
    """Each question's gaps across the partners: shared gaps and complementary strengths
    (of the service's own position only), and candidate items of the combined work plan."""

    def __init__(self, labels: list[str], ordered: list[ServiceResult], differ: set[str]) -> None:
        self.labels = labels
        self.gaps = [{g.qid: g for g in r.gaps} for r in ordered]
        self.strong = [set(r.strengths) for r in ordered]
        self.differ = differ
        self.shared_from = max(2, math.ceil(len(ordered) / 2))
        self.shared: list[SharedGap] = []
        self.complements: list[Complement] = []
        self.candidates: list[tuple[PlanKey, PlanItem, Effort]] = []
        self.items: dict[str, PlanItem] = {}

    def add(self, qid: str, position: int, scope: Scope) -> None:
        """A question about the service's own position: a strong partner can help a weak
        one. A fact about the partnership as a whole is for the partners to agree."""
        own = scope == "service"
        # Only answered gaps (low score, don't know) count: a missing answer is not evidence
        # of a weakness, so it is shown but never makes a gap shared or a plan item.
        gaps, labels = self.gaps, self.labels
        weak = [i for i, g in enumerate(gaps) if qid in g and g[qid].kind != "unanswered"]
        if not weak:
            return
        missing = [i for i, g in enumerate(gaps) if qid in g and g[qid].kind == "unanswered"]
        helpers = tuple(labels[i] for i, s in enumerate(self.strong) if qid in s) if own else ()
        first = gaps[weak[0]][qid]
        is_shared = len(weak) >= self.shared_from
        blocked = tuple(labels[i] for i in weak if gaps[i][qid].blocker)
        if is_shared and own:
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
        item = PlanItem(
            qid=qid,
            text=first.text,
            section_title=first.section_title,
            recommendation=first.recommendation,
            effort=first.effort,
            scope=scope,
            partners=tuple(labels[i] for i in weak),
            not_answered=tuple(labels[i] for i in missing),
            shared=is_shared,
            blocker_for=blocked,
            can_help=helpers,
            views_differ=qid in self.differ,
        )
        self.items[qid] = item
        if first.recommendation and first.effort:
            key = (not is_shared, -len(weak), not blocked, position)
            self.candidates.append((key, item, first.effort))

    def blocker_actions(self, bank: Bank, blockers: tuple[PartnerBlocker, ...]) -> list[PlanItem]:
        """One item per question on which any partner's blocker fired, in bank order: the
        plan item of its gaps with every partner it blocks, answered or not."""
        actions: list[PlanItem] = []
        for qid in sorted({b.qid for b in blockers}, key=lambda q: bank.by_id[q].position):
            fired = [b for b in blockers if b.qid == qid]
            item = self.items.get(qid) or _blocker_item(bank.by_id[qid], fired)
            actions.append(
                item.model_copy(
                    update={
                        "blocker_for": tuple(b.partner for b in fired),
                        "not_answered": tuple(b.partner for b in fired if not b.answered),
                    }
                )
            )
        return actions

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


def _blocker_item(ref: QuestionRef, fired: list[PartnerBlocker]) -> PlanItem:
    """The plan item of a blocker that only unanswered questions fired."""
    rec = ref.question.recommendation
    return PlanItem(
        qid=ref.qid,
        text=ref.question.text,
        section_title=ref.section.title,
        recommendation=rec.text if rec else None,
        effort=rec.effort if rec else None,
        scope=ref.scope,
        partners=tuple(b.partner for b in fired if b.answered),
        not_answered=(),
        shared=False,
        blocker_for=(),
        can_help=(),
        views_differ=False,
    )


def _combined_plan(
    candidates: list[tuple[PlanKey, PlanItem, Effort]], blocked: set[str]
) -> tuple[PlanPhase, ...]:
    """The candidates by effort, most pressing first, at most ``PER_PHASE`` a phase; the
    questions of blockers are listed before the phases, all of them, so none is here."""
    candidates = sorted(candidates, key=lambda c: c[0])
    phases: list[PlanPhase] = []
    for effort in EFFORTS:
        todo = [item for _, item, e in candidates if e == effort and item.qid not in blocked]
        if todo:
            phases.append(
                PlanPhase(
                    effort=effort,
                    items=tuple(todo[:PER_PHASE]),
                    left_over=max(0, len(todo) - PER_PHASE),
                )
            )
    return tuple(phases)


def _blockers(
    bank: Bank, labels: list[str], ordered: list[ServiceResult]
) -> tuple[PartnerBlocker, ...]:
    """Every blocker that fired for every partner, whether or not it lowered the band."""
    found: list[PartnerBlocker] = []
    for lab, r in zip(labels, ordered, strict=True):
        for b in r.blockers:
            rec = bank.by_id[b.qid].question.recommendation
            found.append(
                PartnerBlocker(
                    partner=lab,
                    qid=b.qid,
                    section=b.section,
                    text=b.text,
                    answer=", ".join(b.answer_labels) if b.answered else "",
                    answered=b.answered,
                    kind=b.kind,
                    cap=b.cap.label,
                    reason=b.reason,
                    why=b.why,
                    lowered_band=b.qid in r.overall.capped_by,
                    clears=rec.text if rec else None,
                )
            )
    return tuple(found)


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
