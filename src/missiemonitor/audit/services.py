"""Writing the audit trail: appending entries to the chain.

Every entry, whether django-auditlog's receivers make it or a bulk writer, goes through
:func:`entries_append`, inside the writer's transaction: it locks the chain head (one row;
``SELECT … FOR UPDATE`` on PostgreSQL, and SQLite's writers are serialised by its IMMEDIATE
transactions), numbers the entries on from the head, links and hashes them, inserts them in
bulk and moves the head. Two writers therefore never append after the same entry, and an
entry exists exactly when the write it records was committed.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from missiemonitor.audit import chain
from missiemonitor.audit.capture import plain, record_entry
from missiemonitor.audit.context import current
from missiemonitor.audit.models import GENESIS, Action, AuditChainHead, AuditEntry

INSERT_BATCH = 1000
RAW_FROM = 100  # from this many entries at once, a raw bulk insert (see _insert_raw)


def type_label(content_type_id: int) -> str:
    content_type = ContentType.objects.get_for_id(content_type_id)
    return f"{content_type.app_label}.{content_type.model}"


def _lock_head() -> AuditChainHead:
    try:
        return AuditChainHead.objects.select_for_update().get(pk=1)
    except AuditChainHead.DoesNotExist:  # a fresh (or flushed) database
        AuditChainHead.objects.bulk_create([AuditChainHead(pk=1, sequence=0, entry_hash=GENESIS)],
                                           ignore_conflicts=True)
        return AuditChainHead.objects.select_for_update().get(pk=1)


def _stamp(entries: list[AuditEntry]) -> None:
    """Who, through which channel and when, from the context (:mod:`.context`)."""
    context = current()
    actor = context.actor
    actor_id = getattr(actor, "pk", None) if isinstance(getattr(actor, "pk", None), int) else None
    name = getattr(actor, "username", None) or (actor if isinstance(actor, str) else "")
    now = timezone.now()
    for entry in entries:
        entry.channel = context.channel
        entry.command = context.command[:60]
        entry.actor_id = actor_id
        entry.actor_name = str(name)[:150]
        entry.actor_email = getattr(actor, "email", None) or None if actor_id else None
        entry.remote_addr = context.remote_addr
        if entry.timestamp is None:
            entry.timestamp = now


@transaction.atomic
def entries_append(*, entries: list[AuditEntry]) -> list[AuditEntry]:
    """Stamp, chain and insert ``entries`` (unsaved) after the chain's last entry."""
    if not entries:
        return entries
    _stamp(entries)
    head = _lock_head()
    sequence, previous = head.sequence, head.entry_hash
    for entry in entries:
        sequence += 1
        entry.sequence = sequence
        entry.previous_hash = previous
        entry.entry_hash = previous = chain.entry_hash(chain.values_of(entry), type_label)
    if len(entries) < RAW_FROM:
        AuditEntry.objects.bulk_create(entries, batch_size=INSERT_BATCH)
    else:
        _insert_raw(entries)
    AuditChainHead.objects.filter(pk=1).update(sequence=sequence, entry_hash=previous)
    return entries


def _insert_raw(entries: list[AuditEntry]) -> None:
    """Many entries (a dataset load) with one prepared INSERT per batch (``executemany``):
    much less work per row than building the SQL of a bulk_create. Only the JSON and time
    columns need the database's form; the entries get no ``pk``."""
    meta = AuditEntry._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    prepared = {f.attname for f in fields if isinstance(f, models.JSONField | models.DateTimeField)}
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "  # noqa: S608 - the model's names
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    rows = []
    with connection.cursor() as cursor:
        for entry in entries:
            rows.append([f.get_db_prep_save(getattr(entry, f.attname), connection)
                         if f.attname in prepared else getattr(entry, f.attname) for f in fields])
            if len(rows) == INSERT_BATCH:
                cursor.executemany(sql, rows)
                rows.clear()
        if rows:
            cursor.executemany(sql, rows)


# -- bulk writers --------------------------------------------------------------------------------

def entries_for_created(*, records: Iterable[models.Model], fields: list[str]) -> Iterator[AuditEntry]:
    """One create entry per record, with the values of ``fields`` (attribute names; references
    as ``<name>_id``) from nothing; references are named by key (one query per reference field
    and batch)."""
    records = list(records)
    if not records:
        return
    model = type(records[0])
    now = timezone.now()
    named = [(f, _name(model, f)) for f in fields]
    diffs = [{name: (None, value) for attr, name in named
              if (value := getattr(obj, attr)) is not None and value != ""} for obj in records]
    for obj, changes in zip(records, _plain_many(model, diffs), strict=True):
        yield record_entry(obj, action=Action.CREATE, changes=changes, repr_text=_bulk_repr(obj),
                           timestamp=now)


