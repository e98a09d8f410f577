"""Reads of the core app."""

from __future__ import annotations

from typing import Any


def reference_records(*, user: Any, model: type) -> Any:
    """The reference records of ``model`` (sources, organisations, locations, dimensions, rating
    scales) that ``user`` may see, by key, to be paged."""
    return model.objects.visible_to(user).order_by("key")
