"""What is audited and how one change becomes an entry.

django-auditlog's registry connects its receivers (create, update, delete, many-to-many) to
every domain record (every subclass of :class:`~missiemonitor.core.models.Record`), to the
parts without a key of their own (an indicator's targets, an event's figures: ``part_of``),
and to the accounts (users, their mission memberships, API tokens). Its receivers compute the
field diff; :func:`entry_from_signal` turns it into an entry of this system:

* references are written as the referenced record's **key** (not its database id);
* a change of a part is a change of the record it is part of (field ``targets``, ``figures``,
  ...), and a mission membership a change of the user's ``missions``: history is per record;
* the record's classification (the higher of before and after) and mission are kept with the
  entry, for history under the visibility rule (:mod:`.selectors`).

Bulk writers that bypass model signals (the dataset loader, activity-log imports) build their
entries with :func:`record_entry` and append them in one go (:mod:`.services`).
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
from collections.abc import Iterable
from typing import Any

from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.encoding import smart_str

from missiemonitor.audit.models import Action, AuditEntry
from missiemonitor.core import structure
from missiemonitor.core.models import Record

# Never in an entry: bookkeeping every save changes, and secrets.
SKIPPED = frozenset({"id", "version", "created_at", "updated_at"})
ACCOUNT_MODELS: dict[str, dict[str, Any]] = {
    "accounts.user": {"exclude_fields": ["id", "password", "last_login"]},
    "accounts.apitoken": {"exclude_fields": ["id", "digest", "last_used_at", "created_at"]},
}
# A row that links two records: logged as a change of the first's list of the second.
LINKS: dict[str, tuple[str, str, str]] = {
    "accounts.missionmembership": ("user", "missions", "mission"),
}


def is_part(model: type[models.Model]) -> bool:
    return bool(structure.part_of(model)) and not issubclass(model, Record)


def audited_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models()
            if issubclass(model, Record) or is_part(model)
            or model._meta.label_lower in ACCOUNT_MODELS or model._meta.label_lower in LINKS]


def register_audited_models() -> None:
    for model in audited_models():
        label = model._meta.label_lower
        if label in ACCOUNT_MODELS:
            auditlog.register(model, **ACCOUNT_MODELS[label])
            continue
        m2m = [f.name for f in model._meta.many_to_many] if issubclass(model, Record) else []
        auditlog.register(model, exclude_fields=sorted(SKIPPED), m2m_fields=m2m)


# -- values ------------------------------------------------------------------------------------

def reference_text(model: type[models.Model], obj: models.Model) -> str:
    """How a referenced record is named in an entry: its key, or for a part its natural key."""
    if hasattr(obj, "key"):
        return obj.key
    natural = structure.part_key(model)
    if natural:
        return " ".join(smart_str(getattr(obj, name)) for name in natural)
    if hasattr(obj, "get_username"):
        return obj.get_username()
    return smart_str(obj)


def plain(value: Any) -> Any:
    """A value as JSON holds it: text for dates, times and decimals."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | float):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return smart_str(value)


def _reference_keys(field: models.Field, pks: Iterable[Any],
                    instance: models.Model | None = None) -> dict[Any, str]:
    """The keys of the records ``pks`` name; the one ``instance`` holds already is not read
    again (a new record's references usually are)."""
    related = field.related_model
    wanted = {str(pk) for pk in pks if pk not in (None, "", "None")}
    keys: dict[Any, str] = {}
    if instance is not None and field.is_cached(instance):
        held = field.get_cached_value(instance)
        if held is not None and str(held.pk) in wanted:
            keys[str(held.pk)] = reference_text(related, held)
            wanted.discard(str(held.pk))
    if wanted:
        found = related._base_manager.filter(pk__in=wanted)
        keys.update({str(obj.pk): reference_text(related, obj) for obj in found})
    return keys


def field_changes(model: type[models.Model], diff: dict[str, Any] | None,
                  instance: models.Model | None = None) -> dict[str, list[Any]]:
    """django-auditlog's diff (``{field: (old, new)}``, references as ids) with references as
    keys and every value plain JSON; ``instance`` (the record written) lends the references it
    holds."""
    result: dict[str, list[Any]] = {}
    for name, (old, new) in (diff or {}).items():
        if name in SKIPPED:
            continue
        if old in (None, "", "None") and new in (None, "", "None"):
            continue  # an empty field of a record created or deleted
        try:
            field = model._meta.get_field(name)
        except Exception:  # FieldDoesNotExist: keep it as it came
            result[name] = [plain(old), plain(new)]
            continue
        if not getattr(field, "concrete", False):
            continue  # a reverse relation (django-auditlog lists them for creates and deletes)
        if field.is_relation and (field.many_to_one or field.one_to_one):
            keys = _reference_keys(field, [old, new], instance)
            old = keys.get(str(old), plain(old)) if old not in (None, "None") else None
            new = keys.get(str(new), plain(new)) if new not in (None, "None") else None
            result[name] = [old, new]
        else:
            result[name] = [plain(old), plain(new)]
    return result


