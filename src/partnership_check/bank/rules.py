"""Bank rules beyond structure: references, ordering, bands, weights, reachability.

Each rule has a stable id; every problem found is returned, none raised. Rules run only on a
bank that passed the pydantic models, and report where in the file the problem is.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from ..errors import Problem, Severity
from ..loading.locations import file_order, locate_all
from ..loading.terminal_text import unsafe_character
from .conditions import Loc, leaves
from .model import Bank, Choice, Question, QuestionRef
from .reachability import Budget, can_hold


@dataclass(frozen=True)
class Finding:
    """A rule's verdict before it is placed in the file."""

    loc: Loc
    rule: str
    message: str
    severity: Severity = "error"
    key: bool = False


@dataclass
class _Context:
    bank: Bank
    source: str | None = None  # the bank's text, when the rules are given it
    broken_conditions: set[str] = field(default_factory=set)

    @cached_property
    def places(self) -> list[tuple[QuestionRef, Loc]]:
        """Every question with its path in the file, in bank order."""
        locs = [
            ("sections", si, "questions", qi)
            for si, section in enumerate(self.bank.sections)
            for qi, _ in enumerate(section.questions)
        ]
        return list(zip(self.bank.questions, locs, strict=True))

    @cached_property
    def first_position(self) -> dict[str, int]:
        """Where each qualified id first appears (duplicates are reported separately)."""
        found: dict[str, int] = {}
        for ref in self.bank.questions:
            found.setdefault(ref.qid, ref.position)
        return found

    def ref(self, qid: str) -> QuestionRef:
        return self.bank.questions[self.first_position[qid]]


def _duplicates(ids: list[str]) -> Iterator[tuple[int, str, int]]:
    """(index, id, index of the first use) for every repeated id."""
    first: dict[str, int] = {}
    for index, ident in enumerate(ids):
        if ident in first:
            yield index, ident, first[ident]
        else:
            first[ident] = index


def _section_ids(ctx: _Context) -> Iterator[Finding]:
    ids = [section.id for section in ctx.bank.sections]
    for index, ident, first in _duplicates(ids):
        yield Finding(
            ("sections", index, "id"),
            "duplicate-section-id",
            f"section id {ident!r} is already used by section {first + 1}; ids must be unique",
        )


def _question_ids(ctx: _Context) -> Iterator[Finding]:
    ids = [ref.qid for ref, _ in ctx.places]
    for index, ident, _first in _duplicates(ids):
        yield Finding(
            (*ctx.places[index][1], "id"),
            "duplicate-question-id",
            f"question id {ident!r} is used twice; ids must be unique within a section",
        )


def _choice_lists(ctx: _Context) -> Iterator[tuple[Loc, str, tuple[Choice, ...]]]:
    for name, choices in ctx.bank.scales.items():
        yield ("scales", name), f"scale {name!r}", choices
    for ref, loc in ctx.places:
        if ref.question.choices is not None:
            yield (*loc, "choices"), f"question {ref.qid!r}", ref.question.choices


def _choices(ctx: _Context) -> Iterator[Finding]:
    for loc, owner, choices in _choice_lists(ctx):
        if not choices:
            yield Finding(loc, "no-choices", f"{owner} has no choices to pick from")
        for index, ident, _first in _duplicates([c.id for c in choices]):
            yield Finding(
                (*loc, index, "id"),
                "duplicate-choice-id",
                f"choice id {ident!r} appears twice in {owner}; ids must be unique",
            )
        for index, choice in enumerate(choices):
            if choice.score is not None and not math.isfinite(choice.score):
                yield Finding(
                    (*loc, index, "score"),
                    "score-not-finite",
                    f"choice {choice.id!r} in {owner} needs a finite score",
                )


def _scales(ctx: _Context) -> Iterator[Finding]:
    used: set[str] = set()
    for ref, loc in ctx.places:
        name = ref.question.scale
        if name is None:
            continue
        used.add(name)
        if name not in ctx.bank.scales:
            known = ", ".join(sorted(ctx.bank.scales)) or "none are defined"
            yield Finding(
                (*loc, "scale"),
                "unknown-scale",
                f"question {ref.qid!r} uses scale {name!r}, which is not defined (scales: {known})",
            )
    for name in ctx.bank.scales:
        if name not in used:
            yield Finding(
                ("scales", name),
                "unused-scale",
                f"scale {name!r} is not used by any question",
                "warning",
                key=True,
            )


