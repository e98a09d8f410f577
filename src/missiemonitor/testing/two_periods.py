"""Two reporting periods of fictional data, for the comparison across periods: the current
period 1 May 2024 - 30 April 2025 and the previous one of the same length, 1 May 2023 -
30 April 2024. Built with the shared factories; every figure below is what the comparison must
find.

=================================  previous period  current period  change
flight hours (log "Vlieguren")        200              320          +60%
people deployed with VM (postings)    80               100          +25%
spending on VM                        € 10 miljoen     € 12 miljoen +20%
incidents, minor                      2                1            -50%
incidents, serious                    0                1            +1 (from 0)
field reports on time                 25% (1 of 4)     100% (3 of 3) +75 points
progress on "LTO 1"                   33,3% (1 of 3)   100% (3 of 3) +66,7 points
=================================  ===============  ==============  ======

And what the data do not hold: the log "Vlieguren nieuw" has entries only in the current
period (no data before, which is not 0 hours), the log "Vlieguren oud" only in the previous
one, and mission VM2 counts a contribution whose start is not recorded (its personnel before
the current period is unknown).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from missiemonitor.results.models import LogEntry, ScaleLevel
from missiemonitor.testing import factories as f

START, END = dt.date(2024, 5, 1), dt.date(2025, 4, 30)
PREVIOUS_START, PREVIOUS_END = dt.date(2023, 5, 1), dt.date(2024, 4, 30)
MISSIONS = ["vm", "vm2"]


def _moment(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _log(contribution, batch: str, days_hours: list[tuple[dt.date, str]]) -> None:
    LogEntry.objects.bulk_create([
        LogEntry(kind="flight", contribution=contribution, mission=contribution.mission, date=day,
                 quantity=Decimal(hours), category="own", batch=batch)
        for day, hours in days_hours])


def build() -> None:
    mission = f.MissionFactory(key="vm", acronym="VM", name="Vergelijkmissie", name_en="Comparison mission")
    heli = f.ContributionFactory(key="vm-heli", mission=mission, name="Helikopters", name_en="Helicopters",
                                 start=dt.date(2023, 5, 1))

    # Flight hours: 200 before, 320 now, from two imports.
    f.IndicatorFactory(key="vm-hours", mission=mission, contribution=heli, name="Vlieguren",
                               name_en="Flight hours", unit="vlieguren", unit_en="flight hours",
                               log_kind="flight")
    _log(heli, "flights-2023", [(dt.date(2023, 5, 1), "120"), (dt.date(2024, 2, 1), "80")])
    _log(heli, "flights-2024", [(dt.date(2024, 6, 1), "200"), (dt.date(2025, 3, 1), "120")])
    newer = f.ContributionFactory(key="vm-heli-new", mission=mission, name="Nieuwe helikopters",
                                  start=dt.date(2024, 9, 1))
    f.IndicatorFactory(key="vm-hours-new", mission=mission, contribution=newer, name="Vlieguren nieuw",
                       name_en="Flight hours new", unit="vlieguren", log_kind="flight")
    _log(newer, "flights-new", [(dt.date(2024, 10, 1), "40")])
    older = f.ContributionFactory(key="vm-heli-old", mission=mission, name="Oude helikopters",
                                  start=dt.date(2023, 5, 1), end=dt.date(2024, 5, 15))
    f.IndicatorFactory(key="vm-hours-old", mission=mission, contribution=older, name="Vlieguren oud",
                       name_en="Flight hours old", unit="vlieguren", log_kind="flight")
    _log(older, "flights-old", [(dt.date(2023, 10, 1), "30")])

    # Personnel: 80 on 30 April 2024, 100 on 30 April 2025.
    role = f.RoleFactory(key="vm-crew", contribution=heli, name="Bemanning", headcount=None)
    f.PostingFactory(key="vm-crew-1", role=role, headcount=80, start=dt.date(2023, 5, 1),
                     end=dt.date(2024, 5, 31))
    f.PostingFactory(key="vm-crew-2", role=role, headcount=100, start=dt.date(2024, 6, 1), end=None)

    # A second mission whose only contribution has no recorded start.
    other = f.MissionFactory(key="vm2", acronym="VM2", name="Tweede missie", name_en="Second mission")
    f.ContributionFactory(key="vm2-advisers", mission=other, name="Adviseurs", start=None, actual_headcount=10)

    # Spending: the budget year 2023 falls in the previous period, 2024 in the current one.
    f.ExpenditureFactory(key="vm-2023", mission=mission, start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31),
                         amount=Decimal("10000000"))
    f.ExpenditureFactory(key="vm-2024", mission=mission, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31),
                         amount=Decimal("12000000"))

    # Incidents: two minor ones before; one minor and one serious now.
    f.IncidentFactory(key="vm-inc-1", contribution=heli, date=dt.date(2023, 8, 1))
    f.IncidentFactory(key="vm-inc-2", contribution=heli, date=dt.date(2023, 9, 1))
    f.IncidentFactory(key="vm-inc-3", contribution=heli, date=dt.date(2024, 8, 1))
    f.IncidentFactory(key="vm-inc-4", contribution=heli, date=dt.date(2025, 1, 1), severity="serious")

    # Field reports, quarterly, due ten days after each quarter: before, one of four on time
    # (one late, one missing, one received without a date); now, three of three on time (the
    # last quarter is not yet due on 30 April 2025).
    f.ReportingScheduleFactory(key="vm-schedule", contribution=heli, frequency="quarterly",
                               start=dt.date(2023, 5, 1), due_days=10)
    reports = [((2023, 5, 1), (2023, 7, 31), (2023, 8, 5)), ((2023, 8, 1), (2023, 10, 31), (2023, 12, 1)),
               ((2024, 2, 1), (2024, 4, 30), None),
               ((2024, 5, 1), (2024, 7, 31), (2024, 8, 2)), ((2024, 8, 1), (2024, 10, 31), (2024, 11, 5)),
               ((2024, 11, 1), (2025, 1, 31), (2025, 2, 3))]
    for n, (first, last, submitted) in enumerate(reports):
        f.FieldReportFactory(key=f"vm-report-{n}", contribution=heli, start=dt.date(*first), end=dt.date(*last),
                             status="approved", submitted_at=_moment(dt.date(*submitted)) if submitted else None)

    # A long-term objective with three conditions: one met before the period, all three now.
    version = f.FrameworkVersionFactory(key="vm-v1", framework=f.FrameworkFactory(key="vm-framework", mission=mission),
                                        issued=dt.date(2023, 1, 1))
    met = ScaleLevel.objects.get(scale=version.scale, code="met")
    lto = f.LongTermObjectiveFactory(key="vm-lto-1", framework_version=version, code="LTO 1")
    for n, day in enumerate([dt.date(2024, 3, 1), dt.date(2024, 9, 1), dt.date(2025, 2, 1)]):
        condition = f.ConditionFactory(key=f"vm-c{n}", objective=lto, code=f"1.{n}")
        f.ConditionAssessmentFactory(key=f"vm-a{n}", condition=condition, level=met, date=day)
    # One never assessed: no data in either period, so not compared at all.
    f.ConditionFactory(key="vm-c-none", objective=f.LongTermObjectiveFactory(
        key="vm-lto-2", framework_version=version, code="LTO 2"))
