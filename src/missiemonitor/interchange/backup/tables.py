"""Every table of every installed app, read and written row by row: the portable part of
backups and restores, independent of the database engine.

The tables are those of the historical models of a migration state (so a backup names its
columns as they were, and a restore writes them into the tables as they were), in dependency
order: a table comes after the tables its foreign keys point to. Values travel as JSON: dates,
times and decimals as ISO text and strings, binary data in base64; on the way in, each field's
``to_python`` turns them back.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps.registry import Apps
from django.core.management.color import no_style
from django.db import IntegrityError, connections, models
from django.utils.duration import duration_string

from missiemonitor.core.progress import Progress
from missiemonitor.interchange.backup.errors import BackupError

READ_CHUNK = 2000
WRITE_BATCH = 500


@dataclass(frozen=True)
class Table:
    """One table: the historical model that owns it and the columns a backup holds."""

    model: type[models.Model]

    @property
    def name(self) -> str:
        return self.model._meta.db_table

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def fields(self) -> list[models.Field]:
        return [f for f in self.model._meta.local_concrete_fields
                if not getattr(f, "generated", False)]

    @property
    def columns(self) -> list[str]:
        return [f.attname for f in self.fields]


def _dependencies(model: type[models.Model]) -> set[type[models.Model]]:
    needed = set()
    for f in model._meta.local_concrete_fields:
        if f.remote_field is not None and f.related_model is not None:
            target = f.related_model._meta.concrete_model
            if target is not model._meta.concrete_model:
                needed.add(target)
    return needed


def tables_of(apps: Apps) -> list[Table]:
    """The tables of ``apps`` (historical or current models) in dependency order; ties and
    circles are settled by table name, so the order is the same every time."""
    by_table: dict[str, type[models.Model]] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped:
            by_table.setdefault(meta.db_table, model)
    models_by_name = dict(sorted(by_table.items()))
    pending = {name: {m._meta.db_table for m in _dependencies(model)} & set(models_by_name)
               for name, model in models_by_name.items()}
    ordered: list[Table] = []
    while pending:
        ready = sorted(name for name, deps in pending.items() if not deps - {t.name for t in ordered})
        if not ready:  # a circle of references: take the first by name, the load defers checks
            ready = [min(pending)]
        for name in ready:
            ordered.append(Table(models_by_name[name]))
            del pending[name]
    return ordered


def encode(value: Any) -> Any:
    """A database value as JSON can hold it."""
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_string(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot write a value of type {type(value).__name__} to a backup")


def count_rows(tables: Iterable[Table], *, alias: str) -> dict[str, int]:
    return {t.name: t.model._base_manager.using(alias).count() for t in tables}


def read_rows(table: Table, *, alias: str) -> Iterator[list[Any]]:
    """The rows of ``table`` in primary-key order, each a list of JSON values."""
    queryset = table.model._base_manager.using(alias).order_by("pk").values_list(*table.columns)
    for row in queryset.iterator(chunk_size=READ_CHUNK):
        yield [encode(value) for value in row]


def _decoder(field: models.Field):
    def decode(value: Any) -> Any:
        return None if value is None else field.to_python(value)

    return decode


def write_rows(table: Table, rows: Iterable[list[Any]], *, alias: str,
               progress: Progress | None = None) -> int:
    """Insert ``rows`` into ``table`` as they are (primary keys included, no defaults or
    ``auto_now`` applied), in batches. Returns the number of rows."""
    model, fields, columns = table.model, table.fields, table.columns
    decoders = [_decoder(f) for f in fields]
    width = len(columns)
    connection = connections[alias]
    size = max(1, min(WRITE_BATCH, connection.ops.bulk_batch_size(fields, [None] * WRITE_BATCH)))
    manager = model._base_manager.db_manager(alias)
    batch: list[models.Model] = []
    written = 0

    def flush() -> None:
        nonlocal written
        if batch:
            manager._insert(batch, fields=fields, using=alias, raw=True)
            written += len(batch)
            if progress is not None:
                progress.update(len(batch))
            batch.clear()

    for number, row in enumerate(rows, start=1):
        if len(row) != width:
            raise BackupError(f"table {table.name}, row {number}: {len(row)} values for "
                              f"{width} columns")
        try:
            values = [decode(value) for decode, value in zip(decoders, row, strict=True)]
        except Exception as exc:  # a field's to_python names the bad value
            raise BackupError(f"table {table.name}, row {number}: {exc}") from None
        batch.append(model.from_db(alias, columns, values))
        if len(batch) >= size:
            flush()
    flush()
    return written


def finish_load(tables: list[Table], *, alias: str) -> None:
    """After a load: check every foreign key, and move each table's id sequence past the
    largest id loaded (PostgreSQL; SQLite keeps its own)."""
    connection = connections[alias]
    try:
        connection.check_constraints(table_names=[t.name for t in tables])
    except IntegrityError as exc:
        raise BackupError(f"the backup's rows break a rule of the database: {exc}") from None
    statements = connection.ops.sequence_reset_sql(no_style(), [t.model for t in tables])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
