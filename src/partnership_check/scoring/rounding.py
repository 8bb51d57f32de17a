"""Half-up rounding of scores (one decimal) and fractions (three decimals), the same on
every platform and fast enough to call for every question of thousands of answer files;
and the tolerance within which two scores count as equal."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_STEPS = {1: Decimal("0.1"), 3: Decimal("0.001")}
EPSILON = 1e-9  # how far apart two scores may be and still count as equal


def one_decimal(value: float) -> float:
    """Half-up rounding to one decimal, the same on every platform."""
    return _half_up(value, 1)


def three_decimals(value: float) -> float:
    """Half-up rounding to three decimals, as fractions are kept in the JSON result."""
    return _half_up(value, 3)


def _half_up(value: float, digits: int) -> float:
    """``float(Decimal(str(value)).quantize(step, ROUND_HALF_UP))``, without Decimal mostly.

    ``str`` of a float is the shortest text that reads back as it. Unless that text ends in
    a 5 exactly one place past ``digits`` (a tie, left to Decimal), it lies on the same side
    of every rounding boundary as the float itself, so the correctly rounded ``round``
    gives the same number. Exponents, integers and inf/nan also go to Decimal.
    """
    text = repr(value)
    point = text.find(".")
    if point < 0 or "e" in text or type(value) is not float:
        return _decimal_half_up(value, digits)
    places = len(text) - point - 1
    if places <= digits:
        return value
    if places == digits + 1 and text[-1] == "5":
        return _decimal_half_up(value, digits)
    return round(value, digits)


def _decimal_half_up(value: float, digits: int) -> float:
    return float(Decimal(str(value)).quantize(_STEPS[digits], rounding=ROUND_HALF_UP))
