"""Exact arithmetic: ties at a band boundary round as documented, thresholds hold exactly,
and the figure shown and the band always agree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from partnership_check.answers.load import LoadedAnswers
from partnership_check.answers.match import match_answers
from partnership_check.answers.model import AnswerFile
from partnership_check.bank.load import parse_bank
from partnership_check.bank.model import Bank
from partnership_check.render.filters import score as shown
from partnership_check.render.report import render_markdown
from partnership_check.scoring.results import ServiceResult
from partnership_check.scoring.score import score_service

# Two sections weighted 3 and 1, one question each, on a scale of 0 to 1000, so that a
# choice scored n earns n / 10 points of its section.
BANK_TEXT = """
id: exact
version: "1.0"
title: Exact
description: Band boundaries.
scales:
  permille:
    - {id: c0, label: None, score: 0}
    - {id: c599, label: c599, score: 599}
    - {id: c601, label: c601, score: 601}
    - {id: c799, label: c799, score: 799}
    - {id: c801, label: c801, score: 801}
    - {id: c1000, label: All, score: 1000}
  thirds:
    - {id: none, label: None, score: 0}
    - {id: third, label: A third, score: 1}
    - {id: two-thirds, label: Two thirds, score: 2}
    - {id: all, label: All, score: 3}
  halves:
    - {id: none, label: None, score: 0}
    - {id: half, label: Half, score: 1.5}
    - {id: all, label: All, score: 3}
bands:
  - {id: low, label: Not ready, min: 0, meaning: Not yet.}
  - {id: mid, label: Developing, min: 60, meaning: Some way.}
  - {id: high, label: Ready, min: 80, meaning: Ready.}
sections:
  - id: heavy
    title: Heavy
    kind: success-factor
    weight: 3
    questions:
      - {id: q, text: Heavy question?, type: scale, scale: permille}
  - id: light
    title: Light
    kind: success-factor
    weight: 1
    questions:
      - {id: q, text: Light question?, type: scale, scale: permille}
  - id: other
    title: Other
    kind: success-factor
    scored: false
    questions:
      - {id: thirds, text: Thirds?, type: scale, scale: thirds, required: false}
      - {id: halves, text: Halves?, type: scale, scale: halves, required: false}
"""
BANK: Bank = parse_bank("exact.yaml", BANK_TEXT)


def score(answers: dict[str, Any], bank: Bank = BANK) -> ServiceResult:
    data = {"bank": bank.id, "bank_version": "1.0", "service": "Test", "answers": answers}
    loaded = LoadedAnswers(Path("t.yaml"), yaml.safe_dump(data), AnswerFile.model_validate(data))
    return score_service(bank, loaded.file, match_answers(bank, loaded), "t.yaml")


@pytest.mark.parametrize(
    ("heavy", "light", "expected", "band"),
    [
        ("c599", "c601", 60.0, "Developing"),  # (3 x 59.9 + 60.1) / 4 = 59.95 exactly
        ("c799", "c801", 80.0, "Ready"),  # 79.95 exactly
        ("c599", "c599", 59.9, "Not ready"),
        ("c799", "c799", 79.9, "Developing"),
    ],
)
def test_a_tie_at_a_band_boundary_rounds_up_and_the_band_follows(
    heavy: str, light: str, expected: float, band: str
) -> None:
    result = score({"heavy.q": heavy, "light.q": light})
    assert result.overall.score == expected
    assert result.overall.band.label == band
    text = render_markdown(result)
    assert f"scores **{shown(expected)} out of 100**" in text
    assert f"band **{band}**" in text


def test_a_score_just_below_a_band_is_never_shown_as_reaching_it() -> None:
    result = score({"heavy.q": "c799", "light.q": "c799"})
    assert result.overall.band.label == "Developing"
    assert "scores **79.9 out of 100**" in render_markdown(result)


def test_two_thirds_exactly_is_a_strength_and_half_exactly_is_a_gap() -> None:
    bank = parse_bank("exact.yaml", BANK_TEXT.replace("scored: false", "scored: true"))
    result = score(
        {
            "heavy.q": "c1000",
            "light.q": "c1000",
            "other.thirds": "two-thirds",
            "other.halves": "half",
        },
        bank,
    )
    thirds, halves = result.question("other.thirds"), result.question("other.halves")
    assert thirds.fraction == 0.667 and thirds.strength and not thirds.gap
    assert halves.fraction == 0.5 and halves.gap and not halves.strength
    one_third = score({"heavy.q": "c1000", "other.thirds": "third"}, bank).question("other.thirds")
    assert one_third.gap and not one_third.strength
