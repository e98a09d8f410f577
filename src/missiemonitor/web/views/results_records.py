"""Pages of the records behind the objectives board: results frameworks with their versions,
long-term objectives with their conditions, stated objectives, and indicators with their
targets and observations. Lists and details read through the selectors; the forms are the
generic record forms of :mod:`missiemonitor.web.editing`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from missiemonitor.results.models import (
    Condition,
    ConditionMapping,
    Framework,
    FrameworkVersion,
    Indicator,
    LongTermObjective,
    Objective,
    Observation,
)
from missiemonitor.results.selectors import records
from missiemonitor.web.editing import delete_view, edit_view, plain_spec
from missiemonitor.web.forms import results as forms
from missiemonitor.web.pages import paginate, render_page


@login_required
@require_GET
def framework_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, records.frameworks_overview(user=request.user), per_page=10)
    frameworks = list(page)
    versions = [v for f in frameworks for v in f.visible_versions]
    return render_page(request, "results/frameworks.html", {"page": page, "frameworks": frameworks},
                       shown=[frameworks, versions, [o for v in versions for o in v.visible_objectives]])


@login_required
@require_GET
def indicator_detail(request: HttpRequest, key: str) -> HttpResponse:
    user = request.user
    try:
        indicator = records.indicator_get(user=user, key=key)
    except ObjectDoesNotExist:
        raise Http404 from None
    page = paginate(request, records.indicator_observation_list(user=user, indicator=indicator))
    observations = list(page)
    return render_page(request, "results/indicator_detail.html",
                       {"indicator": indicator, "page": page, "observations": observations},
                       shown=[indicator, observations])


def _objective_url(record) -> str:
    # The mission's page, when whoever may see the objective may see its mission: a mission
    # classified higher than the objective is not named (the board is).
    if record.mission_id and record.mission.classification <= record.classification:
        return reverse("mission", args=[record.mission.key])
    return reverse("objectives")


def _indicator_home(record) -> str:
    if record.contribution_id:
        return reverse("contribution", args=[record.contribution.key])
    if record.programme_id:
        return reverse("programmes")
    return reverse("objectives")


objective_spec = plain_spec(
    Objective, forms.ObjectiveForm, title_new=_("New objective"), title_edit=_("Edit objective"),
    success_url=_objective_url, key_base=lambda data, parent: f"objective-{data.get('code') or data['level']}",
    deleted_url=_objective_url, delete_name="objective_record_delete")
framework_spec = plain_spec(
    Framework, forms.FrameworkForm, title_new=_("New results framework"),
    title_edit=_("Edit results framework"), success_url=lambda r: reverse("frameworks"),
    key_base=lambda data, parent: data["name"], deleted_url=lambda r: reverse("frameworks"),
    delete_name="framework_delete")
version_spec = plain_spec(
    FrameworkVersion, forms.FrameworkVersionForm, parent_model=Framework, parent_field="framework",
    title_new=_("New framework version"), title_edit=_("Edit framework version"),
    success_url=lambda r: reverse("frameworks"), key_base=lambda data, parent: f"{parent.key}-{data['label']}",
    deleted_url=lambda r: reverse("frameworks"), delete_name="version_delete")
lto_spec = plain_spec(
    LongTermObjective, forms.LongTermObjectiveForm, parent_model=FrameworkVersion,
    parent_field="framework_version", title_new=_("New long-term objective"),
    title_edit=_("Edit long-term objective"), success_url=lambda r: reverse("objective", args=[r.key]),
    key_base=lambda data, parent: f"{parent.key}-{data['code']}", deleted_url=lambda r: reverse("frameworks"),
    delete_name="lto_delete")
condition_spec = plain_spec(
    Condition, forms.ConditionForm, parent_model=LongTermObjective, parent_field="objective",
    title_new=_("New condition"), title_edit=_("Edit condition"),
    success_url=lambda r: reverse("objective", args=[r.objective.key]),
    key_base=lambda data, parent: f"{parent.key}-{data.get('code') or 'condition'}",
    deleted_url=lambda r: reverse("objective", args=[r.objective.key]), delete_name="condition_delete")
mapping_spec = plain_spec(
    ConditionMapping, forms.ConditionMappingForm, parent_model=Condition, parent_field="target",
    title_new=_("Link to an earlier condition"), title_edit=_("Edit condition mapping"),
    success_url=lambda r: reverse("objective", args=[r.target.objective.key]),
    key_base=lambda data, parent: f"{data['source'].key}-to-{parent.key}",
    deleted_url=lambda r: reverse("objective", args=[r.target.objective.key]), delete_name="mapping_delete")
indicator_spec = plain_spec(
    Indicator, forms.IndicatorForm, title_new=_("New indicator"), title_edit=_("Edit indicator"),
    success_url=lambda r: reverse("indicator", args=[r.key]), key_base=lambda data, parent: data["name"],
    deleted_url=_indicator_home, delete_name="indicator_delete")
observation_spec = plain_spec(
    Observation, forms.ObservationForm, parent_model=Indicator, parent_field="indicator",
    title_new=_("New observation"), title_edit=_("Edit observation"),
    success_url=lambda r: reverse("indicator", args=[r.indicator.key]),
    key_base=lambda data, parent: f"{parent.key}-obs", key_date="start",
    deleted_url=lambda r: reverse("indicator", args=[r.indicator.key]), delete_name="observation_delete")

objective_edit, objective_delete = edit_view(objective_spec), delete_view(objective_spec)
framework_edit, framework_delete = edit_view(framework_spec), delete_view(framework_spec)
version_edit, version_delete = edit_view(version_spec), delete_view(version_spec)
lto_edit, lto_delete = edit_view(lto_spec), delete_view(lto_spec)
condition_edit, condition_delete = edit_view(condition_spec), delete_view(condition_spec)
mapping_edit, mapping_delete = edit_view(mapping_spec), delete_view(mapping_spec)
indicator_edit, indicator_delete = edit_view(indicator_spec), delete_view(indicator_spec)
observation_edit, observation_delete = edit_view(observation_spec), delete_view(observation_spec)
