"""Pages of monitoring: visits with their findings and follow-up actions, the overdue action
tracker, reporting compliance, and the field-report inbox with its review workflow."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from missiemonitor.core.editing import plain_create, plain_update
from missiemonitor.core.workflow import REVIEWER_ROLES, WRITER_ROLES, ServiceError
from missiemonitor.monitoring import selectors, services
from missiemonitor.monitoring.forms import (
    ActionForm,
    FieldReportForm,
    FindingForm,
    ReviewForm,
    VisitForm,
)
from missiemonitor.monitoring.models import FieldReport, Finding, FollowUpAction, MonitoringVisit
from missiemonitor.web.editing import EditSpec, add_errors, edit_view
from missiemonitor.web.pages import default_period, mission_keys_from, period_from, render_page
from missiemonitor.web.selectors import reporting_period_default


@login_required
@require_GET
def monitoring_overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    period = period_from(request, reporting_period_default(user=user) or default_period())
    mission_keys = mission_keys_from(request)
    today = timezone.localdate()
    overdue = selectors.overdue_actions(user=user, as_of=today, mission_keys=mission_keys)
    compliance = selectors.reporting_compliance(user=user, start=period.start, end=period.end,
                                                mission_keys=mission_keys)
    visits = selectors.visits_with_findings(user=user, mission_keys=mission_keys)
    awaiting = selectors.fieldreport_inbox(user=user, statuses=["submitted"], mission_keys=mission_keys)
    context = {"period": period, "overdue": overdue, "compliance": compliance, "visits": visits,
               "awaiting": awaiting, "today": today}
    return render_page(request, "monitoring/overview.html", context,
                       shown=[overdue, compliance, visits, [v.visible_findings for v in visits], awaiting])


@login_required
@require_GET
def visit_detail(request: HttpRequest, key: str) -> HttpResponse:
    try:
        visit = selectors.visit_get(user=request.user, key=key)
    except ObjectDoesNotExist:
        raise Http404 from None
    findings = visit.visible_findings
    return render_page(request, "monitoring/visit_detail.html", {"visit": visit, "findings": findings},
                       shown=[visit, findings, [f.visible_actions for f in findings]])


visit_edit = edit_view(EditSpec(
    model=MonitoringVisit, form_class=VisitForm,
    create=lambda *, user, parent, data: plain_create(MonitoringVisit, user=user, key_base=data["title"],
                                                      key_date=data.get("start"), fields=data),
    update=lambda *, user, record, version, data: plain_update(MonitoringVisit, user=user, record=record,
                                                               version=version, fields=data),
    title_new=_("New monitoring visit"), title_edit=_("Edit monitoring visit"),
    success_url=lambda record: reverse("visit", args=[record.key]),
))
finding_edit = edit_view(EditSpec(
    model=Finding, form_class=FindingForm, parent_model=MonitoringVisit,
    create=lambda *, user, parent, data: plain_create(Finding, user=user, key_base=f"{parent.key}-finding",
                                                      key_date=None, fields={**data, "visit": parent}),
    update=lambda *, user, record, version, data: plain_update(Finding, user=user, record=record,
                                                               version=version, fields=data),
    title_new=_("New finding"), title_edit=_("Edit finding"),
    success_url=lambda record: reverse("visit", args=[record.visit.key]),
))
action_edit = edit_view(EditSpec(
    model=FollowUpAction, form_class=ActionForm, parent_model=Finding,
    create=lambda *, user, parent, data: plain_create(FollowUpAction, user=user, key_base=f"{parent.key}-action",
                                                      key_date=data.get("due"), fields={**data, "finding": parent}),
    update=lambda *, user, record, version, data: plain_update(FollowUpAction, user=user, record=record,
                                                               version=version, fields=data),
    title_new=_("New follow-up action"), title_edit=_("Edit follow-up action"),
    success_url=lambda record: reverse("visit", args=[record.finding.visit.key]),
))


def _fieldreport_create(*, user, parent, data):
    return services.fieldreport_create(user=user, contribution=data["contribution"], start=data["start"],
                                       end=data["end"], summary=data["summary"], body=data["body"],
                                       classification=data["classification"])


def _fieldreport_update(*, user, record, version, data):
    return services.fieldreport_update(user=user, report=record, version=version, summary=data["summary"],
                                       body=data["body"], start=data["start"], end=data["end"])


fieldreport_edit = edit_view(EditSpec(
    model=FieldReport, form_class=FieldReportForm, create=_fieldreport_create, update=_fieldreport_update,
    title_new=_("New field report"), title_edit=_("Edit field report"),
    success_url=lambda record: reverse("fieldreport", args=[record.key]),
    cancel_url=lambda record, parent: reverse("fieldreport", args=[record.key]) if record else reverse("fieldreports"),
))


INBOX_GROUPS = [
    ("submitted", _("Awaiting review")),
    ("returned", _("Returned to the author")),
    ("draft", _("Drafts")),
    ("approved", _("Approved")),
]


@login_required
@require_GET
def fieldreport_inbox(request: HttpRequest) -> HttpResponse:
    user = request.user
    mission_keys = mission_keys_from(request)
    reports = selectors.fieldreport_inbox(user=user, mission_keys=mission_keys)
    groups = [{"status": status, "label": label, "reports": [r for r in reports if r.status == status]}
              for status, label in INBOX_GROUPS]
    return render_page(request, "monitoring/inbox.html", {"groups": groups, "can_write": user.role in WRITER_ROLES},
                       shown=[reports])


REVIEW_ACTIONS = {
    "submit": (services.fieldreport_submit, _("Submitted for review.")),
    "approve": (services.fieldreport_approve, _("Approved.")),
    "return": (services.fieldreport_return, _("Returned to the author with your comment.")),
}


@login_required
@require_http_methods(["GET", "POST"])
def fieldreport_detail(request: HttpRequest, key: str) -> HttpResponse:
    user = request.user
    try:
        report = selectors.fieldreport_get(user=user, key=key)
    except ObjectDoesNotExist:
        raise Http404 from None
    form = ReviewForm(request.POST or None, initial={"version": report.version})
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in REVIEW_ACTIONS:
            return HttpResponse(status=400)
        service, done = REVIEW_ACTIONS[action]
        if form.is_valid():
            kwargs = {"user": user, "report": report, "version": form.cleaned_data["version"]}
            if action != "submit":
                kwargs["comment"] = form.cleaned_data["comment"]
            try:
                service(**kwargs)
            except ValidationError as exc:
                add_errors(form, exc)
            except (ServiceError, PermissionDenied) as exc:
                form.add_error(None, getattr(exc, "message", None) or str(exc))
            else:
                messages.success(request, str(done))
                return redirect("fieldreport", key=report.key)
        status = 409 if form.non_field_errors() else 400
    editable = report.status in ("draft", "returned") and user.role in WRITER_ROLES
    context = {
        "report": report,
        "form": form,
        "can_review": report.status == "submitted" and user.role in REVIEWER_ROLES and report.author_id != user.pk,
        "can_submit": editable,
        "can_edit": editable,
    }
    return render_page(request, "monitoring/fieldreport_detail.html", context, shown=[report], status=status)
