"""Backups of the whole database, made while the application is in use, and their restore into
an empty database. Entry points: :func:`backup_write` and :func:`backup_restore`
(``missiemonitor backup FILE`` and ``missiemonitor restore FILE``).

Three formats, chosen by the database unless ``format`` names one:

``sqlite``
    SQLite's online backup API: a copy of the database file as one moment saw it.
``pgdump``
    ``pg_dump --format=custom`` on PostgreSQL, when pg_dump is found.
``portable``
    Every table of every installed app as JSON lines (:mod:`.portable`), with the migration
    state they belong to: PostgreSQL without pg_dump, or to move between SQLite and
    PostgreSQL. Read within one snapshot as well.

All three hold every table of every installed app (users, log entries, report texts, and the
tables of apps added later) without listing them. A restore reads the backup's migration state,
refuses a backup of a newer release, refuses a database that is not empty, rebuilds the
backup's state, loads the rows, and migrates forward to this release.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from missiemonitor.core.progress import Progress
from missiemonitor.interchange.backup import pgdump, portable, sqlite
from missiemonitor.interchange.backup.errors import BackupError
from missiemonitor.interchange.backup.state import State, applied_state, check_known, state_apps
from missiemonitor.interchange.backup.tables import (
    count_rows,
    finish_load,
    read_rows,
    tables_of,
    write_rows,
)
from missiemonitor.interchange.backup.target import (
    target_build,
    target_check_empty,
    target_clear,
    target_drop_tables,
    target_migrate_forward,
)

__all__ = ["FORMATS", "BackupError", "BackupResult", "RestoreResult", "backup_format",
           "backup_restore", "backup_write"]

FORMATS = ("sqlite", "pgdump", "portable")


@dataclass
class BackupResult:
    format: str
    path: Path
    size: int


@dataclass
class RestoreResult:
    format: str
    rows: int | None  # None: pg_restore does not say
    migrated: list[str] = field(default_factory=list)


def _scratch_dir() -> str | None:
    return str(settings.MM_TMP_DIR) if settings.MM_TMP_DIR is not None else None


def _default_format(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor == "sqlite":
        return "sqlite"
    if vendor == "postgresql" and pgdump.pg_program("pg_dump"):
        return "pgdump"
    return "portable"


def _write_portable(handle, *, alias: str, progress: Progress | None) -> None:
    vendor = connections[alias].vendor
    if vendor == "sqlite" and sqlite.database_file(connections[alias].settings_dict) is None:
        _dump(handle, alias=alias, source=vendor, progress=progress)  # in memory: nobody else writes
        return
    if vendor == "sqlite":  # read a snapshot copy: no transaction on the live file
        with tempfile.TemporaryDirectory(prefix="mm-backup-", dir=_scratch_dir()) as scratch:
            copy = Path(scratch) / "snapshot.sqlite3"
            sqlite.sqlite_snapshot(alias=alias, target=copy, progress=progress)
            with sqlite.sqlite_alias(copy) as snapshot:
                _dump(handle, alias=snapshot, source=vendor, progress=progress)
        return
    outer = connections[alias].in_atomic_block  # a caller's transaction (tests) is kept as it is
    with transaction.atomic(using=alias):
        if not outer:
            with connections[alias].cursor() as cursor:  # one snapshot for every table
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        _dump(handle, alias=alias, source=vendor, progress=progress)


def _dump(handle, *, alias: str, source: str, progress: Progress | None) -> None:
    state = applied_state(alias)
    if not state:
        raise BackupError("the database has no tables yet; there is nothing to back up")
    check_known(state)  # the historical models of an unknown migration cannot be had
    tables = tables_of(state_apps(state))
    counts = count_rows(tables, alias=alias)
    if progress is not None:
        progress.phase("writing rows", total=sum(counts.values()), unit="rows")
    portable.portable_write(handle, state=state, tables=tables, counts=counts, alias=alias,
                            source=source, progress=progress)


def backup_write(*, path: Path, format: str | None = None, alias: str = DEFAULT_DB_ALIAS,
                 progress: Progress | None = None) -> BackupResult:
    """Write a consistent backup of the database behind ``alias`` to ``path`` (replaced only
    when the backup is complete; readable by its owner only: it holds password hashes and
    classified records)."""
    format = format or _default_format(alias)
    vendor = connections[alias].vendor
    if format not in FORMATS:
        raise BackupError(f"unknown backup format {format!r}; use one of {', '.join(FORMATS)}")
    needs = {"sqlite": "sqlite", "pgdump": "postgresql"}.get(format)
    if needs and vendor != needs:
        raise BackupError(f"the {format} format needs a {needs} database; this one is {vendor} "
                          f"(use --format portable)")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, 0o600)
        if format == "portable":
            with os.fdopen(handle, "wb") as out:
                _write_portable(out, alias=alias, progress=progress)
        else:  # both write into the empty file, which is the owner's alone from the start
            os.close(handle)
            if format == "sqlite":
                sqlite.sqlite_snapshot(alias=alias, target=tmp, progress=progress)
            else:
                pgdump.pgdump_write(alias=alias, target=tmp, progress=progress)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BackupResult(format=format, path=path, size=path.stat().st_size)


def backup_format(path: Path) -> str:
    """Which format the file ``path`` is in, from its first bytes."""
    try:
        with Path(path).open("rb") as handle:
            start = handle.read(16)
    except OSError as exc:
        raise BackupError(f"{path}: {exc.strerror}") from None
    if start.startswith(sqlite.MAGIC):
        return "sqlite"
    if start.startswith(pgdump.MAGIC):
        return "pgdump"
    if start.startswith(portable.MAGIC):
        return "portable"
    raise BackupError(f"{path}: not a Missiemonitor backup (neither an SQLite database, a "
                      f"pg_dump archive nor a portable backup)")


def _load(*, alias: str, state: State, source, total: int, progress: Progress | None) -> int:
    """Rebuild ``state`` in the blank database and load the rows ``source`` gives per table
    (pairs of header entry and rows) in one transaction. Returns the rows loaded."""
    apps = state_apps(state)
    tables = tables_of(apps)
    by_name = {t.name: t for t in tables}
    if progress is not None:
        progress.phase("creating the tables of the backup's release", unit="")
    target_build(alias=alias, state=state, apps=apps)
    if progress is not None:
        progress.phase("loading rows", total=total, unit="rows")
    loaded = 0
    with transaction.atomic(using=alias):
        target_clear(alias=alias, tables=tables)
        for entry, rows in source:
            table = by_name.get(entry["table"])
            if table is None or entry["columns"] != table.columns:
                raise BackupError(f"the backup's table {entry['table']} does not match its own "
                                  f"migration state; the file was changed or damaged")
            loaded += write_rows(table, rows, alias=alias, progress=progress)
        finish_load(tables, alias=alias)
    return loaded


def _sqlite_source(alias: str, tables):
    for table in tables:
        yield {"table": table.name, "columns": table.columns}, read_rows(table, alias=alias)


def backup_restore(*, path: Path, alias: str = DEFAULT_DB_ALIAS,
                   progress: Progress | None = None) -> RestoreResult:
    """Restore the backup ``path`` into the empty database behind ``alias`` and migrate it to
    this release. Refuses (changing nothing) a backup of a newer release and a database that
    is not empty."""
    path = Path(path)
    format = backup_format(path)
    vendor = connections[alias].vendor
    if format == "pgdump":
        if vendor != "postgresql":
            raise BackupError(f"{path} was made by pg_dump and can only be restored into "
                              f"PostgreSQL; this database is {vendor}. Make a portable backup "
                              f"(--format portable) to move between database engines.")
        check_known(pgdump.pgdump_state(path))
        target_check_empty(alias=alias)
        target_drop_tables(alias=alias)
        pgdump.pgdump_restore(alias=alias, path=path, progress=progress)
        return RestoreResult(format=format, rows=None,
                             migrated=target_migrate_forward(alias=alias))
    if format == "sqlite":
        with sqlite.sqlite_alias(path) as source:
            state = applied_state(source)
            check_known(state)
            target_check_empty(alias=alias)
            tables = tables_of(state_apps(state))
            counts = count_rows(tables, alias=source)
            if vendor == "sqlite" and sqlite.database_file(connections[alias].settings_dict):
                # SQLite into SQLite: the file itself, page by page
                sqlite.sqlite_copy_into(source=path, alias=alias, progress=progress)
                rows = sum(counts.values())
            else:
                target_drop_tables(alias=alias)
                rows = _load(alias=alias, state=state, source=_sqlite_source(source, tables),
                             total=sum(counts.values()), progress=progress)
    else:
        portable.portable_verify(path)  # a damaged file is refused before anything changes
        reader = portable.PortableReader(path)
        try:
            state = reader.state
            check_known(state)
            target_check_empty(alias=alias)
            target_drop_tables(alias=alias)
            rows = _load(alias=alias, state=state, source=reader.tables(),
                         total=reader.total_rows, progress=progress)
        finally:
            reader.close()
    if progress is not None:
        progress.phase("migrating to this release", unit="")
    return RestoreResult(format=format, rows=rows, migrated=target_migrate_forward(alias=alias))
