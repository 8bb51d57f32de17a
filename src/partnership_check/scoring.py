"""Scoring: pure functions from a bank and matched answers to a :class:`ServiceResult`.

The rules are stated for readers in the report template's "How this was scored" section;
keep the two in step.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .answers import AnswerFile, Matched
from .bank import Band, Bank, Section, Value
from .facts import QuestionFacts, question_facts
from .files import slugify
from .priorities import (
    ACCREDITATION_IN_PLAN,
    PER_PHASE,
    accreditation_priorities,
    benefits,
    work_plan,
)
from .results import (
    BandInfo,
    Blocker,
    Completeness,
    Gap,
    GapKind,
    Overall,
    QuestionResult,
    Rules,
    SectionResult,
    ServiceResult,
    Status,
)
from .rounding import one_decimal, three_decimals

GAP_AT_OR_BELOW = 0.5  # a scored answer earning half its marks or less is a gap
STRENGTH_FROM = 2 / 3  # ... and two thirds or more is a strength
PROVISIONAL_BELOW = (
    50.0  # per cent of counted questions answered below which a score is provisional
)
_EPSILON = 1e-9

_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-_])")  # terminal escape sequences
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+")


def display_name(name: str | None) -> str:
    """A service name fit to show: control and direction characters removed, spaces folded."""
    if not name:
        return ""
    if name.isprintable() and "  " not in name and name[0] != " " and name[-1] != " ":
        return name  # no control, format or separator character but single inner spaces
    return _clean(name)


def _clean(name: str) -> str:
    return " ".join(_CONTROL.sub(" ", _ANSI.sub("", name)).split())


class _Scored:
    """One question's answer as scored, and its result without the evidence note.

    It depends only on the question, the answer and whether the question is shown, so it
    is made once per distinct answer and shared by every file that gives that answer.
    """

    __slots__ = (
        "answer",
        "applicable",
        "counted",
        "earned",
        "fixed",
        "fraction",
        "gap",
        "labels",
        "raw",
        "ref",
        "result",
        "status",
    )

    def __init__(
        self,
        fixed: QuestionFacts,
        status: Status,
        fraction: float | None,
        raw: float | None,  # the score the gate compares
        labels: tuple[str, ...],
        answer: tuple[str, ...],
    ) -> None:
        self.ref = fixed.ref
        self.fixed = fixed
        self.status = status
        self.fraction = fraction
        self.raw = raw
        self.labels = labels
        self.answer = answer
        # Included in its section's score (numerator and denominator).
        self.counted = (
            fixed.scored
            and status not in ("hidden", "not-applicable")
            and (status != "unanswered" or fixed.ref.question.required)
        )
        self.earned = fraction or 0.0
        self.applicable = _applicable(status, fixed.ref.question.required)
        self.gap = self.counted and (
            status != "answered" or self.earned <= GAP_AT_OR_BELOW + _EPSILON
        )
        self.result = _question_result(self)


_DISTINCT_ANSWERS = 256  # answers kept per question: bounds memory whatever the input


def _scored(fixed: QuestionFacts, value: Value, hidden: bool) -> _Scored:
    """The scored answer, from the per-bank store when this answer has been seen before."""
    if fixed.ref.question.type == "text" and value is not None and not hidden:
        return _assess(fixed, value, hidden)  # free text rarely repeats
    key = (None, True) if hidden else (tuple(value) if isinstance(value, list) else value, False)
    found = fixed.answers.get(key)
    if found is None:
        found = _assess(fixed, value, hidden)
        if len(fixed.answers) < _DISTINCT_ANSWERS:
            fixed.answers[key] = found
    return found


def _assess(fixed: QuestionFacts, value: Value, hidden: bool) -> _Scored:
    """Status, earned fraction and gate score of one answer."""
    if hidden:
        return _Scored(fixed, "hidden", None, None, (), ())
    if value is None:
        return _Scored(fixed, "unanswered", None, None, (), ())
    ref = fixed.ref
    if ref.question.type == "text":
        return _Scored(fixed, "answered", None, None, (), (str(value),))
    chosen = tuple(value) if isinstance(value, list) else (value,)
    choices = [ref.choice_by_id[c] for c in chosen]
    labels = tuple(c.label for c in choices)
    regular = [c for c in choices if not c.special]
    if not regular:
        if any(c.dont_know for c in choices):
            fraction = 0.0 if ref.high is not None else None
            return _Scored(fixed, "dont-know", fraction, fixed.lowest, labels, chosen)
        return _Scored(fixed, "not-applicable", None, None, labels, chosen)
    if ref.high is None or ref.low is None:
        return _Scored(fixed, "answered", None, None, labels, chosen)
    low, high = fixed.low, fixed.high
    assert low is not None and high is not None
    if ref.question.type == "multi":
        raw = sum(c.score or 0.0 for c in regular)
    else:
        raw = regular[0].score if regular[0].score is not None else low
    fraction = min(1.0, max(0.0, (raw - low) / (high - low))) if high > low else 1.0
    return _Scored(fixed, "answered", fraction, raw, labels, chosen)


def _section_result(
    section: Section, items: list[tuple[_Scored, str | None]]
) -> tuple[SectionResult, float, float | None]:
    total = earned = 0.0
    counted = answered = applicable = 0
    questions: list[QuestionResult] = []
    for s, note in items:
        weight = s.ref.question.weight
        if s.counted:
            counted += 1
            total += weight
            earned += weight * s.earned
        if s.applicable:
            applicable += 1
            answered += s.status != "unanswered"
        # The shared result must not change: this file's note goes on a copy of it.
        questions.append(s.result if note is None else s.result.model_copy(update={"note": note}))
    score = 100 * earned / total if counted and total > 0 else None
    percent = 100 * answered / applicable if applicable else 100.0
    result = SectionResult(
        id=section.id,
        title=section.title,
        kind=section.kind,
        weight=section.weight,
        counts=section.counts,
        score=None if score is None else one_decimal(score),
        answered=answered,
        applicable=applicable,
        completeness=one_decimal(percent),
        questions=tuple(questions),
    )
    return result, total, score


def _applicable(status: Status, required: bool) -> bool:
    """Counts towards completeness: shown, not "not applicable", and required or answered."""
    if status in ("hidden", "not-applicable"):
        return False
    return required or status != "unanswered"


def _question_result(s: _Scored) -> QuestionResult:
    q = s.ref.question
    counted = s.counted
    return QuestionResult(
        qid=s.ref.qid,
        text=q.text,
        type=q.type,
        status=s.status,
        answer=s.answer,
        answer_labels=s.labels,
        note=None,
        required=q.required,
        scored=s.fixed.scored,
        weight=q.weight,
        fraction=None if s.fraction is None else three_decimals(s.fraction),
        points=three_decimals(q.weight * s.earned) if counted else None,
        max=q.weight if counted else None,
        gap=s.gap,
        strength=counted and s.status == "answered" and s.earned >= STRENGTH_FROM - _EPSILON,
        evidence_gap=s.status == "dont-know",
        accreditation_area=s.fixed.accreditation_area,
    )


@lru_cache(maxsize=64)  # a bank has a handful of bands, in every result
def _band(band: Band) -> BandInfo:
    return BandInfo(id=band.id, label=band.label, min=band.min, meaning=band.meaning)


def _blockers(bank: Bank, items: list[_Scored]) -> list[Blocker]:
    fired: list[Blocker] = []
    for s in items:
        gate = s.ref.question.gate
        if gate is None or s.status in ("hidden", "not-applicable"):
            continue
        if s.status == "unanswered":
            fires = True
        else:
            fires = s.raw is not None and s.raw <= gate.at_or_below + _EPSILON
        if fires:
            fired.append(
                Blocker(
                    qid=s.ref.qid,
                    section=s.ref.section.title,
                    text=s.ref.question.text,
                    answer_labels=s.labels,
                    answered=s.status != "unanswered",
                    cap=_band(bank.band_by_id[gate.cap]),
                    reason=gate.reason,
                )
            )
    return fired


def _overall(
    bank: Bank, scores: dict[str, float], weights: dict[str, float], blockers: list[Blocker]
) -> Overall:
    """Weighted mean of the unrounded section scores, then any gate caps."""
    weight = sum(weights.values())
    score = None
    if scores and weight > 0:
        score = one_decimal(sum(weights[k] * scores[k] for k in scores) / weight)
    uncapped = bank.band_for(score if score is not None else 0.0)
    band = uncapped
    capped_by: list[str] = []
    for blocker in blockers:
        if blocker.cap.min < uncapped.min:
            capped_by.append(blocker.qid)
            if blocker.cap.min < band.min:
                band = bank.band_by_id[blocker.cap.id]
    return Overall(
        score=score,
        band=_band(band),
        uncapped_band=_band(uncapped),
        capped=band.id != uncapped.id,
        capped_by=tuple(capped_by),
    )


def _gaps(
    items: list[_Scored], totals: dict[str, float], weights: dict[str, float], blocked: set[str]
) -> list[Gap]:
    """Gaps ranked by the overall points they cost; ties keep bank order."""
    all_weight = sum(weights.values())
    found: list[tuple[float, int, _Scored]] = []
    for s in items:
        if not s.gap or s.ref.section.id not in weights or all_weight <= 0:
            continue
        share = weights[s.ref.section.id] / all_weight
        cost = 100 * share * s.ref.question.weight * (1 - s.earned) / totals[s.ref.section.id]
        found.append((cost, s.ref.position, s))
    found.sort(key=lambda item: (-item[0], item[1]))
    gaps: list[Gap] = []
    for rank, (cost, _, s) in enumerate(found, start=1):
        rec = s.ref.question.recommendation
        kind: GapKind = "low-score"
        if s.status in ("dont-know", "unanswered"):
            kind = "dont-know" if s.status == "dont-know" else "unanswered"
        gaps.append(
            Gap(
                rank=rank,
                qid=s.ref.qid,
                section=s.ref.section.id,
                section_title=s.ref.section.title,
                text=s.ref.question.text,
                kind=kind,
                answer_labels=s.labels,
                cost=one_decimal(cost),
                blocker=s.ref.qid in blocked,
                recommendation=rec.text if rec else None,
                effort=rec.effort if rec else None,
            )
        )
    return gaps


def score_service(
    bank: Bank, file: AnswerFile, matched: Matched, source: str = ""
) -> ServiceResult:
    """Scores one service's matched answers against the bank. Pure and deterministic."""
    hidden = matched.hidden
    items: list[_Scored] = []
    by_section: dict[str, list[tuple[_Scored, str | None]]] = {}
    for fixed in question_facts(bank):
        qid = fixed.ref.qid
        answer = matched.answers.get(qid)
        is_hidden = qid in hidden
        if answer is None:
            item, note = _scored(fixed, None, is_hidden), None
        else:
            item, note = _scored(fixed, answer.value, is_hidden), None if is_hidden else answer.note
        items.append(item)
        by_section.setdefault(fixed.ref.section.id, []).append((item, note))

    sections: list[SectionResult] = []
    totals: dict[str, float] = {}
    weights: dict[str, float] = {}
    exact_scores: dict[str, float] = {}
    for section in bank.sections:
        result, total, exact = _section_result(section, by_section.get(section.id, []))
        sections.append(result)
        if section.counts and exact is not None and total > 0:
            totals[section.id] = total
            weights[section.id] = section.weight
            exact_scores[section.id] = exact

    blockers = _blockers(bank, items)
    gaps = _gaps(items, totals, weights, {b.qid for b in blockers})
    accreditation = accreditation_priorities(bank, sections)
    shown = [q for r in sections for q in r.questions if q.status != "hidden"]
    answered = sum(r.answered for r in sections)  # each section has counted its own
    applicable = sum(r.applicable for r in sections)
    counted = [s for s in items if s.counted and s.ref.section.id in weights]
    counted_answered = sum(1 for s in counted if s.status != "unanswered")
    provisional = 100 * counted_answered < PROVISIONAL_BELOW * len(counted)
    name = display_name(file.service)
    return ServiceResult(
        service=file.service,
        service_display=name,
        slug=slugify(name),
        assessed_on=file.assessed_on,
        assessor=display_name(file.assessor) or None,
        source=source,
        bank_id=bank.id,
        bank_version=bank.version,
        bank_title=bank.title,
        answers_bank_version=file.bank_version,
        version_differs=matched.version_differs,
        bands=tuple(_band(b) for b in bank.bands),
        overall=_overall(bank, exact_scores, weights, blockers),
        sections=tuple(sections),
        strengths=tuple(q.qid for q in shown if q.strength),
        gaps=tuple(gaps),
        evidence_gaps=tuple(q.qid for q in shown if q.evidence_gap),
        blockers=tuple(blockers),
        accreditation=tuple(accreditation),
        work_plan=tuple(work_plan(gaps, accreditation, answered_only=provisional)),
        benefits=benefits(bank, sections, blockers),
        completeness=Completeness(
            answered=answered,
            applicable=applicable,
            percent=one_decimal(100 * answered / applicable) if applicable else 100.0,
            unanswered_required=tuple(
                q.qid for q in shown if q.status == "unanswered" and q.required
            ),
            counted_answered=counted_answered,
            counted_applicable=len(counted),
            started=counted_answered > 0,
            provisional=provisional,
        ),
        hidden_answered=matched.hidden_answered,
        unmatched=matched.unmatched,
        renamed=matched.renamed,
        rules=_RULES,
    )


_RULES = Rules(
    gap_at_or_below=GAP_AT_OR_BELOW,
    strength_from=three_decimals(STRENGTH_FROM),
    per_phase=PER_PHASE,
    accreditation_in_plan=ACCREDITATION_IN_PLAN,
    provisional_below=PROVISIONAL_BELOW,
)
