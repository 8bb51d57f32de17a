"""Scoring one service: pure functions from a bank and matched answers to a
:class:`~.results.ServiceResult`.

"How this was scored" in the report is generated from the rules and thresholds used here
(``RULES``) and from what the bank decides (:mod:`.basis`), so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..answers.match import LeftUnanswered, Matched
from ..answers.model import AnswerFile
from ..bank.model import Bank, Section
from ..loading.names import display_name, slugify
from ..loading.terminal_text import terminal_text
from .accreditation import accreditation_priorities
from .answer_score import GAP_AT_OR_BELOW, STRENGTH_FROM, ScoredAnswer, scored_answer
from .bands import band_info, blockers_fired, overall
from .bank_facts import BankFacts
from .benefits import benefits
from .gaps import ranked_gaps
from .plan import ACCREDITATION_IN_PLAN, PER_PHASE, work_plan
from .results import (
    AnswerProblem,
    Completeness,
    Dropped,
    QuestionResult,
    Rules,
    SectionResult,
    ServiceResult,
)
from .rounding import ratio_half_up, three_decimals

DROPPED_LISTED = 100  # answers set aside listed with what was given; the rest are counted
PROBLEMS_LISTED = 100  # answers that could not be read listed in a report; the rest counted
PROVISIONAL_BELOW = 50.0  # per cent of counted questions answered below which it is provisional

Noted = tuple[ScoredAnswer, str | None]  # a scored answer and this file's evidence note


@dataclass
class _Counted:
    """The sections' results, and for those that count, all as exact whole numbers: the
    weight of the questions counted and the weight they earned (in the section's units),
    and the section's weight (in proportion to the others')."""

    sections: list[SectionResult] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    earned: dict[str, int] = field(default_factory=dict)
    weights: dict[str, int] = field(default_factory=dict)


def score_service(
    bank: Bank,
    file: AnswerFile,
    matched: Matched,
    source: str = "",
    *,
    facts: BankFacts | None = None,
) -> ServiceResult:
    """Scores one service's matched answers against the bank. Pure and deterministic.

    ``facts`` is the bank's precompute, made once by a caller that scores many files with
    the same bank; without it, it is made here.
    """
    if facts is None or facts.bank is not bank:
        facts = BankFacts(bank)
    items, by_section = _score_answers(facts, matched)
    counted = _score_sections(bank, by_section, facts.section_weights)
    sections = counted.sections
    blockers = blockers_fired(bank, items)
    gaps = ranked_gaps(items, counted.totals, counted.weights, {b.qid for b in blockers})
    accreditation = accreditation_priorities(bank, sections)
    shown = [q for r in sections for q in r.questions if q.status != "hidden"]
    completeness = _completeness(sections, items, counted.weights, shown)
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
        help_contact=bank.help_contact,
        answers_bank_version=file.bank_version,
        version_differs=matched.version_differs,
        bands=tuple(band_info(b) for b in bank.bands),
        overall=overall(bank, counted.earned, counted.totals, counted.weights, blockers),
        sections=tuple(sections),
        strengths=tuple(q.qid for q in shown if q.strength),
        gaps=tuple(gaps),
        evidence_gaps=tuple(q.qid for q in shown if q.evidence_gap),
        blockers=tuple(blockers),
        accreditation=tuple(accreditation),
        work_plan=tuple(work_plan(gaps, accreditation, answered_only=completeness.provisional)),
        benefits=benefits(bank, sections, blockers),
        completeness=completeness,
        hidden_answered=matched.hidden_answered,
        unmatched=matched.unmatched,
        dropped=tuple(
            Dropped(qid=q, answer=a, did_you_mean=c) for q, a, c in matched.dropped[:DROPPED_LISTED]
        ),
        dropped_more=max(0, len(matched.dropped) - DROPPED_LISTED),
        renamed=matched.renamed,
        problems=tuple(_answer_problem(bank, u) for u in matched.left_unanswered[:PROBLEMS_LISTED]),
        problems_more=max(0, len(matched.left_unanswered) - PROBLEMS_LISTED),
        rules=RULES,
        basis=facts.basis,
    )


def _answer_problem(bank: Bank, left: LeftUnanswered) -> AnswerProblem:
    """An answer that could not be read, with the question and the answer most likely
    meant in the bank's words."""
    ref = bank.by_id.get(bank.renames.get(left.qid, left.qid))
    meant = left.meant
    if ref is not None and meant in ref.choice_by_id:
        meant = ref.choice_by_id[meant].label
    problem = left.problem
    shown = f"{problem.path}:"
    return AnswerProblem(
        qid=left.qid,
        text=ref.question.text if ref is not None else None,
        reason=left.reason,
        given=left.given,
        meant=meant,
        line=problem.line,
        column=problem.column,
        cell=problem.cell,
        rule=problem.rule,
        message=problem.format().removeprefix(terminal_text(shown)),
    )


