"""The answers a question takes, by every way a person may write one: its id or its label,
in any case, with spaces or typographic quotes around it; several, for a multi-choice
question, as a list or as one text separated by commas."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property

from ..bank.model import Choice
from ..loading.locations import NearMisses
from ..loading.typed_words import comparable


class ChoiceWords:
    """One question's choices by their comparable id and label. A spelling two choices
    share (a label that is another choice's id) names neither, so it is never guessed."""

    def __init__(self, choices: Mapping[str, Choice]) -> None:
        self.choices = choices  # by id

    @cached_property
    def by_words(self) -> dict[str, str]:
        """Choice ids by comparable spelling; worked out only when an answer is not an id."""
        found: dict[str, set[str]] = {}
        for choice in self.choices.values():
            for spelling in (choice.id, choice.label):
                found.setdefault(comparable(spelling), set()).add(choice.id)
        by_words = {words: next(iter(ids)) for words, ids in found.items() if len(ids) == 1}
        for choice in self.choices.values():  # an id as written is always that choice
            by_words[comparable(choice.id)] = choice.id
        return by_words

    @cached_property
    def longest(self) -> int:
        """How many comma-separated parts the longest spelling has."""
        return max((words.count(",") for words in self.by_words), default=0) + 1

    def find(self, typed: str) -> str | None:
        """The id of the choice ``typed`` names, if it names one."""
        if typed in self.choices:
            return typed
        return self.by_words.get(comparable(typed))

    def split(self, typed: str) -> tuple[list[str], list[str]]:
        """The choices in one text separated by commas, and the parts that name none. A
        label with a comma in it is taken whole before its parts are tried."""
        parts = typed.split(",")
        ids: list[str] = []
        unknown: list[str] = []
        start = 0
        while start < len(parts):
            for end in range(min(len(parts), start + self.longest), start, -1):
                found = self.by_words.get(comparable(",".join(parts[start:end])))
                if found is not None:
                    ids.append(found)
                    start = end
                    break
            else:
                if parts[start].strip():  # "a, b," or "a,,b": an empty part is no answer
                    unknown.append(parts[start].strip())
                start += 1
        return ids, unknown

    def meant(self, typed: str, near: NearMisses) -> str | None:
        """The id of the choice a mistyped answer most likely meant, if one is close."""
        close = near.closest(comparable(typed), self.by_words, cutoff=0.75)
        return None if close is None else self.by_words[close]
