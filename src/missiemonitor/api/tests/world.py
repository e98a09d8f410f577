"""A small world with one record of every resource per mission and classification, for the API
tests: two missions, records at every classification, and users who see different parts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from missiemonitor.accounts.models import User
from missiemonitor.core.models import Classification
from missiemonitor.testing import factories as f

LEVELS = (Classification.ONGERUBRICEERD, Classification.STG_CONFIDENTIEEL)


@dataclass
class World:
    missions: list = field(default_factory=list)
    keys: dict[str, list[str]] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def add(self, resource: str, record) -> None:
        self.keys.setdefault(resource, []).append(record.key)


def build_records(world: World, mission, tag: str, level: int) -> None:
    """One record of every kind in ``mission`` at classification ``level``; keys end in ``tag``."""
    c = {"classification": level}
    k = lambda prefix: f"{prefix}-{tag}"  # noqa: E731
    org = f.OrganisationFactory(key=k("org"), **c)
    source = f.SourceFactory(key=k("src"), **c)
    location = f.LocationFactory(key=k("loc"), **c)
    mandate = f.MandateFactory(key=k("mandate"), **c)
    mandate.missions.add(mission)
    planned = f.PlannedContributionFactory(key=k("planned"), mandate=mandate, mission=mission, **c)
    contribution = f.ContributionFactory(key=k("contribution"), mission=mission, **c)
    contribution.mandates.add(mandate)
    contribution.realises.add(planned)
    contribution.locations.add(location)
    asset = f.AssetFactory(key=k("asset"), contribution=contribution, **c)
    milestone = f.MilestoneFactory(key=k("milestone"), contribution=contribution, **c)
    role = f.RoleFactory(key=k("role"), contribution=contribution, location=location, **c)
    posting = f.PostingFactory(key=k("posting"), role=role, **c)
    scale = f.RatingScaleFactory(key=k("scale"), **c)
    dimension = f.DimensionFactory(key=k("dimension"), **c)
    framework = f.FrameworkFactory(key=k("framework"), mission=mission, **c)
    version = f.FrameworkVersionFactory(key=k("version"), framework=framework, scale=scale, **c)
    objective = f.ObjectiveFactory(
        key=k("objective"), mission=mission, contribution=contribution, **c
    )
    lto = f.LongTermObjectiveFactory(
        key=k("lto"), framework_version=version, objective=objective, **c
    )
    lto.roles.add(role)
    condition = f.ConditionFactory(key=k("condition"), objective=lto, **c)
    condition2 = f.ConditionFactory(key=k("condition2"), objective=lto, **c)
    mapping = _mapping(k("mapping"), condition, condition2, level)
    assessment = f.ConditionAssessmentFactory(
        key=k("assessment"), condition=condition, state="draft", **c
    )
    indicator = f.IndicatorFactory(
        key=k("indicator"),
        mission=mission,
        contribution=contribution,
        objective=objective,
        log_kind="flight",
        log_dimension=dimension,
        **c,
    )
    indicator.dimensions.add(dimension)
    indicator.targets.create(
        start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31), value=Decimal("10")
    )
    observation = f.ObservationFactory(
        key=k("observation"), indicator=indicator, source=source, **c
    )
    programme = f.ProgrammeFactory(key=k("programme"), mission=mission, partner=org, **c)
    visit = f.MonitoringVisitFactory(key=k("visit"), mission=mission, **c)
    visit.missions.add(mission)
    visit.organisations.add(org)
    finding = f.FindingFactory(key=k("finding"), visit=visit, contribution=contribution, **c)
    action = f.FollowUpActionFactory(key=k("action"), finding=finding, **c)
    schedule = f.ReportingScheduleFactory(key=k("schedule"), contribution=contribution, **c)
    report = f.FieldReportFactory(
        key=k("fieldreport"), contribution=contribution, summary="Rustig", **c
    )
    evidence = f.EvidenceFactory(key=k("evidence"), assessment=assessment, document=source, **c)
    event = f.ContextEventFactory(
        key=k("event"), mission=mission, place=location, source=source, **c
    )
    event.figures.create(value=Decimal("7"), unit="aanvallen")
    threat = f.ThreatAssessmentFactory(key=k("threat"), mission=mission, location=location, **c)
    incident = f.IncidentFactory(
        key=k("incident"), contribution=contribution, location=location, **c
    )
    expenditure = f.ExpenditureFactory(
        key=k("expenditure"), mission=mission, contribution=contribution, **c
    )
    narrative = f.NarrativeBlockFactory(
        key=k("narrative"), mission=mission, contribution=contribution, **c
    )
    signatory = f.SignatoryFactory(key=k("signatory"), **c)
    for i in range(3):
        f.LogEntryFactory(
            contribution=contribution,
            date=dt.date(2024, 6, 1 + i),
            category="a",
            classification=level,
        )
    for resource, record in [
        ("organisations", org),
        ("sources", source),
        ("locations", location),
        ("mandates", mandate),
        ("planned-contributions", planned),
        ("contributions", contribution),
        ("assets", asset),
        ("milestones", milestone),
        ("roles", role),
        ("postings", posting),
        ("rating-scales", scale),
        ("dimensions", dimension),
        ("frameworks", framework),
        ("framework-versions", version),
        ("objectives", objective),
        ("long-term-objectives", lto),
        ("conditions", condition),
        ("conditions", condition2),
        ("condition-mappings", mapping),
        ("condition-assessments", assessment),
        ("evidence", evidence),
        ("indicators", indicator),
        ("observations", observation),
        ("programmes", programme),
        ("monitoring-visits", visit),
        ("findings", finding),
        ("follow-up-actions", action),
        ("reporting-schedules", schedule),
        ("field-reports", report),
        ("context-events", event),
        ("threat-assessments", threat),
        ("incidents", incident),
        ("expenditures", expenditure),
        ("narrative-blocks", narrative),
        ("signatories", signatory),
    ]:
        world.add(resource, record)


def _mapping(key, source, target, level):
    from missiemonitor.results.models import ConditionMapping

    return ConditionMapping.objects.create(
        key=key,
        source=source,
        target=target,
        relation="same",
        mission=target.mission,
        classification=level,
    )


def build_world(*, copies: int = 1, users: bool = True) -> World:
    """Two missions; per mission and per copy, records at two classifications."""
    world = World()
    alpha = f.MissionFactory(key="alpha", acronym="ALPHA")
    bravo = f.MissionFactory(
        key="bravo", acronym="BRAVO", classification=Classification.DEPARTEMENTAAL_VERTROUWELIJK
    )
    world.missions = [alpha, bravo]
    world.add("missions", alpha)
    world.add("missions", bravo)
    add_copies(world, range(copies))
    if users:
        # Passwords are not used by these tests; an unusable one saves a slow hash.
        world.users = {
            "high": f.UserFactory(
                username="high",
                clearance=Classification.STG_GEHEIM,
                all_missions=True,
                role="coordinator",
                password=None,
            ),
            "low": f.UserFactory(
                username="low",
                clearance=Classification.ONGERUBRICEERD,
                role="policy-officer",
                missions=[alpha],
                password=None,
            ),
            "mid": f.UserFactory(
                username="mid",
                clearance=Classification.DEPARTEMENTAAL_VERTROUWELIJK,
                role="analyst",
                missions=[bravo],
                password=None,
            ),
        }
    return world


def add_copies(world: World, copies) -> None:
    for copy in copies:
        for mission in world.missions:
            for level in LEVELS:
                build_records(world, mission, f"{mission.key}-{level}-{copy}", level)
