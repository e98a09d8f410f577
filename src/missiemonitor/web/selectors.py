"""Reads that the cross-domain pages (dashboard, search) combine. Each goes through the owning
app's selectors, or through ``visible_to(user)`` directly."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from missiemonitor.web.pages import Period


def reporting_period_default(*, user: Any) -> Period | None:
    """The period of the most recent report the user may see (its narrative blocks), so the
    dashboard opens on the period people are reporting on."""
    from missiemonitor.reporting.models import NarrativeBlock

    latest = NarrativeBlock.objects.visible_to(user).order_by("-end", "-start").values_list("start", "end").first()
    return Period(*latest) if latest else None


def month_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    """The last day of each month from ``start`` to ``end``; the last entry is ``end`` itself."""
    days = []
    year, month = start.year, start.month
    while (year, month) < (end.year, end.month):
        days.append(dt.date(year, month, calendar.monthrange(year, month)[1]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    days.append(end)
    return days


def areas_of(missions: list[Any], mission_keys: list[str] | None) -> list[str]:
    """The areas of the missions in scope (context events and threats apply by area)."""
    return sorted({m.area for m in missions if not mission_keys or m.key in mission_keys})


SEARCH_LIMIT = 25


def _search_specs():
    from missiemonitor.context.models import ContextEvent
    from missiemonitor.missions.models import Contribution, Mission
    from missiemonitor.monitoring.models import FieldReport
    from missiemonitor.reporting.models import NarrativeBlock
    from missiemonitor.results.models import LongTermObjective, Objective

    # (group, model, searched fields, related to load)
    return [
        ("missions", Mission, ["name", "name_en", "acronym", "description", "description_en", "area"], []),
        ("contributions", Contribution, ["name", "name_en", "description", "description_en"], ["mission"]),
        ("objectives", Objective, ["code", "title", "title_en", "description", "description_en"], ["mission"]),
        ("long_term_objectives", LongTermObjective, ["code", "title", "title_en", "description"], ["mission"]),
        ("events", ContextEvent, ["title", "title_en", "text", "text_en", "area"], ["place"]),
        ("field_reports", FieldReport, ["summary", "body"], ["contribution"]),
        ("reports", NarrativeBlock, ["heading", "text"], ["contribution"]),
    ]


def search_records(*, user: Any, query: str) -> dict[str, list[Any]]:
    """Records of each searchable kind whose text contains every word of ``query``, within what
    ``user`` may see. One query per kind, at most SEARCH_LIMIT + 1 rows each (the extra row
    tells the page there are more)."""
    from django.db.models import Q

    words = [w for w in query.split() if w][:8]
    if not words:
        return {}
    results = {}
    for group, model, fields, related in _search_specs():
        condition = Q()
        for word in words:
            any_field = Q()
            for field in fields:
                any_field |= Q(**{f"{field}__icontains": word})
            condition &= any_field
        qs = model.objects.visible_to(user).filter(condition)
        if related:  # a mission or contribution the user may not see reads as None
            qs = qs.with_visible(user, *related)
        results[group] = list(qs[: SEARCH_LIMIT + 1])
    return results


def quarter_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    """The last day of each quarter from ``start`` to ``end``, and ``end`` itself."""
    days = [day for day in month_ends(start, end)[:-1] if day.month in (3, 6, 9, 12)]
    return [*days, end][-16:]


EVIDENCE_LIMIT = 100


def evidence_choices(*, user: Any, mission: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """What an assessment of ``mission`` can cite as evidence, grouped by kind: findings, field
    reports, observations and documents the user may see (the latest EVIDENCE_LIMIT of each).
    Values are ``kind:key``, as the evidence service takes them."""
    from django.utils.translation import gettext as _

    from missiemonitor.core.models import Source
    from missiemonitor.monitoring.models import FieldReport, Finding
    from missiemonitor.results.models import Observation

    def scoped(qs):
        return qs.filter(mission=mission) if mission is not None else qs

    findings = scoped(Finding.objects.visible_to(user)).select_related("visit").order_by("-visit__start", "key")
    reports = scoped(FieldReport.objects.visible_to(user)).select_related("contribution").order_by("-start", "key")
    observations = scoped(Observation.objects.visible_to(user)).select_related("indicator").order_by("-end", "key")
    documents = Source.objects.visible_to(user).order_by("-date", "key")
    return [
        (_("Findings"), [(f"finding:{f.key}", f"{f.visit}: {f.text[:80]}") for f in findings[:EVIDENCE_LIMIT]]),
        (_("Field reports"), [(f"field-report:{r.key}", f"{r.contribution} {r.start:%Y-%m-%d} – {r.end:%Y-%m-%d}")
                              for r in reports[:EVIDENCE_LIMIT]]),
        (_("Observations"), [(f"observation:{o.key}", f"{o.indicator}: {o.value.normalize():f} ({o.start:%Y-%m-%d} – {o.end:%Y-%m-%d})")
                             for o in observations[:EVIDENCE_LIMIT]]),
        (_("Documents"), [(f"document:{d.key}", d.citation[:100]) for d in documents[:EVIDENCE_LIMIT]]),
    ]
