"""The question bank's pydantic models, as written in one YAML file.

A bank is one YAML file. Question ids in the file are local to their section; everywhere
else (answer files, conditions, reports) a question is named ``section-id.question-id``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    ConfigDict,
    Discriminator,
    Field,
    JsonValue,
    StrictBool,
    StringConstraints,
    Tag,
    model_validator,
)

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
# Weights must be above 0 and lists of choices hold at least one: the schema says so, and
# validate's rules weight-not-positive and no-choices, so that these are reported with every
# other problem of the bank rather than stopping it being checked.
ABOVE_ZERO: dict[str, Any] = {"exclusiveMinimum": 0}
AT_LEAST_ONE: dict[str, Any] = {"minItems": 1}
_TRUE: dict[str, Any] = {"const": True}
_NULL: dict[str, Any] = {"type": "null"}
_GIVEN: dict[str, Any] = {"not": _NULL}


def _when_type(*types: str) -> dict[str, Any]:
    return {"required": ["type"], "properties": {"type": {"enum": list(types)}}}


# What the validators below check, said in the schema too, for editors.
CHOICE_RULES: list[JsonValue] = [
    {
        "not": {
            "required": ["not_applicable", "dont_know"],
            "properties": {"not_applicable": _TRUE, "dont_know": _TRUE},
        }
    },
    {
        "if": {
            "anyOf": [
                {"required": [key], "properties": {key: _TRUE}}
                for key in ("not_applicable", "dont_know")
            ]
        },
        "then": {"properties": {"score": _NULL}},
    },
]
QUESTION_RULES: list[JsonValue] = [
    {"if": _when_type("text"), "then": {"properties": {"scale": _NULL, "choices": _NULL}}},
    {
        "if": _when_type("scale"),
        "then": {"required": ["scale"], "properties": {"scale": _GIVEN, "choices": _NULL}},
    },
    {
        "if": _when_type("single", "multi"),
        "then": {"required": ["choices"], "properties": {"choices": _GIVEN, "scale": _NULL}},
    },
]


class Choice(FrozenModel):
    """One answer option. ``not_applicable`` is left out of scoring; ``dont_know`` scores 0."""

    model_config = ConfigDict(json_schema_extra={"allOf": CHOICE_RULES})

    id: Id = Field(description="The choice's id, as answer files and conditions write it.")
    label: str = Field(description="The words shown for the choice.")
    score: float | None = Field(
        None,
        description="Any number: an answer earns its share of the marks between the lowest and "
        "highest score. Leave it out on every choice of a question that is not scored.",
    )
    not_applicable: StrictBool = Field(
        False,
        description='true for a "not applicable" choice, left out of scoring altogether; it '
        "takes no score.",
    )
    dont_know: StrictBool = Field(
        False,
        description='true for a "don\'t know" choice, which earns nothing and is listed as an '
        "evidence gap; it takes no score.",
    )

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


ChoiceList = Annotated[tuple[Choice, ...], Field(json_schema_extra=AT_LEAST_ONE)]


class Band(FrozenModel):
    """A readiness band: scores from ``min`` (0-100) up to the next band's ``min``."""

    id: Id = Field(description="The band's id, which a gate names as its cap.")
    label: str = Field(description="The band's name, shown in reports.")
    min: float = Field(
        ge=0,
        le=100,
        description="Where the band starts on the 0-100 readiness score: the first band at "
        "0, each one above the one before.",
    )
    meaning: str = Field(description="One sentence saying what a service should do at this band.")


class Leaf(FrozenModel):
    """Holds when the earlier question was answered with one of ``in`` (any, for multi)."""

    question: QualifiedId = Field(
        description="The earlier question the condition looks at, as section.question."
    )
    in_: tuple[Id, ...] = Field(
        alias="in",
        description="The choice ids, in brackets, that make the condition hold (any of them, "
        "for a multi question).",
    )


class AllOf(FrozenModel):
    all: tuple[Condition, ...] = Field(
        min_length=1, description="Holds when every condition listed holds."
    )


class AnyOf(FrozenModel):
    any: tuple[Condition, ...] = Field(
        min_length=1, description="Holds when at least one condition listed holds."
    )


class NotOf(FrozenModel):
    not_: Condition = Field(alias="not", description="Holds when this condition does not.")


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

    at_or_below: float = Field(
        description='An answer scoring at or below this caps the band (so do "don\'t know" and '
        "no answer): from the lowest score up to, but not including, the highest."
    )
    cap: Id = Field(description="The id of the highest band reachable while the gate fires.")
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

    text: str = Field(description="What to do when the answer is weak: one concrete action.")
    effort: Effort = Field(description="Roughly how long it takes.")


