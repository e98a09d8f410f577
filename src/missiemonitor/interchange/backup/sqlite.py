"""SQLite: a consistent copy of the database file while the application writes to it, with
SQLite's online backup API, and a way to read such a copy (or any database file) through
Django as a database of its own.

The copy holds one read transaction on the source from the first page to the last, so it is
the database as one moment saw it: in WAL mode writers go on meanwhile, and a transaction that
had not committed at that moment (a log import under way) is not in it at all.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

from missiemonitor.core.progress import Progress
from missiemonitor.interchange.backup.errors import BackupError

MAGIC = b"SQLite format 3\x00"
STEPS = 100  # the copy goes in about this many steps, for the progress display


def database_file(settings_dict: dict[str, Any]) -> str | None:
    """The file of an SQLite database, or ``None`` for an in-memory one."""
    name = str(settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        return None
    return name


@contextmanager
def _source(alias: str) -> Iterator[sqlite3.Connection]:
    connection = connections[alias]
    path = database_file(connection.settings_dict)
    if path is None:  # an in-memory database lives in Django's own connection
        connection.ensure_connection()
        if connection.connection.in_transaction:  # the copy would wait for it for ever
            raise BackupError("an in-memory database cannot be copied inside a transaction")
        yield connection.connection
        return
    if not Path(path).exists():
        raise BackupError(f"{path}: no such database file")
    with closing(sqlite3.connect(path, timeout=60, isolation_level=None)) as source:
        yield source


def _copy(source: sqlite3.Connection, target: sqlite3.Connection, *,
          progress: Progress | None) -> int:
    """Copy every page of ``source`` into ``target`` in about :data:`STEPS` steps. Returns
    the number of pages."""
    pages = source.execute("PRAGMA page_count").fetchone()[0]
    if progress is not None:
        progress.phase("copying the database", total=pages, unit="pages")
    done = 0

    def step(_status: int, remaining: int, total: int) -> None:
        nonlocal done
        if progress is not None:
            progress.update(total - remaining - done)
        done = total - remaining

    source.backup(target, pages=max(16, pages // STEPS), progress=step)
    return done or pages


def sqlite_snapshot(*, alias: str, target: Path, progress: Progress | None = None) -> int:
    """Copy the SQLite database behind ``alias`` to the new file ``target`` as one moment saw
    it. Returns the number of pages copied. The copy is a plain database file (no
    write-ahead log beside it)."""
    with _source(alias) as source, closing(sqlite3.connect(target)) as copy:
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts
        try:
            pages = _copy(source, copy, progress=progress)
        except sqlite3.Error as exc:
            raise BackupError(f"the SQLite backup failed: {exc}") from None
        finally:
            source.execute("COMMIT")
        copy.execute("PRAGMA journal_mode=DELETE")
        return pages


def sqlite_copy_into(*, source: Path, alias: str, progress: Progress | None = None) -> None:
    """Replace the whole content of the SQLite database file behind ``alias`` with the
    database file ``source``, page by page (the online backup API in the other direction)."""
    connection = connections[alias]
    target = database_file(connection.settings_dict)
    if target is None:
        raise BackupError("cannot copy a database file into an in-memory database")
    connection.close()
    with closing(sqlite3.connect(f"file:{source.resolve()}?mode=ro", uri=True)) as backup, \
            closing(sqlite3.connect(target, timeout=60)) as live:
        try:
            _copy(backup, live, progress=progress)
        except sqlite3.Error as exc:
            raise BackupError(f"copying the backup into {target} failed: {exc}") from None


@contextmanager
def sqlite_alias(path: Path, *, readonly: bool = True) -> Iterator[str]:
    """A Django database alias for the SQLite file ``path``, for as long as the block runs."""
    alias = f"mm-backup-{uuid.uuid4().hex[:12]}"
    name = f"file:{path.resolve()}?mode=ro" if readonly else str(path)
    # configure_settings fills in Django's defaults; it insists on a "default" entry
    connections.settings[alias] = connections.configure_settings(
        {DEFAULT_DB_ALIAS: {"ENGINE": "django.db.backends.sqlite3", "NAME": name}})[DEFAULT_DB_ALIAS]
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]
