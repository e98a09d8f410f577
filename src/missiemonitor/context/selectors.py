"""Reads of the political and security context. Every read starts from ``visible_to(user)``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from missiemonitor.context.models import ContextEvent, EventFigure, Incident, ThreatAssessment
from missiemonitor.missions.scope import in_missions


def events_timeline(
    *,
    user: Any,
    start: dt.date | None = None,
    end: dt.date | None = None,
    categories: list[str] | None = None,
    area: str | None = None,
    place_key: str | None = None,
    mission_keys: list[str] | None = None,
) -> list[ContextEvent]:
    """Context events in date order, filtered by period, category, area and place. An event
    counts for a period when it starts in it or runs into it."""
    return list(events_query(user=user, start=start, end=end, categories=categories, area=area,
                             place_key=place_key, mission_keys=mission_keys))


def recent_events(*, user: Any, area: str, mission_keys: list[str] | None = None,
                  limit: int = 10) -> list[ContextEvent]:
    """The ``limit`` latest events of ``area`` (and of no or the given missions), in date order."""
    latest = events_query(user=user, area=area, mission_keys=mission_keys).order_by("-start", "-key")[:limit]
    return list(latest)[::-1]


def events_query(
    *,
    user: Any,
    start: dt.date | None = None,
    end: dt.date | None = None,
    categories: list[str] | None = None,
    area: str | None = None,
    place_key: str | None = None,
    mission_keys: list[str] | None = None,
) -> QuerySet[ContextEvent]:
    """The query of :func:`events_timeline`, to be paged."""
    qs = (
        ContextEvent.objects.visible_to(user)
        .with_visible(user, "place", "source")
        .prefetch_related(Prefetch("figures", queryset=EventFigure.objects.order_by("order", "id")))
    )
    if start:
        qs = qs.filter(Q(end__gte=start) | Q(end__isnull=True, start__gte=start))
    if end:
        qs = qs.filter(start__lte=end)
    if categories:
        qs = qs.filter(category__in=categories)
    if area:
        qs = qs.filter(area=area)
    if place_key:
        qs = qs.filter(Q(place__key=place_key) | Q(place__parent__key=place_key))
    qs = in_missions(qs, mission_keys, unbound=True)
    return qs.order_by("start", "key")


def threat_assessments_in(
    *, user: Any, start: dt.date | None = None, end: dt.date | None = None,
    area: str | None = None, place_key: str | None = None,
) -> list[ThreatAssessment]:
    qs = ThreatAssessment.objects.visible_to(user).with_visible(user, "location")
    if start:
        qs = qs.filter(valid_from__gte=start)
    if end:
        qs = qs.filter(valid_from__lte=end)
    if area:
        qs = qs.filter(area=area)
    if place_key:
        qs = qs.filter(Q(location__key=place_key) | Q(location__parent__key=place_key))
    return list(qs.order_by("valid_from", "key"))


def current_threat_levels(*, user: Any, as_of: dt.date, areas: list[str] | None = None) -> list[ThreatAssessment]:
    """The latest assessment valid on ``as_of`` for each place (or area, where no place is given)
    and threat. One query; the latest per group is picked in Python."""
    qs = (ThreatAssessment.objects.visible_to(user).filter(valid_from__lte=as_of)
          .with_visible(user, "location"))
    if areas:
        qs = qs.filter(area__in=areas)
    latest: dict[tuple, ThreatAssessment] = {}
    for item in qs.order_by("valid_from", "key"):
        latest[(item.area, item.location_id, item.threat)] = item
    return sorted(latest.values(), key=lambda t: (t.area, -(t.level or 0), t.threat))


def event_areas(*, user: Any) -> list[str]:
    return list(ContextEvent.objects.visible_to(user).order_by("area").values_list("area", flat=True).distinct())


def event_places(*, user: Any) -> list[tuple[str, str]]:
    from missiemonitor.missions.models import Location

    return list(
        Location.objects.visible_to(user).filter(events__isnull=False).distinct()
        .order_by("name").values_list("key", "name")
    )


def incidents_of(*, user: Any, contribution=None, start: dt.date | None = None,
                 end: dt.date | None = None) -> QuerySet[Incident]:
    qs = Incident.objects.visible_to(user).with_visible(user, "location", "contribution")
    if contribution is not None:
        qs = qs.filter(contribution=contribution)
    if start:
        qs = qs.filter(date__gte=start)
    if end:
        qs = qs.filter(date__lte=end)
    return qs.order_by("date", "key")