def _choice_scores(ctx: _Context) -> Iterator[Finding]:
    """In a section that counts, a choice without a score beside scored ones would silently
    score as the lowest; choices that all score the same earn full marks whatever is
    chosen; a scale with no scores leaves its question silently unscored."""
    seen: set[str] = set()  # scales reported once, however many questions use them
    for ref, loc in ctx.places:
        if not ref.section.counts or ref.question.type == "text":
            continue
        scale = ref.question.scale
        if scale is not None and scale not in ctx.bank.scales:
            continue  # unknown-scale says so
        owner = f"scale {scale!r}" if scale else f"question {ref.qid!r}"
        where = ("scales", scale) if scale else (*loc, "choices")
        if scale in seen:
            continue
        findings = list(_score_findings(ref, owner, where, (*loc, "scale")))
        if findings and scale:
            seen.add(scale)
        yield from findings


def _score_findings(ref: QuestionRef, owner: str, where: Loc, scale_key: Loc) -> Iterator[Finding]:
    regular = [(i, c) for i, c in enumerate(ref.choices) if not c.special]
    scored = [c.score for _, c in regular if c.score is not None]
    if not scored:
        if ref.question.type == "scale":
            yield Finding(
                scale_key,
                "scale-without-scores",
                f"question {ref.qid!r} is in a section that counts, but its {owner} gives no "
                "choice a score, so the question is not scored; give the choices scores, or "
                "move the question to a section that does not count",
                "warning",
            )
        return
    for index, choice in regular:
        if choice.score is None:
            yield Finding(
                (*where, index, "id"),
                "choice-without-score",
                f"choice {choice.id!r} of {owner} has no score while the others have, so "
                "choosing it would silently score as the lowest; give it a score, or mark it "
                "not_applicable: true or dont_know: true",
            )
    # Ticking more choices of a multi question earns more, whatever each one scores.
    same = len(regular) > 1 and len(set(scored)) == 1 and len(scored) == len(regular)
    if same and ref.question.type != "multi":
        yield Finding(
            (*where, regular[0][0], "score"),
            "choices-score-the-same",
            f"every choice of {owner} scores {scored[0]:g}, so any answer earns full marks; "
            "give the choices different scores, or leave the scores out to make it unscored",
            "warning",
        )


def _bands(ctx: _Context) -> Iterator[Finding]:
    bands = ctx.bank.bands
    if bands[0].min != 0:
        yield Finding(
            ("bands", 0, "min"),
            "band-not-from-zero",
            f"the first band must start at min 0, not {bands[0].min:g}",
        )
    for index in range(1, len(bands)):
        if bands[index].min <= bands[index - 1].min:
            yield Finding(
                ("bands", index, "min"),
                "band-not-rising",
                f"band {bands[index].id!r} starts at {bands[index].min:g}; each band must start "
                f"above the one before ({bands[index - 1].min:g})",
            )
    for index, ident, _first in _duplicates([band.id for band in bands]):
        yield Finding(
            ("bands", index, "id"), "duplicate-band-id", f"band id {ident!r} is used twice"
        )


def _bad_weight(weight: float) -> bool:
    return not math.isfinite(weight) or weight <= 0


def _weights(ctx: _Context) -> Iterator[Finding]:
    for si, section in enumerate(ctx.bank.sections):
        if _bad_weight(section.weight):
            yield Finding(
                ("sections", si, "weight"),
                "weight-not-positive",
                f"section {section.id!r} has weight {section.weight:g}; weights must be above 0",
            )
    for ref, loc in ctx.places:
        if _bad_weight(ref.question.weight):
            yield Finding(
                (*loc, "weight"),
                "weight-not-positive",
                f"question {ref.qid!r} has weight {ref.question.weight:g}; weights must be above 0",
            )


