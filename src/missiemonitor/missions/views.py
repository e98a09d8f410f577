"""Pages of missions and contributions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from missiemonitor.context.selectors import events_timeline, incidents_of, threat_assessments_in
from missiemonitor.core.editing import plain_create, plain_update
from missiemonitor.missions import selectors
from missiemonitor.missions.forms import PostingForm
from missiemonitor.missions.models import Contribution, Mission, Posting, Role
from missiemonitor.monitoring.selectors import fieldreports_of
from missiemonitor.results.selectors import indicator_values
from missiemonitor.results.selectors import records as result_records
from missiemonitor.web import charts
from missiemonitor.web.editing import EditSpec, edit_view
from missiemonitor.web.pages import default_period, period_from, render_page
from missiemonitor.web.selectors import reporting_period_default


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
    objectives = result_records.mission_objectives(user=user, mission=mission)
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
    period = period_from(request, reporting_period_default(user=user) or default_period())
    rotations = selectors.contribution_rotations(user=user, contribution=contribution)
    milestones = selectors.contribution_milestones(user=user, contribution=contribution)
    indicators = list(result_records.contribution_indicators(user=user, contribution=contribution))
    values = indicator_values(user=user, indicators=indicators, start=period.start, end=period.end)
    observations = result_records.indicator_observations(user=user, indicators=indicators)
    incidents = list(incidents_of(user=user, contribution=contribution))
    field_reports = fieldreports_of(user=user, contribution=contribution)
    context = {
        "contribution": contribution,
        "mission": contribution.mission,
        "period": period,
        "rotations": rotations,
        "milestones": milestones,
        "timeline": charts.postings_timeline(rotations, today=period.end),
        "indicators": charts.indicator_charts(values, observations, language=request.LANGUAGE_CODE),
        "incidents": incidents,
        "field_reports": field_reports,
    }
    return render_page(request, "missions/contribution_detail.html", context,
                       shown=[contribution, rotations, milestones, values, observations, incidents,
                              field_reports])


posting_edit = edit_view(EditSpec(
    model=Posting, form_class=PostingForm, parent_model=Role,
    create=lambda *, user, parent, data: plain_create(Posting, user=user, key_base=f"{parent.key}-posting",
                                                      key_date=data.get("start"), fields={**data, "role": parent}),
    update=lambda *, user, record, version, data: plain_update(Posting, user=user, record=record,
                                                               version=version, fields=data),
    title_new=_("New posting"), title_edit=_("Edit posting"),
    success_url=lambda record: reverse("contribution", args=[record.role.contribution.key]),
))
