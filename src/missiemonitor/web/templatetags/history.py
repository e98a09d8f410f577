"""``{% history_tabs record %}``: the Details | History tabs above a record's page."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()


def history_url(record, back: str = "") -> str:
    url = reverse("record_history", args=[record._meta.label_lower, record.key])
    return f"{url}?{urlencode({'terug': back})}" if back else url


@register.inclusion_tag("web/_history_tabs.html", takes_context=True)
def history_tabs(context, record, current: str = "details", back: str = ""):
    request = context.get("request")
    here = request.get_full_path() if request is not None else ""
    return {
        "details_url": back or here,
        "history_url": history_url(record, here if current == "details" else back),
        "current": current,
    }


@register.filter
def has_history(record) -> bool:
    """Whether ``record`` is a domain record with a History tab (a saved one)."""
    from missiemonitor.core.models import Record

    return isinstance(record, Record) and record.pk is not None
