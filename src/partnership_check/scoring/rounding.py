"""Exact scores and half-up rounding.

Every number the bank gives (weights, choice scores, gate thresholds) is read as the
decimal it was written as, and sums and means of them are kept exact: as whole numbers over
a common denominator, or as fractions. A score is rounded from that exact value, halves
upwards, so a tie at a band boundary (59.95) always rounds as documented (to 60.0),
whatever binary floating point would have made of it.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache


@lru_cache(maxsize=4096)  # a bank has few distinct numbers
def exact(value: float) -> Fraction:
    """The decimal a bank number was written as: ``repr`` of a float is the shortest text
    that reads back as it, which is the text of any decimal with up to 15 digits."""
    return Fraction(repr(float(value)))


def ratio_half_up(numerator: int, denominator: int, digits: int) -> float:
    """``numerator / denominator`` (whole numbers, denominator above 0) rounded half upwards
    to ``digits`` decimals, from the exact ratio."""
    scale = 10**digits
    steps = (2 * scale * numerator + denominator) // (2 * denominator)
    result: float = steps / scale  # int / int is correctly rounded: that decimal's float
    return result


def half_up(value: Fraction, digits: int) -> float:
    """An exact value rounded half upwards to ``digits`` decimals."""
    return ratio_half_up(value.numerator, value.denominator, digits)


def three_decimals(value: Fraction) -> float:
    """A fraction (0-1) as kept in the JSON result: three decimals."""
    return half_up(value, 3)
