"""Whether a ``when`` condition can ever hold: a search over the answers that matter.

Only the questions a condition names (and, in turn, those their own conditions name) can
make a difference, and of their choices only the ones named; choices that every condition
names alike are interchangeable, so one of each kind is tried. So the search tries each
such question answered with each kind of choice (any set of them, for multi) or
unanswered, in bank order, dropping the answers of questions that would be hidden, as
:func:`.conditions.visible_values` does.

The search is bounded by the work it does, not only by the number of combinations: every
part of a condition looked at counts. Past a bound (too many combinations, more work than
one condition may take, or the bank's allowance spent) it gives up and says which.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping
from itertools import combinations, product
from typing import Literal

from .conditions import leaves
from .model import AllOf, AnyOf, Condition, Leaf, QuestionRef, Value

MAX_COMBINATIONS = 20_000
MAX_MULTI_CHOICES = 10  # kinds of choice of one multi question, tried in every set
MAX_WORK = 500_000  # for one condition: parts of conditions looked at (some 0.2 s)
MAX_BANK_WORK = 2_000_000  # for all the conditions of one bank

# "broken": it names a question or choice that is wrong, which is reported on its own.
# "too-large": this condition alone is beyond the bounds; "bank-too-large": the bank's
# allowance was spent on the conditions before it.
Verdict = Literal["holds", "never", "broken", "too-large", "bank-too-large"]


class Budget:
    """The work the search may still do for one bank's conditions."""

    def __init__(self, work: int | None = None) -> None:
        self.left = MAX_BANK_WORK if work is None else work


class _OutOfWork(Exception):
    pass


class _Work:
    """Work done on one condition, against what it may take."""

    def __init__(self, allowed: int) -> None:
        self.allowed = allowed
        self.spent = 0

    def spend(self, units: int) -> None:
        self.spent += units
        if self.spent > self.allowed:
            raise _OutOfWork

    def holds(self, condition: Condition, values: Mapping[str, Value]) -> bool:
        """:func:`.conditions.condition_holds`, counting each part looked at."""
        self.spent += 1
        if isinstance(condition, Leaf):
            value = values.get(condition.question)
            if value is None:
                return False
            chosen = value if isinstance(value, list) else [value]
            return any(choice in condition.in_ for choice in chosen)
        if isinstance(condition, AllOf):
            return all(self.holds(c, values) for c in condition.all)
        if isinstance(condition, AnyOf):
            return any(self.holds(c, values) for c in condition.any)
        return not self.holds(condition.not_, values)


def can_hold(
    condition: Condition,
    ref_of: Callable[[str], QuestionRef],
    broken: Container[str],
    budget: Budget | None = None,
) -> Verdict:
    """Whether some answers make the condition hold, within ``budget`` (a fresh one for
    this condition alone when not given); the work done is taken from it."""
    budget = budget or Budget()
    allowed = min(MAX_WORK, budget.left)
    work = _Work(allowed)
    try:
        verdict = _search(condition, ref_of, broken, work)
    except _OutOfWork:
        verdict = "too-large" if allowed == MAX_WORK else "bank-too-large"
    budget.left -= min(work.spent, allowed)
    return verdict


def _search(
    condition: Condition,
    ref_of: Callable[[str], QuestionRef],
    broken: Container[str],
    work: _Work,
) -> Verdict:
    found = _closure(condition, ref_of, broken, work)
    if isinstance(found, str):
        return found
    refs, named = found
    domains: list[list[Value]] = []
    size = 1
    for target in refs:
        domain = _domain(target, named[target.qid])
        if domain is None:
            return "too-large"
        domains.append(domain)
        size *= len(domain)
        if size > MAX_COMBINATIONS:
            return "too-large"
    for combo in product(*domains):
        work.spend(len(refs))
        shown: dict[str, Value] = {}
        for target, value in zip(refs, combo, strict=True):
            when = target.question.when
            if value is not None and (when is None or work.holds(when, shown)):
                shown[target.qid] = value
        if work.holds(condition, shown):
            return "holds"
    return "never"


def _closure(
    condition: Condition,
    ref_of: Callable[[str], QuestionRef],
    broken: Container[str],
    work: _Work,
) -> tuple[list[QuestionRef], dict[str, set[frozenset[str]]]] | Verdict:
    """The questions that matter, in bank order, and the sets of choices named for each."""
    closure: dict[str, QuestionRef] = {}
    named: dict[str, set[frozenset[str]]] = {}
    answerable = 0  # questions with a choice named: each doubles the combinations at least
    pending: list[Condition] = [condition]
    while pending:
        for leaf, _path in leaves(pending.pop()):
            work.spend(1)
            sets = named.setdefault(leaf.question, set())
            if leaf.in_ and not any(sets):
                answerable += 1
                if 1 << answerable > MAX_COMBINATIONS:
                    return "too-large"
            sets.add(frozenset(leaf.in_))
            if leaf.question in closure:
                continue
            target = ref_of(leaf.question)
            if target.qid in broken:
                return "broken"
            closure[leaf.question] = target
            if target.question.when is not None:
                pending.append(target.question.when)
    return sorted(closure.values(), key=lambda r: r.position), named


def _domain(ref: QuestionRef, named: set[frozenset[str]]) -> list[Value] | None:
    """The answers that can make a difference: one choice of each kind (the choices
    named by the same sets), or any set of them for multi, then no answer. None when a
    multi question has too many kinds of choice to try every set."""
    sets = sorted(named, key=sorted)
    kinds: dict[tuple[bool, ...], str] = {}
    for choice in ref.choices:
        kind = tuple(choice.id in chosen for chosen in sets)
        if any(kind):
            kinds.setdefault(kind, choice.id)
    ids = list(kinds.values())
    if ref.question.type != "multi":
        return [*ids, None]
    if len(ids) > MAX_MULTI_CHOICES:
        return None
    subsets: list[Value] = []
    for size in range(len(ids), 0, -1):
        subsets.extend(list(chosen) for chosen in combinations(ids, size))
    return [*subsets, None]
