"""Loading and checking banks: words YAML 1.1 took for booleans, and mangled banks never crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnership_check.bank.load import check_bank, load_bank
from partnership_check.bank.model import Bank
from partnership_check.errors import InputError

DATA = Path(__file__).parents[1] / "data"
MINIMAL = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")


def test_unquoted_yes_no_on_off_are_choice_ids_and_1_0_a_version() -> None:
    bank = load_bank(DATA / "valid" / "yaml-1-1-words.yaml")
    assert bank.version == "1.0"
    assert [c.id for c in bank.scales["yes-no"]] == ["yes", "no", "n"]
    assert [c.id for c in bank.scales["switch"]] == ["on", "off", "y"]
    assert bank.by_id["governance.year"].choice_by_id["2024"].label == "2024"
    assert bank.by_id["governance.board"].question.accreditation is not None
    assert bank.by_id["governance.board"].question.accreditation.area == "1.2"
    assert bank.band_for(49.9).id == "0"


def test_load_bank_passes_warnings_and_refuses_errors() -> None:
    assert isinstance(load_bank(DATA / "invalid" / "unused-scale.yaml"), Bank)
    with pytest.raises(InputError) as caught:
        load_bank(DATA / "invalid" / "bands.yaml")
    assert [p.rule for p in caught.value.problems] == [
        "band-not-from-zero",
        "band-not-rising",
        "duplicate-band-id",
    ]


def test_structural_problems_are_all_reported_with_places() -> None:
    text = MINIMAL.replace("kind: context", "kind: contexts").replace("score: 1}", "score: x}")
    bank, problems = check_bank("m.yaml", text)
    assert bank is None
    # the two "score: 1}" of the scales, and the section kind
    assert [(p.rule, p.line) for p in problems] == [("schema", 11), ("schema", 18), ("schema", 27)]


MUTATION_ALPHABET = " -:[]{},#&*!?|>'\"\n\tyesno01.abc"


@st.composite
def mutated_banks(draw: st.DrawFn) -> str:
    """The minimal bank with a few lines dropped, repeated, swapped or characters changed."""
    lines = MINIMAL.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "swap", "char", "value"]))
        if action == "drop":
            del lines[index]
        elif action == "repeat":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "char" and lines[index]:
            at = draw(st.integers(0, len(lines[index]) - 1))
            new = draw(st.sampled_from(MUTATION_ALPHABET))
            lines[index] = lines[index][:at] + new + lines[index][at + 1 :]
        elif ":" in lines[index]:
            key = lines[index].split(":", 1)[0]
            value = draw(st.sampled_from(["", " -1", " 0", " nan", " []", " {}", " yes", " x"]))
            lines[index] = f"{key}:{value}\n"
    return "".join(lines)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_banks())
def test_mutated_banks_give_problems_never_a_crash(text: str) -> None:
    bank, problems = check_bank("m.yaml", text)
    if bank is None:
        assert problems
    for problem in problems:
        assert problem.path == "m.yaml"
        assert problem.rule
        assert problem.message


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_gives_problems_never_a_crash(text: str) -> None:
    bank, problems = check_bank("m.yaml", text)
    assert bank is None or bank.sections
    assert bank is not None or problems


BANK_KEYS = ["id", "version", "title", "sections", "questions", "scales", "bands", "when", "in"]
yaml_scalars = st.one_of(st.text(max_size=8), st.booleans(), st.none(), st.integers(-3, 3))
yaml_documents = st.recursive(
    yaml_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(BANK_KEYS) | st.text(max_size=5), inner, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_documents)
def test_yaml_shaped_documents_give_problems_never_a_crash(document: object) -> None:
    import yaml

    bank, problems = check_bank("m.yaml", yaml.safe_dump(document))
    assert bank is not None or problems
