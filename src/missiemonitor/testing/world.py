"""A small synthetic world in which every attention rule has something to say, built with the
shared factories. ``build_world(copies=n)`` builds ``n`` independent copies (one mission each),
so query counts and timings can be compared at 1x, 20x and 100x.

Per copy (reporting period 1 May 2024 - 30 April 2025, judged on 1 June 2025):

* a framework with version v1 (2023) superseded by v2 (September 2024), mapped condition by
  condition; a condition that regressed across the change, one overdue, one never assessed;
* a helicopter detachment with a flight log: 30% of its hours for its own mission;
* a monthly reporting schedule with a report on time, one late and one missing;
* a monitoring visit with an overdue follow-up action;
* an adviser role supporting an objective, with a handover gap and no successor;
* an incident; a mandate whose planned contributions are not realised, realised smaller, or
  later; two context events giving different dates for one election; two observations giving
  different values for the same figure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from missiemonitor.missions.models import ContributionKind
from missiemonitor.results.models import ConditionMapping, LogEntry, ScaleLevel
from missiemonitor.testing import factories as f

START = dt.date(2024, 5, 1)
END = dt.date(2025, 4, 30)
AS_OF = dt.date(2025, 6, 1)


@dataclass
class World:
    copies: int
    mission_keys: list[str]


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _copy(n: int) -> str:
    p = f"w{n}"
    mission = f.MissionFactory(key=f"{p}-mission", acronym=f"W{n}", name=f"Wereldmissie {n}")
    tasking = f.DimensionFactory(key=f"{p}-tasking", values=[p, "coalition", "national"])
    heli = f.ContributionFactory(key=f"{p}-heli", mission=mission, name=f"Helikopters {n}",
                                 kind=ContributionKind.HELICOPTER_DETACHMENT, start=START,
                                 actual_headcount=90)
    advisers = f.ContributionFactory(key=f"{p}-advisers", mission=mission, name=f"Adviseurs {n}",
                                     start=dt.date(2024, 9, 1), actual_headcount=10)

    # Results framework: v1 superseded by v2, mapped.
    scale = f.RatingScaleFactory(key=f"{p}-scale")
    levels = {lvl.code: lvl for lvl in ScaleLevel.objects.filter(scale=scale)}
    framework = f.FrameworkFactory(key=f"{p}-framework", mission=mission)
    v1 = f.FrameworkVersionFactory(key=f"{p}-v1", framework=framework, scale=scale,
                                   issued=dt.date(2023, 1, 1))
    v2 = f.FrameworkVersionFactory(key=f"{p}-v2", framework=framework, scale=scale,
                                   issued=dt.date(2024, 9, 1), supersedes=v1)
    lto1 = f.LongTermObjectiveFactory(key=f"{p}-lto-1", framework_version=v1, code="LTO 1")
    lto2 = f.LongTermObjectiveFactory(key=f"{p}-lto-2", framework_version=v2, code="LTO 1")
    a1 = f.ConditionFactory(key=f"{p}-a1", objective=lto1, code="1.1")
    b1 = f.ConditionFactory(key=f"{p}-b1", objective=lto2, code="1.1")
    b2 = f.ConditionFactory(key=f"{p}-b2", objective=lto2, code="1.2", expected_by=dt.date(2024, 12, 31))
    f.ConditionFactory(key=f"{p}-b3", objective=lto2, code="1.3")
    ConditionMapping.objects.create(key=f"{p}-map", source=a1, target=b1, relation="reworded",
                                    mission=mission)
    f.ConditionAssessmentFactory(key=f"{p}-as-a1", condition=a1, level=levels["met"], date=dt.date(2024, 3, 1))
    f.ConditionAssessmentFactory(key=f"{p}-as-b1", condition=b1, level=levels["partly"], date=dt.date(2024, 11, 1))
    f.ConditionAssessmentFactory(key=f"{p}-as-b2", condition=b2, level=levels["partly"], date=dt.date(2024, 6, 1))

    # Flight log: 30% own mission, 60% coalition, 10% national.
    indicator = f.IndicatorFactory(key=f"{p}-hours", mission=mission, contribution=heli,
                                   name="Vlieguren", name_en="Flight hours", unit="vlieguren",
                                   unit_en="flight hours", log_kind="flight", log_dimension=tasking)
    indicator.dimensions.add(tasking)
    LogEntry.objects.bulk_create([
        LogEntry(kind="flight", contribution=heli, mission=mission, date=dt.date(2024, 6, 1) + dt.timedelta(days=d),
                 quantity=Decimal(hours), category=code, asset="H-1", batch=f"{p}-flights")
        for d, (code, hours) in enumerate([(p, "3"), ("coalition", "3"), ("coalition", "3"),
                                           ("national", "1"), (p, "3"), ("coalition", "3"),
                                           ("coalition", "3"), ("national", "1")])
    ])
    moves = f.IndicatorFactory(key=f"{p}-moves", mission=mission, name="Verplaatsingen", unit="verplaatsingen")
    f.ObservationFactory(key=f"{p}-moves-a", indicator=moves, value=Decimal("3000"), approximately=True)
    f.ObservationFactory(key=f"{p}-moves-b", indicator=moves, value=Decimal("2800"))

    # Reporting: May on time, June late, July missing.
    f.ReportingScheduleFactory(key=f"{p}-schedule", contribution=heli, start=START,
                               end=dt.date(2024, 7, 31), due_days=10)
    f.FieldReportFactory(key=f"{p}-fr-05", contribution=heli, start=dt.date(2024, 5, 1),
                         end=dt.date(2024, 5, 31), status="approved", submitted_at=_aware(dt.date(2024, 6, 5)))
    f.FieldReportFactory(key=f"{p}-fr-06", contribution=heli, start=dt.date(2024, 6, 1),
                         end=dt.date(2024, 6, 30), status="submitted", submitted_at=_aware(dt.date(2024, 7, 25)))

    # Monitoring: an overdue action.
    visit = f.MonitoringVisitFactory(key=f"{p}-visit", mission=mission)
    finding = f.FindingFactory(key=f"{p}-finding", visit=visit, contribution=heli)
    f.FollowUpActionFactory(key=f"{p}-action", finding=finding, due=dt.date(2024, 10, 1))

    # Rotations: a gap in July, then nobody after January.
    role = f.RoleFactory(key=f"{p}-role", contribution=advisers, name="Adviseur opleidingen")
    lto2.roles.add(role)
    f.PostingFactory(key=f"{p}-post-1", role=role, start=dt.date(2024, 1, 1), end=dt.date(2024, 6, 30))
    f.PostingFactory(key=f"{p}-post-2", role=role, start=dt.date(2024, 8, 1), end=dt.date(2025, 1, 31))

    # Context, incidents, mandates.
    f.IncidentFactory(key=f"{p}-incident", contribution=heli, mission=mission)
    f.ContextEventFactory(key=f"{p}-elections-a", mission=mission, subject=f"{p}-elections",
                          title="Verkiezingen", start=dt.date(2025, 10, 1), start_precision="month", planned=True)
    f.ContextEventFactory(key=f"{p}-elections-b", mission=mission, subject=f"{p}-elections",
                          title="Verkiezingen", start=dt.date(2025, 11, 1), start_precision="month", planned=True)
    mandate = f.MandateFactory(key=f"{p}-mandate")
    mandate.missions.add(mission)
    smaller = f.PlannedContributionFactory(key=f"{p}-planned-heli", mandate=mandate, mission=mission,
                                           kind=ContributionKind.HELICOPTER_DETACHMENT,
                                           planned_headcount=120, start=START, start_precision="month")
    f.PlannedContributionFactory(key=f"{p}-planned-none", mandate=mandate, mission=mission,
                                 start=dt.date(2024, 6, 1), start_precision="month")
    later = f.PlannedContributionFactory(key=f"{p}-planned-advisers", mandate=mandate, mission=mission,
                                         kind=ContributionKind.MILITARY_ADVISERS, planned_headcount=10,
                                         start=START, start_precision="month")
    heli.realises.add(smaller)
    advisers.realises.add(later)
    return mission.key


def build_world(*, copies: int = 1, first: int = 0) -> World:
    """Build ``copies`` copies numbered from ``first``."""
    return World(copies=copies, mission_keys=[_copy(n) for n in range(first, first + copies)])
