"""Reading that forgives what people type: a choice by its id or its label, in any case,
with spaces or typographic quotes around it, several as one text separated by commas."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_check.answers.choice_words import ChoiceWords
from partnership_check.answers.match import read_answers
from partnership_check.bank.load import load_bank
from partnership_check.bank.model import Choice
from partnership_check.loading.typed_words import comparable

DATA = Path(__file__).parents[1] / "data"
BANK = DATA / "scoring" / "bank.yaml"
FORGIVING = DATA / "forgiving"


def test_answers_as_typed_are_the_answers_in_canonical_form() -> None:
    bank = load_bank(BANK)
    _loaded, canonical = read_answers(bank, FORGIVING / "canonical.yaml")
    _loaded, typed = read_answers(bank, FORGIVING / "as-typed.yaml")
    assert typed.answers == canonical.answers
    assert typed.answers["resources.money"].note == "Two days a month, Senior Archivist"
    assert typed.answers["benefits.sought"].value == ["funding", "pooling", "expertise"]


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("  \u201cDon\u2019t know\u201d ", "don't know"),
        ("dont-know", "dont know"),
        ("Partially\u00a0met", "partially met"),
        ("NOT_MET", "not met"),
        ("N/A", "n a"),
        ("'fully'", "fully"),
    ],
)
def test_spellings_compare_as_the_words_they_are(typed: str, words: str) -> None:
    assert comparable(typed) == words


YES_COMMA = [
    Choice(id="yes", label="Yes, partnership could help"),
    Choice(id="funding", label="Funding"),
    Choice(id="staff", label="Staff, volunteers"),
    Choice(id="volunteers", label="Volunteers"),
]


def test_a_label_with_a_comma_is_taken_whole_before_its_parts() -> None:
    words = ChoiceWords({c.id: c for c in YES_COMMA})
    assert words.find("yes, partnership could help") == "yes"
    assert words.split("Funding, staff, volunteers, volunteers") == (
        ["funding", "staff", "volunteers"],
        [],
    )
    assert words.split("funding, fundng") == (["funding"], ["fundng"])


def test_a_spelling_two_choices_share_names_neither() -> None:
    words = ChoiceWords(
        {c.id: c for c in [Choice(id="yes", label="No"), Choice(id="no", label="Never")]}
    )
    assert words.find("No") == "no"  # an id as written is that choice, not another's label
    assert words.find("never") == "no"


def test_a_typo_in_a_label_says_which_choice_was_meant(tmp_path: Path) -> None:
    path = tmp_path / "typo.yaml"
    text = (FORGIVING / "canonical.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("willing.motivation: largely", "willing.motivation: Largley"))
    _loaded, matched = read_answers(load_bank(BANK), path)
    [left] = matched.left_unanswered
    assert (left.qid, left.given, left.meant) == ("willing.motivation", "Largley", "largely")
    message = left.problem.message
    assert message.startswith(
        "willing.motivation: unknown choice 'Largley' (did you mean 'largely'?)"
    )


def test_one_text_of_several_choices_for_a_single_choice_question_says_only_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "two.yaml"
    text = (FORGIVING / "canonical.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("willing.aims: fully", "willing.aims: largely, fully"))
    _loaded, matched = read_answers(load_bank(BANK), path)
    [left] = matched.left_unanswered
    assert "only one choice may be given" in left.problem.message
    assert "willing.aims" not in matched.answers


@pytest.mark.parametrize(
    ("note", "warned"),
    [
        ("\u201cAgreed at the May meeting, item #4\u201d", True),  # YAML cut it at " #"
        ("\u201cAgreed at the May meeting\u201d", False),
        ("Agreed, see the \u201cminutes\u201d", False),
    ],
)
def test_a_note_opened_with_a_typographic_quote_it_never_closes_is_a_warning(
    tmp_path: Path, note: str, warned: bool
) -> None:
    path = tmp_path / "note.yaml"
    text = (FORGIVING / "canonical.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace('"Two days a month, Senior Archivist"', note), encoding="utf-8")
    _loaded, matched = read_answers(load_bank(BANK), path)
    assert [(w.rule, w.severity, w.line) for w in matched.warnings] == (
        [("answers-typographic-quotes", "warning", 11)] if warned else []
    )
    if warned:
        assert 'put the note in straight quotes ("...") instead' in matched.warnings[0].message
    assert matched.answers["resources.money"].value == "partial"