def _score_answers(
    facts: BankFacts, matched: Matched
) -> tuple[list[ScoredAnswer], dict[str, list[Noted]]]:
    """Every question's scored answer in bank order, and by section with its note."""
    hidden = matched.hidden
    items: list[ScoredAnswer] = []
    by_section: dict[str, list[Noted]] = {}
    for fixed in facts.questions:
        qid = fixed.ref.qid
        answer = matched.answers.get(qid)
        is_hidden = qid in hidden
        if answer is None:
            item, note = scored_answer(fixed, None, is_hidden), None
        else:
            item = scored_answer(fixed, answer.value, is_hidden)
            note = None if is_hidden else answer.note
        items.append(item)
        by_section.setdefault(fixed.ref.section.id, []).append((item, note))
    return items, by_section


def _score_sections(
    bank: Bank, by_section: dict[str, list[Noted]], weights: dict[str, int]
) -> _Counted:
    counted = _Counted()
    for section in bank.sections:
        result, total, earned = _section_result(section, by_section.get(section.id, []))
        counted.sections.append(result)
        if section.counts and result.score is not None and total > 0:
            counted.totals[section.id] = total
            counted.earned[section.id] = earned
            counted.weights[section.id] = weights[section.id]
    return counted


def _completeness(
    sections: list[SectionResult],
    items: list[ScoredAnswer],
    weights: dict[str, int],
    shown: list[QuestionResult],
) -> Completeness:
    answered = sum(r.answered for r in sections)  # each section has counted its own
    applicable = sum(r.applicable for r in sections)
    counted = [s for s in items if s.counted and s.ref.section.id in weights]
    counted_answered = sum(1 for s in counted if s.status != "unanswered")
    return Completeness(
        answered=answered,
        applicable=applicable,
        percent=ratio_half_up(100 * answered, applicable, 1) if applicable else 100.0,
        unanswered_required=tuple(q.qid for q in shown if q.status == "unanswered" and q.required),
        counted_answered=counted_answered,
        counted_applicable=len(counted),
        started=counted_answered > 0,
        provisional=100 * counted_answered < PROVISIONAL_BELOW * len(counted),
    )


def _section_result(section: Section, items: list[Noted]) -> tuple[SectionResult, int, int]:
    total = earned = 0  # in the section's units: exact
    counted = answered = applicable = 0
    questions: list[QuestionResult] = []
    for s, note in items:
        if s.counted:
            counted += 1
            total += s.fixed.weight_units
            earned += s.earned_units
        if s.applicable:
            applicable += 1
            answered += s.status != "unanswered"
        # The shared result must not change: this file's note goes on a copy of it.
        questions.append(s.result if note is None else s.result.with_fields(note=note))
    score = ratio_half_up(100 * earned, total, 1) if counted and total > 0 else None
    result = SectionResult(
        id=section.id,
        title=section.title,
        kind=section.kind,
        weight=section.weight,
        counts=section.counts,
        score=score,
        answered=answered,
        applicable=applicable,
        completeness=ratio_half_up(100 * answered, applicable, 1) if applicable else 100.0,
        questions=tuple(questions),
    )
    return result, total, earned


RULES = Rules(
    gap_at_or_below=float(GAP_AT_OR_BELOW),
    strength_from=three_decimals(STRENGTH_FROM),
    per_phase=PER_PHASE,
    accreditation_in_plan=ACCREDITATION_IN_PLAN,
    provisional_below=PROVISIONAL_BELOW,
)
