"""The reachability search gives the verdict that trying every answer gives."""

from __future__ import annotations

from itertools import combinations, product
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnership_check.bank.conditions import condition_holds, visible_values
from partnership_check.bank.model import Bank, Value
from partnership_check.bank.reachability import can_hold

CHOICES = ("x", "y", "z")


def _every_answer(kind: str) -> list[Value]:
    if kind == "single":
        return [None, *CHOICES]
    return [None, *(list(c) for n in (1, 2, 3) for c in combinations(CHOICES, n))]


def _leaf(earlier: int) -> st.SearchStrategy[dict[str, Any]]:
    return st.builds(
        lambda q, chosen: {"question": f"c.q{q}", "in": sorted(chosen)},
        st.integers(0, earlier - 1),
        st.sets(st.sampled_from(CHOICES), max_size=3),
    )


def _condition(earlier: int) -> st.SearchStrategy[dict[str, Any]]:
    return st.recursive(
        _leaf(earlier),
        lambda inner: st.one_of(
            st.builds(lambda parts: {"all": parts}, st.lists(inner, min_size=1, max_size=3)),
            st.builds(lambda parts: {"any": parts}, st.lists(inner, min_size=1, max_size=3)),
            st.builds(lambda part: {"not": part}, inner),
        ),
        max_leaves=6,
    )


@st.composite
def banks(draw: st.DrawFn) -> Bank:
    """Up to four single or multi questions, each after the first perhaps with a condition."""
    questions = []
    for index in range(draw(st.integers(2, 4))):
        question: dict[str, Any] = {
            "id": f"q{index}",
            "text": "?",
            "type": draw(st.sampled_from(["single", "multi"])),
            "choices": [{"id": c, "label": c} for c in CHOICES],
        }
        if index and draw(st.booleans()):
            question["when"] = draw(_condition(index))
        questions.append(question)
    questions[-1]["when"] = draw(_condition(len(questions) - 1))
    return Bank.model_validate(
        {
            "id": "b",
            "version": "1",
            "title": "T",
            "description": "D",
            "bands": [{"id": "low", "label": "Low", "min": 0, "meaning": "M"}],
            "sections": [{"id": "c", "title": "C", "kind": "context", "questions": questions}],
        }
    )


def _by_trying_every_answer(bank: Bank) -> bool:
    *earlier, last = bank.questions
    assert last.question.when is not None
    for answers in product(*(_every_answer(ref.question.type) for ref in earlier)):
        values = {ref.qid: a for ref, a in zip(earlier, answers, strict=True) if a is not None}
        shown, _hidden = visible_values(bank, values)
        if condition_holds(last.question.when, shown):
            return True
    return False


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(banks())
def test_the_verdict_is_that_of_trying_every_answer(bank: Bank) -> None:
    last = bank.questions[-1]
    assert last.question.when is not None
    verdict = can_hold(last.question.when, bank.by_id.__getitem__, set())
    assert verdict == ("holds" if _by_trying_every_answer(bank) else "never")
