"""The partnership view of ``compare``: frozen pydantic models, dumped as its JSON result.

Built by :func:`.compare.compare_results`, rendered by
``templates/compare.md.j2``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from ..bank.model import Effort
from ..model_base import FrozenModel
from ..scoring.results import GapKind

Cell = Literal["low-score", "dont-know", "unanswered", "strong", ""]


class Partner(FrozenModel):
    """One prospective partner, as named in every table of the view."""

    label: str = Field(description="Display name, with the file name added when names clash.")
    service: str
    source: str = Field(description="The answer file as given on the command line.")
    file: str = Field(description="The answer file's name.")
    assessed_on: dt.date | None
    answers_bank_version: str
    score: float | None
    band: str
    capped: bool
    completeness: float


class SectionRow(FrozenModel):
    """One section's scores, one per partner in partner order."""

    id: str
    title: str
    kind: str
    success_factor: bool = Field(description="A success factor or the relationship section.")
    scores: tuple[float | None, ...] = Field(description="Each partner's own section score.")
    answered: tuple[bool, ...] = Field(
        description="False where the partner answered none of the section's applicable "
        "questions: its score is then 0 for missing answers, not a view of the factor."
    )
    not_answered: tuple[str, ...] = Field(description="Partners whose answered is False.")
    weakest: tuple[str, ...] = Field(
        description="Partners with the lowest score, among those that answered; empty when "
        "fewer than two answered."
    )
    lowest: float | None = Field(description="Among partners that answered the section.")
    highest: float | None = Field(description="Among partners that answered the section.")
    spread: float | None = Field(
        description="Highest minus lowest, among partners that answered; none when fewer "
        "than two answered."
    )


class SharedGap(FrozenModel):
    """A question that is a gap for most partners: tackle it together."""

    qid: str
    section_title: str
    text: str
    partners: tuple[str, ...] = Field(
        description="Partners that answered with a gap (low score or don't know); partners "
        "that did not answer are not counted."
    )
    kinds: tuple[GapKind, ...] = Field(description="Why it is a gap, per partner listed.")
    not_answered: tuple[str, ...] = Field(description="Partners that have not answered it.")
    cells: tuple[Cell, ...] = Field(description="Per partner in partner order.")
    can_help: tuple[str, ...] = Field(description="Partners strong on this question.")
    blocker_for: tuple[str, ...]
    recommendation: str | None
    effort: Effort | None


class Complement(FrozenModel):
    """Strong in some partners, weak in others: expertise that can be shared."""

    qid: str
    section_title: str
    text: str
    can_help: tuple[str, ...]
    could_learn: tuple[str, ...]


class PartnerBlocker(FrozenModel):
    partner: str
    qid: str
    section: str
    text: str
    answer: str
    kind: GapKind = Field(description='What fired it: a low score, "don\'t know" or no answer.')
    cap: str
    reason: str = Field(description="The bank's reason why a weak answer is a blocker.")
    why: str = Field(description="The sentence that fits the answer given (see the result's).")


class BenefitRow(FrozenModel):
    id: str
    label: str
    sought_by: tuple[str, ...]
    everyone: bool = Field(description="Sought by every partner that answered.")


class BenefitsView(FrozenModel):
    """Which benefits partners seek: shared by all, by some, by none."""

    qid: str | None
    text: str | None
    rows: tuple[BenefitRow, ...]
    not_answered: tuple[str, ...]


class AccreditationRow(FrozenModel):
    """An Accreditation area not met or partly met for two or more partners."""

    area: str
    name: str
    standings: tuple[str, ...] = Field(description="Per partner: standing label and help.")
    weak: tuple[str, ...] = Field(description="Partners where it is not met or partly met.")
    help_yes: tuple[str, ...]
    help_maybe: tuple[str, ...]


class PlanItem(FrozenModel):
    qid: str
    text: str
    section_title: str
    recommendation: str
    partners: tuple[str, ...] = Field(description="Partners that answered with a gap.")
    not_answered: tuple[str, ...] = Field(description="Partners that have not answered it.")
    shared: bool
    blocker_for: tuple[str, ...]
    can_help: tuple[str, ...]


class PlanPhase(FrozenModel):
    effort: Effort
    items: tuple[PlanItem, ...]
    left_over: int


class CompareRules(FrozenModel):
    """The thresholds used, so the report can state them."""

    shared_from: int = Field(description="A gap for at least this many partners is shared.")
    wide_spread_from: float = Field(description="A spread this wide is flagged.")
    per_phase: int
    gap_at_or_below: float
    strength_from: float


class PartnershipResult(FrozenModel):
    """The whole partnership view; dumped as the JSON result of ``compare``."""

    bank_id: str
    bank_version: str
    bank_title: str
    partners: tuple[Partner, ...]
    sections: tuple[SectionRow, ...]
    shared_gaps: tuple[SharedGap, ...]
    complementary: tuple[Complement, ...]
    blockers: tuple[PartnerBlocker, ...]
    benefits: BenefitsView
    accreditation: tuple[AccreditationRow, ...]
    work_plan: tuple[PlanPhase, ...]
    rules: CompareRules
