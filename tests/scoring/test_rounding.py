"""The fast half-up rounding of scores gives exactly what Decimal half-up rounding gives."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from partnership_check.scoring.rounding import one_decimal, three_decimals


def _reference(value: float, step: str) -> float:
    return float(Decimal(str(value)).quantize(Decimal(step), rounding=ROUND_HALF_UP))


def _same(a: float, b: float) -> bool:
    return repr(a) == repr(b)  # also tells -0.0 from 0.0


_TIES = st.integers(min_value=-100_000, max_value=100_000).map(lambda n: n / 100 + 0.005)


@settings(max_examples=3000)
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False) | _TIES)
@example(0.05)
@example(0.15)
@example(0.25)
@example(2.675)
@example(1.0005)
@example(-0.05)
@example(-0.04)
@example(99.95)
@example(66.66666666666667)
@example(1e-07)
@example(12.349999999999998)
def test_one_decimal_matches_decimal_half_up(value: float) -> None:
    assert _same(one_decimal(value), _reference(value, "0.1"))


@settings(max_examples=3000)
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False) | _TIES)
@example(0.0005)
@example(0.6665)
@example(2 / 3)
@example(1.0005)
@example(-0.0005)
@example(1e-05)
def test_three_decimals_matches_decimal_half_up(value: float) -> None:
    assert _same(three_decimals(value), _reference(value, "0.001"))


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=10_000))
def test_scores_as_computed_round_the_same(numerator: int, denominator: int) -> None:
    value = 100 * numerator / denominator
    assert _same(one_decimal(value), _reference(value, "0.1"))
    assert _same(
        three_decimals(numerator / denominator), _reference(numerator / denominator, "0.001")
    )
