"""Calendar arithmetic for reporting periods, and the textual forms of dates and periods
(``2024``, ``2024-05``, ``2024-05-01..2025-04-30``) that files, commands and the API share."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal
from typing import Any

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


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period of the same length that ends the day before ``start``. A period of whole
    months goes back by as many months (May 2024 to April 2025: May 2023 to April 2024; a
    quarter: the quarter before; February 2025: January 2025); any other period goes back by
    its number of days."""
    last_day = calendar.monthrange(end.year, end.month)[1]
    if start.day == 1 and end.day == last_day:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        return add_months(start, -months), start - dt.timedelta(days=1)
    days = (end - start).days + 1
    return start - dt.timedelta(days=days), start - dt.timedelta(days=1)


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


_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_FUZZY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Invalid(Exception):
    """A value is wrong; the message says what was expected."""


def type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, Decimal):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def parse_date(value: Any) -> dt.date:
    text = str(value) if isinstance(value, str) else None
    match = _DATE.match(text or "")
    if not match:
        raise Invalid(f"expected a date as YYYY-MM-DD, got {type_name(value)} {value!r}")
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise Invalid(f"not a real date: {value!r} ({exc})") from None


def parse_fuzzy(value: Any, *, end: bool = False) -> tuple[dt.date, str]:
    """'2024' / '2024-05' / '2024-05-03' -> (date, precision). End dates take the last day."""
    text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    match = _FUZZY.match(text)
    if not match:
        raise Invalid(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {type_name(value)} {value!r}")
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if day:
            return dt.date(year, int(month), int(day)), "day"
        if month:
            m = int(month)
            last = calendar.monthrange(year, m)[1] if 1 <= m <= 12 else 1
            return dt.date(year, m, last if end else 1), "month"
        return (dt.date(year, 12, 31) if end else dt.date(year, 1, 1)), "year"
    except ValueError as exc:
        raise Invalid(f"not a real date: {value!r} ({exc})") from None


def parse_datetime(value: Any) -> dt.datetime:
    """An ISO 8601 moment with its time zone, e.g. 2024-06-05T09:30:00Z; a bare date means
    midnight UTC."""
    text = str(value) if isinstance(value, str) else ""
    if _DATE.match(text):
        text += "T00:00:00Z"
    try:
        moment = dt.datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        raise Invalid(f"expected a moment as YYYY-MM-DDTHH:MM:SSZ, got {type_name(value)} {value!r}") from None
    if moment.tzinfo is None:
        raise Invalid(f"{value!r} has no time zone; add Z (UTC) or an offset such as +02:00")
    return moment.astimezone(dt.UTC)


def format_datetime(value: dt.datetime) -> str:
    moment = value.astimezone(dt.UTC)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond:
        text += f".{moment.microsecond:06d}"
    return text + "Z"


def format_fuzzy(value: dt.date, precision: str) -> Any:
    if precision == "year":
        return value.year
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value


def parse_period(value: Any) -> tuple[dt.date, dt.date]:
    """'2024' (a year), '2024-05' (a month) or 'START..END' with fuzzy dates at either side."""
    text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if not text:
        raise Invalid(f"expected a period such as 2024 or 2024-05-01..2025-04-30, got {type_name(value)}")
    if ".." in text:
        left, _, right = text.partition("..")
        start, _ = parse_fuzzy(left.strip())
        end, _ = parse_fuzzy(right.strip(), end=True)
    else:
        start, _ = parse_fuzzy(text)
        end, _ = parse_fuzzy(text, end=True)
    if end < start:
        raise Invalid(f"the period ends ({end}) before it starts ({start})")
    return start, end


def period_code(start: dt.date, end: dt.date) -> Any:
    """A period as a file writes it: the year, the month, or START..END (see parse_period)."""
    if start.month == 1 and start.day == 1 and end == dt.date(start.year, 12, 31):
        return start.year
    last = calendar.monthrange(start.year, start.month)[1]
    if start.day == 1 and end.year == start.year and end.month == start.month and end.day == last:
        return f"{start.year:04d}-{start.month:02d}"
    return f"{start.isoformat()}..{end.isoformat()}"
