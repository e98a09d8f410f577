"""What every page view shares: rendering with the classification banner, reading the period
and the mission scope from the query string, pagination, whether the user may write, and
telling htmx requests apart."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.dateparse import parse_date

from missiemonitor.core.periods import shift_period_years, shift_years
from missiemonitor.web.classification import highest_classification


def render_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    shown: tuple[Any, ...] | list[Any] = (),
    status: int = 200,
) -> HttpResponse:
    """Render ``template`` with the classification banner computed from ``shown``: the records
    (or selector results holding records) that the page displays."""
    context = dict(context or {})
    context["page_classification"] = highest_classification(*shown)
    return render(request, template, context, status=status)


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def can_write(user: Any) -> bool:
    """Whether the user's role may write records of some kind: pages show write actions only
    then (the rule of :func:`missiemonitor.core.permissions.can_write_some`)."""
    from missiemonitor.core.permissions import can_write_some

    return can_write_some(user)


PAGE_SIZE = 25


def paginate(request: HttpRequest, items: Any, *, per_page: int = PAGE_SIZE) -> Page:
    """One page of ``items`` (a queryset: a count and one slice in the database) from
    ``?page=N``; a page out of range shows the last one."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    errors: list[str] = field(default_factory=list)

    @property
    def main_year(self) -> int:
        """The calendar year that most of the period falls in (budgets are per year)."""
        days: dict[int, int] = {}
        for year in range(self.start.year, self.end.year + 1):
            first = max(self.start, dt.date(year, 1, 1))
            last = min(self.end, dt.date(year, 12, 31))
            days[year] = (last - first).days + 1
        return max(days, key=lambda y: (days[y], y))

    @property
    def previous_year(self) -> Period:
        return Period(*shift_period_years(self.start, self.end, -1))


def default_period(today: dt.date | None = None) -> Period:
    """The twelve whole months before the current month: the span of a yearly progress report."""
    today = today or dt.date.today()
    end = today.replace(day=1) - dt.timedelta(days=1)
    start = shift_years(end + dt.timedelta(days=1), -1)
    return Period(start, end)


def period_from(request: HttpRequest, default: Period) -> Period:
    """``?start=YYYY-MM-DD&end=YYYY-MM-DD``; a bad or reversed value falls back to the default
    and is reported, so the page still shows something sensible."""
    from django.utils.translation import gettext as _

    errors = []
    start = _parse(request.GET.get("start"), "start", errors)
    end = _parse(request.GET.get("end"), "end", errors)
    start = start or default.start
    end = end or default.end
    if end < start:
        errors.append(_("The end of the period is before its start; the default period is shown."))
        start, end = default.start, default.end
    return Period(start, end, errors)


def _parse(value: str | None, name: str, errors: list[str]) -> dt.date | None:
    from django.utils.translation import gettext as _

    if not value:
        return None
    try:
        parsed = parse_date(value)
    except ValueError:
        parsed = None
    if parsed is None:
        errors.append(_("%(field)s: %(value)s is not a date (expected YYYY-MM-DD).")
                      % {"field": name, "value": value})
    return parsed


def mission_keys_from(request: HttpRequest) -> list[str] | None:
    """``?mission=key&mission=key2``; None means every mission the user may see. A key that
    does not exist or names a mission the user may not see (the two look alike) raises
    :class:`~missiemonitor.missions.scope.UnknownMission`, which
    :class:`~missiemonitor.web.middleware.UnknownMissionMiddleware` shows as a page saying so."""
    from missiemonitor.missions.scope import mission_scope

    keys = [key for key in request.GET.getlist("mission") if key]
    if not keys:
        return None
    mission_scope(user=request.user, mission_keys=keys)  # one query; raises UnknownMission
    return keys
