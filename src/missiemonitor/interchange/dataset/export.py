"""Writing the database (what one user may see, optionally limited to some missions) as a
dataset file. The output is deterministic: the same records give the same bytes."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import models

from missiemonitor.interchange.dataset import spec
from missiemonitor.interchange.dataset.placeholders import (
    BLOCK_KINDS,
    find_placeholders,
    section_kinds,
)
from missiemonitor.interchange.dataset.yamlio import dump_yaml


class Exporter:
    def __init__(self, user: Any, mission_keys: list[str] | None = None) -> None:
        self.user = user
        self.mission_keys = set(mission_keys) if mission_keys else None
        self.rows: dict[str, dict[int, models.Model]] = {}
        self.m2m: dict[tuple[str, str], dict[int, list[int]]] = {}
        self.keys: dict[str, dict[int, str]] = {}

    # -- collecting ----------------------------------------------------------------------------
    def collect(self) -> None:
        from missiemonitor.missions.models import Mission

        selected_missions: set[int] | None = None
        if self.mission_keys is not None:
            selected_missions = set(
                Mission.objects.visible_to(self.user).filter(key__in=self.mission_keys).values_list("pk", flat=True)
            )
        for section in self._walk():
            model = section.model
            if section.keyed:
                queryset = model.objects.visible_to(self.user)
                if selected_missions is not None:
                    if section.mission == "self":
                        queryset = queryset.filter(pk__in=selected_missions)
                    else:
                        queryset = queryset.filter(models.Q(mission__isnull=True) | models.Q(mission__in=selected_missions))
            else:
                queryset = model.objects.all()
            self.rows[section.name] = {obj.pk: obj for obj in queryset.order_by("pk")}
            for f in section.all_fields:
                if f.kind == "refs":
                    self._collect_m2m(section, f)

    def _collect_m2m(self, section: spec.Section, f: Any) -> None:
        m2m = section.model._meta.get_field(f.model_attr)
        through = m2m.remote_field.through
        source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        pairs: dict[int, list[int]] = defaultdict(list)
        for source_id, target_id in through.objects.values_list(f"{source}_id", f"{target}_id"):
            pairs[source_id].append(target_id)
        self.m2m[(section.name, f.name)] = pairs

    @staticmethod
    def _walk():
        stack = list(reversed(spec.sections()))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    # -- closing over references ---------------------------------------------------------------
    def close(self) -> None:
        """Drop records whose required references, parent or placeholders point at records
        that are not exported, until nothing changes."""
        parent_of = spec.parents()
        changed = True
        while changed:
            changed = False
            self.keys = {name: {pk: obj.key for pk, obj in rows.items()}
                         for name, rows in self.rows.items() if spec.by_name()[name].keyed}
            key_sets = {name: set(keys.values()) for name, keys in self.keys.items()}
            for section in self._walk():
                rows = self.rows[section.name]
                parent = parent_of.get(section.name)
                for pk, obj in list(rows.items()):
                    ok = True
                    if parent is not None:
                        ok = getattr(obj, f"{section.parent_attr}_id") in self.rows[parent.name]
                    for f in section.all_fields:
                        if not ok:
                            break
                        if f.kind == "ref" and f.required and f.name != "mission":
                            ok = getattr(obj, f"{f.model_attr}_id") in self.rows[f.target]
                    if ok and section.name == "narratives":
                        for kind, key, _field in find_placeholders(obj.text):
                            if kind in BLOCK_KINDS:
                                continue
                            targets = section_kinds().get(kind, "").split("|")
                            if not any(key in key_sets.get(t, ()) for t in targets):
                                ok = False
                    if not ok:
                        del rows[pk]
                        changed = True

    # -- writing -------------------------------------------------------------------------------
    def document(self, title: str | None = None) -> dict[str, Any]:
        from missiemonitor.results.models import ScaleLevel

        self.level_codes = dict(ScaleLevel.objects.values_list("pk", "code"))
        self.mission_keys_by_pk = self.keys.get("missions", {})
        doc: dict[str, Any] = {"format": spec.FORMAT_NAME, "version": spec.FORMAT_VERSION}
        if title:
            doc["title"] = title
        for section in spec.sections():
            items = self._items(section, list(self.rows[section.name].values()), parent=None)
            if items:
                doc[section.name] = items
        return doc

    def _items(self, section: spec.Section, objs: list[models.Model], parent: models.Model | None) -> list[dict]:
        if section.keyed:
            objs = sorted(objs, key=lambda o: o.key)
        else:
            objs = sorted(objs, key=lambda o: tuple(getattr(o, a) for a in section.order_by))
        children_by_parent = {}
        for child in section.children:
            grouped: dict[int, list[models.Model]] = defaultdict(list)
            for obj in self.rows[child.name].values():
                grouped[getattr(obj, f"{child.parent_attr}_id")].append(obj)
            children_by_parent[child.name] = grouped
        result = []
        for obj in objs:
            item = self._item(section, obj, parent)
            for child in section.children:
                kids = children_by_parent[child.name].get(obj.pk, [])
                if kids:
                    item[child.name] = self._items(child, kids, obj)
            result.append(item)
        return result

    def _item(self, section: spec.Section, obj: models.Model, parent: models.Model | None) -> dict[str, Any]:
        item: dict[str, Any] = {}
        for f in section.all_fields:
            if f.name == "mission":
                mission_id = obj.mission_id
                if parent is not None and getattr(parent, "mission_id", None) == mission_id:
                    continue
                value = self.mission_keys_by_pk.get(mission_id) if mission_id else None
            elif f.kind == "ref":
                target_id = getattr(obj, f"{f.model_attr}_id")
                value = self.keys[f.target].get(target_id) if target_id else None
            elif f.kind == "refs":
                targets = self.m2m[(section.name, f.name)].get(obj.pk, [])
                value = sorted(self.keys[f.target][t] for t in targets if t in self.keys[f.target]) or None
            elif f.kind == "level":
                value = self.level_codes.get(obj.level_id)
            else:
                value = f.to_file(obj)
            if value is not None:
                item[f.name] = value
        return item


def export_document(*, user: Any, mission_keys: list[str] | None = None, title: str | None = None) -> str:
    exporter = Exporter(user, mission_keys)
    exporter.collect()
    exporter.close()
    return dump_yaml(exporter.document(title))
