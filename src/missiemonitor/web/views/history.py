"""The History tab of every record: who changed what and when, from the audit trail
(:func:`missiemonitor.audit.selectors.history_for_record`, under the visibility rule). A record
the user may not see is not found; a change above their clearance is shown without values."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme

from missiemonitor.audit.capture import audited_models
from missiemonitor.audit.selectors import HISTORY_LIMIT, history_for_record
from missiemonitor.core.models import Record
from missiemonitor.web.pages import render_page


def _record(request: HttpRequest, label: str, key: str) -> Record:
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    if not issubclass(model, Record) or model not in audited_models():
        raise Http404
    record = model.objects.visible_to(request.user).filter(key=key).first()
    if record is None:
        raise Http404
    return record


@login_required
def record_history(request: HttpRequest, label: str, key: str) -> HttpResponse:
    record = _record(request, label, key)
    back = request.GET.get("terug", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()) or not back.startswith("/"):
        back = ""
    entries = history_for_record(user=request.user, record=record)
    return render_page(request, "web/history.html",
                       {"record": record, "entries": entries, "back": back,
                        "record_type": record._meta.verbose_name, "limit": HISTORY_LIMIT},
                       shown=[record])
