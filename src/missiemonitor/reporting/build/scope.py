"""Everything a report reads, loaded up front with a fixed number of queries.

Each model is read once, through ``visible_to(user)``, for the whole scope (missions and
period); related records are joined in Python. The number of queries therefore does not grow
with the amount of data, and the renderers never need the database.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, Max, OuterRef, Q

from missiemonitor.context.models import ContextEvent, EventFigure, Incident, ThreatAssessment
from missiemonitor.core.models import Organisation, Source
from missiemonitor.core.periods import shift_years
from missiemonitor.finance.models import Expenditure
from missiemonitor.missions.models import (
    Asset,
    Contribution,
    Location,
    Mandate,
    Milestone,
    Mission,
    Posting,
    Role,
)
from missiemonitor.monitoring.models import Finding, FollowUpAction, MonitoringVisit
from missiemonitor.programmes.models import Programme
from missiemonitor.reporting.models import NarrativeBlock, Signatory
from missiemonitor.results.models import (
    DimensionValue,
    Framework,
    FrameworkVersion,
    Indicator,
    LogEntry,
    LongTermObjective,
    Objective,
    Observation,
)


def overlaps(start_field: str, end_field: str, start: dt.date, end: dt.date) -> Q:
    """Records whose period (open ends allowed) overlaps [start, end]."""
    return (Q(**{f"{start_field}__isnull": True}) | Q(**{f"{start_field}__lte": end})) & (
        Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": start})
    )


def group(items, attr: str) -> dict[Any, list]:
    grouped: dict[Any, list] = defaultdict(list)
    for item in items:
        grouped[getattr(item, attr)].append(item)
    return grouped


@dataclass
class Scope:
    """The records of one report, as the user may see them."""

    user: Any
    start: dt.date
    end: dt.date
    language: str
    mission_keys: list[str] | None
    missions: list[Mission] = field(default_factory=list)
    mandates: list[Mandate] = field(default_factory=list)
    mandate_missions: dict[int, set[int]] = field(default_factory=dict)
    contributions: list[Contribution] = field(default_factory=list)
    contribution_mandates: dict[int, set[int]] = field(default_factory=dict)
    assets: dict[int, list[Asset]] = field(default_factory=dict)
    milestones: dict[int, list[Milestone]] = field(default_factory=dict)
    roles: dict[int, list[Role]] = field(default_factory=dict)
    postings: dict[int, list[Posting]] = field(default_factory=dict)
    locations: dict[int, Location] = field(default_factory=dict)
    organisations: dict[int, Organisation] = field(default_factory=dict)
    sources: dict[int, Source] = field(default_factory=dict)
    objectives: list[Objective] = field(default_factory=list)
    frameworks: list[Framework] = field(default_factory=list)
    versions: dict[int, list[FrameworkVersion]] = field(default_factory=dict)
    ltos: dict[int, list[LongTermObjective]] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    observations: dict[int, list[Observation]] = field(default_factory=dict)
    dimension_values: dict[tuple[str, str], DimensionValue] = field(default_factory=dict)
    visits: list[MonitoringVisit] = field(default_factory=list)
    visit_organisations: dict[int, list[int]] = field(default_factory=dict)
    findings: dict[int, list[Finding]] = field(default_factory=dict)
    actions: dict[int, list[FollowUpAction]] = field(default_factory=dict)
    events: list[ContextEvent] = field(default_factory=list)
    event_figures: dict[int, list[EventFigure]] = field(default_factory=dict)
    threats: list[ThreatAssessment] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    expenditures: list[Expenditure] = field(default_factory=list)
    programmes: list[Programme] = field(default_factory=list)
    narratives: list[NarrativeBlock] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)
    log_levels: dict[tuple[int, str], int] = field(default_factory=dict)

    @property
    def mission_ids(self) -> set[int]:
        return {m.pk for m in self.missions}

    @property
    def areas(self) -> set[str]:
        return {m.area for m in self.missions}

    def mission(self, pk: int | None) -> Mission | None:
        return self._missions_by_id.get(pk) if pk is not None else None

    def contribution(self, pk: int | None) -> Contribution | None:
        return self._contributions_by_id.get(pk) if pk is not None else None

    def index(self) -> None:
        self._missions_by_id = {m.pk: m for m in self.missions}
        self._contributions_by_id = {c.pk: c for c in self.contributions}

    def contributions_of(self, mission: Mission) -> list[Contribution]:
        return [c for c in self.contributions if c.mission_id == mission.pk]


def load_scope(*, user: Any, start: dt.date, end: dt.date, language: str,
               mission_keys: list[str] | None) -> Scope:
    scope = Scope(user=user, start=start, end=end, language=language, mission_keys=mission_keys)
    in_period = overlaps("start", "end", start, end)
    # The previous year is read too, so that figures can be compared with it.
    compare_from = shift_years(start, -1)

    missions = Mission.objects.visible_to(user)
    if mission_keys:
        missions = list(missions.filter(key__in=mission_keys))
        order = {key: i for i, key in enumerate(mission_keys)}
        missions.sort(key=lambda m: order[m.key])
    else:
        active = Contribution.objects.visible_to(user).filter(in_period, mission=OuterRef("pk"))
        missions = list(missions.filter(Exists(active)).order_by("pk"))
    scope.missions = missions
    ids = [m.pk for m in missions]

    scope.contributions = list(
        Contribution.objects.visible_to(user).filter(in_period, mission_id__in=ids)
    )
    rank = {pk: i for i, pk in enumerate(ids)}
    scope.contributions.sort(key=lambda c: (rank[c.mission_id], c.order, c.key))
    contribution_ids = [c.pk for c in scope.contributions]
    scope.index()

    through = Contribution.mandates.through.objects.filter(contribution_id__in=contribution_ids)
    for row in through:
        scope.contribution_mandates.setdefault(row.contribution_id, set()).add(row.mandate_id)
    mission_through = Mandate.missions.through.objects.filter(mission_id__in=ids)
    mandate_ids = {mid for mids in scope.contribution_mandates.values() for mid in mids}
    for row in mission_through:
        scope.mandate_missions.setdefault(row.mandate_id, set()).add(row.mission_id)
        mandate_ids.add(row.mandate_id)
    scope.mandates = list(Mandate.objects.visible_to(user).filter(pk__in=mandate_ids, date__lte=end)
                          .order_by("date", "key"))

    scope.assets = group(Asset.objects.visible_to(user).filter(contribution_id__in=contribution_ids),
                         "contribution_id")
    scope.milestones = group(
        Milestone.objects.visible_to(user).filter(contribution_id__in=contribution_ids)
        .order_by("date", "key"), "contribution_id")
    roles = list(Role.objects.visible_to(user).filter(contribution_id__in=contribution_ids))
    scope.roles = group(roles, "contribution_id")
    scope.postings = group(
        Posting.objects.visible_to(user).filter(overlaps("start", "end", start, end),
                                                role_id__in=[r.pk for r in roles])
        .order_by("start", "key"), "role_id")
    scope.locations = {loc.pk: loc for loc in Location.objects.visible_to(user)}
    scope.organisations = {o.pk: o for o in Organisation.objects.visible_to(user)}

    scope.objectives = list(Objective.objects.visible_to(user).filter(
        Q(mission_id__in=ids) | Q(contribution_id__in=contribution_ids)
        | Q(mandate_id__in=[m.pk for m in scope.mandates])).order_by("order", "key"))
    scope.frameworks = list(Framework.objects.visible_to(user).filter(mission_id__in=ids))
    versions = [v for v in FrameworkVersion.objects.visible_to(user).select_related("scale")
                .filter(framework_id__in=[f.pk for f in scope.frameworks]).order_by("issued", "key")
                if v.issued is None or v.issued <= end]
    scope.versions = group(versions, "framework_id")
    scope.ltos = group(LongTermObjective.objects.visible_to(user).filter(
        framework_version_id__in=[v.pk for v in versions]), "framework_version_id")

    programme_q = (Q(mission_id__in=ids) | Q(mission__isnull=True, area__in=scope.areas)) & in_period
    scope.programmes = list(Programme.objects.visible_to(user).filter(programme_q)
                            .select_related("partner").order_by("start", "key"))
    scope.indicators = list(Indicator.objects.visible_to(user).filter(
        Q(mission_id__in=ids) | Q(contribution_id__in=contribution_ids)
        | Q(programme_id__in=[p.pk for p in scope.programmes])).order_by("key"))
    scope.observations = group(Observation.objects.visible_to(user).filter(
        overlaps("start", "end", compare_from, end),
        indicator_id__in=[i.pk for i in scope.indicators]).order_by("start", "end", "key"),
        "indicator_id")
    scope.dimension_values = {
        (value.dimension.key, value.code): value
        for value in DimensionValue.objects.select_related("dimension")
        .filter(dimension__in=_visible_dimensions(user))
    }

    visits = MonitoringVisit.objects.visible_to(user).filter(in_period).filter(
        Q(mission_id__in=ids) | Q(missions__in=ids) | Q(mission__isnull=True, missions__isnull=True)
    ).distinct().order_by("start", "key")
    scope.visits = list(visits)
    # Subqueries rather than lists of ids: the same queries run whether or not there are visits.
    visit_ids = visits.values("pk")
    for row in MonitoringVisit.organisations.through.objects.filter(monitoringvisit_id__in=visit_ids):
        scope.visit_organisations.setdefault(row.monitoringvisit_id, []).append(row.organisation_id)
    findings_qs = Finding.objects.visible_to(user).filter(visit_id__in=visit_ids)
    scope.findings = group(list(findings_qs), "visit_id")
    scope.actions = group(FollowUpAction.objects.visible_to(user).filter(
        finding_id__in=findings_qs.values("pk")), "finding_id")

    context_q = Q(mission_id__in=ids) | Q(mission__isnull=True, area__in=scope.areas)
    scope.events = list(ContextEvent.objects.visible_to(user).filter(context_q).filter(
        Q(start__gte=start, start__lte=end) | Q(planned=True, start__gt=end)
    ).order_by("start", "key"))
    scope.event_figures = group(EventFigure.objects.filter(
        event_id__in=[e.pk for e in scope.events]).order_by("order", "id"), "event_id")
    scope.threats = list(ThreatAssessment.objects.visible_to(user).filter(context_q).filter(
        valid_from__lte=end).order_by("valid_from", "key"))
    scope.incidents = list(Incident.objects.visible_to(user).filter(
        Q(mission_id__in=ids) | Q(contribution_id__in=contribution_ids),
        date__gte=start, date__lte=end).order_by("date", "key"))
    scope.expenditures = list(Expenditure.objects.visible_to(user).filter(
        overlaps("start", "end", compare_from, end), mission_id__in=ids).order_by("start", "key"))

    scope.log_levels = {
        (row["contribution_id"], row["kind"]): row["level"]
        for row in LogEntry.objects.visible_to(user).filter(
            date__gte=start, date__lte=end, contribution_id__in=contribution_ids)
        .values("contribution_id", "kind").annotate(level=Max("classification")).order_by()
    }
    scope.narratives = list(NarrativeBlock.objects.visible_to(user).filter(
        start__gte=start, end__lte=end, language=language).filter(
        Q(mission__isnull=True) | Q(mission_id__in=ids)).order_by("section", "order", "key"))
    scope.signatories = list(Signatory.objects.visible_to(user).filter(in_period)
                             .order_by("order", "key"))
    source_ids = {r.source_id for r in [*scope.events, *scope.threats] if r.source_id}
    source_ids |= {o.source_id for obs in scope.observations.values() for o in obs if o.source_id}
    scope.sources = {s.pk: s for s in Source.objects.visible_to(user).filter(pk__in=source_ids)}
    _join(scope, roles)
    return scope


def _join(scope: Scope, roles: list[Role]) -> None:
    """Set the related records that titles and figures read, from what is loaded, so that no
    attribute access queries the database again."""
    indicators = {i.pk: i for i in scope.indicators}
    for observations in scope.observations.values():
        for obs in observations:
            obs.indicator = indicators[obs.indicator_id]
    for expenditure in scope.expenditures:
        expenditure.mission = scope.mission(expenditure.mission_id)
    by_id = {r.pk: r for r in roles}
    for postings in scope.postings.values():
        for posting in postings:
            posting.role = by_id[posting.role_id]


def _visible_dimensions(user: Any):
    from missiemonitor.results.models import Dimension

    return Dimension.objects.visible_to(user)
