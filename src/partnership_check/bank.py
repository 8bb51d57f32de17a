"""The question bank: its pydantic models, conditions, and loading a bank from YAML.

A bank is one YAML file. Question ids in the file are local to their section; everywhere
else (answer files, conditions, reports) a question is named ``section-id.question-id``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

from .errors import Problem

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
QualifiedId = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$", max_length=121)
]
Effort = Literal["quick-win", "3-months", "12-months"]
QuestionType = Literal["scale", "single", "multi", "text"]
SectionKind = Literal[
    "context", "success-factor", "relationship", "benefits", "accreditation", "governance"
]
# Sections of these kinds count towards the readiness score unless they say otherwise.
SCORED_KINDS = frozenset({"success-factor", "relationship", "governance"})

BUNDLED_BANK = "partnership-readiness.yaml"

Value = str | list[str] | None


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Choice(_Model):
    """One answer option. ``not_applicable`` is left out of scoring; ``dont_know`` scores 0."""

    id: Id
    label: str
    score: float | None = None
    not_applicable: bool = False
    dont_know: bool = False

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


class Band(_Model):
    """A readiness band: scores from ``min`` (0-100) up to the next band's ``min``."""

    id: Id
    label: str
    min: float = Field(ge=0, le=100)
    meaning: str


class Leaf(_Model):
    """Holds when the earlier question was answered with one of ``in`` (any, for multi)."""

    question: QualifiedId
    in_: tuple[Id, ...] = Field(alias="in")


class AllOf(_Model):
    all: tuple[Condition, ...] = Field(min_length=1)


class AnyOf(_Model):
    any: tuple[Condition, ...] = Field(min_length=1)


class NotOf(_Model):
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


class Gate(_Model):
    """A blocker: an answer scoring at or below ``at_or_below`` caps the overall band."""

    at_or_below: float
    cap: Id
    reason: str


class Recommendation(_Model):
    """What to do when the answer is weak, and roughly how long it takes."""

    text: str
    effort: Effort


class AccreditationRef(_Model):
    """The Accreditation requirement area a question bears on, and in what way."""

    area: str = Field(pattern=r"^[1-9]\.[0-9]{1,2}$")
    aspect: Literal["standing", "partnership-help", "related"] = "related"

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"area": value} if isinstance(value, str) else value


class Question(_Model):
    id: Id
    text: str
    help: str | None = None
    type: QuestionType
    scale: Id | None = None
    choices: tuple[Choice, ...] | None = None
    weight: float = 1.0
    required: bool = True
    when: Condition | None = None
    gate: Gate | None = None
    recommendation: Recommendation | None = None
    accreditation: AccreditationRef | None = None

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


class Section(_Model):
    id: Id
    title: str
    kind: SectionKind
    weight: float = 1.0
    intro: str | None = None
    scored: bool | None = None
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


class Bank(_Model):
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
    def band_by_id(self) -> dict[str, Band]:
        return {band.id: band for band in self.bands}

    def band_for(self, score: float) -> Band:
        """The highest band whose lower bound the score reaches."""
        reached = [band for band in self.bands if score >= band.min]
        return max(reached, key=lambda band: band.min) if reached else self.bands[0]


def condition_holds(condition: Condition, values: Mapping[str, Value]) -> bool:
    """Evaluates a ``when`` condition against the answers of visible questions."""
    if isinstance(condition, Leaf):
        value = values.get(condition.question)
        if value is None:
            return False
        chosen = value if isinstance(value, list) else [value]
        return any(choice in condition.in_ for choice in chosen)
    if isinstance(condition, AllOf):
        return all(condition_holds(c, values) for c in condition.all)
    if isinstance(condition, AnyOf):
        return any(condition_holds(c, values) for c in condition.any)
    return not condition_holds(condition.not_, values)


def visible_values(bank: Bank, values: Mapping[str, Value]) -> tuple[dict[str, Value], list[str]]:
    """Answers of the questions that are shown, and the ids of those hidden by ``when``.

    Conditions refer only to earlier questions, so one pass in bank order settles it;
    a hidden question's answer never makes a later question visible.
    """
    shown: dict[str, Value] = {}
    hidden: list[str] = []
    for ref in bank.questions:
        when = ref.question.when
        if when is not None and not condition_holds(when, shown):
            hidden.append(ref.qid)
            continue
        if ref.qid in values:
            shown[ref.qid] = values[ref.qid]
    return shown, hidden


def bundled_bank_path() -> Path:
    """The bank shipped with the package (falls back to the source tree in development)."""
    packaged = resources.files("partnership_check") / "questions" / BUNDLED_BANK
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "questions" / BUNDLED_BANK


def parse_bank(name: str, text: str) -> Bank:
    """YAML text to a Bank model; structural problems raise InputError with locations."""
    from .errors import InputError

    bank, problems, _ = _structure(name, text)
    if bank is None:
        raise InputError(problems)
    return bank


def _structure(name: str, text: str) -> tuple[Bank | None, list[Problem], Bank | None]:
    """The bank, or its structural problems and, when only unknown keys are wrong, the
    bank as it would be without them."""
    from pydantic import ValidationError

    from .errors import InputError
    from .hints import explain
    from .locations import validation_problems
    from .yamlio import parse_text

    try:
        data = parse_text(name, text)
    except InputError as err:
        return None, err.problems, None
    try:
        return Bank.model_validate(data), [], None
    except ValidationError as err:
        problems, lenient = explain(validation_problems(name, text, err), err, data)
        return None, problems, lenient


def check_bank(name: str, text: str) -> tuple[Bank | None, list[Problem]]:
    """Every problem with a bank: parse and structure first, then the bank rules.

    When the only structural problems are unknown keys, the rules still run on the bank
    without them, so a typo does not hide the other problems.
    """
    from .rules import bank_problems

    bank, problems, lenient = _structure(name, text)
    if bank is not None:
        return bank, bank_problems(bank, name, text)
    if lenient is not None:
        # Warnings about missing keys may only mean a key was misspelt; leave them out.
        problems += [p for p in bank_problems(lenient, name, text) if p.severity == "error"]
    return None, problems


def load_bank(path: Path | None = None) -> Bank:
    """Loads a bank (the bundled one by default); any error-level problem raises InputError."""
    from .errors import InputError
    from .yamlio import read_text

    path = path or bundled_bank_path()
    name = str(path)
    bank, problems = check_bank(name, read_text(path))
    errors = [p for p in problems if p.severity == "error"]
    if bank is None or errors:
        raise InputError(errors)
    return bank
