"""Whether a ``when`` condition can ever hold: brute force over the answers that matter.

Only the questions a condition names (and, in turn, those their own conditions name) can
make a difference, and of their choices only the ones named. So the search tries each
such question unanswered or answered with each named choice (any set of them, for multi),
in bank order, dropping the answers of questions that would be hidden, as
:func:`.conditions.visible_values` does. Past a bound the search gives up and says "don't know".
"""

from __future__ import annotations

from collections.abc import Callable, Container
from itertools import combinations, product

from .conditions import condition_holds, leaves
from .model import Condition, QuestionRef, Value

MAX_COMBINATIONS = 20_000
MAX_MULTI_CHOICES = 10


def _domain(ref: QuestionRef, mentioned: set[str]) -> list[Value]:
    """The answers that can make a difference to the conditions: unanswered, or mentioned ids."""
    ids = [c.id for c in ref.choices if c.id in mentioned]
    if ref.question.type != "multi":
        return [None, *ids]
    subsets: list[Value] = [None]
    for size in range(1, len(ids) + 1):
        subsets.extend(list(chosen) for chosen in combinations(ids, size))
    return subsets


def can_hold(
    condition: Condition,
    ref_of: Callable[[str], QuestionRef],
    broken: Container[str],
) -> bool | None:
    """Whether some answers make the condition hold; None when the search is too large."""
    closure: dict[str, QuestionRef] = {}
    mentioned: dict[str, set[str]] = {}
    pending: list[Condition] = [condition]
    while pending:
        for leaf, _path in leaves(pending.pop()):
            mentioned.setdefault(leaf.question, set()).update(leaf.in_)
            if leaf.question in closure:
                continue
            target = ref_of(leaf.question)
            if target.qid in broken:
                return None
            closure[leaf.question] = target
            if target.question.when is not None:
                pending.append(target.question.when)
    refs = sorted(closure.values(), key=lambda r: r.position)
    domains: list[list[Value]] = []
    size = 1
    for target in refs:
        if target.question.type == "multi" and len(mentioned[target.qid]) > MAX_MULTI_CHOICES:
            return None
        domains.append(_domain(target, mentioned[target.qid]))
        size *= len(domains[-1])
        if size > MAX_COMBINATIONS:
            return None
    for combo in product(*domains):
        shown: dict[str, Value] = {}
        for target, value in zip(refs, combo, strict=True):
            when = target.question.when
            if value is not None and (when is None or condition_holds(when, shown)):
                shown[target.qid] = value
        if condition_holds(condition, shown):
            return True
    return False
