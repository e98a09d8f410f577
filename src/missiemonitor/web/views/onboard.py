"""Onboarding from a document, under Gegevens: upload a letter or report, review each proposal
beside its passage (accept, edit or reject it), and load what was accepted through the normal
loader. Nothing is written before "Load accepted"; the pending proposals stay in the session,
never in the page."""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from missiemonitor.core.permissions import can_load_datasets
from missiemonitor.interchange.dataset.errors import DatasetError
from missiemonitor.interchange.onboard import (
    OnboardError,
    Proposals,
    draft_dataset,
    onboard_document,
)
from missiemonitor.interchange.onboard.proposals import slug
from missiemonitor.interchange.selectors import onboarding_existing_keys
from missiemonitor.interchange.services import NothingAccepted, onboarding_load
from missiemonitor.web.forms.onboard import (
    KIND_LABELS,
    OnboardUploadForm,
    apply_review,
    review_groups,
)
from missiemonitor.web.pages import render_page

SESSION_PREFIX = "onboard:"
KEEP = 3  # pending onboardings kept per session


def _require(request: HttpRequest) -> None:
    if not can_load_datasets(request.user):
        raise PermissionDenied(_("Only a coordinator with need-to-know for all missions and the highest "
                                 "clearance can onboard documents."))


def _pending(request: HttpRequest, token: str) -> dict:
    entry = request.session.get(SESSION_PREFIX + token)
    if not entry:
        raise Http404(_("No such onboarding: it was loaded, discarded or has expired."))
    return entry


def _store(request: HttpRequest, token: str, entry: dict) -> None:
    request.session[SESSION_PREFIX + token] = entry
    order = [k for k in request.session.get("onboard-order", []) if k != token] + [token]
    for old in order[:-KEEP]:
        request.session.pop(SESSION_PREFIX + old, None)
    request.session["onboard-order"] = order[-KEEP:]


@login_required
@require_http_methods(["GET", "POST"])
def onboard_upload(request: HttpRequest) -> HttpResponse:
    _require(request)
    form = OnboardUploadForm(request.POST or None, request.FILES or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        upload, data = form.cleaned_data["file"]
        try:
            proposals = onboard_document(data=data, filename=upload.name)
        except OnboardError as exc:
            error = str(exc)
        else:
            proposals.classification = form.cleaned_data["classification"]
            token = secrets.token_urlsafe(9)
            _store(request, token, {"proposals": proposals.to_dict()})
            return redirect("onboard_review", token=token)
    status = 400 if request.method == "POST" else 200
    return render_page(request, "web/onboard_upload.html", {"form": form, "error": error}, status=status)


def _report_link(proposals: Proposals) -> str:
    """The report builder with the period and the missions of what was loaded."""
    params: list[tuple[str, str]] = []
    if proposals.reporting_period and ".." in proposals.reporting_period:
        start, end = proposals.reporting_period.split("..")
        params += [("start", start), ("end", end)]
    params += [("mission", p.key) for p in proposals.accepted() if p.kind == "mission"]
    return reverse("report_builder") + ("?" + urlencode(params) if params else "")


@login_required
@require_http_methods(["GET", "POST"])
def onboard_review(request: HttpRequest, token: str) -> HttpResponse:
    _require(request)
    entry = _pending(request, token)
    proposals = Proposals.from_dict(entry["proposals"])
    issues: list[dict] = []
    status = 200
    data = None
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action == "discard":
            request.session.pop(SESSION_PREFIX + token, None)
            messages.info(request, _("The proposals from %(file)s were discarded; nothing was written.")
                          % {"file": proposals.filename})
            return redirect("data")
        invalid = apply_review(proposals, request.POST, accept_undecided=action == "accept-all")
        _store(request, token, {**entry, "proposals": proposals.to_dict()})
        if invalid:
            data, status = request.POST, 400
            messages.error(request, _("Some values were not valid; they are marked below."))
        elif action == "load":
            try:
                stats, _draft = onboarding_load(user=request.user, proposals=proposals)
            except NothingAccepted as exc:
                messages.error(request, str(exc))
                status = 400
            except DatasetError as exc:
                draft = draft_dataset(proposals, accepted_only=True)
                issues = _issues(exc, draft, proposals)
                status = 400
            else:
                _store(request, token, {**entry, "proposals": proposals.to_dict(), "loaded": {
                    "created": stats.total_created, "updated": stats.total_updated,
                    "unchanged": stats.total_unchanged, "report": _report_link(proposals),
                    "missions": [p.key for p in proposals.accepted() if p.kind == "mission"]}})
                return redirect("onboard_review", token=token)
        else:
            messages.success(request, _("Your decisions are saved. Nothing is written until you load them."))
            return redirect("onboard_review", token=token)
    counts = {"accept": 0, "reject": 0, "": 0}
    for proposal in proposals.items:
        counts[proposal.decision] = counts.get(proposal.decision, 0) + 1
    context = {
        "token": token, "proposals": proposals, "issues": issues, "loaded": entry.get("loaded"),
        "groups": [] if entry.get("loaded") else review_groups(
            proposals, existing=onboarding_existing_keys(user=request.user, proposals=proposals), data=data),
        "accepted": counts["accept"], "rejected": counts["reject"], "undecided": counts[""],
    }
    return render_page(request, "web/onboard_review.html", context, shown=[proposals.classification], status=status)


def _issues(exc: DatasetError, draft, proposals: Proposals) -> list[dict]:
    rows = []
    for issue in exc.issues:
        owner = proposals.get(draft.owner_of(issue.line))
        rows.append({"line": issue.line, "field": issue.path, "message": issue.message,
                     "proposal": f"{owner.id} · {KIND_LABELS[owner.kind]}: {owner.label}" if owner else "",
                     "anchor": owner.id if owner else ""})
    return rows


@login_required
@require_GET
def onboard_draft(request: HttpRequest, token: str) -> HttpResponse:
    """The accepted proposals as a dataset file, with their passages as comments."""
    _require(request)
    proposals = Proposals.from_dict(_pending(request, token)["proposals"])
    draft = draft_dataset(proposals, accepted_only=True)
    stem = slug(proposals.filename.rsplit(".", 1)[0]) or "onboarding"
    response = HttpResponse(draft.text, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}-concept.yaml"'
    return response