# -- entries -----------------------------------------------------------------------------------

def _snapshot(record: models.Model, changes: dict[str, Any]) -> tuple[int, int | None]:
    level = getattr(record, "classification", None) or 0
    changed = changes.get("classification")
    if isinstance(changed, list):
        level = max([level, *(int(v) for v in changed if isinstance(v, int))])
    if getattr(type(record), "need_to_know_path", "mission") == "pk" and isinstance(record, Record):
        mission_id = record.pk
    else:
        mission_id = getattr(record, "mission_id", None)
    return level, mission_id


def record_entry(record: models.Model, *, action: int, changes: dict[str, Any] | None,
                 additional_data: dict[str, Any] | None = None, repr_text: str | None = None,
                 timestamp: dt.datetime | None = None) -> AuditEntry:
    """An unsaved entry of ``action`` on ``record`` with ``changes`` (already plain)."""
    model = type(record)
    level, mission_id = _snapshot(record, changes or {})
    key = reference_text(model, record)
    return _new_entry({
        "content_type_id": ContentType.objects.get_for_model(model).pk,
        "object_pk": str(record.pk),
        "object_id": record.pk if isinstance(record.pk, int) else None,
        "object_key": key[:200],
        "object_repr": repr_text if repr_text is not None else _repr(record),
        "action": action,
        "changes": changes or None,
        "additional_data": additional_data,
        "record_classification": level,
        "record_mission_id": mission_id,
        "timestamp": timestamp or timezone.now(),
    })


@functools.cache
def _columns() -> tuple[list[str], dict[str, Any]]:
    fields = AuditEntry._meta.concrete_fields
    return [f.attname for f in fields], {f.attname: None if f.primary_key else f.get_default()
                                         for f in fields if f.attname != "timestamp"}


def _new_entry(values: dict[str, Any]) -> AuditEntry:
    """An unsaved entry from attribute values: positional arguments in column order, Django's
    fast way to build an instance (a dataset load builds one per record)."""
    names, defaults = _columns()
    return AuditEntry(*[values[n] if n in values else defaults[n] for n in names])


def _repr(record: models.Model) -> str:
    try:
        return smart_str(record)[:500]
    except Exception:  # a __str__ that follows a reference the cascade already removed
        return getattr(record, "key", "") or str(record.pk)


def entry_from_signal(manager: Any, instance: models.Model, diff: dict[str, Any] | None, *,
                      force_log: bool = False, **kwargs: Any) -> AuditEntry | None:
    """django-auditlog's ``log_create``: one entry for a create, change or delete of
    ``instance`` (or of the record it is part of), or none when nothing audited changed."""
    model = type(instance)
    label = model._meta.label_lower
    action = kwargs.get("action", Action.UPDATE)
    if label in LINKS:
        owner_attr, list_name, target_attr = LINKS[label]
        if action == Action.UPDATE:
            return None
        owner = getattr(instance, owner_attr)
        target = getattr(instance, target_attr)
        operation = "add" if action == Action.CREATE else "remove"
        changes = {list_name: {"type": "m2m", operation: [reference_text(type(target), target)]}}
        return manager.create_entry(record_entry(owner, action=Action.UPDATE, changes=changes))
    changes = field_changes(model, diff, instance)
    if not changes and not force_log:
        return None
    if is_part(model):
        owner_attr = structure.part_of(model)
        owner = getattr(instance, owner_attr)
        name = model._meta.get_field(owner_attr).remote_field.related_name or label
        operation = {Action.CREATE: "add", Action.DELETE: "remove"}.get(action, "change")
        changes.pop(owner_attr, None)
        part = {"type": "part", "items": [{"operation": operation,
                                           "item": reference_text(model, instance),
                                           "changes": changes}]}
        return manager.create_entry(record_entry(owner, action=Action.UPDATE, changes={name: part}))
    return manager.create_entry(record_entry(instance, action=action, changes=changes))


def entry_from_m2m(manager: Any, instance: models.Model, changed: Iterable[models.Model],
                   operation: str, field_name: str) -> AuditEntry | None:
    """django-auditlog's ``log_m2m_changes``: a change of a list of references."""
    field = type(instance)._meta.get_field(field_name)
    objects = sorted(reference_text(field.related_model, obj) for obj in changed)
    if not objects:
        return None
    changes = {field_name: {"type": "m2m", "add" if operation == "add" else "remove": objects}}
    return manager.create_entry(record_entry(instance, action=Action.UPDATE, changes=changes))

