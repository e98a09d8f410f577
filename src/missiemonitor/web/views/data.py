"""The data page: upload a dataset file or an activity-log CSV (all checked before anything is
written; problems listed by line and field) and download exports."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from missiemonitor.core.permissions import can_load_datasets
from missiemonitor.interchange.dataset import dataset_export, dataset_load_text
from missiemonitor.interchange.dataset.errors import DatasetError
from missiemonitor.interchange.logs import LogImportError, log_import_csv
from missiemonitor.missions.selectors import missions_visible
from missiemonitor.web.forms.data import DatasetUploadForm, ExportForm, LogUploadForm
from missiemonitor.web.forms.onboard import OnboardUploadForm
from missiemonitor.web.pages import render_page


def may_load_datasets(user) -> bool:
    """A dataset file can change any record (the rule of
    :func:`missiemonitor.core.permissions.can_load_datasets`)."""
    return can_load_datasets(user)


@login_required
@require_http_methods(["GET", "POST"])
def data_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    which = request.POST.get("form") if request.method == "POST" else None
    dataset_form = DatasetUploadForm(request.POST if which == "dataset" else None,
                                     request.FILES if which == "dataset" else None, prefix="dataset")
    log_form = LogUploadForm(request.POST if which == "log" else None,
                             request.FILES if which == "log" else None, prefix="log")
    issues: list = []
    issue_file = ""
    status = 200
    if which == "dataset":
        if not may_load_datasets(user):
            raise PermissionDenied
        if dataset_form.is_valid():
            upload, text = dataset_form.cleaned_data["file"]
            try:
                stats = dataset_load_text(text=text, filename=upload.name)
            except DatasetError as exc:
                issues = [{"line": i.line, "field": i.path, "message": i.message} for i in exc.issues]
                issue_file = upload.name
            else:
                messages.success(request, _("%(file)s loaded: %(created)s created, %(updated)s updated, "
                                            "%(unchanged)s unchanged.")
                                 % {"file": upload.name, "created": stats.total_created,
                                    "updated": stats.total_updated, "unchanged": stats.total_unchanged})
                return redirect("data")
        status = 400
    elif which == "log":
        if log_form.is_valid():
            upload, text = log_form.cleaned_data["file"]
            try:
                result = log_import_csv(kind=log_form.cleaned_data["kind"], stream=io.StringIO(text, newline=""),
                                        user=user, batch=log_form.cleaned_data["batch"], filename=upload.name)
            except LogImportError as exc:
                issues = [{"line": i.line, "field": i.column, "message": i.message} for i in exc.issues]
                issue_file = upload.name
                if exc.total > len(exc.issues):
                    messages.error(request, _("%(count)s problems in total; the first %(shown)s are listed.")
                                   % {"count": exc.total, "shown": len(exc.issues)})
            else:
                messages.success(request, _("%(file)s imported as batch %(batch)s: %(rows)s rows.")
                                 % {"file": upload.name, "batch": result.batch, "rows": result.rows})
                return redirect("data")
        status = 400
    context = {
        "dataset_form": dataset_form,
        "log_form": log_form,
        "export_form": ExportForm(missions=list(missions_visible(user=user))),
        "issues": issues,
        "issue_file": issue_file,
        "may_load_datasets": may_load_datasets(user),
        "onboard_form": OnboardUploadForm(),
    }
    return render_page(request, "web/data.html", context, status=status)


@login_required
@require_GET
def data_export(request: HttpRequest) -> HttpResponse:
    """What the user may see, as a dataset file (the same format as uploads)."""
    user = request.user
    form = ExportForm(request.GET, missions=list(missions_visible(user=user)))
    if not form.is_valid():
        return redirect("data")
    key = form.cleaned_data.get("mission") or ""
    text = dataset_export(user=user, mission_keys=[key] if key else None)
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="missiemonitor-{key or "export"}-{stamp}.yaml"'
    return response
