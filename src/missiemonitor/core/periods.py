"""Calendar arithmetic for reporting periods."""

from __future__ import annotations

import calendar
import datetime as dt

DAYS_PER_MONTH = 30.436875  # the mean Gregorian month


def add_months(value: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's last day (31 Jan + 1 = 29 Feb)."""
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    day = min(value.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def shift_years(value: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (or earlier); 29 February becomes 28 February in a common
    year, where ``date.replace(year=...)`` would raise."""
    return add_months(value, 12 * years)


def shift_period_years(start: dt.date, end: dt.date, years: int) -> tuple[dt.date, dt.date]:
    """The period ``years`` later (or earlier). A period ending on the last day of a month ends
    on the last day of that month then: March 2024 to February 2025, a year back, ends on
    29 February 2024."""
    shifted_end = shift_years(end, years)
    if end.day == calendar.monthrange(end.year, end.month)[1]:
        last = calendar.monthrange(shifted_end.year, shifted_end.month)[1]
        shifted_end = shifted_end.replace(day=last)
    return shift_years(start, years), shifted_end


def months_between(start: dt.date, end: dt.date) -> float:
    """The length of ``start``..``end`` (both days included) in months of 30.44 days."""
    return round(((end - start).days + 1) / DAYS_PER_MONTH, 1)


def fuzzy_interval(value: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """The days a fuzzy date may mean: the day itself, its whole month or its whole year."""
    if precision == "year":
        return dt.date(value.year, 1, 1), dt.date(value.year, 12, 31)
    if precision == "month":
        return (dt.date(value.year, value.month, 1),
                dt.date(value.year, value.month, calendar.monthrange(value.year, value.month)[1]))
    return value, value


def interval_distance(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    """Days between two intervals; 0 when they overlap (the dates may mean the same day)."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0
