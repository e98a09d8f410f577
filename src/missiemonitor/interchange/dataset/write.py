"""Writing a validated dataset: upsert by key, in bulk, in dependency order.

Only what differs is written, so loading the same file twice changes nothing (not even a
timestamp or a version number). Records in the database but not in the file are left alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from auditlog.context import disable_auditlog
from django.db import models
from django.utils import timezone

from missiemonitor.interchange.dataset import spec
from missiemonitor.interchange.dataset.audit import DatasetAudit
from missiemonitor.interchange.dataset.items import Item
from missiemonitor.interchange.dataset.validate import Parsed

CHUNK = 2000


@dataclass
class LoadStats:
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    unchanged: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    deleted: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    @property
    def total_updated(self) -> int:
        return sum(self.updated.values())

    @property
    def total_unchanged(self) -> int:
        return sum(self.unchanged.values())


class Writer:
    def __init__(self, parsed: Parsed, progress: Callable[[int], None] | None = None) -> None:
        self.parsed = parsed
        self.pks: dict[str, dict[str, int]] = defaultdict(dict)
        for name, records in parsed.db.items():
            for key, record in records.items():
                self.pks[name][key] = record.pk
        self.stats = LoadStats()
        self.progress = progress or (lambda n: None)
        self.now = timezone.now()
        self._condition_scale: dict[int, int] = {}
        self._scale_levels: dict[int, dict[str, int]] = {}
        self.audit = DatasetAudit()

    def run(self) -> LoadStats:
        # Bulk writes bypass model signals; the few that do not (deletes) would be audited
        # twice: the load writes its own entries, one per record written (DatasetAudit).
        with disable_auditlog():
            for section in spec.sections():
                items = self.parsed.top.get(section.name, [])
                if items:
                    self._section(section, items)
        self.audit.flush()
        return self.stats

    # -- resolution --------------------------------------------------------------------------
    def pk(self, target: str, key: str) -> int:
        for name in target.split("|"):
            if key in self.pks[name]:
                return self.pks[name][key]
        raise KeyError(f"{target}:{key}")  # validation guarantees this does not happen

    def _mission_pk(self, key: str) -> int:
        """A derived mission may be one the file never names (a stored contribution's)."""
        missions = self.pks["missions"]
        if key not in missions:
            missions[key] = spec.by_name()["missions"].model.objects.values_list(
                "pk", flat=True).get(key=key)
        return missions[key]

    def _attrs(self, item: Item, *, self_refs: bool) -> dict[str, Any]:
        section = item.section
        attrs: dict[str, Any] = {}
        for f in section.all_fields:
            if f.name == "key" or f.kind == "refs":
                continue
            value = item.values.get(f.name)
            if f.kind == "ref":
                if f.name == "mission":
                    continue
                if f.target == section.name and not self_refs:
                    continue
                attrs[f"{f.model_attr}_id"] = self.pk(f.target, value) if value else None
            elif f.kind == "level":
                attrs["level_id"] = self._level_pk(item)
            elif value is None:
                attrs.update(self._default_attrs(section, f))
            else:
                attrs.update(f.to_attrs(value))
        if section.keyed and section.mission != "self":
            attrs["mission_id"] = self._mission_pk(item.mission_key) if item.mission_key else None
        if section.parent_attr and item.parent is not None:
            attrs[f"{section.parent_attr}_id"] = self.pk(item.parent.section.name, item.parent.key)
        return attrs

    @staticmethod
    def _default_attrs(section: spec.Section, f: Any) -> dict[str, Any]:
        """Model values for a field the file leaves out: the model's own defaults."""
        if f.kind in {"fuzzy", "period"}:
            return f.to_attrs(None)
        return {f.model_attr: section.model._meta.get_field(f.model_attr).get_default()}

    def _level_pk(self, item: Item) -> int:
        scale_id = self._condition_scale[self.pk("conditions", item.values["condition"])]
        return self._scale_levels[scale_id][item.values["level"]]

    def _prefetch_levels(self, items: list[Item]) -> None:
        from missiemonitor.results.models import Condition, ScaleLevel

        condition_pks = sorted({self.pk("conditions", item.values["condition"]) for item in items})
        self._condition_scale = {}
        for start in range(0, len(condition_pks), CHUNK):
            self._condition_scale.update(
                Condition.objects.filter(pk__in=condition_pks[start:start + CHUNK])
                .values_list("pk", "objective__framework_version__scale_id"))
        self._scale_levels = defaultdict(dict)
        for scale_id, code, pk in ScaleLevel.objects.filter(
            scale_id__in=set(self._condition_scale.values())
        ).values_list("scale_id", "code", "pk"):
            self._scale_levels[scale_id][code] = pk

    # -- sections ------------------------------------------------------------------------------
    def _section(self, section: spec.Section, items: list[Item]) -> None:
        if section.keyed:
            if section.name == "assessments":
                self._prefetch_levels(items)
            self._keyed(section, items)
        self.progress(len(items))
        for child in section.children:
            if child.keyed:
                children = [c for item in items for c in item.children.get(child.name, [])]
                if children:
                    self._section(child, children)
            else:
                self._unkeyed(child, items)

    def _keyed(self, section: spec.Section, items: list[Item]) -> None:
        model = section.model
        keys = [item.key for item in items]
        existing: dict[str, models.Model] = {}
        # The rows are locked until the load commits: an edit made between this read and the
        # update below would otherwise be overwritten, its version bump with it (a lost update).
        # Edits wait for the lock (record services lock too) and then see the new version.
        # (SQLite transactions are IMMEDIATE here: writers are serialised anyway.)
        for start in range(0, len(keys), CHUNK):
            for obj in model.objects.select_for_update().filter(key__in=keys[start:start + CHUNK]):
                existing[obj.key] = obj
        read_versions = {key: obj.version for key, obj in existing.items()}
        has_self_refs = any(f.kind == "ref" and f.target == section.name for f in section.all_fields)
        new_objs = []
        for item in items:
            if item.key not in existing:
                new_objs.append(model(key=item.key, **self._attrs(item, self_refs=False)))
        if new_objs:
            model.objects.bulk_create(new_objs, batch_size=500)
            for obj in new_objs:
                existing[obj.key] = obj
            self.stats.created[section.name] += len(new_objs)
        new_keys = {obj.key for obj in new_objs}
        for obj in existing.values():
            self.pks[section.name][obj.key] = obj.pk
        changed: dict[str, models.Model] = {}
        update_fields: set[str] = set()
        diffs: dict[str, dict[str, tuple]] = {}
        for item in items:
            obj = existing[item.key]
            if item.key in new_keys and not has_self_refs:
                continue
            for attr, value in self._attrs(item, self_refs=True).items():
                if getattr(obj, attr) != value:
                    if item.key not in new_keys:
                        diffs.setdefault(item.key, {})[attr] = (getattr(obj, attr), value)
                    setattr(obj, attr, value)
                    update_fields.add(attr)
                    changed[item.key] = obj
        self.audit.seen(list(existing.values()))
        self.audit.created(new_objs)
        self.audit.updated([(existing[key], diff) for key, diff in diffs.items()])
        for f in section.all_fields:
            if f.kind == "refs":
                for key in self._sync_m2m(section, f, items, existing):
                    if key not in new_keys:
                        changed[key] = existing[key]
        if changed:
            for key, obj in changed.items():
                if key not in new_keys:
                    obj.version = read_versions[key] + 1  # from the locked row's version
                    obj.updated_at = self.now
            fields = sorted(update_fields | {"version", "updated_at"})
            model.objects.bulk_update(list(changed.values()), fields, batch_size=500)
        updated = len([k for k in changed if k not in new_keys])
        self.stats.updated[section.name] += updated
        self.stats.unchanged[section.name] += len(items) - len(new_objs) - updated

    def _sync_m2m(self, section: spec.Section, f: Any, items: list[Item],
                  existing: dict[str, models.Model]) -> set[str]:
        model = section.model
        m2m = model._meta.get_field(f.model_attr)
        through = m2m.remote_field.through
        source_col = m2m.m2m_field_name()
        target_col = m2m.m2m_reverse_field_name()
        by_pk = {existing[item.key].pk: item for item in items}
        current: dict[int, dict[int, int]] = defaultdict(dict)
        pks = list(by_pk)
        for start in range(0, len(pks), CHUNK):
            rows = through.objects.filter(**{f"{source_col}_id__in": pks[start:start + CHUNK]}).values_list(
                "pk", f"{source_col}_id", f"{target_col}_id")
            for row_pk, source_id, target_id in rows:
                current[source_id][target_id] = row_pk
        to_add, to_remove, touched = [], [], set()
        added: dict[int, set[int]] = defaultdict(set)
        removed: dict[int, set[int]] = defaultdict(set)
        for source_id, item in by_pk.items():
            wanted = {self.pk(f.target, key) for key in item.values.get(f.name, [])}
            have = current.get(source_id, {})
            for target_id in wanted - set(have):
                to_add.append(through(**{f"{source_col}_id": source_id, f"{target_col}_id": target_id}))
                added[source_id].add(target_id)
                touched.add(item.key)
            for target_id in set(have) - wanted:
                to_remove.append(have[target_id])
                removed[source_id].add(target_id)
                touched.add(item.key)
        self.audit.m2m(model, m2m.name, m2m.related_model, added, removed)
        if to_remove:
            through.objects.filter(pk__in=to_remove).delete()
        if to_add:
            through.objects.bulk_create(to_add, batch_size=500)
        return touched

    def _unkeyed(self, section: spec.Section, parents: list[Item]) -> None:
        """Nested records without keys, owned by their parent: the file's list is the whole
        list. They are matched within the parent by their natural key."""
        model = section.model
        parent_attr = f"{section.parent_attr}_id"
        by_parent: dict[int, list[Item]] = {}
        items: list[Item] = []
        for parent in parents:
            children = parent.children.get(section.name, [])
            by_parent[self.pk(parent.section.name, parent.key)] = children
            items.extend(children)
        existing: dict[int, dict[tuple, models.Model]] = defaultdict(dict)
        parent_pks = list(by_parent)
        for start in range(0, len(parent_pks), CHUNK):  # locked, as in _keyed
            for obj in model.objects.select_for_update().filter(
                **{f"{parent_attr}__in": parent_pks[start:start + CHUNK]}
            ):
                existing[getattr(obj, parent_attr)][self._natural(section, obj)] = obj
        to_create, to_update, to_delete, fields = [], [], [], set()
        part_diffs: list[tuple[models.Model, dict]] = []
        for parent_pk, children in by_parent.items():
            have = existing.get(parent_pk, {})
            seen = set()
            for item in children:
                attrs = self._attrs(item, self_refs=True)
                natural = tuple(attrs[a] for a in self._natural_attrs(section))
                seen.add(natural)
                obj = have.get(natural)
                if obj is None:
                    to_create.append(model(**attrs))
                    continue
                diff = {a: v for a, v in attrs.items() if getattr(obj, a) != v}
                if diff:
                    part_diffs.append((obj, {a: (getattr(obj, a), v) for a, v in diff.items()}))
                    for a, v in diff.items():
                        setattr(obj, a, v)
                    fields.update(diff)
                    to_update.append(obj)
            to_delete.extend(obj for natural, obj in have.items() if natural not in seen)
        self.audit.parts(model, section.parent_attr, to_create, part_diffs, to_delete)
        to_delete = [obj.pk for obj in to_delete]
        if to_delete:
            model.objects.filter(pk__in=to_delete).delete()
            self.stats.deleted[section.name] += len(to_delete)
        if to_update:
            model.objects.bulk_update(to_update, sorted(fields), batch_size=500)
            self.stats.updated[section.name] += len(to_update)
        if to_create:
            model.objects.bulk_create(to_create, batch_size=500)
            self.stats.created[section.name] += len(to_create)
        self.stats.unchanged[section.name] += len(items) - len(to_create) - len(to_update)
        self.progress(len(items))

    @staticmethod
    def _natural_attrs(section: spec.Section) -> list[str]:
        attrs: list[str] = []
        for name in section.natural_key:
            attrs.extend(section.field(name).model_attrs())
        return attrs

    def _natural(self, section: spec.Section, obj: models.Model) -> tuple:
        return tuple(getattr(obj, a) for a in self._natural_attrs(section))
