"""The other side of the API benchmark's ingestion ratio: the database's own bulk load of the
same rows (SQLite executemany in one transaction, PostgreSQL COPY), and a throwaway PostgreSQL
from the local binaries to run it on."""

from __future__ import annotations

import csv
import socket
import sqlite3
import time
from pathlib import Path

HOST = "127.0.0.1"
LOG_COLUMNS = (
    "kind",
    "contribution_id",
    "mission_id",
    "classification",
    "date",
    "quantity",
    "category",
    "asset",
    "area",
    "batch",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _rows(path: Path, contributions: dict[str, tuple[int, int, int]], batch: str):
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        next(reader)
        for key, date, aircraft, hours, tasking in reader:
            pk, mission_id, classification = contributions[key]
            yield (
                "flight",
                pk,
                mission_id,
                classification,
                date,
                hours,
                tasking,
                aircraft,
                "",
                batch,
            )


def raw_sqlite(database: Path, path: Path) -> float:
    connection = sqlite3.connect(database, isolation_level=None)
    contributions = {
        key: (pk, mission, level)
        for pk, key, mission, level in connection.execute(
            "SELECT id, key, mission_id, classification FROM missions_contribution"
        )
    }
    columns, marks = ", ".join(LOG_COLUMNS), ", ".join("?" * len(LOG_COLUMNS))
    sql = f"INSERT INTO results_logentry ({columns}) VALUES ({marks})"  # noqa: S608 - constants
    began = time.perf_counter()
    connection.execute("BEGIN")
    connection.executemany(sql, _rows(path, contributions, "raw"))
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - began
    connection.close()
    return elapsed


def raw_postgres(url: str, path: Path) -> float:
    import psycopg

    with psycopg.connect(url) as connection:
        contributions = {
            key: (pk, mission, level)
            for pk, key, mission, level in connection.execute(
                "SELECT id, key, mission_id, classification FROM missions_contribution"
            )
        }
        began = time.perf_counter()
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY results_logentry ({', '.join(LOG_COLUMNS)}) FROM STDIN") as copy,
        ):
            for row in _rows(path, contributions, "raw"):
                copy.write_row(row)
        connection.commit()
        elapsed = time.perf_counter() - began
        connection.execute("DELETE FROM results_logentry WHERE batch = 'raw'")
        connection.commit()
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE results_logentry")
    return elapsed


def start_postgres(directory: Path) -> tuple[str, object] | None:
    """A throwaway PostgreSQL from the local binaries (as for ``pytest --postgres``)."""
    from missiemonitor.testing.postgres import pg_bin, pg_executor

    binaries = pg_bin()
    if binaries is None:
        return None
    base = directory / "pg"
    base.mkdir()
    port = free_port()
    executor = pg_executor(base=base, port=port, dbname="bench", binaries=binaries)
    executor.start()
    import psycopg

    for _attempt in range(100):
        try:
            with psycopg.connect(
                f"host={HOST} port={port} user=postgres dbname=postgres", autocommit=True
            ) as connection:
                connection.execute("CREATE DATABASE bench")
            break
        except psycopg.OperationalError:  # still starting up
            time.sleep(0.2)
    return f"postgresql://postgres@{HOST}:{port}/bench", executor
