"""Reading history under the visibility rule.

* An entry of a record the reader may not see does not exist for them: history is read per
  record, and only of a record that passes ``can_see`` (accounts: only for those who manage
  users).
* An entry written while the record was classified above the reader's clearance (the higher
  of before and after: a declassification is shown without its values too) shows which fields
  changed, not their values.
* A change whose old or new value names a record the reader may not see (a reference, a
  list of references, or a reference of an item of a nested list) shows "changed" without its
  values.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from missiemonitor.audit.capture import audited_models
from missiemonitor.audit.models import Action, AuditEntry, Channel
from missiemonitor.core.models import Record
from missiemonitor.core.permissions import can_manage_users
from missiemonitor.core.visibility import can_see

HISTORY_LIMIT = 200


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    hidden: bool = False
    old: str | None = None
    new: str | None = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    items: tuple[str, ...] = ()  # items of a nested list, described
    raw_old: Any = None  # the values as stored, for code that reads the trail (review steps)
    raw_new: Any = None


@dataclass(frozen=True)
class HistoryEntry:
    sequence: int
    timestamp: dt.datetime
    action: int
    action_label: str
    actor: str
    channel: str
    channel_label: str
    command: str
    hidden: bool
    changes: tuple[FieldChange, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReviewStep:
    sequence: int
    timestamp: dt.datetime
    step: str  # submitted, returned, approved, back to draft
    label: str
    actor: str
    comment: str = ""


def may_read_history(*, user: Any, record: models.Model) -> bool:
    if isinstance(record, Record):
        return can_see(user, record)
    if isinstance(record, get_user_model()):
        return can_manage_users(user)
    return False


def history_for_record(*, user: Any, record: models.Model,
                       limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """The entries of ``record``, newest first, as ``user`` may read them."""
    if not may_read_history(user=user, record=record):
        return []
    entries = list(
        AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(type(record)),
                                  object_id=record.pk)
        .order_by("-sequence")
        .only("sequence", "timestamp", "action", "actor_name", "channel", "command", "changes",
              "additional_data", "record_classification")[:limit])
    return entries_as_history(user=user, model=type(record), entries=entries)


def entries_as_history(*, user: Any, model: type[models.Model],
                       entries: list[AuditEntry]) -> list[HistoryEntry]:
    clearance = getattr(user, "clearance", -1)
    visible = _visible_references(user, model, entries)
    result = []
    for entry in entries:
        hidden = entry.record_classification > clearance
        changes = tuple(_field_change(model, name, change, hidden, visible)
                        for name, change in sorted((entry.changes or {}).items()))
        result.append(HistoryEntry(
            sequence=entry.sequence, timestamp=entry.timestamp, action=entry.action,
            action_label=_action_label(entry.action), actor=entry.actor_name or _("system"),
            channel=entry.channel, channel_label=str(Channel(entry.channel).label)
            if entry.channel in Channel.values else entry.channel,
            command=entry.command, hidden=hidden, changes=changes,
            details={} if hidden else dict(entry.additional_data or {})))
    return result


def review_trail(*, user: Any, record: Record) -> list[ReviewStep]:
    """Submitted, returned (with the comment), approved: who and when, oldest first, from the
    record's history (its ``state`` or ``status`` field)."""
    steps = []
    labels = {"submitted": _("submitted for review"), "returned": _("returned"),
              "approved": _("approved"), "draft": _("back to draft")}
    for entry in reversed(history_for_record(user=user, record=record)):
        if entry.hidden:
            continue
        by_name = {change.name: change for change in entry.changes}
        state = by_name.get("state") or by_name.get("status")
        if state is None or (entry.action == Action.CREATE and state.raw_new in (None, "draft")):
            continue
        comment = by_name.get("review_comment")
        steps.append(ReviewStep(
            sequence=entry.sequence, timestamp=entry.timestamp, step=state.raw_new or "",
            label=labels.get(state.raw_new or "", state.new or ""), actor=entry.actor,
            comment=(comment.new or "") if comment is not None and state.raw_new == "returned"
            else ""))
    return steps


# -- helpers ----------------------------------------------------------------------------------

def _action_label(action: int) -> str:
    try:
        return str(Action(action).label)
    except ValueError:
        return str(action)


def _field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _record_model(model: type[models.Model], name: str) -> type[models.Model] | None:
    """The record model field ``name`` refers to, when it is a reference to records."""
    f = _field(model, name)
    if f is None or not f.is_relation or f.related_model is None:
        return None
    related = f.related_model
    return related if issubclass(related, Record) else None


def _visible_references(user: Any, model: type[models.Model],
                        entries: list[AuditEntry]) -> dict[type[models.Model], set[str]]:
    """Per referenced record model, the keys among those the entries name that ``user`` may
    see: one query per model."""
    wanted: dict[type[models.Model], set[str]] = defaultdict(set)
    for entry in entries:
        for name, change in (entry.changes or {}).items():
            for related, keys in _part_references(model, name, change).items():
                wanted[related].update(keys)
            related = _record_model(model, name)
            if related is None:
                continue
            wanted[related].update(_keys_of(change))
    return {related: set(related.objects.visible_to(user).filter(key__in=keys)
                         .values_list("key", flat=True))
            for related, keys in wanted.items() if keys}


