"""The question bank's pydantic models, as written in one YAML file.

A bank is one YAML file. Question ids in the file are local to their section; everywhere
else (answer files, conditions, reports) a question is named ``section-id.question-id``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, StrictBool, StringConstraints, Tag, model_validator

from ..model_base import FrozenModel

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
QUALIFIED_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$"
AREA_PATTERN = r"^[1-9]\.[0-9]{1,2}$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=60)]
QualifiedId = Annotated[str, StringConstraints(pattern=QUALIFIED_ID_PATTERN, max_length=121)]
Effort = Literal["quick-win", "3-months", "12-months"]
EFFORTS: tuple[Effort, ...] = ("quick-win", "3-months", "12-months")  # quickest first
QuestionType = Literal["scale", "single", "multi", "text"]
SectionKind = Literal[
    "context", "success-factor", "relationship", "benefits", "accreditation", "governance"
]
# Sections of these kinds count towards the readiness score unless they say otherwise.
SCORED_KINDS = frozenset({"success-factor", "relationship", "governance"})
# Whom a question asks about: the service itself (its own case, staff time, Accreditation
# standing), or the partnership as a whole, a fact every partner shares and should answer
# alike (is a chair agreed, is there a work plan, do partners trust each other).
Scope = Literal["service", "partnership"]
# Questions in sections of these kinds ask about the partnership unless they say otherwise.
PARTNERSHIP_KINDS = frozenset({"relationship"})


Value = str | list[str] | None


class Choice(FrozenModel):
    """One answer option. ``not_applicable`` is left out of scoring; ``dont_know`` scores 0."""

    id: Id
    label: str
    score: float | None = None
    not_applicable: StrictBool = False
    dont_know: StrictBool = False

    @model_validator(mode="after")
    def _one_special(self) -> Choice:
        if self.not_applicable and self.dont_know:
            raise ValueError("a choice cannot be both not_applicable and dont_know")
        if (self.not_applicable or self.dont_know) and self.score is not None:
            raise ValueError("a not_applicable or dont_know choice takes no score")
        return self

    @property
    def special(self) -> bool:
        return self.not_applicable or self.dont_know


class Band(FrozenModel):
    """A readiness band: scores from ``min`` (0-100) up to the next band's ``min``."""

    id: Id
    label: str
    min: float = Field(ge=0, le=100)
    meaning: str


class Leaf(FrozenModel):
    """Holds when the earlier question was answered with one of ``in`` (any, for multi)."""

    question: QualifiedId
    in_: tuple[Id, ...] = Field(alias="in")


class AllOf(FrozenModel):
    all: tuple[Condition, ...] = Field(min_length=1)


class AnyOf(FrozenModel):
    any: tuple[Condition, ...] = Field(min_length=1)


class NotOf(FrozenModel):
    not_: Condition = Field(alias="not")


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("all", "any", "not"):
            if key in value:
                return key
        return "leaf"
    for model, tag in ((AllOf, "all"), (AnyOf, "any"), (NotOf, "not"), (Leaf, "leaf")):
        if isinstance(value, model):
            return tag
    return None


Condition = Annotated[
    Annotated[Leaf, Tag("leaf")]
    | Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[NotOf, Tag("not")],
    Discriminator(_condition_tag),
]


class Gate(FrozenModel):
    """A blocker: an answer scoring at or below ``at_or_below`` caps the overall band, and so
    do "don't know" and no answer; the report says why in the sentence that fits the answer."""

    at_or_below: float
    cap: Id
    reason: str = Field(
        description="Why a weak answer (at or below at_or_below) is a blocker: one plain "
        "sentence, true of that answer."
    )
    if_dont_know: str | None = Field(
        None,
        description='Shown instead of reason when the answer is "don\'t know": say that it '
        "is not known, and why it matters. Without it, a sentence is made from reason.",
    )
    if_unanswered: str | None = Field(
        None,
        description="Shown instead of reason when the question is not answered yet: say so, "
        "and why it matters. Without it, a sentence is made from reason.",
    )


class Recommendation(FrozenModel):
    """What to do when the answer is weak, and roughly how long it takes."""

    text: str
    effort: Effort


class AccreditationRef(FrozenModel):
    """The Accreditation requirement area a question bears on, and in what way."""

    area: str = Field(pattern=AREA_PATTERN)
    aspect: Literal["standing", "partnership-help", "related"] = "related"

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"area": value} if isinstance(value, str) else value


