"""Pages of objectives: the board of conditions and assessments, an objective's history, and
recording and reviewing an assessment with its evidence."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from missiemonitor.audit.selectors import review_trail
from missiemonitor.core.permissions import (
    can_approve,
    can_create,
    can_delete,
    can_return,
    can_submit,
)
from missiemonitor.core.visibility import linked
from missiemonitor.core.workflow import ServiceError
from missiemonitor.missions.selectors import missions_visible
from missiemonitor.results import services
from missiemonitor.results.models import Condition, ConditionAssessment
from missiemonitor.results.selectors import objective_progress, objective_progress_history, records
from missiemonitor.web.editing import EditSpec, add_errors, delete_view, next_url, review_post
from missiemonitor.web.forms.results import AssessmentForm, ReviewForm
from missiemonitor.web.pages import (
    default_period,
    is_htmx,
    mission_keys_from,
    period_from,
    render_page,
)
from missiemonitor.web.selectors import evidence_choices, quarter_ends, reporting_period_default


@login_required
@require_GET
def objectives_board(request: HttpRequest) -> HttpResponse:
    user = request.user
    period = period_from(request, reporting_period_default(user=user) or default_period())
    mission_keys = mission_keys_from(request)
    progress = objective_progress(user=user, as_of=period.end, mission_keys=mission_keys)
    conditions = [status.condition for item in progress for status in item.conditions]
    history = records.assessment_history(user=user, conditions=conditions)
    board = [
        {"progress": item,
         "rows": [{"status": status, "history": history.get(status.condition.pk, [])}
                  for status in item.conditions]}
        for item in progress
    ]
    awaiting = records.assessments_awaiting_review(user=user, mission_keys=mission_keys)
    context = {
        "period": period,
        "board": board,
        "missions": list(missions_visible(user=user)),
        "selected": set(mission_keys or []),
        "awaiting": awaiting,
        "approvable": {a.pk for a in awaiting if can_approve(user, a)},
        "can_write": can_create(user, ConditionAssessment),
    }
    template = "results/_board.html" if is_htmx(request) else "results/board.html"
    return render_page(request, template, context, shown=[progress, list(history.values())])


@login_required
@require_GET
def objective_detail(request: HttpRequest, key: str) -> HttpResponse:
    user = request.user
    try:
        objective = records.objective_get(user=user, key=key)
    except ObjectDoesNotExist:
        raise Http404 from None
    period = period_from(request, reporting_period_default(user=user) or default_period())
    dates = quarter_ends(objective.framework_version.issued or period.start, period.end)
    history = objective_progress_history(user=user, objective=objective, dates=dates)
    current = history[-1] if history else None
    conditions = [status.condition for status in current.conditions] if current else []
    assessments = records.assessment_history(user=user, conditions=conditions)
    mappings = records.condition_mappings_into(user=user, conditions=conditions)
    rows = [{"status": status, "history": assessments.get(status.condition.pk, []),
             "mappings": mappings.get(status.condition.pk, [])}
            for status in (current.conditions if current else [])]
    context = {"objective": objective, "history": history, "current": current, "rows": rows,
               "period": period, "can_write": can_create(user, ConditionAssessment)}
    return render_page(request, "results/objective_detail.html", context,
                       shown=[objective, history, list(assessments.values())])


@login_required
@require_http_methods(["GET", "POST"])
def assessment_new(request: HttpRequest, key: str) -> HttpResponse:
    """Record an assessment of a condition, with one piece of evidence, as a draft or submitted
    for review at once."""
    user = request.user
    try:
        condition = (Condition.objects.visible_to(user)
                     .select_related("objective__framework_version__scale").get(key=key))
    except ObjectDoesNotExist:
        raise Http404 from None
    levels = list(condition.objective.framework_version.scale.levels.all())
    form_kwargs = {"levels": levels, "user": user, "minimum_classification": condition.classification,
                   "evidence_choices": evidence_choices(user=user, mission=condition.mission)}
    form = AssessmentForm(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = services.assessment_record_with_evidence(
                user=user, condition=condition, level=data["level"], date=data["date"],
                rationale=data["rationale"], rationale_en=data["rationale_en"],
                classification=data["classification"], evidence=form.evidence_target(),
                confidence=data["confidence"], note=data["evidence_note"], submit="submit" in request.POST)
        except ValidationError as exc:
            add_errors(form, exc)
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Assessment recorded and submitted for review.") if "submit" in request.POST
                             else _("Assessment saved as a draft."))
            return redirect("assessment", key=assessment.key)
    context = {"condition": condition, "form": form}
    status = 400 if request.method == "POST" else 200
    return render_page(request, "results/assessment_form.html", context, shown=[condition], status=status)


REVIEW_ACTIONS = {
    "submit": (services.assessment_submit, gettext_lazy("Submitted for review.")),
    "approve": (services.assessment_approve, gettext_lazy("Approved: it now counts for progress.")),
    "return": (services.assessment_return, gettext_lazy("Returned to the assessor.")),
}


@login_required
@require_http_methods(["GET", "POST"])
def assessment_detail(request: HttpRequest, key: str) -> HttpResponse:
    user = request.user
    try:
        assessment = records.assessment_get(user=user, key=key)
    except ObjectDoesNotExist:
        raise Http404 from None
    form = ReviewForm(request.POST or None, initial={"version": assessment.version})
    status = 200
    if request.method == "POST":
        outcome = review_post(request, form, actions=REVIEW_ACTIONS, subject="assessment",
                              record=assessment, done_url=reverse("assessment", args=[assessment.key]))
        if isinstance(outcome, HttpResponse):
            return outcome
        status = outcome
    objective = assessment.condition.objective
    context = {
        "assessment": assessment,
        "condition": assessment.condition,
        "objective": objective,
        "form": form,
        "can_review": can_return(user, assessment),
        "can_approve": can_approve(user, assessment),
        "can_submit": can_submit(user, assessment),
        "can_delete": can_delete(user, assessment),
        "review_trail": review_trail(user=user, record=assessment),
        "board_url": reverse("objectives") + (f"?mission={mission.key}" if (mission := linked(assessment, "mission")) else ""),
    }
    return render_page(request, "results/assessment_detail.html", context,
                       shown=[assessment, assessment.visible_evidence], status=status)


@login_required
@require_POST
def assessment_board_approve(request: HttpRequest, key: str) -> HttpResponse:
    """Approve an assessment from the board's list of those awaiting review, then show the board
    again (``next``): with htmx the board is replaced in place and its progress moves."""
    user = request.user
    try:
        assessment = records.assessment_get(user=user, key=key)
    except ObjectDoesNotExist:
        raise Http404 from None
    try:
        services.assessment_approve(user=user, assessment=assessment,
                                    version=int(request.POST.get("version") or 0), comment="")
    except (ServiceError, PermissionDenied, ValidationError) as exc:
        messages.error(request, getattr(exc, "message", None) or " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("%(condition)s: approved; it now counts for progress.")
                         % {"condition": assessment.condition.code or assessment.condition})
    return redirect(next_url(request) or reverse("objectives"))


def _assessment_delete(*, user, record, version):
    services.assessment_delete(user=user, assessment=record, version=version)


assessment_delete = delete_view(EditSpec(
    model=ConditionAssessment, form_class=AssessmentForm, create=None, update=None,
    title_new="", title_edit="", success_url=lambda record: reverse("assessment", args=[record.key]),
    delete=_assessment_delete, deleted_url=lambda record: reverse("objective", args=[record.condition.objective.key]),
))
