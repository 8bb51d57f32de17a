"""One answer's share of its marks on scales that do not start at 0, that go below 0, that
give every choice the same score, and on multi-choice questions with negative scores: the
fraction is (score - lowest) / (highest - lowest), worked out here by hand."""

from __future__ import annotations

from partnership_check.bank.load import parse_bank
from partnership_check.bank.model import Bank
from partnership_check.scoring.results import ServiceResult
from tests.scoring.test_score import score, section

BANK_TEXT = """
id: scales
version: "1.0"
title: Scales
description: Scales that do not run from 0.
scales:
  raised:
    - {id: s2, label: Two, score: 2}
    - {id: s3, label: Three, score: 3}
    - {id: s4, label: Four, score: 4}
    - {id: s5, label: Five, score: 5}
    - {id: s6, label: Six, score: 6}
  signed:
    - {id: m2, label: Minus two, score: -2}
    - {id: m1, label: Minus one, score: -1}
    - {id: z, label: Zero, score: 0}
    - {id: p1, label: Plus one, score: 1}
    - {id: p2, label: Plus two, score: 2}
  flat:
    - {id: a, label: A, score: 1}
    - {id: b, label: B, score: 1}
    - {id: dk, label: Don't know, dont_know: true}
bands:
  - {id: low, label: Low, min: 0, meaning: Not yet.}
  - {id: mid, label: Middle, min: 40, meaning: Some way.}
  - {id: high, label: High, min: 70, meaning: Ready.}
sections:
  - id: raised
    title: Raised
    kind: success-factor
    questions:
      - {id: a, text: A?, type: scale, scale: raised}
      - {id: b, text: B?, type: scale, scale: raised}
  - id: signed
    title: Signed
    kind: success-factor
    questions:
      - {id: a, text: A?, type: scale, scale: signed}
      - {id: b, text: B?, type: scale, scale: signed}
      - {id: c, text: C?, type: scale, scale: signed}
  - id: other
    title: Other
    kind: success-factor
    scored: false
    questions:
      - {id: flat, text: Flat?, type: scale, scale: flat, required: false}
      - id: links
        text: Links?
        type: multi
        required: false
        choices:
          - {id: big, label: Big, score: 2}
          - {id: small, label: Small, score: 1}
          - {id: minus, label: Minus, score: -1}
          - {id: worse, label: Worse, score: -2}
"""
BANK: Bank = parse_bank("scales.yaml", BANK_TEXT)
# the same bank with the last section counting, so its answers are gaps or strengths
COUNTED: Bank = parse_bank("scales.yaml", BANK_TEXT.replace("scored: false", "scored: true"))
RAISED_AND_SIGNED = {"raised.a": "s3", "raised.b": "s5", "signed.a": "m1", "signed.b": "p2"}


def flags(result: ServiceResult, qid: str) -> tuple[float | None, bool, bool]:
    q = result.question(qid)
    return q.fraction, q.gap, q.strength


def test_a_scale_from_2_to_6_earns_from_its_lowest_score() -> None:
    result = score({**RAISED_AND_SIGNED, "signed.c": "z"}, bank=BANK)
    # (3 - 2) / (6 - 2) = 1/4, a gap; (5 - 2) / 4 = 3/4, a strength
    assert flags(result, "raised.a") == (0.25, True, False)
    assert flags(result, "raised.b") == (0.75, False, True)
    assert section(result, "raised") == 50.0  # 100 * (1/4 + 3/4) / 2


def test_half_way_up_a_scale_from_2_is_a_gap() -> None:
    result = score({"raised.a": "s4", "raised.b": "s2"}, bank=BANK)
    # (4 - 2) / 4 = 1/2, a gap (4 / 6 would have been a strength); the lowest earns nothing
    assert flags(result, "raised.a") == (0.5, True, False)
    assert flags(result, "raised.b") == (0.0, True, False)
    assert section(result, "raised") == 25.0


def test_a_scale_from_minus_2_to_2_earns_from_minus_2() -> None:
    result = score({**RAISED_AND_SIGNED, "signed.c": "z"}, bank=BANK)
    # (-1 + 2) / 4 = 1/4; (2 + 2) / 4 = 1; (0 + 2) / 4 = 1/2, a gap but not nothing
    assert flags(result, "signed.a") == (0.25, True, False)
    assert flags(result, "signed.b") == (1.0, False, True)
    assert flags(result, "signed.c") == (0.5, True, False)
    assert section(result, "signed") == 58.3  # 100 * (1/4 + 1 + 1/2) / 3 = 58.33
    assert result.overall.score == 54.2  # (50 + 175/3) / 2 = 54.17
    assert result.overall.band.id == "mid"
    assert set(result.strengths) == {"raised.b", "signed.b"}
    assert {g.qid for g in result.gaps} == {"raised.a", "signed.a", "signed.c"}


def test_plus_one_on_a_scale_from_minus_2_is_a_strength() -> None:
    result = score({"signed.a": "p1", "signed.b": "m2", "signed.c": "p1"}, bank=BANK)
    # (1 + 2) / 4 = 3/4 (1 / 2 would have been a gap); -2 earns nothing
    assert flags(result, "signed.a") == (0.75, False, True)
    assert flags(result, "signed.b") == (0.0, True, False)
    assert section(result, "signed") == 50.0  # 100 * (3/4 + 0 + 3/4) / 3


def test_a_question_whose_choices_all_score_the_same_earns_full_marks() -> None:
    """With highest == lowest there is no range to place the answer in: the code gives
    any scored answer the whole of its marks (fraction 1), so it is a strength; "don't
    know" still earns nothing and is an evidence gap."""
    for choice in ("a", "b"):
        result = score({"other.flat": choice}, bank=COUNTED)
        assert flags(result, "other.flat") == (1.0, False, True)
        assert result.question("other.flat").points == 1.0
        assert section(result, "other") == 100.0
    dont_know = score({"other.flat": "dk"}, bank=COUNTED)
    assert flags(dont_know, "other.flat") == (0.0, True, False)
    assert dont_know.evidence_gaps == ("other.flat",)
    assert section(dont_know, "other") == 0.0


def test_a_multi_question_with_negative_scores_earns_from_their_sum() -> None:
    """Lowest: the negatives together (-3); highest: the positives together (3)."""
    cases = {
        ("big", "minus"): (0.667, False, True),  # (2 - 1 + 3) / 6 = 2/3 exactly: a strength
        ("small", "minus"): (0.5, True, False),  # (0 + 3) / 6
        ("minus", "worse"): (0.0, True, False),  # (-3 + 3) / 6
        ("worse",): (0.167, True, False),  # (-2 + 3) / 6
        ("big", "small"): (1.0, False, True),
        ("big", "small", "minus"): (0.833, False, True),  # (2 + 3) / 6
    }
    for chosen, expected in cases.items():
        result = score({"other.links": list(chosen)}, bank=COUNTED)
        assert flags(result, "other.links") == expected, chosen
    result = score({"other.links": ["big", "minus"], "other.flat": "a"}, bank=COUNTED)
    assert section(result, "other") == 83.3  # 100 * (2/3 + 1) / 2
