"""Pages of missions, mandates and contributions, and the forms of their records."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from missiemonitor.context.selectors import incidents_of, recent_events, threat_assessments_in
from missiemonitor.core.visibility import linked
from missiemonitor.missions import selectors
from missiemonitor.missions.models import (
    Asset,
    Contribution,
    Mandate,
    Milestone,
    Mission,
    PlannedContribution,
    Posting,
    Role,
)
from missiemonitor.monitoring.selectors import contribution_schedules, fieldreports_of
from missiemonitor.results.selectors import indicator_values
from missiemonitor.results.selectors import records as result_records
from missiemonitor.web import charts
from missiemonitor.web.editing import delete_view, edit_view, plain_spec
from missiemonitor.web.forms import missions as forms
from missiemonitor.web.pages import default_period, is_htmx, paginate, period_from, render_page
from missiemonitor.web.selectors import reporting_period_default


@login_required
@require_GET
def mission_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    page = paginate(request, selectors.mission_list(user=request.user, query=query), per_page=10)
    missions = list(page)
    contributions = selectors.contributions_by_mission(user=request.user, missions=missions)
    rows = [(mission, contributions.get(mission.pk, [])) for mission in missions]
    template = "missions/_mission_rows.html" if is_htmx(request) else "missions/mission_list.html"
    return render_page(request, template, {"rows": rows, "page": page, "query": query},
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
    events = recent_events(user=user, area=mission.area, mission_keys=[mission.key])
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
def mandate_detail(request: HttpRequest, key: str) -> HttpResponse:
    try:
        mandate = selectors.mandate_get(user=request.user, key=key)
    except Mandate.DoesNotExist:
        raise Http404 from None
    return render_page(request, "missions/mandate_detail.html", {"mandate": mandate},
                       shown=[mandate, mandate.visible_plans, mandate.visible_contributions])


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
    assets = selectors.contribution_assets(user=user, contribution=contribution)
    schedules = contribution_schedules(user=user, contribution=contribution)
    indicators = list(result_records.contribution_indicators(user=user, contribution=contribution))
    values = indicator_values(user=user, indicators=indicators, start=period.start, end=period.end)
    observations = result_records.indicator_observations(user=user, indicators=indicators)
    incidents = list(incidents_of(user=user, contribution=contribution))
    field_reports = fieldreports_of(user=user, contribution=contribution)
    context = {
        "contribution": contribution,
        "mission": linked(contribution, "mission"),  # None: a mission the user may not see
        "period": period,
        "rotations": rotations,
        "milestones": milestones,
        "assets": assets,
        "schedules": schedules,
        "timeline": charts.postings_timeline(rotations, today=period.end),
        "indicators": charts.indicator_charts(values, observations, language=request.LANGUAGE_CODE),
        "incidents": incidents,
        "field_reports": field_reports,
    }
    return render_page(request, "missions/contribution_detail.html", context,
                       shown=[contribution, rotations, milestones, assets, schedules, values, observations,
                              incidents, field_reports])


def _contribution_url(record) -> str:
    return reverse("contribution", args=[record.contribution.key])


mission_spec = plain_spec(
    Mission, forms.MissionForm, title_new=_("New mission"), title_edit=_("Edit mission"),
    success_url=lambda r: reverse("mission", args=[r.key]), key_base=lambda data, parent: data["acronym"],
    deleted_url=lambda r: reverse("missions"), delete_name="mission_delete",
    cancel_url=lambda record, parent: reverse("mission", args=[record.key]) if record else reverse("missions"))
mandate_spec = plain_spec(
    Mandate, forms.MandateForm, title_new=_("New mandate"), title_edit=_("Edit mandate"),
    success_url=lambda r: reverse("mandate", args=[r.key]),
    key_base=lambda data, parent: f"mandate-{data['dossier']}-{data['number']}",
    deleted_url=lambda r: reverse("missions"), delete_name="mandate_delete")
plan_spec = plain_spec(
    PlannedContribution, forms.PlannedContributionForm, parent_model=Mandate, parent_field="mandate",
    title_new=_("New planned contribution"), title_edit=_("Edit planned contribution"),
    success_url=lambda r: reverse("mandate", args=[r.mandate.key]),
    key_base=lambda data, parent: f"{parent.key}-{data['kind']}",
    deleted_url=lambda r: reverse("mandate", args=[r.mandate.key]), delete_name="plan_delete")
contribution_spec = plain_spec(
    Contribution, forms.ContributionForm, parent_model=Mission, parent_field="mission",
    title_new=_("New contribution"), title_edit=_("Edit contribution"),
    success_url=lambda r: reverse("contribution", args=[r.key]), key_base=lambda data, parent: data["name"],
    key_date="start", deleted_url=lambda r: reverse("mission", args=[r.mission.key]),
    delete_name="contribution_delete")
asset_spec = plain_spec(
    Asset, forms.AssetForm, parent_model=Contribution, parent_field="contribution",
    title_new=_("New asset"), title_edit=_("Edit asset"), success_url=_contribution_url,
    key_base=lambda data, parent: f"{parent.key}-{data['asset_type']}",
    deleted_url=_contribution_url, delete_name="asset_delete")
milestone_spec = plain_spec(
    Milestone, forms.MilestoneForm, parent_model=Contribution, parent_field="contribution",
    title_new=_("New milestone"), title_edit=_("Edit milestone"), success_url=_contribution_url,
    key_base=lambda data, parent: f"{parent.key}-{data['kind']}", key_date="date",
    deleted_url=_contribution_url, delete_name="milestone_delete")
role_spec = plain_spec(
    Role, forms.RoleForm, parent_model=Contribution, parent_field="contribution",
    title_new=_("New role"), title_edit=_("Edit role"), success_url=_contribution_url,
    key_base=lambda data, parent: f"{parent.key}-{data['name']}",
    deleted_url=_contribution_url, delete_name="role_delete")
posting_spec = plain_spec(
    Posting, forms.PostingForm, parent_model=Role, parent_field="role",
    title_new=_("New posting"), title_edit=_("Edit posting"),
    success_url=lambda r: reverse("contribution", args=[r.role.contribution.key]),
    key_base=lambda data, parent: f"{parent.key}-posting", key_date="start",
    deleted_url=lambda r: reverse("contribution", args=[r.role.contribution.key]), delete_name="posting_delete")

mission_edit, mission_delete = edit_view(mission_spec), delete_view(mission_spec)
mandate_edit, mandate_delete = edit_view(mandate_spec), delete_view(mandate_spec)
plan_edit, plan_delete = edit_view(plan_spec), delete_view(plan_spec)
contribution_edit, contribution_delete = edit_view(contribution_spec), delete_view(contribution_spec)
asset_edit, asset_delete = edit_view(asset_spec), delete_view(asset_spec)
milestone_edit, milestone_delete = edit_view(milestone_spec), delete_view(milestone_spec)
role_edit, role_delete = edit_view(role_spec), delete_view(role_spec)
posting_edit, posting_delete = edit_view(posting_spec), delete_view(posting_spec)
