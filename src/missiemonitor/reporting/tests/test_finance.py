"""The finance section: spending compared with the same period a year before."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from missiemonitor.core.principals import SYSTEM
from missiemonitor.reporting.selectors import report_build
from missiemonitor.reporting.viewmodel import plain
from missiemonitor.testing import factories as f


@pytest.mark.django_db
def test_a_period_ending_on_29_february_is_compared_with_the_year_before():
    mission = f.MissionFactory(key="m", name="Testlandmissie", acronym="TLM")
    f.ContributionFactory(mission=mission, start=dt.date(2022, 1, 1))
    f.ExpenditureFactory(key="now", mission=mission, amount=Decimal("2000000"),
                         start=dt.date(2023, 3, 1), end=dt.date(2024, 2, 29))
    f.ExpenditureFactory(key="before", mission=mission, amount=Decimal("1500000"),
                         start=dt.date(2022, 3, 1), end=dt.date(2023, 2, 28))
    report = report_build(user=SYSTEM, start=dt.date(2023, 3, 1), end=dt.date(2024, 2, 29),
                          language="en", audience="restricted")
    finance = next(s for s in report.sections if s.key == "finance")
    text = " ".join(plain(b.runs) for b in finance.blocks if hasattr(b, "runs"))
    assert "amounted to €2 million. From March 2022 to February 2023 this was €1.5 million." in text
