"""Reads of the core app."""

from __future__ import annotations

from typing import Any

from missiemonitor.core.dataset.export import export_document


def dataset_export(*, user: Any, mission_keys: list[str] | None = None, title: str | None = None) -> str:
    """What ``user`` may see, as a dataset file (YAML text). With ``mission_keys``, only those
    missions and the records that belong to no mission."""
    return export_document(user=user, mission_keys=mission_keys, title=title)


def reference_records(*, user: Any, model: type) -> Any:
    """The reference records of ``model`` (sources, organisations, locations, dimensions, rating
    scales) that ``user`` may see, by key, to be paged."""
    return model.objects.visible_to(user).order_by("key")
