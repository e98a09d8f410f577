"""Shared pieces of the generator: the options, the time window, the per-mission plan that
the section builders fill in and read from, and small helpers for dates and classification.

Every random choice comes from a ``random.Random`` seeded with a string derived from the
user's seed and what is being generated (``"7/mission/3"``), so that a mission's content does
not depend on how many missions are generated, and the logs can be regenerated row by row
without holding them in memory. String seeds are hashed with SHA-512 by ``random``, so they
give the same numbers on every platform and Python run.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

CLASSIFICATION_CODES = (
    "ongerubriceerd",
    "departementaal-vertrouwelijk",
    "stg-confidentieel",
    "stg-geheim",
)

# Chance that a record is marked higher than the record it belongs to, split over the three
# higher levels. Markings are inherited down the tree (a posting of a classified role is at
# least as classified), so about one record in ten ends up above ongerubriceerd.
CLASSIFIED_SHARE = 0.03

DEFAULT_LAST_YEAR = 2025
MAX_YEARS = 50
MIN_YEAR, MAX_YEAR = 1950, 2200


class GenerateArgumentError(ValueError):
    """An option of the generator is out of range; the message says which and why."""


@dataclass(frozen=True)
class Options:
    missions: int
    years: int
    seed: int
    start: int

    @property
    def end_year(self) -> int:
        return self.start + self.years - 1


def make_options(*, missions: int, years: int, seed: int, start: int | None = None) -> Options:
    """Check the options and fill in the default start year (so that the last year is 2025)."""
    problems = []
    if isinstance(missions, bool) or not isinstance(missions, int) or missions < 1:
        problems.append(f"--missions must be a whole number of at least 1, got {missions!r}")
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= MAX_YEARS:
        problems.append(f"--years must be a whole number from 1 to {MAX_YEARS}, got {years!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        problems.append(f"--seed must be a whole number of at least 0, got {seed!r}")
    if start is None and not problems:
        start = DEFAULT_LAST_YEAR - years + 1
    if start is not None and (
        isinstance(start, bool) or not isinstance(start, int) or not MIN_YEAR <= start <= MAX_YEAR
    ):
        problems.append(f"--start must be a year from {MIN_YEAR} to {MAX_YEAR}, got {start!r}")
    if problems:
        raise GenerateArgumentError("; ".join(problems))
    return Options(missions=missions, years=years, seed=seed, start=start)


def rng_for(options: Options, *scope: Any) -> random.Random:
    return random.Random("/".join([str(options.seed), *map(str, scope)]))


# -- dates ------------------------------------------------------------------------------------


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def end_of_month(day: dt.date) -> dt.date:
    return month_end(day.year, day.month)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_days(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)


def random_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def month_text(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def clamp(day: dt.date, low: dt.date, high: dt.date) -> dt.date:
    return max(low, min(day, high))


# -- classification ---------------------------------------------------------------------------


def pick_level(rng: random.Random, floor: int = 0, share: float = CLASSIFIED_SHARE) -> int:
    """About ``share`` of records above ongerubriceerd (half DV, 3/10 Stg. C, 1/5 Stg. G), never
    below ``floor``: the level of the record it belongs to."""
    draw = rng.random()
    level = 0
    if draw < share:
        level = 1 if draw < share * 0.5 else 2 if draw < share * 0.8 else 3
    return max(floor, level)


def mark(record: dict[str, Any], level: int) -> dict[str, Any]:
    if level:
        record["classification"] = CLASSIFICATION_CODES[level]
    return record


def level_of(record: dict[str, Any]) -> int:
    return CLASSIFICATION_CODES.index(record.get("classification", CLASSIFICATION_CODES[0]))


# -- the plan ---------------------------------------------------------------------------------


@dataclass
class Country:
    index: int
    name: str
    code: str
    capital: str
    cities: tuple[str, ...]
    region: tuple[str, str]
    neighbour: str
    location_keys: dict[str, str]  # "country", "capital", "base", "region", "city-N" -> key


@dataclass
class ContributionPlan:
    key: str
    kind: str
    short: str
    name: str
    name_en: str
    start: dt.date
    end: dt.date | None
    level: int
    headcount: int
    roles: list[dict[str, Any]] = field(default_factory=list)
    role_levels: dict[str, int] = field(default_factory=dict)


@dataclass
class MissionPlan:
    """What the builders of one mission know about it and about each other's records."""

    index: int
    key: str
    name: str
    name_en: str
    acronym: str
    lead: str
    kind: str
    country: Country
    start: dt.date
    end: dt.date | None
    level: int
    window_start: dt.date
    window_end: dt.date
    mandates: list[dict[str, Any]] = field(default_factory=list)
    contributions: list[ContributionPlan] = field(default_factory=list)
    # Keys of records that later builders refer to, by kind, with their classification
    # level and a date where one matters: kind -> [(key, level, date, extra)].
    refs: dict[str, list[tuple[str, int, dt.date | None, Any]]] = field(default_factory=dict)
    courses: list[Any] = field(default_factory=list)  # framework.ConditionCourse, one per condition

    @property
    def active_start(self) -> dt.date:
        return max(self.start, self.window_start)

    @property
    def active_end(self) -> dt.date:
        return min(self.end or self.window_end, self.window_end)

    def years(self) -> list[int]:
        return list(range(self.active_start.year, self.active_end.year + 1))

    def add_ref(
        self, kind: str, key: str, level: int, day: dt.date | None = None, extra: Any = None
    ) -> None:
        self.refs.setdefault(kind, []).append((key, level, day, extra))

    def refs_of(self, kind: str, *, before: dt.date | None = None, max_level: int | None = None):
        found = self.refs.get(kind, [])
        if before is not None:
            found = [r for r in found if r[2] is None or r[2] <= before]
        if max_level is not None:
            found = [r for r in found if r[1] <= max_level]
        return found

    def contribution(self, kind: str) -> ContributionPlan | None:
        return next((c for c in self.contributions if c.kind == kind), None)


def active_range(
    start: dt.date, end: dt.date | None, low: dt.date, high: dt.date
) -> tuple[dt.date, dt.date] | None:
    """The part of [start, end] inside [low, high], or None when they do not meet."""
    first, last = max(start, low), min(end or high, high)
    return (first, last) if first <= last else None
