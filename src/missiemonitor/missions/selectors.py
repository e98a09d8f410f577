"""Reads of the missions app: rotations.

**Rotation analysis.** The postings of a role are swept in order of arrival. A posting that
starts after everyone before it has left leaves a *handover gap* (the days nobody held the
post); one that starts before the last predecessor left makes an *overlap* (a warm handover);
one that starts the day after is *adjacent*. After the last posting, when the post is still
needed (its contribution has not ended) and nobody follows, the gap runs from the day after
the last departure up to the analysis date or the contribution's end: *no successor
recorded*. Tour lengths are the postings' lengths in days and months. A gap on a role that
supports a long-term objective (``LongTermObjective.roles``) is a risk to that objective.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from missiemonitor.core.periods import DAYS_PER_MONTH
from missiemonitor.core.provenance import RecordRef, refs
from missiemonitor.core.visibility import linked
from missiemonitor.missions.models import (
    Asset,
    Contribution,
    Mandate,
    Milestone,
    Mission,
    PlannedContribution,
    Posting,
    PostKind,
    Role,
)
from missiemonitor.missions.scope import in_missions, mission_scope

GAP = "gap"
NO_SUCCESSOR = "no-successor"
OVERLAP = "overlap"
ADJACENT = "adjacent"


@dataclass(frozen=True)
class Handover:
    role: Role
    kind: str  # GAP, NO_SUCCESSOR, OVERLAP or ADJACENT
    predecessor: Posting
    successor: Posting | None
    days: int  # days uncovered for gaps, days together for overlaps
    start: dt.date | None  # the first uncovered day (gaps) or the first shared day (overlaps)
    end: dt.date | None  # the last uncovered or shared day
    approximate: bool  # a date involved is only known to the month or year

    @property
    def is_gap(self) -> bool:
        return self.kind in (GAP, NO_SUCCESSOR)

    @property
    def records(self) -> tuple[RecordRef, ...]:
        return refs([self.role, self.predecessor] + ([self.successor] if self.successor else []))


@dataclass(frozen=True)
class ObjectiveLink:
    key: str
    code: str
    title: str
    title_en: str


@dataclass(frozen=True)
class RoleRotation:
    role: Role
    postings: tuple[Posting, ...]
    handovers: tuple[Handover, ...]
    objectives: tuple[ObjectiveLink, ...]  # long-term objectives this role supports

    @property
    def tour_days(self) -> list[int]:
        return [(p.end - p.start).days + 1 for p in self.postings if p.start and p.end]

    @property
    def gaps(self) -> list[Handover]:
        return [h for h in self.handovers if h.is_gap]

    @property
    def overlaps(self) -> list[Handover]:
        return [h for h in self.handovers if h.kind == OVERLAP]

    @property
    def at_risk(self) -> bool:
        return bool(self.objectives and self.gaps)


@dataclass(frozen=True)
class PostKindSummary:
    post_kind: str
    label: str
    roles: int
    tours: int  # completed tours, with both dates known
    average_tour_months: float | None
    median_tour_months: float | None
    shortest_tour_months: float | None
    longest_tour_months: float | None
    gaps: int
    gap_days: int
    overlaps: int
    average_overlap_days: float | None
    without_successor: int


@dataclass(frozen=True)
class RotationAnalysis:
    as_of: dt.date
    roles: tuple[RoleRotation, ...]
    by_post_kind: tuple[PostKindSummary, ...]

    @property
    def gaps(self) -> list[Handover]:
        return [g for r in self.roles for g in r.gaps]

    @property
    def objectives_at_risk(self) -> list[tuple[ObjectiveLink, Handover]]:
        return [(o, g) for r in self.roles for g in r.gaps for o in r.objectives]


def _approx(*precisions: str) -> bool:
    return any(p != "day" for p in precisions)


def role_handovers(role: Role, postings: list[Posting], as_of: dt.date) -> list[Handover]:
    """Sweep the postings of one role in order of arrival (see the module documentation)."""
    dated = sorted((p for p in postings if p.start), key=lambda p: (p.start, p.end or dt.date.max, p.key))
    handovers: list[Handover] = []
    holder: Posting | None = None  # the posting that stays longest so far
    for posting in dated:
        if holder is None:
            holder = posting
            continue
        if holder.end is None:  # still there: an overlap without a known end
            continue
        approximate = _approx(holder.end_precision, posting.start_precision)
        uncovered = (posting.start - holder.end).days - 1
        if uncovered > 0:
            handovers.append(Handover(role, GAP, holder, posting, uncovered,
                                      holder.end + dt.timedelta(days=1),
                                      posting.start - dt.timedelta(days=1), approximate))
        elif uncovered == 0:
            handovers.append(Handover(role, ADJACENT, holder, posting, 0, None, None, approximate))
        else:
            shared_end = min(holder.end, posting.end or holder.end)
            handovers.append(Handover(role, OVERLAP, holder, posting,
                                      (shared_end - posting.start).days + 1, posting.start,
                                      shared_end, approximate))
        if posting.end is None or posting.end > holder.end:
            holder = posting
    if holder is not None and holder.end is not None:
        contribution_end = role.contribution.end
        needed_until = min(as_of, contribution_end) if contribution_end else as_of
        if holder.end < needed_until:
            handovers.append(Handover(role, NO_SUCCESSOR, holder, None, (needed_until - holder.end).days,
                                      holder.end + dt.timedelta(days=1), needed_until,
                                      _approx(holder.end_precision)))
    return handovers


def _months(days: list[int]) -> list[float]:
    return [round(d / DAYS_PER_MONTH, 1) for d in days]


def _summaries(rotations: list[RoleRotation]) -> tuple[PostKindSummary, ...]:
    grouped: dict[str, list[RoleRotation]] = defaultdict(list)
    for rotation in rotations:
        grouped[rotation.role.post_kind].append(rotation)
    result = []
    for kind in PostKind.values:
        items = grouped.get(kind)
        if not items:
            continue
        months = _months([d for r in items for d in r.tour_days])
        gaps = [g for r in items for g in r.gaps]
        overlaps = [o for r in items for o in r.overlaps]
        result.append(PostKindSummary(
            post_kind=kind, label=str(PostKind(kind).label), roles=len(items), tours=len(months),
            average_tour_months=round(statistics.fmean(months), 1) if months else None,
            median_tour_months=round(statistics.median(months), 1) if months else None,
            shortest_tour_months=min(months) if months else None,
            longest_tour_months=max(months) if months else None,
            gaps=len(gaps), gap_days=sum(g.days for g in gaps), overlaps=len(overlaps),
            average_overlap_days=round(statistics.fmean(o.days for o in overlaps), 1) if overlaps else None,
            without_successor=sum(1 for g in gaps if g.kind == NO_SUCCESSOR)))
    return tuple(result)


def rotation_analysis(*, user: Any, mission_keys: list[str] | None = None,
                      as_of: dt.date | None = None) -> RotationAnalysis:
    """Tour lengths, overlaps and handover gaps of every role in scope, per role and per kind of
    post, as of ``as_of`` (default: today). Three queries (plus the scope's)."""
    # The long-term objectives a role supports point at it (results depends on missions, not
    # the other way round): reach their model through the reverse relation.
    objective_model = Role._meta.get_field("long_term_objectives").related_model
    as_of = as_of or timezone.localdate()
    scope = mission_scope(user=user, mission_keys=mission_keys)
    # a role of a contribution the user may not see is not theirs to analyse
    role_qs = (Role.objects.visible_to(user).filter(scope.q())
               .filter(contribution__in=Contribution.objects.visible_to(user)))
    roles = list(role_qs.with_visible(user, "contribution__mission")
                 .order_by("mission__key", "contribution__order", "contribution__key", "key"))
    postings: dict[int, list[Posting]] = defaultdict(list)
    for posting in (Posting.objects.visible_to(user).filter(role_id__in=role_qs.values("pk"))
                    .order_by("role_id", "start", "key")):
        postings[posting.role_id].append(posting)
    links: dict[int, list[ObjectiveLink]] = defaultdict(list)
    for role_id, key, code, title, title_en in (
        objective_model.objects.visible_to(user).filter(roles__in=role_qs.values("pk"))
        .annotate(role_pk=F("roles")).order_by("order", "key")
        .values_list("role_pk", "key", "code", "title", "title_en")
    ):
        links[role_id].append(ObjectiveLink(key, code, title, title_en))
    rotations = [RoleRotation(role=role, postings=tuple(postings[role.pk]),
                              handovers=tuple(role_handovers(role, postings[role.pk], as_of)),
                              objectives=tuple(links[role.pk]))
                 for role in roles]
    return RotationAnalysis(as_of=as_of, roles=tuple(rotations), by_post_kind=_summaries(rotations))


# --- Plain reads for the pages ------------------------------------------------------

def missions_visible(*, user: Any, mission_keys: list[str] | None = None) -> QuerySet[Mission]:
    qs = Mission.objects.visible_to(user).order_by("start", "key")
    qs = in_missions(qs, mission_keys, path="pk")
    return qs


def mission_list(*, user: Any, query: str = "") -> QuerySet[Mission]:
    """Missions with their visible mandates (``visible_mandates``), for the missions overview,
    to be paged; ``query`` matches name, acronym and area."""
    qs = missions_visible(user=user)
    for word in query.split()[:5]:
        qs = qs.filter(Q(name__icontains=word) | Q(name_en__icontains=word) | Q(acronym__icontains=word)
                       | Q(area__icontains=word))
    return qs.prefetch_related(
        Prefetch("mandates", queryset=Mandate.objects.visible_to(user).order_by("date", "key"),
                 to_attr="visible_mandates"),
    )


def mandate_get(*, user: Any, key: str) -> Mandate:
    """One mandate with its visible missions, planned contributions (``visible_plans``) and the
    contributions that serve it (``visible_contributions``)."""
    return (Mandate.objects.visible_to(user)
            .prefetch_related(
                Prefetch("missions", queryset=Mission.objects.visible_to(user), to_attr="visible_missions"),
                Prefetch("planned_contributions",
                         queryset=PlannedContribution.objects.visible_to(user).with_visible(user, "mission")
                         .order_by("start", "key"), to_attr="visible_plans"),
                Prefetch("contributions", queryset=Contribution.objects.visible_to(user)
                         .with_visible(user, "mission"), to_attr="visible_contributions"))
            .get(key=key))


def contribution_assets(*, user: Any, contribution: Contribution) -> list[Asset]:
    return list(Asset.objects.visible_to(user).filter(contribution=contribution).order_by("key"))


def contributions_by_mission(*, user: Any, missions: list[Mission]) -> dict[int, list[Contribution]]:
    result: dict[int, list[Contribution]] = defaultdict(list)
    for contribution in Contribution.objects.visible_to(user).filter(mission__in=missions):
        result[contribution.mission_id].append(contribution)
    return result


def mission_get(*, user: Any, key: str) -> Mission:
    """One mission; raises Mission.DoesNotExist for a mission the user may not see."""
    return missions_visible(user=user).get(key=key)


def mission_mandates(*, user: Any, mission: Mission) -> list[Mandate]:
    return list(Mandate.objects.visible_to(user).filter(missions=mission).order_by("date", "key"))


def mission_contributions(*, user: Any, mission: Mission) -> list[Contribution]:
    return list(Contribution.objects.visible_to(user).filter(mission=mission))


def contribution_get(*, user: Any, key: str) -> Contribution:
    """One contribution; its mission reads as None when the user may not see it (a mission
    classified above them can have unclassified contributions)."""
    return Contribution.objects.visible_to(user).with_visible(user, "mission").get(key=key)


def contribution_roles(*, user: Any, contribution: Contribution) -> list[Role]:
    """The contribution's roles, each with ``visible_postings`` in date order."""
    return list(
        Role.objects.visible_to(user)
        .filter(contribution=contribution)
        .select_related("location")
        .prefetch_related(
            Prefetch("postings", queryset=Posting.objects.visible_to(user).order_by("start", "key"),
                     to_attr="visible_postings")
        )
    )


def contribution_milestones(*, user: Any, contribution: Contribution) -> list[Milestone]:
    return list(Milestone.objects.visible_to(user).filter(contribution=contribution))


def contributions_visible(*, user: Any, mission_keys: list[str] | None = None) -> QuerySet[Contribution]:
    qs = Contribution.objects.visible_to(user).with_visible(user, "mission")
    qs = in_missions(qs, mission_keys)
    return qs


@dataclass(frozen=True)
class PersonnelSeries:
    """Headcount of one mission's postings on each of ``dates``."""

    mission: Mission
    dates: list[dt.date]
    headcounts: list[int]
    approximately: bool

    @property
    def now(self) -> int:
        return self.headcounts[-1] if self.headcounts else 0

    @property
    def points(self) -> list[tuple[dt.date, int]]:
        return list(zip(self.dates, self.headcounts, strict=True))


@dataclass(frozen=True)
class _Deployed:
    """One posting, or one contribution without postings, that counts towards a headcount."""

    mission_id: int
    ref: RecordRef
    classification: int
    start: dt.date | None
    end: dt.date | None
    headcount: int
    approximately: bool
    undated: bool  # a contribution whose start is not recorded, counted as running

    def runs_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or self.end >= day)


