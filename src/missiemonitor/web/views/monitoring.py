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
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from missiemonitor.audit.selectors import review_trail
from missiemonitor.core.permissions import (
    REVIEWER_ROLES,
    can_approve,
    can_create,
    can_delete,
    can_edit,
    can_return,
    can_submit,
    has_role,
)
from missiemonitor.core.workflow import ServiceError
from missiemonitor.missions.models import Contribution
from missiemonitor.monitoring import selectors, services
from missiemonitor.monitoring.models import (
    FieldReport,
    Finding,
    FollowUpAction,
    MonitoringVisit,
    ReportingSchedule,
)
from missiemonitor.web.editing import (
    EditSpec,
    delete_view,
    edit_view,
    next_url,
    plain_spec,
    review_post,
)
from missiemonitor.web.forms.monitoring import (
    ActionForm,
    FieldReportForm,
    FindingForm,
    ReviewForm,
    ScheduleForm,
    VisitForm,
)
from missiemonitor.web.pages import (
    default_period,
    is_htmx,
    mission_keys_from,
    paginate,
    period_from,
    render_page,
)
from missiemonitor.web.selectors import reporting_period_default
from missiemonitor.web.templatetags.mm import tr


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
    page = paginate(request, selectors.visits_query(user=user, mission_keys=mission_keys), per_page=10)
    visits = list(page)
    awaiting = selectors.fieldreport_inbox(user=user, statuses=["submitted"], mission_keys=mission_keys)
    context = {"period": period, "overdue": overdue, "compliance": compliance, "visits": visits, "page": page,
               "awaiting": awaiting, "today": today}
    # another page of visits replaces only the visits (htmx); the banner still covers the page
    partial = is_htmx(request) and request.htmx.target == "visits"
    return render_page(request, "monitoring/_visits.html" if partial else "monitoring/overview.html", context,
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


visit_spec = plain_spec(
    MonitoringVisit, VisitForm, title_new=_("New monitoring visit"), title_edit=_("Edit monitoring visit"),
    success_url=lambda record: reverse("visit", args=[record.key]), key_base=lambda data, parent: data["title"],
    key_date="start", deleted_url=lambda record: reverse("monitoring"), delete_name="visit_delete")
finding_spec = plain_spec(
    Finding, FindingForm, parent_model=MonitoringVisit, parent_field="visit",
    title_new=_("New finding"), title_edit=_("Edit finding"),
    success_url=lambda record: reverse("visit", args=[record.visit.key]),
    key_base=lambda data, parent: f"{parent.key}-finding",
    deleted_url=lambda record: reverse("visit", args=[record.visit.key]), delete_name="finding_delete")
action_spec = plain_spec(
    FollowUpAction, ActionForm, parent_model=Finding, parent_field="finding",
    title_new=_("New follow-up action"), title_edit=_("Edit follow-up action"),
    success_url=lambda record: reverse("visit", args=[record.finding.visit.key]),
    key_base=lambda data, parent: f"{parent.key}-action", key_date="due",
    deleted_url=lambda record: reverse("visit", args=[record.finding.visit.key]), delete_name="action_delete")
schedule_spec = plain_spec(
    ReportingSchedule, ScheduleForm, parent_model=Contribution, parent_field="contribution",
    title_new=_("New reporting schedule"), title_edit=_("Edit reporting schedule"),
    success_url=lambda record: reverse("contribution", args=[record.contribution.key]),
    key_base=lambda data, parent: f"{parent.key}-schedule-{data['frequency']}", key_date="start",
    deleted_url=lambda record: reverse("contribution", args=[record.contribution.key]),
    delete_name="schedule_delete")
visit_edit, visit_delete = edit_view(visit_spec), delete_view(visit_spec)
finding_edit, finding_delete = edit_view(finding_spec), delete_view(finding_spec)
action_edit, action_delete = edit_view(action_spec), delete_view(action_spec)
schedule_edit, schedule_delete = edit_view(schedule_spec), delete_view(schedule_spec)


def _fieldreport_create(*, user, parent, data):
    return services.fieldreport_create(user=user, contribution=data["contribution"], start=data["start"],
                                       end=data["end"], summary=data["summary"], body=data["body"],
                                       classification=data["classification"])


def _fieldreport_update(*, user, record, version, data):
    return services.fieldreport_update(user=user, report=record, version=version, summary=data["summary"],
                                       body=data["body"], start=data["start"], end=data["end"])


def _fieldreport_delete(*, user, record, version):
    services.fieldreport_delete(user=user, report=record, version=version)


fieldreport_spec = EditSpec(
    model=FieldReport, form_class=FieldReportForm, create=_fieldreport_create, update=_fieldreport_update,
    title_new=_("New field report"), title_edit=_("Edit field report"),
    success_url=lambda record: reverse("fieldreport", args=[record.key]),
    cancel_url=lambda record, parent: reverse("fieldreport", args=[record.key]) if record else reverse("fieldreports"),
    delete=_fieldreport_delete, deleted_url=lambda record: reverse("fieldreports"),
    delete_name="fieldreport_delete",
)
fieldreport_edit, fieldreport_delete = edit_view(fieldreport_spec), delete_view(fieldreport_spec)


INBOX_GROUPS = [
    ("submitted", _("Awaiting review")),
    ("returned", _("Returned to the author")),
    ("draft", _("Drafts")),
    ("approved", _("Approved")),
]


@login_required
@require_GET
def fieldreport_inbox(request: HttpRequest) -> HttpResponse:
    return _inbox(request)


def _inbox(request: HttpRequest, *, notice: str = "", failed: str = "", failed_key: str = "",
           status: int = 200) -> HttpResponse:
    user = request.user
    mission_keys = mission_keys_from(request)
    reports = selectors.fieldreport_inbox(user=user, mission_keys=mission_keys)
    groups = [{"status": state, "label": label, "reports": [r for r in reports if r.status == state]}
              for state, label in INBOX_GROUPS]
    context = {"groups": groups, "can_write": can_create(user, FieldReport), "notice": notice,
               "failed": failed, "failed_key": failed_key,
               "can_review": has_role(user, REVIEWER_ROLES),
               "returnable": {r.pk for r in reports if can_return(user, r)},
               "approvable": {r.pk for r in reports if can_approve(user, r)}}
    template = "monitoring/_inbox.html" if is_htmx(request) else "monitoring/inbox.html"
    return render_page(request, template, context, shown=[reports], status=status)


@login_required
@require_POST
def fieldreport_inbox_review(request: HttpRequest, key: str) -> HttpResponse:
    """Approve or return a submitted report from the inbox. With htmx the inbox is answered,
    updated in place; without, the browser goes back to the inbox."""
    user = request.user
    action = request.POST.get("action")
    if action not in ("approve", "return"):
        return HttpResponse(status=400)
    try:
        report = selectors.fieldreport_get(user=user, key=key)
    except ObjectDoesNotExist:
        raise Http404 from None
    form = ReviewForm(request.POST)
    service, done = REVIEW_ACTIONS[action]
    failed = ""
    if form.is_valid():
        try:
            service(user=user, report=report, version=form.cleaned_data["version"],
                    comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            failed = " ".join(exc.messages)
        except (ServiceError, PermissionDenied) as exc:
            failed = getattr(exc, "message", None) or str(exc)
    else:
        failed = _("The form was incomplete; open the report to review it.")
    label = f"{report.contribution} {report.start:%Y-%m-%d} – {report.end:%Y-%m-%d}"
    if is_htmx(request):
        notice = "" if failed else f"{label}: {done}"
        return _inbox(request, notice=notice, failed=f"{label}: {failed}" if failed else "",
                      failed_key=report.key if failed else "", status=200)
    if failed:
        messages.error(request, f"{label}: {failed}")
    else:
        messages.success(request, f"{label}: {done}")
    return redirect("fieldreports")


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
        outcome = review_post(request, form, actions=REVIEW_ACTIONS, subject="report", record=report,
                              done_url=reverse("fieldreport", args=[report.key]))
        if isinstance(outcome, HttpResponse):
            return outcome
        status = outcome
    context = {
        "report": report,
        "form": form,
        "can_review": can_return(user, report),
        "can_approve": can_approve(user, report),
        "can_submit": can_submit(user, report),
        "can_edit": can_edit(user, report),
        "can_delete": can_delete(user, report),
        "review_trail": review_trail(user=user, record=report),
    }
    return render_page(request, "monitoring/fieldreport_detail.html", context, shown=[report], status=status)


@login_required
@require_POST
def action_complete(request: HttpRequest, key: str) -> HttpResponse:
    """Mark a follow-up action done today (the ``action_complete`` service; an adjustment it
    made is recorded on its edit form). With htmx the action's status cell is answered, updated
    in place, or saying why not; without, the browser goes back where it came from."""
    user = request.user
    try:
        action = selectors.action_get(user=user, key=key)
    except ObjectDoesNotExist:
        raise Http404 from None
    failed = ""
    try:
        version = int(request.POST.get("version") or 0)
        action = services.action_complete(user=user, action=action, version=version,
                                          completed_on=timezone.localdate())
    except ValueError:
        failed = _("The form was incomplete; reload the page and try again.")
    except ValidationError as exc:
        failed = " ".join(exc.messages)
    except (ServiceError, PermissionDenied) as exc:
        failed = getattr(exc, "message", None) or str(exc)
    if failed:
        action = selectors.action_get(user=user, key=key)
    if is_htmx(request):
        return render_page(request, "monitoring/_action_status.html",
                           {"action": action, "failed": failed, "next": next_url(request) or ""}, shown=[action])
    label = tr(action, "description")
    if failed:
        messages.error(request, f"{label}: {failed}")
    else:
        messages.success(request, _("%(action)s: marked done.") % {"action": label})
    return redirect(next_url(request) or reverse("visit", kwargs={"key": action.finding.visit.key}))
