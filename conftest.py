"""Test-run configuration shared by every app's tests.

``pytest --postgres`` runs the suite against a real PostgreSQL: the server named by
``MM_TEST_DATABASE_URL``, or else a throwaway server started from the local binaries with
pytest-postgresql's executor (as the ``postgres`` system user when the run is root). Without
binaries the run is skipped with a message, except under ``CI=true``, where that fails.

With pytest-xdist (``-n``), the controlling process starts the one server and hands its address
to the workers; pytest-django gives each worker a database of its own (``test_missiemonitor_gw0``,
...). How the tests are spread over the workers is in ``missiemonitor.testing.parallel``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
_server = {}
pytest_plugins = ["missiemonitor.testing.parallel"]
# The production hasher (PBKDF2) spends a good part of a second on every user made and every
# sign-in; the tests check who may sign in, not the hasher's cost.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Connections of the live server's threads live as long as their HTTP connection (as in
# production, where CONN_MAX_AGE is 60), instead of a new PostgreSQL connection per request.
CONN_MAX_AGE = 60
# The tests' tables hold a handful of rows, but without statistics the planner may guess large
# costs and JIT-compile a query (a tenth of a second or more); with nothing to replicate, the
# WAL only needs what crash recovery would (creating and truncating tables writes less).
TEST_SERVER_OPTIONS = "-c jit=off -c wal_level=minimal -c max_wal_senders=0"


def pytest_addoption(parser):
    parser.addoption("--postgres", action="store_true", help="Run against PostgreSQL.")


def _start_server(config) -> dict:
    import dj_database_url
    from port_for import get_port

    from missiemonitor.testing.postgres import pg_bin as find_pg_bin
    from missiemonitor.testing.postgres import pg_executor

    worker = getattr(config, "workerinput", None)
    if worker is not None and "mm_postgres" in worker:  # an xdist worker: the controller's server
        return worker["mm_postgres"]
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
    executor = pg_executor(base=base, port=port, dbname="missiemonitor", binaries=pg_bin,
                           options=TEST_SERVER_OPTIONS)
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
    from missiemonitor.testing.collector import fewer_garbage_collections

    fewer_garbage_collections()
    _live_server_without_nagle()
    _force_login_completes_sign_in()
    from django.conf import settings

    # whitenoise serves collected files from STATIC_ROOT (the tests find theirs through the
    # finders); on a fresh clone the folder does not exist yet and every request would warn.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS
    from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm

    get_hashers.cache_clear()
    get_hashers_by_algorithm.cache_clear()
    if config.getoption("postgres"):
        db = _start_server(config)
        _server["db"] = db
        from asgiref.local import Local
        from django.db import connections

        settings.DATABASES["default"] = {**db, "CONN_MAX_AGE": CONN_MAX_AGE, "OPTIONS": {}}
        connections.__dict__.pop("settings", None)  # forget the cached SQLite settings
        connections._settings = None
        connections._connections = Local(connections.thread_critical)
        config.pluginmanager.register(_Banner(db), "mm-postgres-banner")


def pytest_collection_modifyitems(config, items):
    """``--postgres`` leaves out the tests marked ``engine_independent``: what they check (pure
    functions, the committed contract, settings of a process with its own SQLite database, the
    accessibility of rendered pages) comes out the same on either engine, and the SQLite pass
    has checked it."""
    if not config.getoption("postgres"):
        return
    left_out = [item for item in items if item.get_closest_marker("engine_independent")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        dropped = set(left_out)
        items[:] = [item for item in items if item not in dropped]


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """pytest-xdist, in the controller: tell a worker where the PostgreSQL server is."""
    if "db" in _server:
        node.workerinput["mm_postgres"] = _server["db"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test databases; before they are dropped, on PostgreSQL, the connections
    that live-server threads may still hold are ended (DROP DATABASE refuses while any is open)."""
    yield
    from django.db import DatabaseError, connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), contextlib.suppress(DatabaseError), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


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
