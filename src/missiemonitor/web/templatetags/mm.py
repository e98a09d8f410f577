"""Template filters of Missiemonitor: the field in the current language, numbers, money and
dates by language convention (core.formatting), and classification labels."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import urlencode

from django import template
from django.utils.translation import get_language

from missiemonitor.core import formatting
from missiemonitor.core.models import Classification

register = template.Library()


def _language() -> str:
    language = (get_language() or "nl")[:2]
    return language if language in formatting.LOCALES else "nl"


@register.filter
def tr(record, field: str) -> str:
    """``record|tr:"name"``: ``name_en`` in English when it is filled in, else ``name``."""
    if record is None:
        return ""
    if _language() == "en":
        english = getattr(record, f"{field}_en", "")
        if english:
            return english
    return getattr(record, field, "") or ""


@register.filter
def num(value, decimals=None) -> str:
    if value is None or value == "":
        return "–"
    return formatting.format_number(value, language=_language(),
                                    decimals=int(decimals) if decimals not in (None, "") else None)


@register.filter
def money(value) -> str:
    if value is None or value == "":
        return "–"
    return formatting.format_money(Decimal(value), language=_language())


@register.filter
def fdate(value, precision: str = "day") -> str:
    if not value:
        return "–"
    if isinstance(value, dt.datetime):
        value = value.date()
    return formatting.format_date(value, language=_language(), precision=precision or "day")


@register.filter
def about(text: str, approximate: bool) -> str:
    return formatting.approximately(str(text), approximate=bool(approximate), language=_language())


@register.filter
def classification_label(value) -> str:
    try:
        return Classification(int(value)).label
    except (TypeError, ValueError):
        return ""


@register.filter
def classification_code(value) -> str:
    try:
        return Classification(int(value)).name.lower().replace("_", "-")
    except (TypeError, ValueError):
        return "ongerubriceerd"


@register.simple_tag(takes_context=True)
def query(context, **changes) -> str:
    """The current query string with some parameters changed: ``{% query page=2 %}``."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(list(params.lists()), doseq=True) if params else "?"


@register.filter
def lookup(mapping, key):
    """``labels|lookup:value``: a value's label from a dict such as dict(Choices.choices)."""
    try:
        return mapping.get(key, key)
    except AttributeError:
        return key