def _condition_refs(ctx: _Context) -> Iterator[Finding]:
    for ref, loc in ctx.places:
        if ref.question.when is None:
            continue
        for leaf, path in leaves(ref.question.when):
            where = (*loc, "when", *path)
            position = ctx.first_position.get(leaf.question)
            if position is None:
                ctx.broken_conditions.add(ref.qid)
                yield Finding(
                    (*where, "question"),
                    "condition-unknown-question",
                    f"the condition of {ref.qid!r} refers to {leaf.question!r}, "
                    "which is not a question in this bank",
                )
                continue
            if position >= ref.position:
                ctx.broken_conditions.add(ref.qid)
                which = "itself" if position == ref.position else "a later question"
                yield Finding(
                    (*where, "question"),
                    "condition-not-earlier",
                    f"the condition of {ref.qid!r} refers to {which} ({leaf.question!r}); "
                    "conditions may only refer to earlier questions",
                )
                continue
            target = ctx.ref(leaf.question)
            if target.question.type == "text":
                ctx.broken_conditions.add(ref.qid)
                yield Finding(
                    (*where, "question"),
                    "condition-on-text-question",
                    f"the condition of {ref.qid!r} names {leaf.question!r}, a text question, "
                    "which has no choices to match; a condition can name only scale, single "
                    "and multi questions",
                )
                continue
            for index, choice in enumerate(leaf.in_):
                if choice not in target.choice_by_id:
                    ctx.broken_conditions.add(ref.qid)
                    known = ", ".join(c.id for c in target.choices) or "it has no choices"
                    yield Finding(
                        (*where, "in", index),
                        "condition-unknown-choice",
                        f"{leaf.question!r} has no choice {choice!r} (choices: {known})",
                    )


def _gates(ctx: _Context) -> Iterator[Finding]:
    for ref, loc in ctx.places:
        gate = ref.question.gate
        if gate is None:
            continue
        if gate.cap not in ctx.bank.band_by_id:
            bands = ", ".join(band.id for band in ctx.bank.bands)
            yield Finding(
                (*loc, "gate", "cap"),
                "gate-unknown-band",
                f"the gate of {ref.qid!r} caps at band {gate.cap!r}, which is not defined "
                f"(bands: {bands})",
            )
        if not ref.scored or ref.low is None or ref.high is None:
            yield Finding(
                (*loc, "gate"),
                "gate-unscored-question",
                f"{ref.qid!r} has a gate but is not scored; gates need a question with "
                "scored choices in a section that counts towards the score",
                key=True,
            )
        elif not ref.low <= gate.at_or_below < ref.high:
            yield Finding(
                (*loc, "gate", "at_or_below"),
                "gate-out-of-range",
                f"the gate of {ref.qid!r} is at_or_below {gate.at_or_below:g}; it must be at "
                f"least the lowest score ({ref.low:g}) and below the highest ({ref.high:g})",
            )
        if gate.if_dont_know is not None and not any(c.dont_know for c in ref.choices):
            yield Finding(
                (*loc, "gate", "if_dont_know"),
                "gate-dont-know-never-shown",
                f"the gate of {ref.qid!r} has if_dont_know, but {ref.qid!r} has no \"don't "
                'know" choice, so the sentence is never shown; add the choice or remove it',
                "warning",
                key=True,
            )
        if any(c.not_applicable for c in ref.choices):
            yield Finding(
                (*loc, "gate"),
                "gate-can-be-answered-away",
                f'{ref.qid!r} has a gate, but its choices include "not applicable", which '
                "leaves the gate silent, so the blocker can be answered away; use a scale "
                "without not_applicable for gated questions",
                "warning",
                key=True,
            )


def _scored_sections(ctx: _Context) -> Iterator[Finding]:
    with_scores = {id(ref.section) for ref in ctx.bank.questions if ref.scored}
    for si, section in enumerate(ctx.bank.sections):
        if not section.counts:
            continue
        if id(section) not in with_scores:
            yield Finding(
                ("sections", si, "id"),
                "section-without-scored-question",
                f"section {section.id!r} counts towards the score but none of its questions "
                "has scored choices; add scores or set scored: false",
            )


