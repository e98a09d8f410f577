"""Spending booked per period: an expenditure counts once, in the period that holds the middle
day of its own period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from missiemonitor.core.principals import SYSTEM
from missiemonitor.finance.selectors import spending_by_period
from missiemonitor.testing import factories as f

pytestmark = pytest.mark.django_db
D = dt.date
CURRENT, PREVIOUS = (D(2024, 5, 1), D(2025, 4, 30)), (D(2023, 5, 1), D(2024, 4, 30))


def test_a_budget_year_counts_in_the_period_that_holds_most_of_it():
    mission = f.MissionFactory(key="sm")
    f.ExpenditureFactory(key="sm-2023", mission=mission, start=D(2023, 1, 1), end=D(2023, 12, 31),
                         amount=Decimal("10"))
    f.ExpenditureFactory(key="sm-2024", mission=mission, start=D(2024, 1, 1), end=D(2024, 12, 31),
                         amount=Decimal("12"), approximately=True)
    f.ExpenditureFactory(key="sm-q", mission=mission, start=D(2024, 5, 1), end=D(2024, 7, 31), amount=None)
    f.ExpenditureFactory(key="sm-2022", mission=mission, start=D(2022, 1, 1), end=D(2022, 12, 31),
                         amount=Decimal("99"))
    rows = spending_by_period(user=SYSTEM, periods=[CURRENT, PREVIOUS], mission_keys=["sm"])
    found = {(r.start, r.end): (r.amount, r.approximately, r.unknown, [e.key for e in r.records]) for r in rows}
    assert found == {
        PREVIOUS: (Decimal("10"), False, 0, ["sm-2023"]),
        CURRENT: (Decimal("12"), True, 1, ["sm-2024", "sm-q"]),
    }
    assert spending_by_period(user=SYSTEM, periods=[], mission_keys=["sm"]) == []
