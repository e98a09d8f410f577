"""A throwaway PostgreSQL server from the local binaries, for ``pytest --postgres`` and the
benchmarks: pytest-postgresql's executor through ``scripts/pg_ctl`` (which runs the server as
the ``postgres`` system user when we are root), with durability off, since the data is thrown
away."""

from __future__ import annotations

import glob
import os
import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]  # the checkout: src/missiemonitor/testing/ -> ../../..
HOST = "127.0.0.1"


def pg_bin() -> str | None:
    """The folder of the newest server binaries (``MM_PG_BIN``, Debian's, or on the PATH)."""
    configured = os.environ.get("MM_PG_BIN")
    if configured and Path(configured, "pg_ctl").exists():
        return configured
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    if found:
        return str(Path(found[-1]).parent)
    pg_ctl = shutil.which("pg_ctl")
    return str(Path(pg_ctl).parent) if pg_ctl else None


def pg_executor(*, base: Path, port: int, dbname: str, binaries: str, options: str = "") -> Any:
    """An executor (not started) for a server with its data and socket under ``base``;
    ``options`` are further ``-c name=value`` settings."""
    from pytest_postgresql.executors import PostgreSQLExecutor

    os.environ["MM_PG_BIN"] = binaries
    base.chmod(0o755)
    if os.getuid() == 0:
        shutil.chown(base, user=os.environ.get("MM_PG_USER", "postgres"))
    return PostgreSQLExecutor(
        executable=str(ROOT / "scripts" / "pg_ctl"),
        host=HOST,
        port=port,
        datadir=str(base / "data"),
        unixsocketdir=str(base),
        logfile=str(base / "server.log"),
        startparams="-w",
        dbname=dbname,
        user="postgres",
        postgres_options=f"-c fsync=off -c synchronous_commit=off -c full_page_writes=off {options}".strip(),
    )