def _accreditation(ctx: _Context) -> Iterator[Finding]:
    areas = ctx.bank.accreditation_areas
    for ref, loc in ctx.places:
        accreditation = ref.question.accreditation
        if accreditation is not None and accreditation.area not in areas:
            area = accreditation.area
            known = (
                f"which is not in accreditation_areas ({', '.join(sorted(areas))}); use one of"
                f" those, or add {area!r} there with its name"
                if areas
                else "but the bank has no accreditation_areas; add them at its top level, each"
                f" area's number and name ('{area}': its name), or remove the question's"
                " accreditation"
            )
            yield Finding(
                (*loc, "accreditation", "area"),
                "unknown-accreditation-area",
                f"{ref.qid!r} names Accreditation area {area!r}, {known}",
            )


def _declared(ctx: _Context) -> Iterator[Finding]:
    """The commitment section and the benefits question must be what they say."""
    bank = ctx.bank
    name = bank.commitment_section
    if name is not None:
        section = bank.commitment
        if section is None:
            known = ", ".join(s.id for s in bank.sections)
            yield Finding(
                ("commitment_section",),
                "unknown-commitment-section",
                f"commitment_section {name!r} is not a section of this bank (sections: {known})",
            )
        elif not section.counts:
            yield Finding(
                ("commitment_section",),
                "commitment-section-not-scored",
                f"commitment_section {name!r} does not count towards the score, so it has no "
                "score to weigh the benefits against; name a section that counts",
            )
    qid = bank.benefits_question
    if qid is None:
        return
    if qid not in ctx.first_position:
        yield Finding(
            ("benefits_question",),
            "unknown-benefits-question",
            f"benefits_question {qid!r} is not a question in this bank",
        )
    elif (kind := ctx.ref(qid).question.type) != "multi":
        yield Finding(
            ("benefits_question",),
            "benefits-question-not-multi",
            f"benefits_question {qid!r} is a {kind} question; it must be a multi question, "
            "where each benefit sought is ticked",
        )


def _renames(ctx: _Context) -> Iterator[Finding]:
    for old, new in ctx.bank.renames.items():
        if old in ctx.first_position:
            yield Finding(
                ("renames", old),
                "rename-old-exists",
                f"{old!r} is renamed, but a question with that id still exists",
                key=True,
            )
        if new not in ctx.first_position:
            yield Finding(
                ("renames", old),
                "rename-unknown-target",
                f"{old!r} is renamed to {new!r}, which is not a question in this bank",
            )


def _guidance(ctx: _Context) -> Iterator[Finding]:
    for ref, loc in ctx.places:
        if not ref.scored:
            continue
        if not (ref.question.help or "").strip():
            yield Finding(
                (*loc, "id"),
                "missing-help",
                f"scored question {ref.qid!r} has no help text to guide the answer",
                "warning",
            )
        if ref.question.recommendation is None:
            yield Finding(
                (*loc, "id"),
                "missing-recommendation",
                f"scored question {ref.qid!r} has no recommendation for a weak answer",
                "warning",
            )


def _reachable(ctx: _Context) -> Iterator[Finding]:
    budget = Budget()
    for ref, loc in ctx.places:
        when = ref.question.when
        if when is None or ref.qid in ctx.broken_conditions:
            continue
        verdict = can_hold(when, ctx.ref, ctx.broken_conditions, budget)
        if verdict == "never":
            yield Finding(
                (*loc, "when"),
                "condition-never-holds",
                f"{ref.qid!r} can never be shown: no answers to the questions its condition "
                "names make the condition hold",
                key=True,
            )
        elif verdict in ("too-large", "bank-too-large"):
            yield Finding(
                (*loc, "when"),
                "condition-not-checked",
                f"whether {ref.qid!r} can ever be shown was not checked: " + _NOT_CHECKED[verdict],
                "warning",
                key=True,
            )


_NOT_CHECKED = {
    "too-large": "its condition, with those of the questions it names, takes too long to "
    "try against every combination of answers; make sure by hand that some answers show "
    "it, or simplify the condition",
    "bank-too-large": "the conditions before it used up the checking allowed for one bank; "
    "make sure by hand that some answers show it, or simplify the largest conditions",
}


