"""Reporting compliance per period: on time, late, missing, not yet due, undated."""

import datetime as dt

import pytest
from django.utils import timezone

from missiemonitor.core.principals import SYSTEM
from missiemonitor.monitoring.selectors import reporting_compliance, schedule_periods
from missiemonitor.testing.factories import (
    ContributionFactory,
    FieldReportFactory,
    MissionFactory,
    ReportingScheduleFactory,
    UserFactory,
)


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 30)))


@pytest.fixture
def contribution(db):
    return ContributionFactory(key="fp", mission=MissionFactory(key="m"), start=dt.date(2024, 1, 1))


def test_each_period_gets_its_state(contribution):
    ReportingScheduleFactory(contribution=contribution, frequency="monthly", start=dt.date(2024, 5, 1), due_days=10)
    month = lambda m: (dt.date(2024, m, 1), (dt.date(2024, m + 1, 1) - dt.timedelta(days=1)))  # noqa: E731
    FieldReportFactory(contribution=contribution, start=month(5)[0], end=month(5)[1], status="approved",
                       submitted_at=at(dt.date(2024, 6, 10)))  # the due day itself: on time
    FieldReportFactory(contribution=contribution, start=month(6)[0], end=month(6)[1], status="returned",
                       submitted_at=at(dt.date(2024, 7, 14)))  # 4 days late
    FieldReportFactory(contribution=contribution, start=month(7)[0], end=month(7)[1], status="draft")
    FieldReportFactory(contribution=contribution, start=month(8)[0], end=month(8)[1], status="approved")
    FieldReportFactory(contribution=contribution, start=month(10)[0], end=month(10)[1], status="submitted",
                       submitted_at=at(dt.date(2024, 11, 2)))  # early, before the due date
    [item] = reporting_compliance(user=SYSTEM, start=dt.date(2024, 5, 1), end=dt.date(2024, 10, 31),
                                  as_of=dt.date(2024, 11, 5))
    assert [(p.start.month, p.state, p.days_late) for p in item.periods] == [
        (5, "on-time", None), (6, "late", 4), (7, "missing", None), (8, "undated", None),
        (9, "missing", None), (10, "on-time", None)]
    assert item.counts == {"on-time": 2, "late": 1, "missing": 2, "not-due": 0, "undated": 1}
    assert (item.expected, str(item.reporting_rate), str(item.on_time_rate)) == (6, "0.6667", "0.3333")
    assert item.periods[0].due == dt.date(2024, 6, 10)
    assert ("monitoring.ReportingSchedule", item.periods[0].schedule.key) in item.periods[0].records


def test_quarterly_periods_stop_at_the_end_and_future_ones_are_not_due(contribution):
    contribution.end = dt.date(2024, 12, 31)
    contribution.save()
    schedule = ReportingScheduleFactory(contribution=contribution, frequency="quarterly", start=dt.date(2024, 1, 1))
    assert schedule_periods(schedule, until=dt.date(2030, 1, 1))[-1] == (dt.date(2024, 10, 1), dt.date(2024, 12, 31))
    assert len(schedule_periods(schedule, until=dt.date(2030, 1, 1))) == 4
    [item] = reporting_compliance(user=SYSTEM, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31),
                                  as_of=dt.date(2024, 10, 5))
    assert [p.state for p in item.periods] == ["missing", "missing", "not-due", "not-due"]
    assert item.expected == 2


def test_compliance_follows_visibility_and_scope(contribution):
    ReportingScheduleFactory(contribution=contribution, start=dt.date(2024, 5, 1))
    outsider = UserFactory(clearance=3, missions=[MissionFactory(key="other")])
    assert reporting_compliance(user=outsider, start=dt.date(2024, 5, 1), end=dt.date(2024, 12, 31)) == []
    assert reporting_compliance(user=SYSTEM, start=dt.date(2024, 5, 1), end=dt.date(2024, 12, 31),
                                mission_keys=["other"]) == []