def _deployed(user: Any, missions: list[Mission], first: dt.date, last: dt.date) -> list[_Deployed]:
    """The records that count towards the headcount on days from ``first`` to ``last``: where a
    contribution's postings are recorded, the postings (a posting without a start does not
    count); for a contribution without postings, its actual headcount (else its planned one),
    an unknown start or end counting as running (and making the figure approximate). Two
    queries."""
    found: list[_Deployed] = []
    staffed: set[int] = set()
    postings = (
        Posting.objects.visible_to(user)
        .filter(mission__in=missions, start__isnull=False, start__lte=last)
        .filter(Q(end__isnull=True) | Q(end__gte=first))
        .values_list("mission_id", "role__contribution_id", "key", "classification", "start", "end",
                     "headcount", "headcount_approximately")
        .order_by("start", "key")
    )
    for mission_id, contribution_id, key, level, start, end, headcount, approx in postings:
        staffed.add(contribution_id)
        found.append(_Deployed(mission_id, RecordRef(Posting._meta.label, key), level, start, end,
                               headcount or 0, approx, False))
    contributions = (
        Contribution.objects.visible_to(user).filter(mission__in=missions)
        .filter(Q(start__isnull=True) | Q(start__lte=last)).filter(Q(end__isnull=True) | Q(end__gte=first))
        .values_list("pk", "mission_id", "key", "classification", "start", "end", "actual_headcount",
                     "planned_headcount", "headcount_approximately")
        .order_by("key")
    )
    for pk, mission_id, key, level, start, end, actual, planned, approx in contributions:
        if pk in staffed or (actual is None and planned is None):
            continue
        headcount = actual if actual is not None else planned
        found.append(_Deployed(mission_id, RecordRef(Contribution._meta.label, key), level, start, end,
                               headcount, approx or start is None or actual is None, start is None))
    return found


