"""Reads of missions, mandates, contributions and their postings. Every read starts from
``visible_to(user)``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from missiemonitor.missions.models import (
    Contribution,
    Mandate,
    Milestone,
    Mission,
    Posting,
    Role,
)


def missions_visible(*, user: Any, mission_keys: list[str] | None = None) -> QuerySet[Mission]:
    qs = Mission.objects.visible_to(user).order_by("start", "key")
    if mission_keys:
        qs = qs.filter(key__in=mission_keys)
    return qs


def mission_list(*, user: Any) -> list[Mission]:
    """Missions with their visible contributions and mandates, for the missions overview."""
    return list(
        missions_visible(user=user).prefetch_related(
            Prefetch("mandates", queryset=Mandate.objects.visible_to(user).order_by("date", "key"),
                     to_attr="visible_mandates"),
        )
    )


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
    return Contribution.objects.visible_to(user).select_related("mission").get(key=key)


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
    qs = Contribution.objects.visible_to(user).select_related("mission")
    if mission_keys:
        qs = qs.filter(mission__key__in=mission_keys)
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


def personnel_deployed(
    *, user: Any, dates: list[dt.date], mission_keys: list[str] | None = None
) -> list[PersonnelSeries]:
    """Per mission, the people deployed on each date: the sum of the headcounts of the postings
    running on that date (start on or before it, end empty or on or after it). One query for
    the missions and one for the postings, whatever the number of dates."""
    missions = list(missions_visible(user=user, mission_keys=mission_keys))
    if not dates or not missions:
        return []
    first, last = min(dates), max(dates)
    postings = (
        Posting.objects.visible_to(user)
        .filter(mission__in=missions, start__isnull=False, start__lte=last)
        .filter(Q(end__isnull=True) | Q(end__gte=first))
        .values_list("mission_id", "start", "end", "headcount", "headcount_approximately")
    )
    totals: dict[int, list[int]] = {mission.pk: [0] * len(dates) for mission in missions}
    approximate: dict[int, bool] = defaultdict(bool)
    for mission_id, start, end, headcount, approx in postings:
        row = totals[mission_id]
        for index, day in enumerate(dates):
            if start <= day and (end is None or end >= day):
                row[index] += headcount or 0
                approximate[mission_id] |= approx
    return [
        PersonnelSeries(mission, list(dates), totals[mission.pk], approximate[mission.pk])
        for mission in missions
        if any(totals[mission.pk])
    ]


@dataclass(frozen=True)
class Rotation:
    """A role with its postings and handover gaps, for the postings timeline."""

    role: Role
    postings: list[Posting]
    gaps: list[Any]


def contribution_rotations(*, user: Any, contribution: Contribution) -> list[Rotation]:
    """The contribution's roles with their postings, and the handover gaps that the rotation
    analysis finds between them."""
    roles = contribution_roles(user=user, contribution=contribution)
    return [Rotation(role, role.visible_postings, []) for role in roles]
