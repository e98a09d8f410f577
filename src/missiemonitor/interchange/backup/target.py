"""The database a backup is restored into: it must be empty, and it is rebuilt at the backup's
migration state before the rows go in.

"Empty" means no tables at all, or tables that hold nothing but what ``migrate`` itself writes
(the migration history, content types and permissions, and the rows of data migrations, such
as the built-in rating scales). To know the last, the migrations are run into a scratch SQLite
file in a separate process and its rows counted; that only happens when the database has rows.
Anything more, and the restore is refused before anything is changed.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import closing, suppress
from pathlib import Path

from django.apps import apps as current_apps
from django.apps.registry import Apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections
from django.db.migrations import operations
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from missiemonitor.interchange.backup.errors import BackupError
from missiemonitor.interchange.backup.state import State, code_loader, targets_for
from missiemonitor.interchange.backup.tables import Table


def _bookkeeping() -> set[str]:
    """Tables whose rows ``migrate`` writes whatever the data: the history, content types and
    permissions."""
    names = {MigrationRecorder.Migration._meta.db_table}
    for label in ("contenttypes.ContentType", "auth.Permission"):
        with suppress(LookupError):
            names.add(current_apps.get_model(label)._meta.db_table)
    return names


def _count(alias: str, tables: list[str]) -> dict[str, int]:
    connection = connections[alias]
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - introspected names
            counts[table] = cursor.fetchone()[0]
    return counts


def _existing(alias: str) -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def migrated_baseline() -> dict[str, int]:
    """Rows per table in a database that ``migrate`` has just built (in a scratch SQLite file,
    by a separate process, so that nothing here is touched)."""
    with tempfile.TemporaryDirectory(prefix="mm-baseline-") as scratch:
        database = Path(scratch) / "baseline.sqlite3"
        env = {**os.environ, "MM_DATABASE_URL": f"sqlite:///{database}"}
        command = [sys.executable, "-m", "missiemonitor", "migrate", "--no-input", "--verbosity", "0"]
        result = subprocess.run(command, env=env, capture_output=True, text=True,  # noqa: S603
                                check=False, timeout=600)
        if result.returncode != 0:
            raise BackupError(f"could not tell whether the database is empty: migrating a "
                              f"scratch database failed:\n{result.stderr[-2000:]}")
        with closing(sqlite3.connect(database)) as scratch_db:
            names = [row[0] for row in scratch_db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")]
            return {name: scratch_db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]  # noqa: S608
                    for name in names}


def target_check_empty(*, alias: str) -> None:
    """Refuse (changing nothing) unless the database behind ``alias`` is empty."""
    existing = _existing(alias)
    if not existing:
        return
    bookkeeping = _bookkeeping()
    holding = {table: n for table, n in _count(alias, existing).items()
               if n and table not in bookkeeping}
    if not holding:
        return
    users = get_user_model()._meta.db_table
    # migrations never create users: a database with users is not empty, no need to ask more
    baseline = {} if holding.get(users) else migrated_baseline()
    extra = {table: n for table, n in holding.items() if n > baseline.get(table, 0)}
    if extra:
        listed = ", ".join(f"{table} ({n} rows)" for table, n in sorted(extra.items())[:6])
        more = f" and {len(extra) - 6} more tables" if len(extra) > 6 else ""
        raise BackupError(
            f"the database is not empty: {listed}{more}. A backup is restored only into an empty "
            f"database (a new one, or one that only 'migrate' has written to); nothing was changed.")


def target_drop_tables(*, alias: str) -> None:
    """Drop the (empty) tables Missiemonitor knows, so that the backup's own state can be
    built; tables of other programs are left alone."""
    connection = connections[alias]
    known = set(connection.introspection.django_table_names()) | _bookkeeping()
    doomed = [table for table in _existing(alias) if table in known]
    if not doomed:
        return
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {', '.join(map(quote, doomed))} CASCADE")
        return
    with connection.constraint_checks_disabled(), connection.cursor() as cursor:
        for table in doomed:
            cursor.execute(f"DROP TABLE IF EXISTS {quote(table)}")


# Operations whose whole effect on the tables is in the models' state. RunPython only writes
# rows, and a restore replaces every row with the backup's.
_DESCRIBED_BY_STATE = tuple(
    getattr(operations, name) for name in dir(operations)
    if name[:1].isupper() and name not in {"RunSQL", "SeparateDatabaseAndState"})


def _described_by_state(state: State, loader: MigrationLoader) -> bool:
    return all(isinstance(operation, _DESCRIBED_BY_STATE)
               for key in state for operation in loader.disk_migrations[key].operations)


def target_build(*, alias: str, state: State, apps: Apps) -> None:
    """Create the tables of ``state`` (whose historical models are ``apps``) in the blank
    database, as the release that made the backup had them.

    When every migration of the state is described by the models' state, the tables are created
    from the historical models at once and the migrations recorded as applied (as Django's test
    runner does without migrations): the same tables, without replaying each step. Otherwise
    (raw SQL in a migration) the migrations are applied one by one."""
    connection = connections[alias]
    connection.prepare_database()
    loader = code_loader()
    if not _described_by_state(state, loader):
        MigrationExecutor(connection).migrate(targets_for(state, loader))
        return
    with connection.schema_editor() as editor:
        for model in apps.get_models():  # each model's own many-to-many tables come with it
            meta = model._meta
            if meta.managed and not meta.proxy and not meta.swapped:
                editor.create_model(model)
    recorder = MigrationRecorder(connection)
    recorder.ensure_schema()
    for app, name in state:
        recorder.record_applied(app, name)


def target_clear(*, alias: str, tables: list[Table]) -> None:
    """Empty ``tables`` (inside the restore's transaction): what data migrations wrote gives
    way to the backup's own rows."""
    connection = connections[alias]
    statements = connection.ops.sql_flush(no_style(), [t.name for t in tables],
                                          reset_sequences=False, allow_cascade=False)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def target_migrate_forward(*, alias: str) -> list[str]:
    """Apply the migrations of this release that the backup did not have. Returns them."""
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    call_command("migrate", database=alias, interactive=False, verbosity=0)
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
