"""PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore``, when their programs are found.

pg_dump reads the whole database in one snapshot (a transaction that sees one moment; writers
are not held up), and writes PostgreSQL's own archive format. The programs are looked up in
``MM_PG_BIN``, then on the PATH, then under ``/usr/lib/postgresql/*/bin`` (the newest). The
password goes to them in the environment, never on the command line.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from collections import deque
from pathlib import Path
from typing import Any

from django.db import connections

from missiemonitor.core.progress import Progress
from missiemonitor.interchange.backup.errors import BackupError
from missiemonitor.interchange.backup.state import State

MAGIC = b"PGDMP"
_TABLE_DATA = re.compile(r" TABLE DATA \S+ (\S+) ")


def pg_program(name: str) -> str | None:
    """The path of ``pg_dump`` or ``pg_restore``, or ``None`` when there is none."""
    configured = os.environ.get("MM_PG_BIN")
    if configured:
        candidate = Path(configured, name)
        return str(candidate) if candidate.exists() else None
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                      key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return versions[-1] if versions else None


def _libpq(alias: str) -> tuple[list[str], dict[str, str]]:
    """Connection options for the programs, and the environment that carries the password."""
    settings_dict = connections[alias].settings_dict
    options: dict[str, Any] = settings_dict.get("OPTIONS") or {}
    args = ["--no-password", "--dbname", str(settings_dict["NAME"])]
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    for option, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT"),
                             ("sslcert", "PGSSLCERT"), ("sslkey", "PGSSLKEY")):
        if options.get(option):
            env[variable] = str(options[option])
    return args, env


def _run(command: list[str], *, env: dict[str, str], progress: Progress | None,
         marker: str | None) -> None:
    """Run a program, counting the ``marker`` lines of its verbose output as progress; on
    failure, raise with the end of what it said."""
    tail: deque[str] = deque(maxlen=12)
    with subprocess.Popen(command, env=env, stderr=subprocess.PIPE,  # noqa: S603 - no shell
                          stdout=subprocess.DEVNULL, text=True, errors="replace") as process:
        for line in process.stderr:
            if marker and marker in line:
                if progress is not None:
                    progress.update()
            elif line.strip():
                tail.append(line.rstrip())
    if process.returncode != 0:
        said = "\n".join(line for line in tail if "error" in line.lower()) or "\n".join(tail)
        raise BackupError(f"{Path(command[0]).name} failed (exit code {process.returncode}):\n{said}")


def pgdump_write(*, alias: str, target: Path, progress: Progress | None = None) -> None:
    program = pg_program("pg_dump")
    if program is None:
        raise BackupError("pg_dump was not found (set MM_PG_BIN); use --format portable")
    args, env = _libpq(alias)
    connection = connections[alias]
    with connection.cursor() as cursor:
        tables = len(connection.introspection.table_names(cursor))
    if progress is not None:
        progress.phase("dumping tables", total=tables, unit="tables")
    try:
        _run([program, "--format=custom", "--no-owner", "--no-privileges", "--verbose",
              "--file", str(target), *args], env=env, progress=progress,
             marker="dumping contents of table")
    except BackupError as exc:
        raise BackupError(f"{exc}\n(pg_dump must be of the server's major version or newer: "
                          f"set MM_PG_BIN, or use --format portable)") from None


def pgdump_state(path: Path) -> State:
    """The migrations applied in the database that ``path`` is a dump of."""
    program = pg_program("pg_restore")
    if program is None:
        raise BackupError(f"{path} was made by pg_dump; restoring it needs pg_restore, which was "
                          f"not found (set MM_PG_BIN)")
    command = [program, "--data-only", "--table=django_migrations", "--file=-", str(path)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"pg_restore cannot read {path}: {result.stderr.strip()}")
    state: list[tuple[str, str]] = []
    copying = False
    for line in result.stdout.splitlines():
        if line.startswith("COPY ") and "django_migrations" in line:
            copying = True
            columns = line[line.index("(") + 1:line.index(")")].replace('"', "").split(", ")
            app_at, name_at = columns.index("app"), columns.index("name")
        elif copying and line == "\\.":
            copying = False
        elif copying:
            values = line.split("\t")
            state.append((values[app_at], values[name_at]))
    return sorted(state)


def pgdump_tables(path: Path) -> int:
    """How many tables' data the dump holds (for the progress display)."""
    program = pg_program("pg_restore")
    command = [program or "pg_restore", "--list", str(path)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    return sum(1 for line in result.stdout.splitlines() if _TABLE_DATA.search(line))


def pgdump_restore(*, alias: str, path: Path, progress: Progress | None = None) -> None:
    """Restore the dump into the (blank) database behind ``alias``, in one transaction."""
    program = pg_program("pg_restore")
    if program is None:
        raise BackupError("pg_restore was not found (set MM_PG_BIN)")
    args, env = _libpq(alias)
    if progress is not None:
        progress.phase("restoring tables", total=pgdump_tables(path), unit="tables")
    _run([program, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
          "--verbose", *args, str(path)], env=env, progress=progress,
         marker="processing data for table")
