"""``when`` conditions: whether one holds, which questions are shown, the leaves of one,
and one in words."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .model import AllOf, AnyOf, Bank, Condition, Leaf, Value

Loc = tuple[str | int, ...]


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


def describe_condition(condition: Condition) -> str:
    """A condition in words, e.g. ``context.partnership-type is shared-service or spin-out``."""
    if isinstance(condition, Leaf):
        options = " or ".join(condition.in_) if condition.in_ else "(nothing)"
        return f"{condition.question} is {options}"
    if isinstance(condition, AllOf):
        return " and ".join(_grouped(c) for c in condition.all)
    if isinstance(condition, AnyOf):
        return " or ".join(_grouped(c) for c in condition.any)
    return f"not ({describe_condition(condition.not_)})"


def _grouped(condition: Condition) -> str:
    text = describe_condition(condition)
    return text if isinstance(condition, Leaf) else f"({text})"


def leaves(condition: Condition, path: Loc = ()) -> Iterator[tuple[Leaf, Loc]]:
    """Every leaf of a condition with its path inside the ``when`` mapping."""
    if isinstance(condition, Leaf):
        yield condition, path
    elif isinstance(condition, AllOf):
        for index, part in enumerate(condition.all):
            yield from leaves(part, (*path, "all", index))
    elif isinstance(condition, AnyOf):
        for index, part in enumerate(condition.any):
            yield from leaves(part, (*path, "any", index))
    else:
        yield from leaves(condition.not_, (*path, "not"))