class Question(FrozenModel):
    id: Id
    text: str
    help: str | None = None
    type: QuestionType
    scale: Id | None = None
    choices: tuple[Choice, ...] | None = None
    weight: float = 1.0
    required: StrictBool = True
    when: Condition | None = None
    gate: Gate | None = None
    recommendation: Recommendation | None = None
    accreditation: AccreditationRef | None = None
    scope: Scope | None = Field(
        None,
        description="Whom the question asks about: 'service' (the service's own position) or "
        "'partnership' (a fact all partners share, so their answers should agree). Default: "
        "'partnership' in a relationship section, else 'service'.",
    )

    @model_validator(mode="after")
    def _options_fit_type(self) -> Question:
        if self.type == "text":
            if self.scale is not None or self.choices is not None:
                raise ValueError("a text question takes neither scale nor choices")
        elif self.type == "scale":
            if self.scale is None or self.choices is not None:
                raise ValueError("a scale question names a scale and has no choices of its own")
        elif self.choices is None or self.scale is not None:
            raise ValueError(f"a {self.type} question lists its choices and names no scale")
        return self


class Section(FrozenModel):
    id: Id
    title: str
    kind: SectionKind
    weight: float = 1.0
    intro: str | None = None
    scored: StrictBool | None = None
    questions: tuple[Question, ...] = Field(min_length=1)

    @property
    def counts(self) -> bool:
        """Whether this section's questions count towards the readiness score."""
        return self.kind in SCORED_KINDS if self.scored is None else self.scored


@dataclass(frozen=True)
class QuestionRef:
    """A question in place: its qualified id, section, resolved choices and position."""

    qid: str
    section: Section
    question: Question
    choices: tuple[Choice, ...]
    position: int
    choice_by_id: dict[str, Choice] = field(repr=False)

    @property
    def scope(self) -> Scope:
        """Whom the question asks about, its section's kind deciding when it does not say."""
        if self.question.scope is not None:
            return self.question.scope
        return "partnership" if self.section.kind in PARTNERSHIP_KINDS else "service"

    @property
    def scored(self) -> bool:
        """Counts towards the readiness score: a scored section and choices with scores."""
        return self.section.counts and self.question.type != "text" and self.high is not None

    @cached_property
    def high(self) -> float | None:
        scores = [c.score for c in self.choices if c.score is not None]
        return max(scores) if scores else None

    @cached_property
    def low(self) -> float | None:
        scores = [c.score for c in self.choices if c.score is not None]
        return min(scores) if scores else None


class Bank(FrozenModel):
    """A whole question bank, as written in one YAML file."""

    id: Id
    version: str
    title: str
    description: str
    renames: dict[str, QualifiedId] = Field(
        default_factory=dict,
        description="Old qualified question ids mapped to their new ids, so old answer files "
        "keep scoring after a question is renamed or moved.",
    )
    accreditation_areas: dict[str, str] = Field(default_factory=dict)
    commitment_section: Id | None = Field(
        None,
        description="The section on money and staff time: the benefits sought are weighed "
        "against its score. Without it, no report weighs benefits against commitment.",
    )
    benefits_question: QualifiedId | None = Field(
        None,
        description="The multi-choice question that asks which benefits are sought. Without "
        "it, reports and the partnership view say nothing about benefits.",
    )
    help_contact: str | None = Field(
        None,
        description="Where to turn for help, as one next step in every report (for example a "
        "regional contact). Without it, reports name no contact.",
    )
    scales: dict[Id, tuple[Choice, ...]] = Field(default_factory=dict)
    bands: tuple[Band, ...] = Field(min_length=1)
    sections: tuple[Section, ...] = Field(min_length=1)

    @cached_property
    def questions(self) -> tuple[QuestionRef, ...]:
        """Every question in bank order, with its choices resolved."""
        refs: list[QuestionRef] = []
        for section in self.sections:
            for question in section.questions:
                if question.choices is not None:
                    choices = question.choices
                else:
                    choices = self.scales.get(question.scale or "", ())
                refs.append(
                    QuestionRef(
                        qid=f"{section.id}.{question.id}",
                        section=section,
                        question=question,
                        choices=choices,
                        position=len(refs),
                        choice_by_id={c.id: c for c in choices},
                    )
                )
        return tuple(refs)

    @cached_property
    def by_id(self) -> dict[str, QuestionRef]:
        return {ref.qid: ref for ref in self.questions}

    @cached_property
    def commitment(self) -> Section | None:
        """The declared commitment section, when the bank names one that exists."""
        return next((s for s in self.sections if s.id == self.commitment_section), None)

    @cached_property
    def benefits_ref(self) -> QuestionRef | None:
        """The declared benefits question, when the bank names a multi-choice one."""
        ref = self.by_id.get(self.benefits_question or "")
        return ref if ref is not None and ref.question.type == "multi" else None

    @cached_property
    def band_by_id(self) -> dict[str, Band]:
        return {band.id: band for band in self.bands}

    def band_for(self, score: float) -> Band:
        """The highest band whose lower bound the score reaches."""
        reached = [band for band in self.bands if score >= band.min]
        return max(reached, key=lambda band: band.min) if reached else self.bands[0]
