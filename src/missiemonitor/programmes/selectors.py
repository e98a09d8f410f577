"""Reads of the programmes app. Every read starts from ``visible_to(user)``."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from missiemonitor.programmes.models import Programme


def programme_list(*, user: Any) -> QuerySet[Programme]:
    """Programmes by area and name, each with its visible indicators (``visible_indicators``),
    to be paged."""
    from missiemonitor.results.models import Indicator

    indicators = Indicator.objects.visible_to(user).order_by("key")
    return (Programme.objects.visible_to(user).with_visible(user, "mission", "partner", "parent")
            .prefetch_related(Prefetch("indicators", queryset=indicators, to_attr="visible_indicators"))
            .order_by("area", "name", "key"))
