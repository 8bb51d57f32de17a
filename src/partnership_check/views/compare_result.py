"""The partnership view of ``compare``: frozen pydantic models, dumped as its JSON result.

Built by :func:`.compare.compare_results`, rendered by
``templates/compare.md.j2``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from ..bank.model import Effort, Scope
from ..model_base import FrozenModel
from ..scoring.results import GapKind, Status

Cell = Literal["low-score", "dont-know", "unanswered", "strong", ""]
# How partners' answers to a shared fact compare: some say it is in place and others not
# (or do not know); all that answered say it is in place; all say it is missing; none knows;
# or answers between the two that neither agree nor clash; for an unscored question (the
# kind of partnership), all chose the same.
Agreement = Literal["differ", "agree-in-place", "agree-missing", "not-known", "mixed", "same"]
# One partner's view of a shared fact.
View = Literal["in-place", "missing", "between", "dont-know", "not-answered", "not-applicable"]


class Partner(FrozenModel):
    """One prospective partner, as named in every table of the view."""

    label: str = Field(description="Display name, with the file name added when names clash.")
    short: str = Field(
        description="The label in column headings: the label itself, or initials when the "
        "partners' full names would make tables wider than a page."
    )
    provisional: bool = Field(
        description="Under half the questions that count are answered: its figures will move."
    )
    band_min: float = Field(description="Lower bound of its band, to find the least ready.")
    problems: int = Field(
        0,
        description="Answers in its file that could not be read: their questions count as not"
        " answered yet, so its figures will move when they are corrected.",
    )
    unread: tuple[str, ...] = Field(
        (),
        description="The questions whose answers in its file could not be read (those listed"
        " when it was scored).",
    )
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


class LeftOut(FrozenModel):
    """An answer file not compared, and why."""

    source: str
    file: str
    service: str
    assessed_on: dt.date | None
    reason: Literal["not-started", "same-service"] = Field(
        description="not-started: nothing that counts is answered (a blank template); "
        "same-service: another file for the same service, more recent, is compared."
    )
    kept: str | None = Field(description="For same-service: the file compared instead.")
    kept_file: str | None = Field(description="That file's name.")


class PartnerBlocker(FrozenModel):
    """A blocker that fired for one partner, whether or not it lowered its band."""

    partner: str
    qid: str
    section: str
    text: str
    answer: str
    answered: bool
    kind: GapKind = Field(description='What fired it: a low score, "don\'t know" or no answer.')
    cap: str
    reason: str = Field(description="The bank's reason why a weak answer is a blocker.")
    why: str = Field(description="The sentence that fits the answer given (see the result's).")
    lowered_band: bool = Field(description="It lowered the partner's band below its average.")
    clears: str | None = Field(description="The bank's recommendation: what clears it.")


class PartnerAnswer(FrozenModel):
    """One partner's answer to a question about the partnership as a whole."""

    partner: str
    status: Status
    answer: str = Field(description="The chosen labels, joined; empty when not answered.")
    note: str | None
    view: View
    fraction: float | None = Field(description="Share of the marks the answer earns.")


class SharedFact(FrozenModel):
    """A question about the partnership as a whole, a fact all partners share, with each
    partner's answer side by side."""

    qid: str
    section_title: str
    text: str
    context: bool = Field(description="Asked in a context section: what partnership is meant.")
    agreement: Agreement
    spread: float = Field(
        description="How far apart the answers are: highest less lowest share of the marks, "
        "plus a half when some partners answered and others do not know."
    )
    answers: tuple[PartnerAnswer, ...]
    noted: bool = Field(description="Some partner gave an evidence note.")
    not_answered: tuple[str, ...]
    recommendation: str | None


class Topic(FrozenModel):
    """One of the things a meeting should talk about first."""

    kind: Literal["blockers", "different-partnerships", "views-differ", "shared-gap"]
    count: int
    first: str = Field(description="The first question concerned, or a partner for blockers.")
    partners: tuple[str, ...]


class Headline(FrozenModel):
    """How ready the partnership is, taking its least ready member, and what to discuss."""

    least_ready: tuple[str, ...]
    band: str
    score: float | None
    provisional: bool
    topics: tuple[Topic, ...]


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
    recommendation: str | None = Field(description="None only for a blocker without advice.")
    effort: Effort | None
    scope: Scope = Field(description="Whether it asks about each service or the partnership.")
    partners: tuple[str, ...] = Field(description="Partners that answered with a gap.")
    not_answered: tuple[str, ...] = Field(description="Partners that have not answered it.")
    shared: bool
    blocker_for: tuple[str, ...]
    can_help: tuple[str, ...] = Field(description="Strong partners; only for the service's own.")
    views_differ: bool = Field(description="A shared fact partners answer differently.")


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
    headline: Headline
    partners: tuple[Partner, ...]
    left_out: tuple[LeftOut, ...]
    blockers: tuple[PartnerBlocker, ...]
    shared_facts: tuple[SharedFact, ...] = Field(
        description="Questions about the partnership as a whole that two or more partners "
        "answered, with the answers side by side."
    )
    sections: tuple[SectionRow, ...]
    shared_gaps: tuple[SharedGap, ...]
    complementary: tuple[Complement, ...]
    benefits: BenefitsView
    accreditation: tuple[AccreditationRow, ...]
    accreditation_asked: bool = Field(
        description="Whether the bank asks where a service stands on Accreditation areas; "
        "without, the view says nothing of Accreditation."
    )
    blocker_actions: tuple[PlanItem, ...] = Field(
        description="Every question on which a blocker fired for a partner, first in the "
        "combined plan whatever the per-phase cap."
    )
    work_plan: tuple[PlanPhase, ...]
    rules: CompareRules
