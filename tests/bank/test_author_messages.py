"""Bank authors get question ids, a suggested key, and every problem despite a typo."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_check.bank.load import check_bank
from partnership_check.bank.validation import check_file

MINIMAL = (Path(__file__).parents[1] / "data" / "valid" / "minimal.yaml").read_text(
    encoding="utf-8"
)


def test_misspelt_key_names_the_question_and_suggests_the_key() -> None:
    text = MINIMAL.replace("recommendation: {text: Take", "recomendation: {text: Take")
    bank, problems = check_bank("b.yaml", text)
    assert bank is None
    [problem] = problems
    assert problem.message == (
        "question willing.legal, recomendation: unknown key; did you mean 'recommendation'?"
    )
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "recomendation" in row)
    assert (problem.line, problem.column) == (line, 9)


def test_a_typo_does_not_hide_the_other_problems() -> None:
    text = MINIMAL.replace("recommendation: {text: Take", "recomendation: {text: Take")
    text = text.replace("cap: not-ready", "cap: not-redy")
    _, problems = check_bank("b.yaml", text)
    assert sorted(p.rule for p in problems) == ["gate-unknown-band", "schema"]
    assert all(p.severity == "error" for p in problems)  # no "missing recommendation" noise


def test_other_structural_errors_still_stop_the_rules() -> None:
    text = MINIMAL.replace("effort: quick-win", "effort: someday")
    text = text.replace("cap: not-ready", "cap: not-redy")
    _, problems = check_bank("b.yaml", text)
    assert [p.rule for p in problems] == ["schema"]
    assert problems[0].message.startswith("question willing.motivation, recommendation.effort:")


def test_unknown_key_far_from_any_known_one_gets_no_guess() -> None:
    text = MINIMAL.replace("title: Minimal bank", "title: Minimal bank\nzzzz: 1")
    _, problems = check_bank("b.yaml", text)
    assert [p.message for p in problems] == [
        "zzzz: unknown key; check its spelling against the documented keys"
    ]


INVALID = Path(__file__).parents[1] / "data" / "invalid"
# Words of pydantic and libyaml that a bank author should never have to read.
FOREIGN = (
    "should match pattern",
    "Input should",
    "Tuple should",
    "should have at",
    "Field required",
    "Extra inputs",
    "valid dictionary",
    "Unable to extract tag",
    "discriminator",
    ".leaf",
    "leaf.",
    "indicator",
    "while parsing",
    "block collection",
    "while scanning",
    "did not find expected",
    "could not find expected",
    "cannot start any token",
    "not allowed in this context",
    "escape character",
)


def fixture_messages(name: str) -> list[str]:
    return [problem.message for problem in check_file(INVALID / name)]


@pytest.mark.parametrize("path", sorted(INVALID.iterdir()), ids=lambda p: p.name)
def test_no_invalid_fixture_speaks_in_pydantic_or_libyaml_words(path: Path) -> None:
    for message in fixture_messages(path.name):
        for words in FOREIGN:
            assert words not in message, message


def test_a_missing_required_key_says_what_to_add() -> None:
    assert fixture_messages("type-missing.yaml") == [
        "question s.q, type: required key is missing; add type: followed by scale, single,"
        " multi or text",
        "question s.q, recommendation.effort: required key is missing; add effort: followed"
        " by quick-win, 3-months or 12-months",
    ]
    text = MINIMAL.replace(" meaning: Go ahead.", " meening: Go ahead.")
    messages = [p.message for p in check_bank("b.yaml", text)[1]]
    assert any(
        m.endswith("meaning: required key is missing; add meaning: with its value")
        for m in messages
    ), messages


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        (
            "schema-error.yaml",
            "question trust.Open, id: 'Open' is not an id; use lower-case letters, digits and "
            "hyphens, starting with a letter or digit, for example 'shared-motivation'",
        ),
        (
            "condition-local-id.yaml",
            "question willing.legal, when.question: 'kind' is not a qualified question id; in a "
            "condition, name a question as section.question, its section's id and its own "
            "joined by a dot; did you mean 'context.kind'?",
        ),
        (
            "condition-in-not-a-list.yaml",
            "question willing.legal, when.in: list the choice ids in brackets, even a single "
            "one: in: [shared-service]",
        ),
        ("no-questions.yaml", "section context, questions: a section needs at least one question"),
        (
            "comma-in-flow-text.yaml",
            "question s.q, recommendation.and a deputy: not a key but the rest of a text cut off"
            " by a comma: inside {...} a comma ends a value, so put text that holds a comma in"
            ' quotes ("...")',
        ),
        (
            "windows-path-in-double-quotes.yaml",
            "help contains \\x07, a control character that a terminal or a report"
            " would not show as text; remove it (inside double quotes \\a stands for it: to"
            " write a backslash, write two, or put the text in single quotes)",
        ),
        (
            "list-item-dedented.yaml",
            "this list item is indented 3 spaces but the items before it 4 spaces; the items of"
            " a list must line up exactly",
        ),
        ("key-without-colon.yaml", "this line has no ':' after its key; write it as key: value"),
        (
            "text-starts-with-backquote.yaml",
            "text cannot start with '`'; put the whole text in quotes (\"...\")",
        ),
        (
            "backslash-in-double-quotes.yaml",
            "a backslash inside double quotes starts an escape such as \\n; write a backslash"
            " itself as two (\\\\), or put the text in single quotes ('...') instead",
        ),
        (
            "list-on-key-line.yaml",
            "a list cannot start on the line of its key; put each '- ' item on a line of its own"
            " below the key, or put text that starts with '-' in quotes",
        ),
        (
            "list-item-where-key-belongs.yaml",
            "a list item stands where a key belongs; write the key it belongs to (key:) on the"
            " line above, with the items indented below it, or line it up with its list",
        ),
        (
            "condition-mixed.yaml",
            "question willing.legal, when: a condition is one of {question, in}, all, any or "
            "not, never two at once; to combine them, list each as an item under all",
        ),
        (
            "condition-not-mapping.yaml",
            "question willing.legal, when: a condition is a mapping such as {question: "
            "context.kind, in: [shared-service]}, or all, any or not of such conditions",
        ),
        (
            "boolean-as-word.yaml",
            "question willing.motivation, required: 'yes' is not true or false; write true or "
            "false (yes and no are text here)",
        ),
        (
            "band-min-above-100.yaml",
            "band ready, min: 120 is out of range; min must be from 0 to 100, the range of the "
            "readiness score",
        ),
        (
            "not-a-number.yaml",
            "scale agreement, choice 2, score: 'some' is not a number; write it in digits, for "
            "example 2 or 1.5",
        ),
        (
            "unknown-effort.yaml",
            "question willing.motivation, recommendation.effort: 'quick' is not allowed here "
            "(did you mean 'quick-win'?); use one of: quick-win, 3-months, 12-months",
        ),
        ("choice-not-mapping.yaml", "scale agreement, choice 2: a choice is a mapping such as"),
        (
            "accreditation-area-form.yaml",
            "question willing.legal, accreditation.area: '12' is not an Accreditation area; "
            'write its number in quotes, for example "1.2"',
        ),
        ("text-missing.yaml", "question willing.legal, text: this needs text; write it after"),
        ("id-too-long.yaml", "id: this id is 72 characters long; ids have at most 60"),
        (
            "list-misindented.yaml",
            "this list item is indented 5 spaces but the items before it 4 spaces; the items "
            "of a list must line up exactly",
        ),
        (
            "condition-on-text-question.yaml",
            "the condition of 'trust.open' names 'trust.notes', a text question, which has no "
            "choices to match; a condition can name only scale, single and multi questions",
        ),
        (
            "answer-file.yaml",
            "this is an answer file (it has bank and answers at its top), not a question "
            "bank; to score it, use partnership-check score; validate and --bank take a bank",
        ),
        (
            "unused-anchor.yaml",
            "anchors and aliases (& and *) are not supported; remove &top, and write out in full"
            " any value *top stands for",
        ),
        (
            "syntax-error.yaml",
            "the [ opened on line 4 is not closed before this; separate its items with commas "
            "and end them with ]",
        ),
    ],
)
def test_each_mistake_is_said_in_the_projects_words(fixture: str, message: str) -> None:
    [found] = fixture_messages(fixture)
    assert message in found


def test_a_misaligned_key_in_a_list_item_says_which_keys_to_line_up() -> None:
    text = MINIMAL.replace("    title: Willing partners\n", "   title: Willing partners\n")
    _, [problem] = check_bank("b.yaml", text)
    assert problem.message == (
        "this line is indented 3 spaces but the keys of the list item above 4 spaces; keys "
        "at the same level must line up exactly"
    )


def test_a_typo_inside_a_condition_suggests_a_condition_key() -> None:
    text = MINIMAL.replace("when: {question: context.kind", "when: {questoin: context.kind")
    _, problems = check_bank("b.yaml", text)
    assert "when.questoin: unknown key; did you mean 'question'?" in [
        p.message.split(", ", 1)[1] for p in problems
    ]


def test_an_empty_value_where_true_false_or_a_number_belongs_says_what_to_write() -> None:
    text = MINIMAL.replace("weight: 2\n        gate", "required:\n        gate")
    text = text.replace("weight: 2\n    intro", "weight:\n    intro")
    _, problems = check_bank("b.yaml", text)
    assert [p.message.split(": ", 1)[1] for p in problems] == [
        "this needs a number after the colon, for example 2 or 1.5",
        "this needs true or false after the colon",
    ]


def test_a_colon_without_a_space_in_braces_says_to_add_one() -> None:
    text = MINIMAL.replace("min: 60, meaning", "min:, meaning")
    _, [problem] = check_bank("b.yaml", text)
    assert problem.message.startswith("a ':' is not followed by a space; write key: value")


def test_a_local_id_in_a_condition_with_no_such_question_gets_an_example() -> None:
    text = MINIMAL.replace("question: context.kind", "question: sort")
    _, [problem] = check_bank("b.yaml", text)
    assert problem.message.endswith("joined by a dot, for example 'context.kind'")