def _part_references(model: type[models.Model], name: str, change: Any) -> dict[type[models.Model], list[str]]:
    """The keys of records the items of a nested list name (a programme transaction's
    receiver), by the model of the records."""
    part = getattr(_field(model, name), "related_model", None)
    if part is None or not isinstance(change, dict) or change.get("type") != "part":
        return {}
    found: dict[type[models.Model], list[str]] = defaultdict(list)
    for item in change.get("items", []):
        for field_name, pair in (item.get("changes") or {}).items():
            related = _record_model(part, field_name)
            if related is not None:
                found[related] += _keys_of(pair)
    return found


def _keys_of(change: Any) -> list[str]:
    if isinstance(change, list):
        return [v for v in change if isinstance(v, str)]
    if isinstance(change, dict) and change.get("type") == "m2m":
        return [*change.get("add", []), *change.get("remove", [])]
    return []


def _display(f: models.Field | None, value: Any) -> str | None:
    if value is None or value == "":
        return None
    if f is not None and getattr(f, "choices", None):
        labels = {str(k): v for k, v in f.flatchoices}
        return str(labels.get(str(value), value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if f is not None and isinstance(f, models.DateTimeField) and isinstance(value, str):
        try:
            return date_format(dt.datetime.fromisoformat(value), "DATETIME_FORMAT")
        except ValueError:
            return value
    return str(value)


def _field_change(model: type[models.Model], name: str, change: Any, hidden: bool,
                  visible: dict[type[models.Model], set[str]]) -> FieldChange:
    f = _field(model, name)
    label = str(getattr(f, "verbose_name", name)) if f is not None else name
    related = _record_model(model, name)
    if related is not None and any(k not in visible.get(related, set()) for k in _keys_of(change)):
        hidden = True
    if any(k not in visible.get(part_related, set())
           for part_related, keys in _part_references(model, name, change).items() for k in keys):
        hidden = True
    if hidden:
        return FieldChange(name=name, label=label, hidden=True)
    if isinstance(change, dict) and change.get("type") == "m2m":
        return FieldChange(name=name, label=label, added=tuple(change.get("add", [])),
                           removed=tuple(change.get("remove", [])))
    if isinstance(change, dict) and change.get("type") == "part":
        return FieldChange(name=name, label=label,
                           items=tuple(_describe_part(model, name, i) for i in change.get("items", [])))
    old, new = [*change, None, None][:2] if isinstance(change, list) else (None, change)
    return FieldChange(name=name, label=label, old=_display(f, old), new=_display(f, new),
                       raw_old=old, raw_new=new)


def _describe_part(model: type[models.Model], name: str, item: dict[str, Any]) -> str:
    operation = {"add": _("added"), "change": _("changed"), "remove": _("removed")}.get(
        item.get("operation", ""), item.get("operation", ""))
    related = getattr(_field(model, name), "related_model", None)
    values = []
    for field_name, pair in sorted((item.get("changes") or {}).items()):
        f = _field(related, field_name) if related is not None else None
        label = str(getattr(f, "verbose_name", field_name)) if f is not None else field_name
        old, new = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
        shown = _display(f, new if item.get("operation") != "remove" else old)
        if item.get("operation") == "change":
            shown = f"{_display(f, old) or '–'} → {_display(f, new) or '–'}"
        values.append(f"{label}: {shown or '–'}")
    return f"{item.get('item', '')} {operation}" + (f" ({'; '.join(values)})" if values else "")


def entries_visible_to(user: Any) -> models.QuerySet[AuditEntry]:
    """Entries for lists across records (the admin): by the classification and mission each
    entry kept of its record, and, for a record that still exists, only when the user may see
    it now (as history is read: a record raised above the user's clearance since, moved to
    another mission, or citing what the user may not see, has no entries for them); entries of
    accounts only for those who manage users."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return AuditEntry.objects.none()
    entries = AuditEntry.objects.filter(record_classification__lte=user.clearance)
    if not user.all_missions:
        entries = entries.filter(models.Q(record_mission_id__isnull=True)
                                 | models.Q(record_mission_id__in=list(user.mission_ids)))
    if not can_manage_users(user):
        entries = entries.exclude(content_type__app_label="accounts")
    return entries.exclude(_existing_records_hidden_from(user))


def _existing_records_hidden_from(user: Any) -> models.Q:
    """Entries of records that exist and that ``user`` may not see (one subquery per kind)."""
    hidden = models.Q()
    for model in audited_models():
        if not issubclass(model, Record):
            continue
        visible = model.objects.visible_to(user).values("pk")
        hidden |= models.Q(content_type=ContentType.objects.get_for_model(model),
                           object_id__in=model._base_manager.exclude(pk__in=visible).values("pk"))
    return hidden
