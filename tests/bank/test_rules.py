"""Bank rules on small banks built in the test: what each rule judges, and where it points."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from partnership_check.bank import reachability
from partnership_check.bank.load import check_bank
from partnership_check.bank.reachability import MAX_MULTI_CHOICES
from partnership_check.errors import Problem

DATA = Path(__file__).parents[1] / "data"

AGREE = [
    {"id": "no", "label": "No", "score": 0},
    {"id": "partly", "label": "Partly", "score": 1},
    {"id": "yes", "label": "Yes", "score": 2},
]
GUIDED = {"help": "Some help.", "recommendation": {"text": "Do it.", "effort": "quick-win"}}


def single(qid: str, *choices: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": qid,
        "text": f"{qid}?",
        "type": "single",
        "choices": [{"id": c, "label": c} for c in choices],
        **extra,
    }


def multi(qid: str, *choices: str, **extra: Any) -> dict[str, Any]:
    return {**single(qid, *choices, **extra), "type": "multi"}


def scored(qid: str, **extra: Any) -> dict[str, Any]:
    return {"id": qid, "text": f"{qid}?", "type": "scale", "scale": "agree", **GUIDED, **extra}


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def bank_text(*sections: dict[str, Any], **top: Any) -> str:
    bank: dict[str, Any] = {
        "id": "t",
        "version": "1",
        "title": "T",
        "description": "D",
        "scales": {"agree": AGREE},
        "bands": [
            {"id": "low", "label": "Low", "min": 0, "meaning": "M"},
            {"id": "high", "label": "High", "min": 50, "meaning": "M"},
        ],
        "sections": list(sections),
        **top,
    }
    return yaml.dump(bank, Dumper=_NoAliases, sort_keys=False)


def context(*questions: dict[str, Any]) -> dict[str, Any]:
    return {"id": "c", "title": "C", "kind": "context", "questions": list(questions)}


def factor(*questions: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "id": "f",
        "title": "F",
        "kind": "success-factor",
        "questions": list(questions),
        **extra,
    }


SCORED_SECTION = factor(scored("base"))


def problems(text: str) -> list[Problem]:
    bank, found = check_bank("t.yaml", text)
    assert bank is not None, [p.format() for p in found]
    return found


def rules(text: str) -> list[str]:
    return [p.rule for p in problems(text)]


def test_a_plain_bank_has_no_problems() -> None:
    assert problems(bank_text(context(single("a", "x", "y")), SCORED_SECTION)) == []


def test_multi_answers_can_satisfy_an_all_of_two_choices() -> None:
    when = {"all": [{"question": "c.m", "in": ["x"]}, {"question": "c.m", "in": ["y"]}]}
    text = bank_text(context(multi("m", "x", "y"), single("b", "z", when=when)), SCORED_SECTION)
    assert rules(text) == []


def test_a_single_answer_cannot_be_two_choices_at_once() -> None:
    when = {"all": [{"question": "c.s", "in": ["x"]}, {"question": "c.s", "in": ["y"]}]}
    text = bank_text(context(single("s", "x", "y"), single("b", "z", when=when)), SCORED_SECTION)
    assert rules(text) == ["condition-never-holds"]


def test_not_holds_while_the_earlier_question_is_unanswered() -> None:
    when = {"not": {"question": "c.s", "in": ["x", "y"]}}
    text = bank_text(context(single("s", "x", "y"), single("b", "z", when=when)), SCORED_SECTION)
    assert rules(text) == []


def test_an_empty_in_list_never_holds_but_not_of_it_always_does() -> None:
    never = {"question": "c.s", "in": []}
    always = {"not": never}
    text = bank_text(
        context(single("s", "x"), single("a", "z", when=never), single("b", "z", when=always)),
        SCORED_SECTION,
    )
    found = problems(text)
    assert [p.rule for p in found] == ["condition-never-holds"]
    assert "'c.a' can never be shown" in found[0].message


def test_answers_of_hidden_questions_do_not_count() -> None:
    """b is shown only when s is x; so "s is y and b is z" can never hold together."""
    when_b = {"question": "c.s", "in": ["x"]}
    when_c = {"all": [{"question": "c.s", "in": ["y"]}, {"question": "c.b", "in": ["z"]}]}
    text = bank_text(
        context(
            single("s", "x", "y"), single("b", "z", when=when_b), single("c", "w", when=when_c)
        ),
        SCORED_SECTION,
    )
    assert rules(text) == ["condition-never-holds"]


def test_a_question_after_a_never_shown_one_is_never_shown_either() -> None:
    never = {"question": "c.s", "in": []}
    text = bank_text(
        context(
            single("s", "x"),
            single("a", "z", when=never),
            single("b", "z", when={"question": "c.a", "in": ["z"]}),
            single("c", "z", when={"not": {"question": "c.a", "in": ["z"]}}),
        ),
        SCORED_SECTION,
    )
    lines = [(p.rule, p.message.split()[0]) for p in problems(text)]
    assert lines == [("condition-never-holds", "'c.a'"), ("condition-never-holds", "'c.b'")]


def test_choices_named_alike_are_tried_as_one_so_a_contradiction_over_many_is_found() -> None:
    ids = [f"o{i}" for i in range(MAX_MULTI_CHOICES + 1)]
    contradiction = {
        "all": [{"question": "c.m", "in": ids}, {"not": {"question": "c.m", "in": ids}}]
    }
    text = bank_text(
        context(multi("m", *ids), single("b", "z", when=contradiction)), SCORED_SECTION
    )
    assert rules(text) == ["condition-never-holds"]


def test_a_multi_with_too_many_kinds_of_choice_is_not_checked_and_says_so() -> None:
    ids = [f"o{i}" for i in range(MAX_MULTI_CHOICES + 1)]
    each = [{"question": "c.m", "in": [choice]} for choice in ids]
    contradiction = {"all": [{"any": each}, {"not": {"any": each}}]}
    text = bank_text(
        context(multi("m", *ids), single("b", "z", when=contradiction)), SCORED_SECTION
    )
    [problem] = problems(text)
    assert (problem.rule, problem.severity) == ("condition-not-checked", "warning")
    assert problem.message.startswith("whether 'c.b' can ever be shown was not checked")
    assert (problem.line, problem.column) == place_of_key(text, "when", after="id: b")


def place_of_key(text: str, key: str, *, after: str) -> tuple[int, int]:
    """Line and column of the first ``key:`` after the line holding ``after``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    for number, line in enumerate(lines[start:], start + 1):
        if line.lstrip().startswith(f"{key}:"):
            return number, line.index(key) + 1
    raise AssertionError(f"no {key!r} after {after!r}")