def entries_for_updated(*, records: Iterable[tuple[models.Model, dict[str, tuple[Any, Any]]]]
                        ) -> Iterator[AuditEntry]:
    """One change entry per (record, {attribute: (old, new)})."""
    pairs = list(records)
    if not pairs:
        return
    model = type(pairs[0][0])
    now = timezone.now()
    diffs = [{_name(model, a): values for a, values in diff.items()} for _obj, diff in pairs]
    for (obj, _diff), changes in zip(pairs, _plain_many(model, diffs), strict=True):
        if changes:
            yield record_entry(obj, action=Action.UPDATE, changes=changes,
                               repr_text=_bulk_repr(obj), timestamp=now)


def entry_for_change(*, record: models.Model, changes: dict[str, Any],
                     action: int = Action.UPDATE) -> AuditEntry:
    """An entry of ``changes`` already in entry form (lists of references, parts)."""
    return record_entry(record, action=action, changes=plain(changes), repr_text=_bulk_repr(record))


def _name(model: type[models.Model], attr: str) -> str:
    return _names(model).get(attr, attr)


@functools.cache
def _names(model: type[models.Model]) -> dict[str, str]:
    return {field.attname: field.name for field in model._meta.concrete_fields}


def _bulk_repr(obj: models.Model) -> str:
    return getattr(obj, "key", "") or str(obj.pk)


def _plain_many(model: type[models.Model], diffs: list[dict[str, tuple[Any, Any]]]
                ) -> list[dict[str, list[Any]]]:
    """Like :func:`~missiemonitor.audit.capture.field_changes` for many records at once: the
    keys of all referenced records of a field in one query (per 2000)."""
    references: dict[str, set[Any]] = {}
    for diff in diffs:
        for name, (old, new) in diff.items():
            field = model._meta.get_field(name)
            if field.is_relation and (field.many_to_one or field.one_to_one):
                references.setdefault(name, set()).update(v for v in (old, new) if v is not None)
    keys: dict[str, dict[Any, str]] = {}
    for name, pks in references.items():
        field = model._meta.get_field(name)
        related = field.related_model
        column = "key" if any(f.name == "key" for f in related._meta.concrete_fields) else None
        found: dict[Any, str] = {}
        ordered = sorted(pks)
        for start in range(0, len(ordered), 2000):
            chunk = ordered[start:start + 2000]
            if column:
                found.update(related._base_manager.filter(pk__in=chunk).values_list("pk", "key"))
            else:
                found.update({obj.pk: str(obj) for obj in related._base_manager.filter(pk__in=chunk)})
        keys[name] = found
    result = []
    for diff in diffs:
        changes: dict[str, list[Any]] = {}
        for name, (old, new) in diff.items():
            if name in keys:
                changes[name] = [keys[name].get(old, old), keys[name].get(new, new)]
            else:
                changes[name] = [plain(old), plain(new)]
        result.append(changes)
    return result


class Checksum:
    """SHA-256 of the lines of a text stream as they are read (UTF-8), for an import's entry."""

    def __init__(self, stream: Iterable[str]) -> None:
        self._stream = stream
        self._digest = hashlib.sha256()

    def __iter__(self) -> Iterator[str]:
        update = self._digest.update
        for line in self._stream:
            update(line.encode("utf-8", "surrogatepass"))
            yield line

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


@transaction.atomic
def batch_entry_append(*, record: models.Model, action: int, rows: int, checksum: str | None,
                       details: dict[str, Any] | None = None, classification: int = 0,
                       mission_id: int | None = None) -> AuditEntry:
    """One entry for a whole batch (an activity-log import or its deletion): its row count and
    the checksum of its input, not one entry per row. ``classification`` and ``mission_id`` are
    those of the batch's rows (the highest; the mission when there is one)."""
    data = {"rows": rows, **({"sha256": checksum} if checksum else {}), **(details or {})}
    entry = record_entry(record, action=action, changes=None, additional_data=plain(data))
    entry.record_classification = classification
    entry.record_mission_id = mission_id
    return entries_append(entries=[entry])[0]
