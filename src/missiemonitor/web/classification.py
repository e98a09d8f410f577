"""The classification banner: every page shows the highest classification of what it displays.

Views pass the records they show to :func:`highest_classification`; it walks records, lists,
dicts and dataclasses (such as selector results that carry records) and returns the highest
``classification`` found. It reads attributes only, so it costs no queries when the records are
already loaded.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from missiemonitor.core.models import Classification

_MAX_DEPTH = 5


def highest_classification(*shown: Any) -> Classification:
    """The highest classification among ``shown`` (records, iterables of records, selector
    results, or levels already computed); unclassified when nothing classified is shown."""
    highest = Classification.ONGERUBRICEERD
    seen: set[int] = set()

    def visit(thing: Any, depth: int) -> None:
        nonlocal highest
        if thing is None or depth > _MAX_DEPTH or isinstance(thing, (str, bytes, int, float)):
            return
        if id(thing) in seen:
            return
        seen.add(id(thing))
        level = getattr(thing, "classification", None)
        if isinstance(level, int) and not isinstance(level, bool):
            highest = max(highest, level)
            if highest == max(Classification.values):
                return
        if dataclasses.is_dataclass(thing) and not isinstance(thing, type):
            for field in dataclasses.fields(thing):
                visit(getattr(thing, field.name, None), depth + 1)
        elif isinstance(thing, Mapping):
            for value in thing.values():
                visit(value, depth + 1)
        elif isinstance(thing, Iterable) and not hasattr(thing, "_meta") and not hasattr(thing, "query"):
            for item in thing:
                visit(item, depth + 1)
        elif hasattr(thing, "query") and getattr(thing, "_result_cache", None) is not None:
            for item in thing:  # an evaluated queryset: free to read
                visit(item, depth + 1)

    for thing in shown:
        if isinstance(thing, int) and not isinstance(thing, bool):  # a level computed elsewhere
            highest = max(highest, thing)
        else:
            visit(thing, 0)
    return Classification(highest)


def classification_of_refs(refs: Any, *, user: Any) -> Classification:
    """The highest classification of the records named by provenance references
    (``RecordRef(model, key)``), such as those of attention points, among those ``user`` may
    see: a record they may not see must not raise the banner and so betray itself. One query,
    whatever the number and kinds of records named (none when nothing is named)."""
    from django.apps import apps

    keys: dict[str, set[str]] = {}
    for ref in refs:
        keys.setdefault(ref.model, set()).add(str(ref.key))
    parts = []
    for label, model_keys in sorted(keys.items()):
        model = apps.get_model(label)
        names = {f.name for f in model._meta.concrete_fields}
        if "classification" not in names:
            continue
        if "key" in names:
            lookup = {"key__in": sorted(model_keys)}
        else:  # rows without a key (log entries) are referred to by their id
            lookup = {"pk__in": sorted(int(k) for k in model_keys if k.isdigit())}
        queryset = model.objects.visible_to(user) if hasattr(model, "need_to_know_path") else (
            model._default_manager.all())
        parts.append(queryset.filter(**lookup).order_by().values_list("classification").distinct())
    if not parts:
        return Classification.ONGERUBRICEERD
    levels = (parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]).order_by()
    return Classification(max((row[0] for row in levels), default=0))