def kinds(count: int) -> list[dict[str, Any]]:
    return [single(f"k{i}", "a", "b") for i in range(count)]


def costly(qid: str, *, contradiction: bool, leaves: int = 1_000) -> dict[str, Any]:
    """An ``all`` of 14 conditions over 14 questions, one of them an ``any`` of ``leaves``."""
    parts: list[Any] = [{"any": [{"question": "c.k13", "in": ["b"]}] * leaves}]
    parts += [{"question": f"c.k{i}", "in": ["a"]} for i in range(13)]
    if contradiction:
        parts.append({"not": {"question": "c.k0", "in": ["a"]}})
    return scored(qid, when={"all": parts})


def test_a_large_condition_that_can_hold_is_found_to_hold() -> None:
    section = factor(*(costly(f"q{i}", contradiction=False) for i in range(2)))
    assert problems(bank_text(context(*kinds(14)), section)) == []


def test_a_condition_too_costly_to_search_is_not_checked_and_the_bank_still_loads() -> None:
    text = bank_text(context(*kinds(14)), factor(costly("q", contradiction=True)))
    [problem] = problems(text)
    assert (problem.rule, problem.severity) == ("condition-not-checked", "warning")
    assert "takes too long to try against every combination of answers" in problem.message
    assert (problem.line, problem.column) == place_of_key(text, "when", after="id: q")


def test_once_the_bank_allowance_is_spent_later_conditions_say_so() -> None:
    questions = [costly(f"q{i}", contradiction=True, leaves=200) for i in range(6)]
    text = bank_text(context(*kinds(14)), factor(*questions))
    found = problems(text)
    assert [p.rule for p in found] == ["condition-not-checked"] * 6
    own = [p for p in found if "takes too long" in p.message]
    spent = [p for p in found if "used up the checking allowed for one bank" in p.message]
    per_bank = reachability.MAX_BANK_WORK // reachability.MAX_WORK
    assert [p.message.split("'")[1] for p in own] == [f"f.q{i}" for i in range(per_bank)]
    assert [p.message.split("'")[1] for p in spent] == [f"f.q{i}" for i in range(per_bank, 6)]
    lines = [p.line for p in found]
    assert lines == sorted(lines) and len(set(lines)) == 6


def test_broken_references_are_not_also_called_unreachable() -> None:
    when = {"question": "c.s", "in": ["typo"]}
    text = bank_text(context(single("s", "x"), single("b", "z", when=when)), SCORED_SECTION)
    assert rules(text) == ["condition-unknown-choice"]


