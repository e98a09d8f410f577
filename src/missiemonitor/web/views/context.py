"""Pages of the political and security context."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from missiemonitor.context import selectors, services
from missiemonitor.context.models import ContextEvent, Incident, ThreatAssessment
from missiemonitor.web.editing import EditSpec, delete_view, edit_view
from missiemonitor.web.forms.context import (
    ContextFilterForm,
    EventForm,
    IncidentForm,
    ThreatAssessmentForm,
)
from missiemonitor.web.pages import default_period, is_htmx, paginate, render_page
from missiemonitor.web.selectors import reporting_period_default


@login_required
@require_GET
def context_timeline(request: HttpRequest) -> HttpResponse:
    user = request.user
    period = reporting_period_default(user=user) or default_period()
    data = request.GET if request.GET else {"start": period.start, "end": period.end}
    form = ContextFilterForm(data, areas=selectors.event_areas(user=user),
                             places=selectors.event_places(user=user))
    filters = form.filters()
    page = paginate(request, selectors.events_query(user=user, **filters), per_page=50)
    events = list(page)
    threats = selectors.threat_assessments_in(
        user=user, start=filters["start"], end=filters["end"], area=filters["area"],
        place_key=filters["place_key"],
    )
    context = {"form": form, "events": events, "page": page, "threats": threats}
    template = "context/_timeline_results.html" if is_htmx(request) else "context/timeline.html"
    return render_page(request, template, context, shown=[events, threats])


event_spec = EditSpec(
    model=ContextEvent, form_class=EventForm,
    create=lambda *, user, parent, data: services.event_create(user=user, **data),
    update=lambda *, user, record, version, data: services.event_update(
        user=user, event=record, version=version, **data),
    delete=lambda *, user, record, version: services.event_delete(user=user, event=record, version=version),
    title_new=_("New context event"), title_edit=_("Edit context event"),
    success_url=lambda record: reverse("context"), deleted_url=lambda record: reverse("context"),
    delete_name="event_delete",
)
threat_spec = EditSpec(
    model=ThreatAssessment, form_class=ThreatAssessmentForm,
    create=lambda *, user, parent, data: services.threat_assessment_create(user=user, **data),
    update=lambda *, user, record, version, data: services.threat_assessment_update(
        user=user, assessment=record, version=version, **data),
    delete=lambda *, user, record, version: services.threat_assessment_delete(
        user=user, assessment=record, version=version),
    title_new=_("New threat assessment"), title_edit=_("Edit threat assessment"),
    success_url=lambda record: reverse("context"), deleted_url=lambda record: reverse("context"),
    delete_name="threat_delete",
)
incident_spec = EditSpec(
    model=Incident, form_class=IncidentForm,
    create=lambda *, user, parent, data: services.incident_create(user=user, **data),
    update=lambda *, user, record, version, data: services.incident_update(
        user=user, incident=record, version=version, **data),
    delete=lambda *, user, record, version: services.incident_delete(user=user, incident=record, version=version),
    title_new=_("New incident"), title_edit=_("Edit incident"),
    success_url=lambda record: (reverse("contribution", args=[record.contribution.key])
                                if record.contribution_id else reverse("context")),
    deleted_url=lambda record: (reverse("contribution", args=[record.contribution.key])
                                if record.contribution_id else reverse("context")),
    delete_name="incident_delete",
)
event_edit, event_delete = edit_view(event_spec), delete_view(event_spec)
threat_edit, threat_delete = edit_view(threat_spec), delete_view(threat_spec)
incident_edit, incident_delete = edit_view(incident_spec), delete_view(incident_spec)
