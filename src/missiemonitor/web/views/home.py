"""Cross-domain pages: the dashboard, search, the accessibility statement. Views hold no logic:
they read the request, call selectors and services, and render."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from missiemonitor.context.models import Incident
from missiemonitor.context.selectors import current_threat_levels
from missiemonitor.finance.selectors import spending_against_previous_year
from missiemonitor.missions.selectors import missions_visible, personnel_deployed
from missiemonitor.monitoring.attention import Severity, attention_points
from missiemonitor.monitoring.selectors import reporting_compliance
from missiemonitor.reporting.comparison import period_comparison
from missiemonitor.results.selectors import objective_progress
from missiemonitor.web import charts, selectors
from missiemonitor.web.classification import classification_of_refs
from missiemonitor.web.pages import default_period, mission_keys_from, period_from, render_page


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    period = period_from(request, selectors.reporting_period_default(user=user) or default_period())
    mission_keys = mission_keys_from(request)
    missions = list(missions_visible(user=user))
    personnel = personnel_deployed(user=user, dates=selectors.month_ends(period.start, period.end),
                                   mission_keys=mission_keys)
    threats = current_threat_levels(user=user, as_of=period.end,
                                    areas=selectors.areas_of(missions, mission_keys))
    spending = spending_against_previous_year(user=user, year=period.main_year,
                                              mission_keys=mission_keys)
    progress = objective_progress(user=user, as_of=period.end, mission_keys=mission_keys)
    attention = attention_points(user=user, start=period.start, end=period.end, mission_keys=mission_keys)
    compliance = reporting_compliance(user=user, start=period.start, end=period.end,
                                      mission_keys=mission_keys)
    comparison = period_comparison(user=user, start=period.start, end=period.end,
                                   mission_keys=mission_keys)
    context = {
        "period": period,
        "missions": missions,
        "progress": progress,
        "attention": attention,
        "severity_labels": dict(Severity.choices),
        "compliance": compliance,
        "selected": set(mission_keys or []),
        "personnel": personnel,
        "personnel_charts": charts.personnel_charts(personnel, language=request.LANGUAGE_CODE),
        "threats": threats,
        "spending": spending,
        "spending_year": period.main_year,
        "comparison": comparison,
        "incident_severities": dict(Incident.Severity.choices),
    }
    return render_page(request, "web/dashboard.html", context,
                       shown=[personnel, threats, spending, progress, compliance, comparison,
                              classification_of_refs((r for point in attention for r in point.records),
                                                     user=request.user)])


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render_page(request, "web/accessibility.html",
                       {"drawn_up": dt.date(2026, 11, 28), "reviewed": dt.date(2026, 12, 4)})


SEARCH_GROUPS = [
    ("missions", _("Missions")),
    ("contributions", _("Contributions")),
    ("objectives", _("Objectives")),
    ("long_term_objectives", _("Long-term objectives")),
    ("events", _("Context events")),
    ("field_reports", _("Field reports")),
    ("reports", _("Report texts")),
]


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    found = selectors.search_records(user=request.user, query=query) if query else {}
    groups = [
        {"key": key, "label": label, "records": found[key][: selectors.SEARCH_LIMIT],
         "more": len(found[key]) > selectors.SEARCH_LIMIT}
        for key, label in SEARCH_GROUPS if found.get(key)
    ]
    return render_page(request, "web/search.html",
                       {"search_query": query, "groups": groups,
                        "total": sum(len(g["records"]) for g in groups)},
                       shown=[g["records"] for g in groups])