def test_a_condition_on_a_text_question_says_it_is_one_once() -> None:
    text_q = {"id": "t", "text": "t?", "type": "text"}
    when = {"question": "c.t", "in": ["x", "y"]}
    found = problems(bank_text(context(text_q, single("b", "z", when=when)), SCORED_SECTION))
    assert [p.rule for p in found] == ["condition-on-text-question"]
    assert "'c.t', a text question, which has no choices to match" in found[0].message


def test_gate_at_the_lowest_score_is_fine_and_at_the_highest_is_not() -> None:
    low = {"at_or_below": 0, "cap": "low", "reason": "R"}
    high = {"at_or_below": 2, "cap": "low", "reason": "R"}
    assert rules(bank_text(factor(scored("a", gate=low)))) == []
    assert rules(bank_text(factor(scored("a", gate=high)))) == ["gate-out-of-range"]


def test_gate_in_a_section_that_does_not_count_is_unscored() -> None:
    gate = {"at_or_below": 0, "cap": "low", "reason": "R"}
    text = bank_text(factor(scored("a", gate=gate), scored=False), SCORED_SECTION | {"id": "g"})
    assert rules(text) == ["gate-unscored-question"]


def test_scored_override_makes_a_context_section_need_scores() -> None:
    section = context(single("a", "x")) | {"scored": True}
    assert rules(bank_text(section, SCORED_SECTION)) == ["section-without-scored-question"]
    unscored = factor(single("a", "x"), scored=False)
    assert rules(bank_text(unscored, SCORED_SECTION | {"id": "g"})) == []


def test_an_accreditation_area_must_be_declared_even_without_a_list() -> None:
    question = scored("a", accreditation="4.1")
    undeclared = problems(bank_text(factor(question)))
    assert [p.rule for p in undeclared] == ["unknown-accreditation-area"]
    assert undeclared[0].message == (
        "'f.a' names Accreditation area '4.1', but the bank has no accreditation_areas; add"
        " them at its top level, each area's number and name ('4.1': its name), or remove the"
        " question's accreditation"
    )
    declared = problems(bank_text(factor(question), accreditation_areas={"1.2": "Governance"}))
    assert [(p.rule, p.message) for p in declared] == [
        (
            "unknown-accreditation-area",
            "'f.a' names Accreditation area '4.1', which is not in accreditation_areas (1.2);"
            " use one of those, or add '4.1' there with its name",
        )
    ]


def test_special_choices_do_not_make_a_question_scored() -> None:
    choices = [{"id": "dk", "label": "Don't know", "dont_know": True}]
    question = {"id": "a", "text": "a?", "type": "single", "choices": choices, **GUIDED}
    assert rules(bank_text(factor(question), scales={})) == ["section-without-scored-question"]


def test_warnings_only_for_scored_questions() -> None:
    bare = {"id": "a", "text": "a?", "type": "scale", "scale": "agree"}
    found = problems(bank_text(context(bare), factor(bare)))
    assert [(p.rule, p.severity) for p in found] == [
        ("missing-help", "warning"),
        ("missing-recommendation", "warning"),
    ]


def test_problems_come_in_file_order_whatever_the_rule_order() -> None:
    text = bank_text(
        context(single("a", "x", "x")),
        factor(scored("b", weight=0), scored("b")),
        {"id": "c", "title": "C2", "kind": "context", "questions": [single("z", "q")]},
    )
    found = problems(text)
    assert [p.rule for p in found] == [
        "duplicate-choice-id",
        "weight-not-positive",
        "duplicate-question-id",
        "duplicate-section-id",
    ]
    lines = [p.line for p in found]
    assert lines == sorted(lines)
    assert all(line is not None for line in lines)


def test_nan_weights_are_not_positive() -> None:
    assert rules(bank_text(factor(scored("a", weight="nan")))) == ["weight-not-positive"]


def pointed(text: str) -> list[tuple[str, int, int, str]]:
    """Each problem's rule and place, and the word of the file at that place."""
    lines = text.splitlines()
    found = []
    for p in problems(text):
        assert p.line is not None and p.column is not None, p.format()
        word = re.match(r"[\w.-]*", lines[p.line - 1][p.column - 1 :])
        found.append((p.rule, p.line, p.column, word[0] if word else ""))
    return found


