"""Label maps: how the reports name ids (efforts, standings, answers to "could partnership
help?"), defined once and given to every template as globals."""

from __future__ import annotations

from typing import Any

EFFORT_HEADINGS = {
    "quick-win": "Quick wins: start now",
    "3-months": "Within 3 months",
    "12-months": "Within 12 months",
}
EFFORT_SHORT = {"quick-win": "quick win", "3-months": "3 months", "12-months": "12 months"}
HELP_NAMES = {
    "yes": "Yes",
    "maybe": "Maybe",
    "no": "No",
    "unknown": "Not known",
    "not-answered": "Not answered",
}
STANDING_NAMES = {
    "not-met": "Not met",
    "partially-met": "Partially met",
    "met": "Met",
    "not-assessed": "Not assessed",
    "not-answered": "Not answered",
}
CELL_NAMES = {
    "low-score": "gap",
    "dont-know": "gap (don't know)",
    "unanswered": "not answered",
    "strong": "strong",
    "": "",
}
GAP_KIND_NAMES = {"low-score": "low score", "dont-know": "don't know", "unanswered": "not answered"}
# How the report words a blocker's cap, by what fired it: a weak answer caps the band; for
# "don't know" or no answer, the cap lasts only until the answer is known.
BLOCKER_CAPS = {
    "low-score": "This caps the band at",
    "dont-know": "Until it is known, the band is capped at",
    "unanswered": "Until it is answered, the band is capped at",
}
# How the summary marks a blocker that fired for want of an answer; a weak answer has no mark.
BLOCKER_MARKS = {"dont-know": "don't know", "unanswered": "not answered yet"}
# What is wrong with an answer that could not be read, as the report and the summary say
# it; {given} is the answer as given.
UNREAD_REASONS = {
    "unknown-choice": "the answer *{given}* is not one of this question's answers, so the"
    " question is left unanswered.",
    "one-choice-only": "*{given}* gives more than one answer, but this question takes one, so"
    " it is left unanswered.",
    "text-only": "this question takes text, not a list of answers, so it is left unanswered.",
    "choice-twice": "*{given}* gives the same answer twice, so the question is left unanswered.",
    "note-too-long": "the evidence note is too long to keep, so the question is left"
    " unanswered; put the evidence in a document and name it in the note.",
    "unknown-question": "no question in the question bank has this id, so its answer,"
    " *{given}*, is not scored.",
    "duplicate": "this question is answered twice, once under an old id; only the first"
    " answer is scored.",
}
MOVEMENT_NAMES = {
    "up": "Up",
    "down": "Down",
    "changed": "Changed",
    "new-answer": "New answer",
    "now-unanswered": "Now unanswered",
    "no-longer-asked": "No longer asked",
}

GLOBALS: dict[str, Any] = {
    "effort_headings": EFFORT_HEADINGS,
    "effort_short": EFFORT_SHORT,
    "help_names": HELP_NAMES,
    "standing_names": STANDING_NAMES,
    "cell_names": CELL_NAMES,
    "gap_kind_names": GAP_KIND_NAMES,
    "blocker_caps": BLOCKER_CAPS,
    "movement_names": MOVEMENT_NAMES,
    "blocker_marks": BLOCKER_MARKS,
    "unread_reasons": UNREAD_REASONS,
}
