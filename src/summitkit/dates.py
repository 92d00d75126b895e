"""Dates as the course's data writes them (ISO 8601 of year, month or day precision), and in words."""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def iso_bounds(value: str) -> tuple[dt.date, dt.date]:
    """First and last day of an ISO date of year, month or day precision.

    >>> iso_bounds("2018-06")
    (datetime.date(2018, 6, 1), datetime.date(2018, 6, 30))
    >>> iso_bounds("2019")[1]
    datetime.date(2019, 12, 31)
    """
    match = _ISO.fullmatch(value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a date like 2019, 2019-04 or 2019-04-25")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        first = dt.date(year, month, 1)
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    day_date = dt.date(year, month, day)
    return day_date, day_date


def precision_of(value: str) -> str:
    """``year``, ``month`` or ``day``, from the form of an ISO date.

    >>> precision_of("2019-04"), precision_of("2019-04-25")
    ('month', 'day')
    """
    return ("year", "month", "day")[value.count("-")]


def period_words(start: dt.date, end: dt.date) -> str:
    """A period in words: a whole year, a whole month, a day, or a range of them.

    >>> period_words(*iso_bounds("2018"))
    '2018'
    >>> period_words(*iso_bounds("2018-05"))
    'May 2018'
    >>> period_words(dt.date(2019, 4, 25), dt.date(2019, 4, 25))
    '25 April 2019'
    >>> period_words(dt.date(2018, 1, 1), dt.date(2019, 2, 28))
    'January 2018 to February 2019'
    """
    whole_months = start.day == 1 and (end + dt.timedelta(days=1)).day == 1
    if whole_months and (start.month, end.month) == (1, 12):
        return str(start.year) if start.year == end.year else f"{start.year} to {end.year}"
    if whole_months:
        same = (start.year, start.month) == (end.year, end.month)
        return f"{start:%B %Y}" if same else f"{start:%B %Y} to {end:%B %Y}"
    if start == end:
        return f"{start.day} {start:%B %Y}"
    return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"
