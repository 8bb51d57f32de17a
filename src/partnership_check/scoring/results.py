"""The scored result of one answer file: frozen pydantic models, dumped as the JSON result.

Built by :func:`partnership_check.scoring.score.score_service`, read by the report renderers.
Scores are 0-100 with one decimal; fractions are 0-1 with three decimals.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from ..bank.model import Effort
from ..model_base import FrozenModel

Status = Literal["answered", "dont-know", "not-applicable", "unanswered", "hidden"]
# "not-assessed" is the service's own answer; "not-answered" is a question left blank.
Standing = Literal["not-met", "partially-met", "met", "not-assessed", "not-answered"]
Help = Literal["yes", "maybe", "no", "unknown", "not-answered"]
GapKind = Literal["low-score", "dont-know", "unanswered"]


class QuestionResult(FrozenModel):
    """One question as answered and scored."""

    qid: str = Field(description="Qualified question id, section-id.question-id.")
    text: str
    type: Literal["scale", "single", "multi", "text"]
    status: Status
    answer: tuple[str, ...] = Field(description="Chosen choice ids, or the text answer.")
    answer_labels: tuple[str, ...] = Field(description="Labels of the chosen choices.")
    note: str | None = None
    required: bool
    scored: bool = Field(description="Counts towards the section's readiness score.")
    weight: float
    fraction: float | None = Field(
        None, description="Share of the question's marks earned, 0-1; none when not scored."
    )
    points: float | None = Field(None, description="weight x fraction.")
    max: float | None = Field(None, description="The question's weight, when it is scored.")
    gap: bool = Field(description="Scores half or less, is don't know, or is unanswered.")
    strength: bool = Field(description="Scores at least two thirds of its marks.")
    evidence_gap: bool = Field(description="Answered don't know.")
    accreditation_area: str | None = None


class SectionResult(FrozenModel):
    """One section: its score, how much of it was answered, and its questions."""

    id: str
    title: str
    kind: str
    weight: float
    counts: bool = Field(description="Counts towards the overall readiness score.")
    score: float | None = Field(None, description="0-100; none when nothing in it is scored.")
    answered: int
    applicable: int = Field(description="Shown questions not answered 'not applicable'.")
    completeness: float = Field(description="answered / applicable x 100.")
    questions: tuple[QuestionResult, ...]

    @property
    def not_answered(self) -> bool:
        """Questions apply but none is answered yet: shown as "not answered yet", never as
        the 0 its score works out to."""
        return self.applicable > 0 and self.answered == 0


class BandInfo(FrozenModel):
    id: str
    label: str
    min: float
    meaning: str


class Blocker(FrozenModel):
    """A gate that fired: the question, what was answered, the cap and why."""

    qid: str
    section: str
    text: str
    answer_labels: tuple[str, ...]
    answered: bool
    kind: GapKind = Field(
        description='What fired it: a low score, "don\'t know", or no answer (unanswered).'
    )
    cap: BandInfo
    reason: str = Field(description="The bank's reason why a weak answer is a blocker.")
    why: str = Field(
        description="The sentence that fits the answer given: the reason for a low score; "
        'for "don\'t know" or no answer, one that says so and does not assert the reason.'
    )


class Overall(FrozenModel):
    score: float | None = Field(description="0-100; none when no scored question applies.")
    band: BandInfo = Field(description="The band after any gate caps.")
    uncapped_band: BandInfo = Field(description="The band the average alone would give.")
    capped: bool
    capped_by: tuple[str, ...] = Field(description="Question ids of the gates that capped it.")


class Gap(FrozenModel):
    """A weak answer, with what it costs the overall score and what to do about it."""

    rank: int
    qid: str
    section: str
    section_title: str
    text: str
    kind: GapKind
    answer_labels: tuple[str, ...]
    cost: float = Field(description="Points of the overall score (0-100) lost here.")
    blocker: bool
    recommendation: str | None = None
    effort: Effort | None = None


class AccreditationPriority(FrozenModel):
    """A requirement area short of met, with the bank's advice for it."""

    rank: int
    area: str
    name: str
    qid: str = Field(description="Qualified id of the question on where the service stands.")
    standing: Standing
    standing_label: str
    partnership_help: Help
    help_label: str
    note: str | None = None
    recommendation: str | None = None
    effort: Effort | None = None


class WorkItem(FrozenModel):
    """One recommendation in the work plan: from a gap, or from an Accreditation priority."""

    qid: str
    section_title: str
    recommendation: str
    blocker: bool
    cost: float = Field(description="Points of the overall score lost; 0 for Accreditation.")
    accreditation_area: str | None = Field(
        None, description="Set when the item comes from an Accreditation priority, not a gap."
    )
    accreditation_name: str | None = None


class Phase(FrozenModel):
    effort: Effort
    items: tuple[WorkItem, ...]
    left_over: int = Field(description="Further gaps of this effort not listed, to do later.")


class Benefits(FrozenModel):
    """Benefits sought against what the service can commit."""

    sought: tuple[str, ...]
    offered: int
    commitment_section: str | None
    commitment_title: str | None
    commitment_score: float | None
    commitment_blockers: tuple[str, ...] = Field(
        description="Question ids of blockers that fired in the commitment section."
    )
    mismatch: bool = Field(
        description="Many benefits sought while commitment scores low or has a blocker."
    )
    fit: bool = Field(description="Commitment scores at least fit_from and no blocker fired in it.")
    many_from: int = Field(description="Benefits sought counted as many.")
    low_below: float = Field(description="Commitment scores below this are counted as low.")
    fit_from: float = Field(description="Commitment scores from this fit the benefits sought.")