def _bank_texts(bank: Bank) -> Iterator[tuple[Loc, str | None]]:
    """Every text of the bank that a report, a prompt or a terminal shows, with its place."""
    yield ("title",), bank.title
    yield ("description",), bank.description
    yield ("version",), bank.version
    for area, name in bank.accreditation_areas.items():
        yield ("accreditation_areas", area), name
    for scale, choices in bank.scales.items():
        for index, choice in enumerate(choices):
            yield ("scales", scale, index, "label"), choice.label
    for index, band in enumerate(bank.bands):
        yield ("bands", index, "label"), band.label
        yield ("bands", index, "meaning"), band.meaning
    for si, section in enumerate(bank.sections):
        yield ("sections", si, "title"), section.title
        yield ("sections", si, "intro"), section.intro
        for qi, question in enumerate(section.questions):
            yield from _question_texts(("sections", si, "questions", qi), question)


def _question_texts(loc: Loc, question: Question) -> Iterator[tuple[Loc, str | None]]:
    yield (*loc, "text"), question.text
    yield (*loc, "help"), question.help
    for index, choice in enumerate(question.choices or ()):
        yield (*loc, "choices", index, "label"), choice.label
    if question.gate is not None:
        for key in ("reason", "if_dont_know", "if_unanswered"):
            yield (*loc, "gate", key), getattr(question.gate, key)
    if question.recommendation is not None:
        yield (*loc, "recommendation", "text"), question.recommendation.text


# Control characters that a backslash and a letter make inside double quotes: "S:\archive"
# holds \a, so the author of a Windows path meant a backslash, not the character.
_LETTER_ESCAPES = {
    "\\x07": "\\a",
    "\\x08": "\\b",
    "\\t": "\\t",
    "\\x0b": "\\v",
    "\\x0c": "\\f",
    "\\r": "\\r",
    "\\x1b": "\\e",
    "\\x00": "\\0",
}


def _control_characters(ctx: _Context) -> Iterator[Finding]:
    source = ctx.source
    if source is not None and "\\" not in source and unsafe_character(source) is None:
        return  # every text is written in the file as it is, and the file has none
    for loc, text in _bank_texts(ctx.bank):
        shown = unsafe_character(text or "")
        if shown is not None:
            escape = _LETTER_ESCAPES.get(shown)
            backslash = (
                f" (inside double quotes {escape} stands for it: to write a backslash, write"
                " two, or put the text in single quotes)"
                if escape
                else ""
            )
            yield Finding(
                loc,
                "text-control-character",
                f"{loc[-1]} contains {shown}, a control character that a terminal or a "
                f"report would not show as text; remove it{backslash}",
            )


# Order matters once: the reference checks record broken conditions for the reachability rule.
RULES: tuple[Callable[[_Context], Iterator[Finding]], ...] = (
    _section_ids,
    _question_ids,
    _choices,
    _scales,
    _choice_scores,
    _bands,
    _weights,
    _condition_refs,
    _gates,
    _scored_sections,
    _accreditation,
    _declared,
    _renames,
    _guidance,
    _reachable,
    _control_characters,
)


def bank_findings(bank: Bank, source: str | None = None) -> list[Finding]:
    """Every rule's findings for a structurally valid bank, in rule order (no locations);
    ``source``, the bank's text, lets a check that finds nothing in it end at once."""
    ctx = _Context(bank, source)
    return [finding for rule in RULES for finding in rule(ctx)]


def bank_problems(bank: Bank, name: str, text: str) -> list[Problem]:
    """All rule problems in a structurally valid bank, in file order."""
    findings = bank_findings(bank, text)
    places = locate_all(text, [(finding.loc, finding.key) for finding in findings])
    problems = [
        Problem(
            path=name,
            line=where[0] if where else None,
            column=where[1] if where else None,
            severity=finding.severity,
            rule=finding.rule,
            message=finding.message,
        )
        for finding, where in zip(findings, places, strict=True)
    ]
    return sorted(problems, key=file_order)