def personnel_deployed(
    *, user: Any, dates: list[dt.date], mission_keys: list[str] | None = None
) -> list[PersonnelSeries]:
    """Per mission, the people deployed on each date. Where a contribution's postings are
    recorded, the sum of the headcounts of the postings running on that date (start on or
    before it, end empty or on or after it); for a contribution without postings, its actual
    headcount (else its planned one) on the dates within its period, an unknown start or end
    counting as running (and making the figure approximate). Three queries, whatever the
    number of dates or records."""
    missions = list(missions_visible(user=user, mission_keys=mission_keys))
    if not dates or not missions:
        return []
    totals: dict[int, list[int]] = {mission.pk: [0] * len(dates) for mission in missions}
    approximate: dict[int, bool] = defaultdict(bool)
    for item in _deployed(user, missions, min(dates), max(dates)):
        row = totals[item.mission_id]
        for index, day in enumerate(dates):
            if item.runs_on(day):
                row[index] += item.headcount
                approximate[item.mission_id] |= item.approximately
    return [
        PersonnelSeries(mission, list(dates), totals[mission.pk], approximate[mission.pk])
        for mission in missions
        if any(totals[mission.pk])
    ]


@dataclass(frozen=True)
class Headcount:
    """The people deployed with one mission on one day (counted as
    :func:`personnel_deployed` counts them), with the records the count comes from."""

    mission: Mission
    day: dt.date
    count: int
    approximately: bool
    undated: bool  # it counts a contribution whose start is not recorded
    records: tuple[RecordRef, ...]
    classifications: tuple[int, ...]  # of ``records``, in the same order

    @property
    def classification(self) -> int:
        return max(self.classifications, default=0)