class Completeness(FrozenModel):
    answered: int
    applicable: int
    percent: float
    unanswered_required: tuple[str, ...]
    counted_answered: int = Field(description="Answered questions that count in the score.")
    counted_applicable: int = Field(description="Questions that count in the score.")
    started: bool = Field(description="At least one question that counts is answered.")
    provisional: bool = Field(
        description="Fewer than provisional_below per cent of the questions that count are"
        " answered, so the score will move as the rest are answered."
    )


class Dropped(FrozenModel):
    """An answer set aside: its question or choice is not in this bank version."""

    qid: str
    answer: str = Field(description="The answer as given: choice ids or text.")
    did_you_mean: str | None = Field(description="A current question id close to it.")


class AnswerProblem(FrozenModel):
    """An answer that could not be read, so only its question is left unanswered (or, for
    an id no question has, only that answer is not scored); the rest of the file is."""

    qid: str = Field(description="The question id as written in the answer file.")
    text: str | None = Field(
        description="The question, as the bank words it; none for an id no question has."
    )
    reason: Literal[
        "unknown-choice",
        "one-choice-only",
        "text-only",
        "choice-twice",
        "note-too-long",
        "unknown-question",
        "duplicate",
    ]
    given: str = Field(description="The answer as given (the unknown choice, when one is).")
    meant: str | None = Field(
        description="The label of the answer most likely meant, or for an unknown question "
        "id, the id of the question most likely meant."
    )
    line: int | None
    column: int | None
    cell: str | None = Field(
        default=None, description="In a workbook, the sheet and cell instead, such as Answers!D14."
    )
    rule: str
    message: str = Field(description="The problem as it is printed: line:column: message [rule].")


class Rules(FrozenModel):
    """Thresholds used, so the report can state them."""

    gap_at_or_below: float
    strength_from: float
    per_phase: int
    accreditation_in_plan: int = Field(
        description="Most Accreditation priorities added to the work plan."
    )
    provisional_below: float = Field(
        description="Per cent of counted questions answered below which the score is provisional."
    )


class UnscoredQuestion(FrozenModel):
    """A question in a section that counts, left out of the score because it has no scores."""

    qid: str
    text: str
    section_title: str


class ScoringBasis(FrozenModel):
    """What the question bank itself decides about scoring, so the report can state the
    rules that hold for this bank and no other."""

    counted_sections: tuple[str, ...] = Field(
        description="Titles of the sections that count towards the readiness score, in bank order."
    )
    other_sections: tuple[str, ...] = Field(
        description="Titles of the sections that do not count, in bank order."
    )
    unscored: tuple[UnscoredQuestion, ...] = Field(
        description="Questions in sections that count which carry no scores (a text answer, or "
        "choices without scores), so are left out of the score."
    )
    one_choice: bool = Field(description="Some question that counts takes one choice.")
    several_choices: bool = Field(
        description="Some question that counts lets several choices be ticked."
    )
    negative_scores: bool = Field(
        description="Some question that lets several choices be ticked has a choice scoring "
        "below zero."
    )
    gates: int = Field(description="Questions that are blockers.")
    accreditation: bool = Field(
        description="The bank asks where the service stands on Accreditation areas."
    )


class ServiceResult(FrozenModel):
    """The whole scored result for one answer file."""

    service: str | None = Field(description="The service name as written in the answer file.")
    service_display: str = Field(description="The name with control characters removed.")
    slug: str = Field(description="File-name stem for the service.")
    assessed_on: dt.date | None
    assessor: str | None
    source: str = Field(description="File name of the answer file.")
    bank_id: str
    bank_version: str
    bank_title: str
    help_contact: str | None = Field(description="The bank's next step on where to get help.")
    answers_bank_version: str
    version_differs: bool
    bands: tuple[BandInfo, ...] = Field(description="The bank's readiness bands, lowest first.")
    overall: Overall
    sections: tuple[SectionResult, ...]
    strengths: tuple[str, ...]
    gaps: tuple[Gap, ...]
    evidence_gaps: tuple[str, ...]
    blockers: tuple[Blocker, ...]
    accreditation: tuple[AccreditationPriority, ...]
    work_plan: tuple[Phase, ...]
    benefits: Benefits
    completeness: Completeness
    hidden_answered: tuple[str, ...] = Field(description="Answers ignored: hidden by 'when'.")
    unmatched: tuple[str, ...] = Field(description="Answers not in this bank version.")
    dropped: tuple[Dropped, ...] = Field(
        description="Each answer set aside because this bank version does not have it, with "
        "the answer given and, when one is close, the current question id it may be a typo of."
        " The first hundred are listed; dropped_more counts the rest."
    )
    dropped_more: int = Field(0, description="Answers set aside beyond those listed.")
    problems: tuple[AnswerProblem, ...] = Field(
        (),
        description="Answers that could not be read, in file order: their questions are left"
        " unanswered and the rest of the file is scored. The first hundred are listed;"
        " problems_more counts the rest.",
    )
    problems_more: int = Field(0, description="Problems beyond those listed.")
    renamed: tuple[tuple[str, str], ...]
    rules: Rules
    basis: ScoringBasis

    def question(self, qid: str) -> QuestionResult:
        """The result of one question by qualified id."""
        for section in self.sections:
            for question in section.questions:
                if question.qid == qid:
                    return question
        raise KeyError(qid)