SECOND_BAND_FLAT = """\
id: t
version: "1"
title: T
description: D
scales:
  agree:
    - {id: no, label: No, score: 0}
    - {id: yes, label: Yes, score: 2}
bands:
  - {id: low, label: Low, min: 0, meaning: M}
  - {id: mid, label: Mid, min: 0, meaning: M}
  - {id: high, label: High, min: 50, meaning: M}
sections:
  - id: f
    title: F
    kind: success-factor
    questions:
      - id: a
        text: A?
        type: scale
        scale: agree
        help: H
        recommendation: {text: R, effort: quick-win}
"""


def test_a_second_band_that_does_not_rise_is_reported_at_its_min() -> None:
    assert pointed(SECOND_BAND_FLAT) == [("band-not-rising", 11, 32, "0")]
    found = problems(SECOND_BAND_FLAT)
    assert found[0].message == (
        "band 'mid' starts at 0; each band must start above the one before (0)"
    )


TWO_FAULTS = """\
id: t
version: "1"
title: T
description: D
bands:
  - {id: low, label: Low, min: 0, meaning: M}
sections:
  - id: c
    title: C
    kind: context
    questions:
      - {id: s, text: S?, type: single, choices: [{id: x, label: X}, {id: y, label: Y}]}
      - id: b
        text: B?
        type: text
        when:
          all:
            - {question: c.nope, in: [x]}
            - {question: c.s, in: [x, typo]}
"""


def test_one_condition_with_two_faults_reports_both_each_at_its_place() -> None:
    assert pointed(TWO_FAULTS) == [
        ("condition-unknown-question", 18, 26, "c.nope"),
        ("condition-unknown-choice", 19, 39, "typo"),  # the second of its in list
    ]
    found = problems(TWO_FAULTS)
    assert "refers to 'c.nope', which is not a question" in found[0].message
    assert found[1].message == "'c.s' has no choice 'typo' (choices: x, y)"


def test_every_unknown_choice_of_one_leaf_is_reported_at_its_own_place() -> None:
    text = TWO_FAULTS.replace("in: [x, typo]", "in: [typo, x, oops]")
    assert pointed(text) == [
        ("condition-unknown-question", 18, 26, "c.nope"),
        ("condition-unknown-choice", 19, 36, "typo"),
        ("condition-unknown-choice", 19, 45, "oops"),
    ]


def test_faults_deep_inside_any_not_and_all_are_placed_exactly() -> None:
    text = TWO_FAULTS.replace(
        "          all:\n"
        "            - {question: c.nope, in: [x]}\n"
        "            - {question: c.s, in: [x, typo]}\n",
        "          any:\n"
        "            - not: {question: c.nope, in: [x]}\n"
        "            - not:\n"
        "                all:\n"
        "                  - {question: c.s, in: [x]}\n"
        "                  - {question: c.s, in: [typo]}\n",
    )
    assert pointed(text) == [
        ("condition-unknown-question", 18, 31, "c.nope"),
        ("condition-unknown-choice", 22, 42, "typo"),
    ]


def test_each_of_a_thousand_questions_without_help_is_reported_at_its_id() -> None:
    head = bank_text(factor(scored("first"))).split("  - id: first")[0]
    lines = head.splitlines()
    expected = []
    for index in range(3_000):
        lines += [f"  - id: q{index}", "    text: Q?", "    type: scale", "    scale: agree"]
        if index % 3:
            lines.append("    help: What a strong answer looks like.")
        else:
            expected.append((len(lines) - 3, 9, f"'f.q{index}'"))
        lines.append("    recommendation: {text: Do it., effort: quick-win}")
    found = problems("\n".join(lines) + "\n")
    assert {p.rule for p in found} == {"missing-help"}
    assert [(p.line, p.column, p.message.split()[2]) for p in found] == expected


def test_a_multi_question_whose_choices_score_alike_is_fine() -> None:
    """Ticking more of them earns more, so the answer matters; one single question alike
    earns full marks whatever is chosen."""
    same = [{"id": c, "label": c, "score": 1} for c in ("a", "b", "c")]
    several = {**multi("m", "a"), "choices": same, **GUIDED}
    one = {**single("s", "a"), "choices": same, **GUIDED}
    assert rules(bank_text(factor(several, scored("base")))) == []
    assert rules(bank_text(factor(one, scored("base")))) == ["choices-score-the-same"]


def test_a_format_character_written_as_it_is_in_the_file_is_found() -> None:
    """No backslash anywhere in the file: the character is in the text itself (a right-to-left
    override pasted into a question), and the check still finds it."""
    text = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    assert "\\" not in text
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    problems = check_bank("b.yaml", text.replace(title, title + " \u202eevil"))[1]
    assert [(p.rule, p.line) for p in problems] == [
        ("text-control-character", text.splitlines().index(title) + 1)
    ]