class AccreditationRef(FrozenModel):
    """The Accreditation requirement area a question bears on, and in what way."""

    area: str = Field(
        pattern=AREA_PATTERN,
        description='The area\'s number in quotes, such as "1.2": a key of accreditation_areas.',
    )
    aspect: Literal["standing", "partnership-help", "related"] = Field(
        "related",
        description="standing: the service's standing on the area; partnership-help: whether "
        "partnership could help with it; related (the default): the question bears on it.",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"area": value} if isinstance(value, str) else value


class Question(FrozenModel):
    """One question: its text, how it is answered, and what follows from the answer."""

    model_config = ConfigDict(json_schema_extra={"allOf": QUESTION_RULES})

    id: Id = Field(
        description="The question's id within its section; everywhere else it is named "
        "section.question."
    )
    text: str = Field(description="The question, in one sentence.")
    help: str | None = Field(
        None, description="What a strong answer looks like, in one or two sentences."
    )
    type: QuestionType = Field(
        description="scale (names a scale), single or multi (list their own choices), or text."
    )
    scale: Id | None = Field(
        None, description="For a scale question: the name of one of the bank's scales."
    )
    choices: ChoiceList | None = Field(
        None, description="For a single or multi question: its own choices."
    )
    weight: float = Field(
        1.0,
        description="The question's weight within its section, above 0. Default 1.",
        json_schema_extra=ABOVE_ZERO,
    )
    required: StrictBool = Field(
        True,
        description="true or false: whether the report lists the question as missing when it "
        "is not answered. Default true.",
    )
    when: Condition | None = Field(
        None, description="Show the question only when this condition on earlier questions holds."
    )
    gate: Gate | None = Field(
        None,
        description='A blocker: a weak answer, "don\'t know" or no answer caps the band, '
        "whatever the score.",
    )
    recommendation: Recommendation | None = Field(
        None, description="What to do when the answer is weak, and how long it takes."
    )
    accreditation: AccreditationRef | None = Field(
        None,
        description='The Accreditation area the question bears on: "1.2", or {area, aspect}.',
    )
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
    """A group of questions asked together, scored as one in the report."""

    id: Id = Field(description="The section's id: the first part of its questions' ids.")
    title: str = Field(description="The section's title, shown in assess and in reports.")
    kind: SectionKind = Field(
        description="success-factor, relationship and governance sections count towards the "
        "readiness score; context, benefits and accreditation sections do not."
    )
    weight: float = Field(
        1.0,
        description="The section's weight in the overall score, above 0. Default 1.",
        json_schema_extra=ABOVE_ZERO,
    )
    intro: str | None = Field(None, description="One or two sentences shown before its questions.")
    scored: StrictBool | None = Field(
        None,
        description="true or false: whether the section counts towards the readiness score, "
        "whatever its kind says.",
    )
    questions: tuple[Question, ...] = Field(
        min_length=1, description="The section's questions in the order they are asked."
    )

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

    id: Id = Field(
        description="The bank's id, in lower-case letters, digits and hyphens; answer files "
        "name it as their bank."
    )
    version: str = Field(
        description='Text such as "1.0"; answer files record it as their bank_version. Raise '
        "it when questions change."
    )
    title: str = Field(description="Shown at the start of assess and at the head of reports.")
    description: str = Field(
        description="A sentence or two on what the bank assesses, shown at the start of assess."
    )
    renames: dict[str, QualifiedId] = Field(
        default_factory=dict,
        description="Old qualified question ids mapped to their new ids, so old answer files "
        "keep scoring after a question is renamed or moved.",
    )
    accreditation_areas: dict[str, str] = Field(
        default_factory=dict,
        description='Each Accreditation area\'s number, in quotes, to its name: "1.2": '
        "Governance and management structures.",
    )
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
    scales: dict[Id, ChoiceList] = Field(
        default_factory=dict,
        description="Each scale's name to its list of choices, shared by scale questions.",
    )
    bands: tuple[Band, ...] = Field(
        min_length=1, description="Readiness bands, lowest first; the first starts at min 0."
    )
    sections: tuple[Section, ...] = Field(
        min_length=1, description="The sections, in the order they are asked."
    )

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
