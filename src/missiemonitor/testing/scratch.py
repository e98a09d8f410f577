"""Databases of their own for tests that run ``missiemonitor`` in separate processes (backups,
restores, upgrades, the server): an SQLite file, or on a ``--postgres`` run a new database on
the test run's PostgreSQL server, dropped afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.db import connection


class ScratchDatabases:
    """New, empty databases on the engine the test run uses."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.vendor = connection.vendor
        self.created: list[str] = []

    def _server(self) -> dict[str, Any]:
        return connection.settings_dict

    def url_of_test_database(self) -> str:
        """The URL of the test run's own database (PostgreSQL only: SQLite's is in memory)."""
        assert self.vendor == "postgresql", "the SQLite test database is in memory"
        return self._postgres_url(self._server()["NAME"])

    def _postgres_url(self, name: str) -> str:
        server = self._server()
        user = quote(server.get("USER") or "postgres")
        password = f":{quote(server['PASSWORD'])}" if server.get("PASSWORD") else ""
        return f"postgres://{user}{password}@{server['HOST']}:{server['PORT']}/{name}"

    def _admin(self):
        import psycopg

        server = self._server()
        return psycopg.connect(host=server["HOST"], port=server["PORT"], user=server["USER"],
                               password=server.get("PASSWORD") or None, dbname="postgres",
                               autocommit=True)

    def new(self, label: str) -> str:
        """The URL of a new empty database (SQLite: a file not yet created)."""
        if self.vendor == "sqlite":
            return f"sqlite:///{self.folder / f'{label}.sqlite3'}"
        name = f"mm_{label}_{uuid.uuid4().hex[:8]}".replace("-", "_")
        with self._admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return self._postgres_url(name)

    def drop_all(self) -> None:
        if not self.created:
            return
        with self._admin() as admin:
            for name in self.created:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.clear()


def cli_env(url: str, folder: Path, **extra: str) -> dict[str, str]:
    """The environment of a ``missiemonitor`` process on the database ``url``."""
    # Not the test process's own settings: MM_* (but where PostgreSQL is), nor the browser
    # tests' DJANGO_ALLOW_ASYNC_UNSAFE, which the deploy checks of a child rightly refuse.
    env = {key: value for key, value in os.environ.items()
           if (not key.startswith("MM_") or key == "MM_PG_BIN") and key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({"MM_DATABASE_URL": url, "MM_VAR_DIR": str(folder / "var"), "MM_ENV": "demo",
                "DJANGO_SETTINGS_MODULE": "missiemonitor.settings", **extra})
    return env


_DRIVER = """
import json, sys
from missiemonitor.cli import main
for args in json.loads(sys.argv[1]):
    main(["missiemonitor", *args])
"""


def cli_command(*commands: list[str]) -> list[str]:
    """One process that runs several ``missiemonitor`` commands in turn (Django starts once)."""
    return [sys.executable, "-c", _DRIVER, json.dumps([[str(a) for a in c] for c in commands])]


def run_cli(*commands: list[str], url: str, folder: Path, timeout: float = 600,
            **extra: str) -> subprocess.CompletedProcess:
    """Run ``missiemonitor`` commands against ``url``; fail with their output if one fails."""
    result = subprocess.run(cli_command(*commands), env=cli_env(url, folder, **extra),  # noqa: S603
                            capture_output=True, text=True, timeout=timeout, check=False)
    if result.returncode != 0:
        raise AssertionError(f"{commands} failed ({result.returncode}):\n{result.stdout}\n"
                             f"{result.stderr}")
    return result
