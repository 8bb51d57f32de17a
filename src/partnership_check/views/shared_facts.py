"""Facts all partners share, side by side: for each question about the partnership as a
whole, each partner's answer and evidence note, and whether the partners agree.

Each partner answers on its own, so for a shared fact the answers should agree. Where one
partner says a thing is in place and another says it is not, or does not know, the
partners see their partnership differently: that is for them to settle, not a partner
that "can help". Where all agree, that consensus is evidence too.
"""

from __future__ import annotations

from ..bank.model import Bank, QuestionRef
from ..scoring.answer_score import GAP_AT_OR_BELOW, STRENGTH_FROM
from ..scoring.results import QuestionResult, ServiceResult
from ..scoring.rounding import three_decimals
from .compare_result import Agreement, PartnerAnswer, SharedFact, View

# The strength and gap thresholds of scoring, as fractions are kept in results (3 places).
IN_PLACE_FROM = three_decimals(STRENGTH_FROM)
MISSING_AT_OR_BELOW = float(GAP_AT_OR_BELOW)


def shared_facts(bank: Bank, labels: list[str], results: list[ServiceResult]) -> list[SharedFact]:
    """Every partnership-scope question (text questions aside) that two or more partners
    answered, in bank order."""
    facts: list[SharedFact] = []
    for ref in bank.questions:
        if ref.scope != "partnership" or ref.question.type == "text":
            continue
        found = [r.question(ref.qid) for r in results]
        answers = [_answer(label, q) for label, q in zip(labels, found, strict=True) if _shown(q)]
        given = [a for a in answers if a.view not in ("not-answered", "not-applicable")]
        if len(given) < 2:
            continue
        recommendation = ref.question.recommendation
        facts.append(
            SharedFact(
                qid=ref.qid,
                section_title=ref.section.title,
                text=ref.question.text,
                context=ref.section.kind == "context",
                agreement=_agreement(ref, given, found),
                spread=_spread(given),
                answers=tuple(a for a in answers if a.view != "not-answered"),
                noted=any(a.note for a in answers),
                not_answered=tuple(a.partner for a in answers if a.view == "not-answered"),
                recommendation=recommendation.text if recommendation else None,
            )
        )
    return facts


def _shown(q: QuestionResult) -> bool:
    return q.status != "hidden"


def _answer(label: str, q: QuestionResult) -> PartnerAnswer:
    return PartnerAnswer(
        partner=label,
        status=q.status,
        answer=", ".join(q.answer_labels),
        note=q.note,
        view=_view(q),
        fraction=q.fraction if q.status == "answered" else None,
    )


def _spread(given: list[PartnerAnswer]) -> float:
    shares = [a.fraction for a in given if a.fraction is not None]
    spread = max(shares) - min(shares) if shares else 0.0
    unknown = any(a.view == "dont-know" for a in given)
    return round(spread + (0.5 if unknown and shares else 0.0), 3)


def _view(q: QuestionResult) -> View:
    if q.status == "unanswered":
        return "not-answered"
    if q.status == "not-applicable":
        return "not-applicable"
    if q.status == "dont-know":
        return "dont-know"
    if q.fraction is None:
        return "between"  # an unscored choice: compared by the choice itself
    if q.fraction >= IN_PLACE_FROM:
        return "in-place"
    return "missing" if q.fraction <= MISSING_AT_OR_BELOW else "between"


def _agreement(
    ref: QuestionRef, given: list[PartnerAnswer], found: list[QuestionResult]
) -> Agreement:
    """How the answers given compare. Unscored questions (the kind of partnership, how many
    partners) agree only when every partner chose the same."""
    views = {a.view for a in given}
    if ref.high is None:
        chosen = {q.answer for q in found if q.status in ("answered", "dont-know")}
        return "same" if len(chosen) == 1 else "differ"
    if views == {"dont-know"}:
        return "not-known"
    if "in-place" in views and (views & {"missing", "dont-know"}):
        return "differ"
    if "dont-know" in views and len(views) > 1:
        return "differ"
    if views == {"in-place"}:
        return "agree-in-place"
    if views == {"missing"}:
        return "agree-missing"
    return "mixed"