def personnel_on(*, user: Any, days: list[dt.date],
                 mission_keys: list[str] | None = None) -> list[Headcount]:
    """Per mission and day, the people deployed and the postings or contributions counted; a
    mission with no record running on a day has no entry for it. Three queries."""
    missions = list(missions_visible(user=user, mission_keys=mission_keys))
    if not days or not missions:
        return []
    deployed: dict[int, list[_Deployed]] = defaultdict(list)
    for item in _deployed(user, missions, min(days), max(days)):
        deployed[item.mission_id].append(item)
    result = []
    for mission in missions:
        for day in days:
            running = [d for d in deployed[mission.pk] if d.runs_on(day)]
            if running:
                result.append(Headcount(
                    mission=mission, day=day, count=sum(d.headcount for d in running),
                    approximately=any(d.approximately for d in running),
                    undated=any(d.undated for d in running),
                    records=tuple(d.ref for d in running),
                    classifications=tuple(d.classification for d in running)))
    return result


def contribution_rotations(*, user: Any, contribution: Contribution,
                           as_of: dt.date | None = None) -> list[RoleRotation]:
    """The rotation analysis of the contribution's roles: postings, overlaps and handover gaps."""
    mission = linked(contribution, "mission")
    analysis = rotation_analysis(user=user, mission_keys=[mission.key] if mission else None, as_of=as_of)
    return [rotation for rotation in analysis.roles if rotation.role.contribution_id == contribution.pk]


__all__ = [
    "ADJACENT",
    "GAP",
    "NO_SUCCESSOR",
    "OVERLAP",
    "Handover",
    "Headcount",
    "ObjectiveLink",
    "PostKindSummary",
    "RoleRotation",
    "RotationAnalysis",
    "contribution_rotations",
    "mission_list",
    "personnel_deployed",
    "personnel_on",
    "role_handovers",
    "rotation_analysis",
]
