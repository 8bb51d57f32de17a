"""Scores are rounded half up from their exact value, as Decimal would round that value."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import example, given
from hypothesis import strategies as st

from partnership_check.scoring.rounding import exact, half_up, ratio_half_up, three_decimals


def _reference(value: Fraction, step: str) -> float:
    decimal = Decimal(value.numerator) / Decimal(value.denominator)  # 28 digits: enough here
    return float(decimal.quantize(Decimal(step), rounding=ROUND_HALF_UP))


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**4))
@example(5995, 100)  # 59.95: a tie, up to 60.0
@example(7995, 100)
@example(1, 20)
@example(2, 3)
def test_ratio_rounds_half_up_from_the_exact_value(numerator: int, denominator: int) -> None:
    value = Fraction(numerator, denominator)
    assert ratio_half_up(numerator, denominator, 1) == _reference(value, "0.1")
    assert half_up(value, 1) == _reference(value, "0.1")
    assert three_decimals(value) == _reference(value, "0.001")


def test_a_tie_rounds_up_where_binary_floating_point_would_not() -> None:
    # Section scores 59.9 (weight 3) and 60.1 (weight 1): the mean is exactly 59.95.
    mean = (exact(59.9) * 3 + exact(60.1) * 1) / 4
    assert mean == Fraction(5995, 100)
    assert (59.9 * 3 + 60.1) / 4 < 59.95  # the float mean falls short of the tie
    assert half_up(mean, 1) == 60.0


@given(st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False))
def test_a_bank_number_is_read_as_the_decimal_written(written: Decimal) -> None:
    assert exact(float(written)) == Fraction(written)
