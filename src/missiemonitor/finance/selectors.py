"""Reads of spending. Every read starts from ``Expenditure.objects.visible_to(user)``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from missiemonitor.core.visibility import linked
from missiemonitor.finance.models import Expenditure
from missiemonitor.missions.scope import in_missions


def expenditures_visible(
    *, user: Any, mission_keys: list[str] | None = None, start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[Expenditure]:
    # A mission or contribution the user may not see reads as None (the expenditure may be
    # unclassified while its mission is not): ``linked(item, "mission")``.
    qs = Expenditure.objects.visible_to(user).with_visible(user, "mission", "contribution")
    qs = in_missions(qs, mission_keys)
    if start:
        qs = qs.filter(end__gte=start)
    if end:
        qs = qs.filter(start__lte=end)
    return qs.order_by("start", "mission__key", "key")


@dataclass
class SpendingRow:
    """Spending of one mission from one budget source in one year."""

    mission: Any
    budget_source: str
    budget_source_label: str
    year: int
    amount: Decimal
    approximately: bool
    unknown: int  # expenditures whose amount the source does not give
    records: list[Expenditure] = field(default_factory=list)


def spending_table(*, user: Any, mission_keys: list[str] | None = None) -> list[SpendingRow]:
    """Spending per mission, budget source and (start) year, with the records behind each row."""
    rows: dict[tuple[int, str, int], SpendingRow] = {}
    for item in expenditures_visible(user=user, mission_keys=mission_keys):
        group = (item.mission_id, item.budget_source, item.start.year)
        row = rows.get(group)
        if row is None:
            row = rows[group] = SpendingRow(linked(item, "mission"), item.budget_source,
                                            item.get_budget_source_display(), item.start.year,
                                            Decimal(0), False, 0)
        row.records.append(item)
        if item.amount is None:
            row.unknown += 1
        else:
            row.amount += item.amount
            row.approximately |= item.approximately
    return sorted(rows.values(), key=lambda r: (r.year, _mission_key(r.mission), r.budget_source))


@dataclass
class SpendingComparison:
    """Spending of one mission in a calendar year and in the year before."""

    mission: Any
    year: int
    current: Decimal
    previous: Decimal
    approximately: bool
    records: list[Expenditure] = field(default_factory=list)

    @property
    def change(self) -> Decimal | None:
        if not self.previous:
            return None
        return (self.current - self.previous) / self.previous * 100


def spending_against_previous_year(
    *, user: Any, year: int, mission_keys: list[str] | None = None
) -> list[SpendingComparison]:
    """Per mission, the amounts of expenditures whose period starts in ``year`` and in the year
    before (expenditures are booked per budget year). One query."""
    rows: dict[int, SpendingComparison] = {}
    qs = expenditures_visible(user=user, mission_keys=mission_keys).filter(
        start__gte=dt.date(year - 1, 1, 1), start__lte=dt.date(year, 12, 31)
    )
    for item in qs:
        if item.amount is None:
            continue
        row = rows.get(item.mission_id)
        if row is None:
            row = rows[item.mission_id] = SpendingComparison(linked(item, "mission"), year, Decimal(0),
                                                             Decimal(0), False)
        if item.start.year == year:
            row.current += item.amount
        else:
            row.previous += item.amount
        row.approximately |= item.approximately
        row.records.append(item)
    return sorted(rows.values(), key=lambda r: _mission_key(r.mission))


def _mission_key(mission: Any) -> str:
    return mission.key if mission is not None else "~"  # a mission the user may not see: last


@dataclass
class PeriodSpending:
    """Spending of one mission booked in one period (see :func:`spending_by_period`)."""

    mission: Any
    start: dt.date
    end: dt.date
    amount: Decimal
    approximately: bool
    unknown: int  # expenditures whose amount the source does not give
    records: list[Expenditure] = field(default_factory=list)

    @property
    def has_amount(self) -> bool:
        return self.unknown < len(self.records)


def expenditure_midpoint(expenditure: Expenditure) -> dt.date:
    return expenditure.start + (expenditure.end - expenditure.start) / 2


def spending_by_period(
    *, user: Any, periods: list[tuple[dt.date, dt.date]], mission_keys: list[str] | None = None
) -> list[PeriodSpending]:
    """Per mission and period, the expenditures whose own period has its middle day in that
    period: a budget year (or any expenditure's period) counts once, in the period that holds
    most of it, and is never split or counted twice. A mission and period without any
    expenditure have no entry. One query."""
    if not periods:
        return []
    first = min(start for start, _end in periods)
    last = max(end for _start, end in periods)
    rows: dict[tuple[int, int], PeriodSpending] = {}
    for item in expenditures_visible(user=user, mission_keys=mission_keys, start=first, end=last):
        middle = expenditure_midpoint(item)
        index = next((i for i, (start, end) in enumerate(periods) if start <= middle <= end), None)
        if index is None:
            continue
        row = rows.get((item.mission_id, index))
        if row is None:
            start, end = periods[index]
            row = rows[(item.mission_id, index)] = PeriodSpending(item.mission, start, end, Decimal(0), False, 0)
        row.records.append(item)
        if item.amount is None:
            row.unknown += 1
        else:
            row.amount += item.amount
            row.approximately |= item.approximately
    return sorted(rows.values(), key=lambda r: (r.start, _mission_key(r.mission)))


def totals_by_year(rows: list[SpendingRow]) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for row in rows:
        totals[row.year] += row.amount
    return dict(sorted(totals.items()))
