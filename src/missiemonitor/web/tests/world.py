"""A small, complete world for the page tests: two missions (one outside the test user's
need-to-know), with every kind of record a page shows. ``scale`` repeats the per-mission
records, for the query-count invariants (a page must issue as many queries at scale 20 as at
scale 1)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from missiemonitor.accounts.models import Role as UserRole
from missiemonitor.core.models import Classification
from missiemonitor.testing import factories as f

PASSWORD = "geheim-wachtwoord-1"
TODAY = dt.date(2025, 6, 15)


@dataclass
class World:
    mission: object
    hidden_mission: object
    contribution: object
    coordinator: object
    reporter: object
    reviewer: object
    outsider: object
    records: dict = field(default_factory=dict)


def grow_world(world: World, *, scale: int) -> None:
    """Add per-mission records until the world is at ``scale`` (for the query-count tests)."""
    from missiemonitor.missions.models import Mandate
    from missiemonitor.results.models import FrameworkVersion, Objective

    mandate = Mandate.objects.get(key="mandate-alpha")
    version = FrameworkVersion.objects.get(key="lto-framework-v1")
    objective = Objective.objects.get(key="objective-alpha")
    existing = world.records.setdefault("scale", 1)
    for n in range(existing, scale):
        _mission_records(world, world.mission, mandate, version, objective, n)
    world.records["scale"] = scale


def build_world(*, scale: int = 1) -> World:
    mission = f.MissionFactory(key="mission-alpha", name="Missie Alfa", acronym="MA", area="Testland")
    hidden = f.MissionFactory(key="mission-beta", name="Missie Bèta", acronym="MB", area="Elders")
    mandate = f.MandateFactory(key="mandate-alpha", title="Artikel 100-brief Alfa")
    mandate.missions.add(mission)
    coordinator = f.UserFactory(username="coordinator", first_name="Cor", last_name="Dinator",
                                role=UserRole.COORDINATOR, clearance=Classification.STG_CONFIDENTIEEL,
                                missions=[mission])
    reporter = f.UserFactory(username="reporter", role=UserRole.FIELD_REPORTER,
                             clearance=Classification.DEPARTEMENTAAL_VERTROUWELIJK, missions=[mission])
    reviewer = f.UserFactory(username="reviewer", role=UserRole.REVIEWER,
                             clearance=Classification.STG_CONFIDENTIEEL, missions=[mission])
    outsider = f.UserFactory(username="outsider", role=UserRole.ANALYST, missions=[hidden])
    world = World(mission, hidden, None, coordinator, reporter, reviewer, outsider)

    scale_obj = f.RatingScaleFactory(key="scale-test")
    version = f.FrameworkVersionFactory(key="lto-framework-v1", framework__mission=mission,
                                        framework__key="lto-framework", scale=scale_obj,
                                        issued=dt.date(2023, 1, 1))
    objective = f.ObjectiveFactory(key="objective-alpha", mission=mission, title="Een stabiele veiligheidssector")
    for n in range(scale):
        _mission_records(world, mission, mandate, version, objective, n)
    world.records["scale"] = scale
    # records of the hidden mission: must never appear for the coordinator
    secret = f.ContributionFactory(key="contribution-hidden", mission=hidden, name="Geheime bijdrage")
    f.ContextEventFactory(key="event-hidden", mission=hidden, area="Elders", title="Verborgen gebeurtenis")
    f.ExpenditureFactory(key="expenditure-hidden", mission=hidden, amount=Decimal("999000000"))
    f.FieldReportFactory(key="fieldreport-hidden", contribution=secret, summary="Verborgen rapportage")
    # a record above the coordinator's clearance, in the coordinator's own mission
    f.ContextEventFactory(key="event-top-secret", mission=mission, area="Testland",
                          classification=Classification.STG_GEHEIM, title="Zeer geheime gebeurtenis")
    f.NarrativeBlockFactory(key="narrative-essence", section="essence", start=dt.date(2024, 5, 1),
                            end=dt.date(2025, 4, 30), text="Deze rapportage beschrijft de voortgang.")
    return world


def _mission_records(world: World, mission, mandate, version, objective, n: int) -> None:
    suffix = f"-{n}" if n else ""
    contribution = f.ContributionFactory(
        key=f"contribution-alpha{suffix}", mission=mission, name=f"Adviesteam{suffix}",
        start=dt.date(2023, 1, 1), planned_headcount=12, actual_headcount=10,
    )
    contribution.mandates.add(mandate)
    if world.contribution is None:
        world.contribution = contribution
    role = f.RoleFactory(key=f"role-adviser{suffix}", contribution=contribution, name="Adviseur hervorming")
    f.PostingFactory(key=f"posting-a{suffix}", role=role, start=dt.date(2024, 1, 1), end=dt.date(2024, 6, 30), headcount=2)
    f.PostingFactory(key=f"posting-b{suffix}", role=role, start=dt.date(2024, 8, 1), end=dt.date(2025, 1, 31), headcount=2)
    f.PostingFactory(key=f"posting-c{suffix}", role=role, start=dt.date(2025, 2, 1), end=None, headcount=3)
    f.MilestoneFactory(key=f"milestone{suffix}", contribution=contribution, date=dt.date(2024, 9, 1), text="Start")
    indicator = f.IndicatorFactory(key=f"indicator-advice{suffix}", mission=mission, contribution=contribution,
                                   name="Adviesgesprekken", unit="gesprekken")
    for month in (5, 8, 10):
        f.ObservationFactory(key=f"obs-{month}{suffix}", indicator=indicator, start=dt.date(2024, month, 1),
                             end=dt.date(2024, month + 2, 28), value=Decimal(10 * month))
    f.IncidentFactory(key=f"incident{suffix}", contribution=contribution, description="Lichtgewond bij oefening")
    f.ReportingScheduleFactory(key=f"schedule{suffix}", contribution=contribution, frequency="monthly",
                               start=dt.date(2024, 5, 1), end=dt.date(2025, 4, 30))
    f.FieldReportFactory(key=f"fieldreport-may{suffix}", contribution=contribution, start=dt.date(2024, 5, 1),
                         end=dt.date(2024, 5, 31), status="submitted", summary="Rustige maand",
                         author=world.reporter, submitted_at=dt.datetime(2024, 6, 5, tzinfo=dt.UTC))
    f.FieldReportFactory(key=f"fieldreport-june{suffix}", contribution=contribution, start=dt.date(2024, 6, 1),
                         end=dt.date(2024, 6, 30), status="draft", summary="Concept juni", author=world.reporter)
    lto = f.LongTermObjectiveFactory(key=f"lto{suffix}", framework_version=version, objective=objective,
                                     code=f"LTO {n + 1}", title="Hervorming van het ministerie",
                                     expected_by=dt.date(2026, 12, 31))
    lto.roles.add(role)
    condition = f.ConditionFactory(key=f"condition{suffix}", objective=lto, code=f"{n + 1}.1",
                                   text="Er is een goedgekeurd hervormingsplan")
    f.ConditionFactory(key=f"condition-two{suffix}", objective=lto, code=f"{n + 1}.2",
                       text="Het plan wordt uitgevoerd")
    f.ConditionAssessmentFactory(key=f"assessment{suffix}", condition=condition, date=dt.date(2024, 9, 1),
                                 level=version.scale.levels.get(code="partly"), rationale="Plan in concept")
    visit = f.MonitoringVisitFactory(key=f"visit{suffix}", mission=mission, title="Monitoringsbezoek",
                                     start=dt.date(2024, 8, 1))
    visit.missions.add(mission)
    finding = f.FindingFactory(key=f"finding{suffix}", visit=visit, contribution=contribution,
                               text="Overdracht tussen rotaties verloopt moeizaam")
    f.FollowUpActionFactory(key=f"action-overdue{suffix}", finding=finding, description="Overdrachtsdossier invoeren",
                            due=dt.date(2024, 12, 1))
    f.FollowUpActionFactory(key=f"action-done{suffix}", finding=finding, description="Briefing aanpassen",
                            due=dt.date(2024, 10, 1), status="done", completed_on=dt.date(2024, 9, 20))
    f.ContextEventFactory(key=f"event-political{suffix}", mission=None, area="Testland", start=dt.date(2024, 7, 15),
                          title="Verkiezingen aangekondigd", category="political")
    f.ContextEventFactory(key=f"event-security{suffix}", mission=mission, area="Testland", start=dt.date(2024, 10, 3),
                          title="Aanslag op konvooi", category="security",
                          classification=Classification.DEPARTEMENTAAL_VERTROUWELIJK)
    f.ThreatAssessmentFactory(key=f"threat{suffix}", area="Testland", level=3, valid_from=dt.date(2024, 6, 1))
    f.ExpenditureFactory(key=f"expenditure-2024{suffix}", mission=mission, start=dt.date(2024, 1, 1),
                         end=dt.date(2024, 12, 31), amount=Decimal("45900000"))
    f.ExpenditureFactory(key=f"expenditure-2023{suffix}", mission=mission, start=dt.date(2023, 1, 1),
                         end=dt.date(2023, 12, 31), amount=Decimal("40000000"))
