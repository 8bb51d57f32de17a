"""Dates as people in the UK type them: day first, ``25/11/2026`` or ``3/4/2026`` (3 April),
read as the date they mean, beside the ``2026-11-25`` form every reader already takes."""

from __future__ import annotations

import calendar
import datetime as dt
import re

# Day, month and a four-digit year, with slashes; spaces around are the typist's, not the date's.
DAY_FIRST = re.compile(r"\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s*")
# The same with a two-digit year, which says nothing certain about the century.
SHORT_YEAR = re.compile(r"\s*[0-9]{1,2}/[0-9]{1,2}/[0-9]{2}\s*")
# In English whatever the locale: calendar.month_name follows it.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
FORMS = "DD/MM/YYYY or YYYY-MM-DD, for example 25/11/2026 or 2026-11-25"
WHAT_TO_WRITE = f"write it as {FORMS}"


def day_first_date(value: object) -> object:
    """``value`` as a date when it is text written day first; any other value as it is, for
    the model to read (or refuse) as before. Text day first that names no date, such as
    ``31/02/2026``, or with a two-digit year, raises ValueError saying what to write."""
    if not isinstance(value, str):
        return value
    if SHORT_YEAR.fullmatch(value):
        raise ValueError(f"{value.strip()!r} has a two-digit year; write the year in full: {FORMS}")
    found = DAY_FIRST.fullmatch(value)
    if found is None:
        return value
    day, month, year = (int(part) for part in found.groups())
    if year < dt.MINYEAR:
        reason = "there is no year 0"
    elif not 1 <= month <= 12:
        reason = f"there is no month {month} (dates are read day first)"
    elif day < 1:
        reason = "there is no day 0"
    elif day > (last := calendar.monthrange(year, month)[1]):
        reason = f"{MONTHS[month - 1]} {year} has {last} days"
    else:
        return dt.date(year, month, day)
    raise ValueError(f"{value.strip()!r} is not a date: {reason}; {WHAT_TO_WRITE}")
