"""Pages of missions and contributions."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from missiemonitor.context.selectors import events_timeline, incidents_of, threat_assessments_in
from missiemonitor.missions import selectors
from missiemonitor.missions.models import Contribution, Mission
from missiemonitor.web import charts
from missiemonitor.web.pages import render_page


@login_required
@require_GET
def mission_list(request: HttpRequest) -> HttpResponse:
    missions = selectors.mission_list(user=request.user)
    contributions = selectors.contributions_by_mission(user=request.user, missions=missions)
    rows = [(mission, contributions.get(mission.pk, [])) for mission in missions]
    return render_page(request, "missions/mission_list.html", {"rows": rows},
                       shown=[missions, list(contributions.values()), [m.visible_mandates for m in missions]])


@login_required
@require_GET
def mission_detail(request: HttpRequest, key: str) -> HttpResponse:
    user = request.user
    try:
        mission = selectors.mission_get(user=user, key=key)
    except Mission.DoesNotExist:
        raise Http404 from None
    mandates = selectors.mission_mandates(user=user, mission=mission)
    contributions = selectors.mission_contributions(user=user, mission=mission)
    objectives = selectors.mission_objectives(user=user, mission=mission)
    events = events_timeline(user=user, area=mission.area, mission_keys=[mission.key])[-10:]
    threats = threat_assessments_in(user=user, area=mission.area)[-5:]
    context = {
        "mission": mission,
        "mandates": mandates,
        "contributions": contributions,
        "objectives": objectives,
        "events": events,
        "threats": threats,
    }
    return render_page(request, "missions/mission_detail.html", context,
                       shown=[mission, mandates, contributions, objectives, events, threats])


@login_required
@require_GET
def contribution_detail(request: HttpRequest, key: str) -> HttpResponse:
    user = request.user
    try:
        contribution = selectors.contribution_get(user=user, key=key)
    except Contribution.DoesNotExist:
        raise Http404 from None
    roles = selectors.contribution_roles(user=user, contribution=contribution)
    milestones = selectors.contribution_milestones(user=user, contribution=contribution)
    gaps = selectors.contribution_gaps(user=user, contribution=contribution)
    indicators = selectors.contribution_indicators(user=user, contribution=contribution)
    incidents = list(incidents_of(user=user, contribution=contribution))
    field_reports = selectors.contribution_field_reports(user=user, contribution=contribution)
    timeline = charts.postings_timeline(roles, gaps, today=dt.date.today())
    indicator_charts = charts.indicator_charts(indicators, language=request.LANGUAGE_CODE)
    context = {
        "contribution": contribution,
        "mission": contribution.mission,
        "roles": roles,
        "gaps": gaps,
        "milestones": milestones,
        "timeline": timeline,
        "indicators": indicator_charts,
        "incidents": incidents,
        "field_reports": field_reports,
    }
    return render_page(request, "missions/contribution_detail.html", context,
                       shown=[contribution, roles, [r.visible_postings for r in roles], milestones,
                              gaps, indicators, incidents, field_reports])


def posting_edit(request: HttpRequest, key: str) -> HttpResponse:
    return render_page(request, "web/pending.html", {"title": "Posting"})
