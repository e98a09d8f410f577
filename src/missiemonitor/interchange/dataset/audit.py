"""The audit entries of a dataset load: one per created, changed or deleted record, as the
record services would write them, but built in bulk from what the writer already holds and
appended to the chain at the end of the load, in its transaction (so the chain's head is locked
only for that last moment).

Changes of a nested list without keys (an indicator's targets, an event's figures) are one
entry of the record that holds the list, naming each item added, changed or removed; changes of
a list of references (a contribution's mandates) one entry naming the keys added and removed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import models

from missiemonitor.audit.capture import SKIPPED, plain, reference_text
from missiemonitor.audit.models import Action, AuditEntry
from missiemonitor.audit.services import (
    entries_append,
    entries_for_created,
    entries_for_updated,
    entry_for_change,
)


class DatasetAudit:
    def __init__(self) -> None:
        self.entries: list[AuditEntry] = []
        # per model: pk -> (key, classification, mission_id), to name a record that holds a list
        self._records: dict[type[models.Model], dict[int, tuple[str, int, int | None]]] = (
            defaultdict(dict))
        self._m2m: dict[tuple[type[models.Model], int], dict[str, dict[str, list[str]]]] = (
            defaultdict(dict))
        self._parts: dict[tuple[type[models.Model], int], dict[str, list[dict[str, Any]]]] = (
            defaultdict(dict))

    # -- keyed records -------------------------------------------------------------------------
    def seen(self, objs: list[models.Model]) -> None:
        if not objs:
            return
        known = self._records[type(objs[0])]
        for obj in objs:
            known[obj.pk] = (obj.key, obj.classification, _mission_id(obj))

    def created(self, objs: list[models.Model]) -> None:
        if not objs:
            return
        model = type(objs[0])
        fields = [f.attname for f in model._meta.concrete_fields
                  if f.name not in SKIPPED and not f.primary_key]
        self.entries.extend(entries_for_created(records=objs, fields=fields))

    def updated(self, changes: list[tuple[models.Model, dict[str, tuple[Any, Any]]]]) -> None:
        self.entries.extend(entries_for_updated(records=changes))

    def m2m(self, model: type[models.Model], name: str, target: type[models.Model],
            added: dict[int, set[int]], removed: dict[int, set[int]]) -> None:
        """Links added and removed per record pk, as pks of ``target``."""
        wanted = set().union(*added.values(), *removed.values())
        keys = dict(target._base_manager.filter(pk__in=wanted).values_list("pk", "key")) if wanted else {}
        for source, targets in added.items():
            self._m2m[(model, source)].setdefault(name, {}).setdefault("add", []).extend(
                sorted(keys.get(pk, str(pk)) for pk in targets))
        for source, targets in removed.items():
            self._m2m[(model, source)].setdefault(name, {}).setdefault("remove", []).extend(
                sorted(keys.get(pk, str(pk)) for pk in targets))

    # -- nested lists without keys ---------------------------------------------------------------
    def parts(self, model: type[models.Model], owner_attr: str, created: list[models.Model],
              updated: list[tuple[models.Model, dict[str, Any]]], deleted: list[models.Model]) -> None:
        owner_field = model._meta.get_field(owner_attr)
        owner = owner_field.related_model
        name = owner_field.remote_field.related_name or model._meta.model_name
        skip = SKIPPED | {owner_attr}
        fields = [f for f in model._meta.concrete_fields if f.name not in skip and not f.primary_key]
        for obj in created:
            values = {f.name: [None, plain(getattr(obj, f.attname))] for f in fields
                      if getattr(obj, f.attname) not in (None, "")}
            self._part(owner, getattr(obj, f"{owner_attr}_id"), name, "add", model, obj, values)
        for obj, diff in updated:
            values = {_field_name(model, a): [plain(old), plain(new)] for a, (old, new) in diff.items()}
            self._part(owner, getattr(obj, f"{owner_attr}_id"), name, "change", model, obj, values)
        for obj in deleted:
            values = {f.name: [plain(getattr(obj, f.attname)), None] for f in fields
                      if getattr(obj, f.attname) not in (None, "")}
            self._part(owner, getattr(obj, f"{owner_attr}_id"), name, "remove", model, obj, values)

    def _part(self, owner: type[models.Model], owner_pk: int, name: str, operation: str,
              model: type[models.Model], obj: models.Model, values: dict[str, Any]) -> None:
        self._parts[(owner, owner_pk)].setdefault(name, []).append(
            {"operation": operation, "item": reference_text(model, obj), "changes": values})

    # -- the end ---------------------------------------------------------------------------------
    def flush(self) -> int:
        """Append every entry to the chain; returns how many."""
        for (model, pk), lists in self._m2m.items():
            changes = {name: {"type": "m2m", **ops} for name, ops in lists.items()}
            self.entries.append(entry_for_change(record=self._stand_in(model, pk), changes=changes))
        for (model, pk), lists in self._parts.items():
            changes = {name: {"type": "part", "items": items} for name, items in lists.items()}
            self.entries.append(entry_for_change(record=self._stand_in(model, pk), changes=changes))
        entries, self.entries = self.entries, []
        self._m2m.clear()
        self._parts.clear()
        entries_append(entries=entries)
        return len(entries)

    def _stand_in(self, model: type[models.Model], pk: int) -> models.Model:
        """The record ``pk`` as far as an entry needs it (key, classification, mission)."""
        known = self._records[model].get(pk)
        if known is None:
            obj = model._base_manager.get(pk=pk)
            known = (obj.key, obj.classification, _mission_id(obj))
        key, classification, mission_id = known
        obj = model(pk=pk, key=key, classification=classification)
        if getattr(model, "need_to_know_path", "mission") != "pk":
            obj.mission_id = mission_id
        return obj


def _mission_id(obj: models.Model) -> int | None:
    if getattr(type(obj), "need_to_know_path", "mission") == "pk":
        return obj.pk
    return getattr(obj, "mission_id", None)


def _field_name(model: type[models.Model], attr: str) -> str:
    for field in model._meta.concrete_fields:
        if field.attname == attr:
            return field.name
    return attr


__all__ = ["Action", "DatasetAudit"]
