"""Backups while the application is in use, and restores into an empty database (issue 10).

The main test runs ``missiemonitor`` in separate processes against databases of their own (an
SQLite file; on a ``--postgres`` run, the test database and new databases on the same server):
a log import holds its transaction open while ``backup`` runs, and what ``restore`` brings back
is compared, byte for byte, with the database as it was before the import.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest
from django.db import connection

from missiemonitor.core.principals import SYSTEM
from missiemonitor.interchange.backup import (
    BackupError,
    backup_format,
    backup_restore,
    backup_write,
)
from missiemonitor.interchange.backup.pgdump import pgdump_state
from missiemonitor.interchange.backup.state import applied_state
from missiemonitor.interchange.dataset import dataset_export
from missiemonitor.results.models import LogEntry
from missiemonitor.testing.dbstate import database_checksum
from missiemonitor.testing.factories import MissionFactory, UserFactory
from missiemonitor.testing.populated import FLIGHT_HEADER, flight_rows, populate
from missiemonitor.testing.scratch import ScratchDatabases, cli_command, cli_env, run_cli


@pytest.fixture
def scratch(tmp_path):
    databases = ScratchDatabases(tmp_path)
    yield databases
    databases.drop_all()


def full_backup_body(path: Path) -> bytes:
    """A portable backup without its first line (which says when it was made, and where)."""
    with gzip.open(path, "rb") as handle:
        handle.readline()
        return handle.read()


def exports_in_process(folder: Path) -> tuple[str, bytes]:
    """The dataset export and a full export of every table (a portable backup's rows) of the
    test database."""
    backup_write(path=folder / "here.full", format="portable")
    return dataset_export(user=SYSTEM), full_backup_body(folder / "here.full")


def restore_and_export(backup: Path, url: str, folder: Path, *, migrate_first: bool = False,
                       ) -> tuple[str, str, bytes]:
    """``missiemonitor restore`` into the database at ``url`` (after ``migrate``, if asked),
    then ``export`` and a full export of it, in one process."""
    dataset, everything = folder / f"{backup.name}.yaml", folder / f"{backup.name}.full"
    first = [["migrate", "--no-input", "-v", "0"]] if migrate_first else []
    done = run_cli(*first, ["restore", backup], ["export", dataset, "-v", "0"],
                   ["backup", "--format", "portable", everything, "-v", "0"], url=url, folder=folder)
    return done.stdout, dataset.read_text(encoding="utf-8"), full_backup_body(everything)


def rows_of_batch(url: str, batch: str) -> int:
    if url.startswith("sqlite:///"):
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as database:
            return database.execute("SELECT COUNT(*) FROM results_logentry WHERE batch = ?",
                                    (batch,)).fetchone()[0]
    return LogEntry.objects.filter(batch=batch).count()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_taken_during_a_log_import_restores_the_moment_it_was_taken(scratch, tmp_path):
    on_sqlite = connection.vendor == "sqlite"
    populate()
    export_before, full_before = exports_in_process(tmp_path)
    assert b'"coordinator"' in full_before and b'"flights-2024"' in full_before
    if on_sqlite:  # the processes need a file: the populated test database, copied
        backup_write(path=tmp_path / "source.sqlite3", format="sqlite")
        source = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    else:
        source = scratch.url_of_test_database()

    importer = subprocess.Popen(
        cli_command(["import-log", "--kind", "flight", "-", "--batch", "during-backup"]),
        env=cli_env(source, tmp_path), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE)
    try:
        # A pipe holds 64 KiB: when this write returns, the import has read all but the last
        # rows of it and written them, 5000 at a time, into its transaction, which stays open
        # until standard input ends.
        importer.stdin.write((FLIGHT_HEADER + flight_rows(8000, first=1000)).encode())
        importer.stdin.flush()
        backups = run_cli(["backup", tmp_path / "during.default"],
                          ["backup", "--format", "portable", tmp_path / "during.portable"],
                          url=source, folder=tmp_path)
        assert importer.poll() is None, "the import ended before the backups were taken"
        out, err = importer.communicate(flight_rows(1000, first=9000).encode(), timeout=600)
    finally:
        if importer.poll() is None:
            importer.kill()
            importer.wait()
    assert importer.returncode == 0, err.decode()
    assert "9000" in out.decode()
    assert rows_of_batch(source, "during-backup") == 9000  # the whole batch, after the backups
    assert (backup_format(tmp_path / "during.default"), backup_format(tmp_path / "during.portable")) == (
        "sqlite" if on_sqlite else "pgdump", "portable")
    assert "(100%)" in backups.stderr  # progress, as plain lines: this is no terminal
    if not on_sqlite:  # the archive names the migrations it was made at (restore checks them)
        assert pgdump_state(tmp_path / "during.default") == applied_state("default")

    # the portable backup goes into a database that only 'migrate' has written to
    for kind, migrate_first in (("default", False), ("portable", True)):
        url = scratch.new(f"restored_{kind}")
        said, export, full = restore_and_export(tmp_path / f"during.{kind}", url, tmp_path,
                                                migrate_first=migrate_first)
        assert "backup restored" in said
        assert export == export_before, kind
        assert full == full_before, kind  # every table, users and log entries included


def _portable_backup(tmp_path: Path) -> Path:
    path = tmp_path / "backup.portable"
    backup_write(path=path, format="portable")
    return path


def test_restore_refuses_a_database_that_holds_data(db, tmp_path):
    UserFactory(username="someone")
    backup = _portable_backup(tmp_path)
    before = database_checksum()
    with pytest.raises(BackupError, match=r"the database is not empty: .*accounts_user \(1 rows\)"):
        backup_restore(path=backup)
    assert database_checksum() == before


def test_restore_refuses_a_backup_of_a_newer_release(db, tmp_path):
    MissionFactory(key="m")
    backup = _portable_backup(tmp_path)
    with gzip.open(backup, "rb") as handle:
        header, rest = json.loads(handle.readline()), handle.read()
    header["migrations"].append(["results", "9999_from_the_future"])
    with gzip.open(backup, "wb") as handle:
        handle.write(json.dumps(header).encode() + b"\n" + rest)
    before = database_checksum()
    with pytest.raises(BackupError, match=r"newer release.*results\.9999_from_the_future"):
        backup_restore(path=backup)
    assert database_checksum() == before


def test_a_damaged_backup_is_refused_before_anything_changes(db, tmp_path):
    MissionFactory(key="m")
    backup = _portable_backup(tmp_path)
    with gzip.open(backup, "rb") as handle:
        lines = handle.readlines()
    with gzip.open(backup, "wb") as handle:
        handle.writelines(lines[:-5])
    with pytest.raises(BackupError, match=r"ends early, at line \d+; it is incomplete"):
        backup_restore(path=backup)
    assert b'"m"' in b"".join(lines)  # the mission was in it


def test_a_file_that_is_no_backup_is_named(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(BackupError, match=r"notes.txt: not a Missiemonitor backup"):
        backup_format(path)


@pytest.mark.django_db
def test_each_format_needs_its_own_database(tmp_path):
    other = "pgdump" if connection.vendor == "sqlite" else "sqlite"
    with pytest.raises(BackupError, match=rf"the {other} format needs a .*use --format portable"):
        backup_write(path=tmp_path / "b", format=other)
    assert not (tmp_path / "b").exists() and list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_a_pg_dump_archive_goes_only_into_postgresql(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the refusal is for databases other than PostgreSQL")
    archive = tmp_path / "dump.pgdump"
    archive.write_bytes(b"PGDMP\x01\x0e\x00" + bytes(64))
    with pytest.raises(BackupError, match=r"can only be restored into PostgreSQL.*--format portable"):
        backup_restore(path=archive)
