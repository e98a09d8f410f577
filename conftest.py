"""Test-run configuration shared by every app's tests.

``pytest --postgres`` runs the suite against a real PostgreSQL: the server named by
``MM_TEST_DATABASE_URL``, or else a throwaway server started from the local binaries with
pytest-postgresql's executor (as the ``postgres`` system user when the run is root). Without
binaries the run is skipped with a message, except under ``CI=true``, where that fails.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
_server = {}


def pytest_addoption(parser):
    parser.addoption("--postgres", action="store_true", help="Run against PostgreSQL.")


def _start_server() -> dict:
    import dj_database_url
    from port_for import get_port

    from missiemonitor.testing.postgres import pg_bin as find_pg_bin
    from missiemonitor.testing.postgres import pg_executor

    url = os.environ.get("MM_TEST_DATABASE_URL")
    if url:
        return dj_database_url.parse(url)
    pg_bin = find_pg_bin()
    if pg_bin is None:
        message = ("PostgreSQL run skipped: no server binaries found (install Debian's postgresql "
                   "or set MM_TEST_DATABASE_URL)")
        if os.environ.get("CI", "").lower() == "true":
            pytest.exit("CI=true: " + message.replace("skipped", "cannot run"), returncode=1)
        pytest.exit(message, returncode=0)
    base = Path(tempfile.mkdtemp(prefix="mm-pg-"))
    port = get_port(None)
    executor = pg_executor(base=base, port=port, dbname="missiemonitor", binaries=pg_bin)
    try:
        executor.start()
    except Exception as exc:  # a failure to start PostgreSQL fails the run
        log = (base / "server.log").read_text() if (base / "server.log").exists() else ""
        pytest.exit(f"PostgreSQL did not start: {exc}\n{log}", returncode=1)
    _server["executor"], _server["base"] = executor, base
    return {"ENGINE": "django.db.backends.postgresql", "NAME": "missiemonitor", "USER": "postgres",
            "PASSWORD": "", "HOST": "127.0.0.1", "PORT": str(port)}


def _live_server_without_nagle() -> None:
    """Django's test server writes a response's headers and body separately; with Nagle's
    algorithm and delayed ACKs every keep-alive request then waits ~40 ms. TCP_NODELAY on
    accepted connections makes live-server tests (API fuzzing, browser tests) ~5x faster."""
    import socket

    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test.testcases import LiveServerThread

    class NoDelayWSGIServer(ThreadedWSGIServer):
        def get_request(self):
            connection, address = super().get_request()
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return connection, address

    LiveServerThread.server_class = NoDelayWSGIServer


def _force_login_completes_sign_in() -> None:
    """A test that signs in with ``force_login`` stands for a user who finished signing in, the
    second factor included where the user has or needs one (web.second_factor would otherwise
    send the session to the code or set-up page). The sign-in itself, with its steps, is tested
    through the pages (accounts, web tests and the browser journeys)."""
    from django.test.client import ClientMixin

    plain = ClientMixin.force_login

    def force_login(self, user, backend=None):
        plain(self, user, backend)
        from missiemonitor.testing.otp import mark_verified

        mark_verified(self, user)

    ClientMixin.force_login = force_login


from missiemonitor.testing.matrix.summary import pytest_terminal_summary  # noqa: E402, F401


def pytest_configure(config):
    _live_server_without_nagle()
    _force_login_completes_sign_in()
    from django.conf import settings

    # whitenoise serves collected files from STATIC_ROOT (the tests find theirs through the
    # finders); on a fresh clone the folder does not exist yet and every request would warn.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    if config.getoption("postgres"):
        db = _start_server()
        from asgiref.local import Local
        from django.conf import settings
        from django.db import connections

        settings.DATABASES["default"] = {**db, "CONN_MAX_AGE": 0, "OPTIONS": {}}
        connections.__dict__.pop("settings", None)  # forget the cached SQLite settings
        connections._settings = None
        connections._connections = Local(connections.thread_critical)
        config.pluginmanager.register(_Banner(db), "mm-postgres-banner")


def pytest_unconfigure(config):
    executor = _server.pop("executor", None)
    if executor is not None:
        executor.stop()
        shutil.rmtree(_server.pop("base"), ignore_errors=True)


class _Banner:
    def __init__(self, db: dict) -> None:
        self.db = db

    def pytest_report_header(self, config):
        return f"database: PostgreSQL at {self.db['HOST']}:{self.db['PORT']}"
