"""factory_boy factories for the domain models (users: ``.accounts``, programmes:
``.programmes``, all importable from here). Keys are unique sequences; missions are
derived the way the loader derives them (a role takes its contribution's mission, and so on)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from missiemonitor.context.models import ContextEvent, Incident, ThreatAssessment
from missiemonitor.core.models import Organisation, Source
from missiemonitor.finance.models import BudgetSource, Expenditure
from missiemonitor.missions.models import (
    Asset,
    Contribution,
    ContributionKind,
    Location,
    Mandate,
    Milestone,
    Mission,
    PlannedContribution,
    Posting,
    PostKind,
    Role,
)
from missiemonitor.monitoring.models import (
    FieldReport,
    Finding,
    FollowUpAction,
    MonitoringVisit,
    ReportingSchedule,
)
from missiemonitor.reporting.models import NarrativeBlock, Signatory
from missiemonitor.results.models import (
    Condition,
    ConditionAssessment,
    Dimension,
    DimensionValue,
    Evidence,
    Framework,
    FrameworkVersion,
    Indicator,
    LogEntry,
    LongTermObjective,
    Objective,
    Observation,
    RatingScale,
    ScaleLevel,
)
from missiemonitor.testing.factories._base import PERIOD_END, PERIOD_START, _key
from missiemonitor.testing.factories.accounts import UserFactory as UserFactory
from missiemonitor.testing.factories.programmes import (
    ProgrammeBudgetFactory as ProgrammeBudgetFactory,
)
from missiemonitor.testing.factories.programmes import ProgrammeFactory as ProgrammeFactory
from missiemonitor.testing.factories.programmes import (
    ProgrammeTransactionFactory as ProgrammeTransactionFactory,
)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    key = _key("org")
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = Organisation.Kind.MINISTRY


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source

    key = _key("src")
    title = factory.Sequence(lambda n: f"Bron {n}")
    kind = Source.Kind.REPORT


class LocationFactory(DjangoModelFactory):
    class Meta:
        model = Location

    key = _key("loc")
    name = factory.Sequence(lambda n: f"Kamp {n}")
    kind = Location.Kind.BASE
    country = "XA"


class MissionFactory(DjangoModelFactory):
    class Meta:
        model = Mission

    key = _key("mission")
    name = factory.Sequence(lambda n: f"Missie {n}")
    acronym = factory.Sequence(lambda n: f"M{n}")
    lead = Mission.Lead.NATO
    kind = Mission.Kind.MIXED
    area = "Testland"
    start = dt.date(2020, 1, 1)


class MandateFactory(DjangoModelFactory):
    class Meta:
        model = Mandate

    key = _key("mandate")
    kind = Mandate.Kind.ARTICLE_100
    title = factory.Sequence(lambda n: f"Artikel 100-brief {n}")
    dossier = "27925"
    number = factory.Sequence(lambda n: 1000 + n)
    date = dt.date(2023, 7, 7)


class PlannedContributionFactory(DjangoModelFactory):
    class Meta:
        model = PlannedContribution

    key = _key("planned")
    mandate = factory.SubFactory(MandateFactory)
    mission = factory.SubFactory(MissionFactory)
    kind = ContributionKind.FORCE_PROTECTION
    description = "Een eenheid"


class ContributionFactory(DjangoModelFactory):
    class Meta:
        model = Contribution

    key = _key("contribution")
    mission = factory.SubFactory(MissionFactory)
    name = factory.Sequence(lambda n: f"Bijdrage {n}")
    kind = ContributionKind.MILITARY_ADVISERS
    ministry = "def"
    start = dt.date(2024, 1, 1)


class AssetFactory(DjangoModelFactory):
    class Meta:
        model = Asset

    key = _key("asset")
    contribution = factory.SubFactory(ContributionFactory)
    mission = factory.SelfAttribute("contribution.mission")
    asset_type = "transporthelikopter"
    count = 3


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    key = _key("milestone")
    contribution = factory.SubFactory(ContributionFactory)
    mission = factory.SelfAttribute("contribution.mission")
    kind = Milestone.Kind.END_OF_OPERATIONS
    date = dt.date(2025, 4, 1)
    text = "Laatste vlucht"


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = Role

    key = _key("role")
    contribution = factory.SubFactory(ContributionFactory)
    mission = factory.SelfAttribute("contribution.mission")
    name = factory.Sequence(lambda n: f"Adviseur {n}")
    post_kind = PostKind.MILITARY_ADVISER
    headcount = 1


class PostingFactory(DjangoModelFactory):
    class Meta:
        model = Posting

    key = _key("posting")
    role = factory.SubFactory(RoleFactory)
    mission = factory.SelfAttribute("role.mission")
    headcount = 1
    start = dt.date(2024, 1, 1)
    end = dt.date(2024, 6, 30)


class RatingScaleFactory(DjangoModelFactory):
    class Meta:
        model = RatingScale
        skip_postgeneration_save = True

    key = _key("scale")
    name = "Schaal"
    met_threshold = 2

    @factory.post_generation
    def levels(self, create, extracted, **kwargs):
        if not create:
            return
        for rank, code in enumerate(extracted or ["none", "partly", "met", "sustained"]):
            ScaleLevel.objects.create(scale=self, rank=rank, code=code, label=code, label_en=code)


class FrameworkFactory(DjangoModelFactory):
    class Meta:
        model = Framework

    key = _key("framework")
    mission = factory.SubFactory(MissionFactory)
    name = "LTO-raamwerk"


class FrameworkVersionFactory(DjangoModelFactory):
    class Meta:
        model = FrameworkVersion

    key = _key("version")
    framework = factory.SubFactory(FrameworkFactory)
    mission = factory.SelfAttribute("framework.mission")
    label = factory.Sequence(lambda n: f"v{n}")
    scale = factory.SubFactory(RatingScaleFactory)


class ObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = Objective

    key = _key("objective")
    mission = factory.SubFactory(MissionFactory)
    level = Objective.Level.MISSION
    title = factory.Sequence(lambda n: f"Doelstelling {n}")


class LongTermObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = LongTermObjective

    key = _key("lto")
    framework_version = factory.SubFactory(FrameworkVersionFactory)
    mission = factory.SelfAttribute("framework_version.mission")
    code = factory.Sequence(lambda n: f"LTO {n}")
    title = factory.Sequence(lambda n: f"Lange-termijndoelstelling {n}")


class ConditionFactory(DjangoModelFactory):
    class Meta:
        model = Condition

    key = _key("condition")
    objective = factory.SubFactory(LongTermObjectiveFactory)
    mission = factory.SelfAttribute("objective.mission")
    code = factory.Sequence(lambda n: f"C{n}")
    text = factory.Sequence(lambda n: f"Voorwaarde {n}")


class ConditionAssessmentFactory(DjangoModelFactory):
    class Meta:
        model = ConditionAssessment

    key = _key("assessment")
    condition = factory.SubFactory(ConditionFactory)
    mission = factory.SelfAttribute("condition.mission")
    level = factory.LazyAttribute(lambda o: o.condition.objective.framework_version.scale.levels.order_by("rank").first())
    date = dt.date(2024, 9, 1)
    state = "approved"


class DimensionFactory(DjangoModelFactory):
    class Meta:
        model = Dimension
        skip_postgeneration_save = True

    key = _key("dimension")
    name = "Taakstelling"

    @factory.post_generation
    def values(self, create, extracted, **kwargs):
        if not create:
            return
        for order, code in enumerate(extracted or ["a", "b", "c"]):
            DimensionValue.objects.create(dimension=self, code=code, label=code.upper(), order=order)


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    key = _key("indicator")
    mission = factory.SubFactory(MissionFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "stuks"


class ObservationFactory(DjangoModelFactory):
    class Meta:
        model = Observation

    key = _key("observation")
    indicator = factory.SubFactory(IndicatorFactory)
    mission = factory.SelfAttribute("indicator.mission")
    start = PERIOD_START
    end = PERIOD_END
    value = Decimal("100")


class LogEntryFactory(DjangoModelFactory):
    class Meta:
        model = LogEntry

    kind = "flight"
    contribution = factory.SubFactory(ContributionFactory)
    mission = factory.SelfAttribute("contribution.mission")
    date = dt.date(2024, 6, 1)
    quantity = Decimal("2.5")
    category = "a"


class EvidenceFactory(DjangoModelFactory):
    class Meta:
        model = Evidence

    key = _key("evidence")
    assessment = factory.SubFactory(ConditionAssessmentFactory)
    mission = factory.SelfAttribute("assessment.mission")
    kind = Evidence.Kind.DOCUMENT
    document = factory.SubFactory(SourceFactory)


class MonitoringVisitFactory(DjangoModelFactory):
    class Meta:
        model = MonitoringVisit

    key = _key("visit")
    title = "Monitoringsbezoek"
    start = dt.date(2024, 8, 1)
    start_precision = "month"


class FindingFactory(DjangoModelFactory):
    class Meta:
        model = Finding

    key = _key("finding")
    visit = factory.SubFactory(MonitoringVisitFactory)
    mission = factory.SelfAttribute("visit.mission")
    text = "Bevinding"


class FollowUpActionFactory(DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    key = _key("action")
    finding = factory.SubFactory(FindingFactory)
    mission = factory.SelfAttribute("finding.mission")
    description = "Actie"
    owner = "DOPS"
    due = dt.date(2024, 12, 1)


class ReportingScheduleFactory(DjangoModelFactory):
    class Meta:
        model = ReportingSchedule

    key = _key("schedule")
    contribution = factory.SubFactory(ContributionFactory)
    mission = factory.SelfAttribute("contribution.mission")
    frequency = "monthly"
    start = PERIOD_START


class FieldReportFactory(DjangoModelFactory):
    class Meta:
        model = FieldReport

    key = _key("fieldreport")
    contribution = factory.SubFactory(ContributionFactory)
    mission = factory.SelfAttribute("contribution.mission")
    start = dt.date(2024, 5, 1)
    end = dt.date(2024, 5, 31)


class ContextEventFactory(DjangoModelFactory):
    class Meta:
        model = ContextEvent

    key = _key("event")
    category = ContextEvent.Category.POLITICAL
    start = dt.date(2024, 7, 15)
    area = "Testland"
    title = factory.Sequence(lambda n: f"Gebeurtenis {n}")


class ThreatAssessmentFactory(DjangoModelFactory):
    class Meta:
        model = ThreatAssessment

    key = _key("threat")
    area = "Testland"
    threat = "indirect vuur"
    level = 3
    valid_from = dt.date(2024, 6, 1)


class IncidentFactory(DjangoModelFactory):
    class Meta:
        model = Incident

    key = _key("incident")
    contribution = factory.SubFactory(ContributionFactory)
    mission = factory.SelfAttribute("contribution.mission")
    date = dt.date(2024, 12, 1)
    incident_type = Incident.Type.INJURY
    severity = Incident.Severity.MINOR
    description = "Gewond tijdens oefening"


class ExpenditureFactory(DjangoModelFactory):
    class Meta:
        model = Expenditure

    key = _key("expenditure")
    mission = factory.SubFactory(MissionFactory)
    start = dt.date(2024, 1, 1)
    end = dt.date(2024, 12, 31)
    amount = Decimal("1000000")
    budget_source = BudgetSource.BIV


class NarrativeBlockFactory(DjangoModelFactory):
    class Meta:
        model = NarrativeBlock

    key = _key("narrative")
    section = "essence"
    start = PERIOD_START
    end = PERIOD_END
    language = "nl"
    text = "Tekst"


class SignatoryFactory(DjangoModelFactory):
    class Meta:
        model = Signatory

    key = _key("signatory")
    start = PERIOD_START
    end = PERIOD_END
    name = factory.Sequence(lambda n: f"Minister {n}")
    function = "De minister van Defensie"
