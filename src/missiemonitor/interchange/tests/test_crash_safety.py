"""Crash safety (issue 9, point 7): ``missiemonitor load`` and ``missiemonitor import-log``,
killed with SIGKILL halfway through writing, leave the database exactly as it was, and a retry
succeeds; on PostgreSQL, two live connections importing the same log batch at once: one wins,
the other is told the batch was already imported, and nothing is counted twice.

The commands run as subprocesses against a database of their own, a copy of the (empty,
migrated) test database: a file for SQLite, a database on the same server for PostgreSQL.
``MM_TEST_PAUSE_HALFWAY`` makes them stop and say ``halfway`` once half their rows are
written (``interchange/management/commands/_halfway.py``); the test kills them there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, connections

from missiemonitor.core.principals import SYSTEM
from missiemonitor.interchange.logs import LogImportError, log_import_csv
from missiemonitor.results.models import LogEntry

SMALL = Path(__file__).parent / "data" / "small.yaml"
ROWS = 12_000  # more than two batches of the importer's 5,000


def _movement_log(path: Path, rows: int = ROWS) -> Path:
    start = dt.date(2024, 2, 1)
    lines = ["contribution,date,count,area"]
    lines += [f"fp,{start + dt.timedelta(days=i % 450)},{i % 7 + 1},Gebied {i % 5}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n")
    return path


# -- a database the subprocesses can reach -----------------------------------------------------

class Target:
    """The subprocesses' database: its URL, and a checksum of every table's rows."""

    def __init__(self, url: str, checksum) -> None:
        self.url, self._checksum = url, checksum

    def checksum(self) -> str:
        return self._checksum()

    def count(self, table: str) -> int:
        return self._count(table)


def _digest(cursor, tables: list[str]) -> str:
    digest = hashlib.sha256()
    for table in sorted(tables):
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - the database's own table names
        digest.update(table.encode())
        for row in sorted(map(repr, cursor.fetchall())):
            digest.update(row.encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def target(django_db_setup, django_db_blocker, tmp_path_factory):
    """A copy of the migrated test database that other processes can open."""
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            yield from _postgres_copy()
        else:
            yield from _sqlite_copy(tmp_path_factory.mktemp("crash") / "crash.sqlite3")


def _sqlite_copy(path: Path):
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)

    def checksum() -> str:
        with sqlite3.connect(path) as db:  # opening it rolls back what a killed writer left
            tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            return _digest(db.cursor(), tables)

    def count(table: str) -> int:
        with sqlite3.connect(path) as db:
            return db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608

    found = Target(f"sqlite:///{path}", checksum)
    found._count = count
    yield found


def _postgres_copy():
    import psycopg

    settings = connection.settings_dict
    name = f"mm_crash_{os.getpid()}"
    server = {"host": settings["HOST"], "port": settings["PORT"], "user": settings["USER"],
              "password": settings["PASSWORD"] or None}
    connections.close_all()  # a template must have no other sessions
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        for attempt in range(5):  # a session that is closing may linger for a moment
            try:
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{settings["NAME"]}"')
                break
            except psycopg.errors.ObjectInUse:
                if attempt == 4:
                    raise
                time.sleep(1)

    def query(sql: str):
        with psycopg.connect(dbname=name, **server) as db, db.cursor() as cursor:
            return cursor.execute(sql).fetchall()

    def checksum() -> str:
        with psycopg.connect(dbname=name, **server) as db, db.cursor() as cursor:
            tables = [r[0] for r in cursor.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")]
            return _digest(cursor, tables)

    password = f":{server['password']}" if server["password"] else ""
    found = Target(f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}", checksum)
    found._count = lambda table: query(f'SELECT COUNT(*) FROM "{table}"')[0][0]  # noqa: S608
    yield found
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _command(target: Target, tmp: Path, *args: str, pause: bool = False) -> subprocess.Popen:
    env = {**os.environ, "MM_DATABASE_URL": target.url, "MM_VAR_DIR": str(tmp / "var"),
           "DJANGO_SETTINGS_MODULE": "missiemonitor.settings"}
    env.pop("MM_TEST_PAUSE_HALFWAY", None)
    if pause:
        env["MM_TEST_PAUSE_HALFWAY"] = "120"
    return subprocess.Popen([sys.executable, "-m", "missiemonitor.cli", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _kill_halfway(process: subprocess.Popen) -> None:
    """Wait until the command says it is halfway, then kill it without warning."""
    deadline = time.monotonic() + 180
    seen = []
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            break
        seen.append(line)
        if line.strip() == "halfway":
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            assert process.returncode == -signal.SIGKILL
            return
    process.kill()
    pytest.fail("the command never got halfway:\n" + "".join(seen) + process.stdout.read())


def _finish(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return out


def test_load_and_import_log_killed_halfway_change_nothing_and_a_retry_succeeds(target, tmp_path):
    before = target.checksum()
    _kill_halfway(_command(target, tmp_path, "load", str(SMALL), pause=True))
    assert target.checksum() == before, "a killed load left part of its records"
    out = _finish(_command(target, tmp_path, "load", str(SMALL)))
    assert "23 created" in out
    assert target.count("missions_contribution") == 1

    loaded = target.checksum()
    log = _movement_log(tmp_path / "moves.csv")
    _kill_halfway(_command(target, tmp_path, "import-log", "--kind", "movement", str(log), pause=True))
    assert target.checksum() == loaded, "a killed import left rows or its batch behind"
    assert target.count("results_logentry") == 0
    out = _finish(_command(target, tmp_path, "import-log", "--kind", "movement", str(log)))
    assert f"{ROWS} movement" in out or f"{ROWS:,}" in out or str(ROWS) in out, out
    assert target.count("results_logentry") == ROWS
    assert target.count("results_logbatch") == 1


# -- two live connections, one batch ------------------------------------------------------------

@pytest.mark.skipif("not config.getoption('postgres')",
                    reason="two live writers need PostgreSQL (pytest --postgres)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keep the migrations' rows
def test_two_connections_importing_one_batch_at_once_count_it_once():
    """Two threads, each with its own connection, start importing the same batch at the same
    moment: the database lets one claim the batch name; the other waits for it, then is told
    the batch was already imported. PostgreSQL only: SQLite has one writer at a time anyway."""
    from missiemonitor.testing.factories import ContributionFactory, MissionFactory

    mission = MissionFactory(key="nmi")
    ContributionFactory(key="fp", mission=mission, start=dt.date(2024, 1, 1))
    rows = "contribution,date,count,area\n" + "".join(
        f"fp,2024-06-{day % 28 + 1:02d},1,Gebied\n" for day in range(3000))
    barrier = threading.Barrier(2)
    results: dict[str, tuple] = {}

    def slow(text: str):
        for number, line in enumerate(io.StringIO(text)):
            if number == 1:
                time.sleep(0.5)  # the one that claimed the batch is still importing
            yield line

    def run(name: str) -> None:
        outcome: object = None
        started = time.monotonic()
        try:
            barrier.wait(timeout=30)  # both imports start together
            started = time.monotonic()
            outcome = log_import_csv(kind="movement", stream=slow(rows), user=SYSTEM, batch="same")
        except Exception as exc:  # a LogImportError is expected of one of them
            outcome = exc
        finally:
            results[name] = (outcome, started, time.monotonic())
            connections.close_all()

    threads = [threading.Thread(target=run, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(results) == 2
    (won, _, won_end), (lost, lost_start, _) = sorted(
        results.values(), key=lambda r: isinstance(r[0], Exception))
    assert not isinstance(won, Exception) and won.rows == 3000, won
    assert isinstance(lost, LogImportError), repr(lost)
    assert lost_start < won_end  # they overlapped: the loser asked while the winner was writing
    assert [issue.column for issue in lost.issues] == ["batch"]
    assert "'same'" in lost.summary()
    assert LogEntry.objects.filter(batch="same").count() == 3000
