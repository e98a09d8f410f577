"""The production recipe of docs/configuration.md, run: ``collectstatic``, ``serve --check``
(gunicorn) in production mode behind what a reverse proxy would send, ``/health`` with the
database up and down, a static file through gunicorn, and the logs as JSON lines."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from missiemonitor.interchange.backup import backup_write
from missiemonitor.testing.scratch import ScratchDatabases, cli_command, cli_env, run_cli

HOST = "missiemonitor.example.org"  # what the proxy passes on as Host


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to look at, not to follow


_opener = urllib.request.build_opener(_NoRedirects)


def get(url: str, *, https: bool = True) -> tuple[int, dict[str, str], bytes]:
    """GET as the reverse proxy passes a request on (``https``: it came in over TLS)."""
    headers = {"Host": HOST, **({"X-Forwarded-Proto": "https"} if https else {})}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with _opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class Server:
    """``missiemonitor serve`` in a process of its own, until :meth:`stop`."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            cli_command(["serve", "--bind", f"127.0.0.1:{self.port}", *args]), env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def wait_until_up(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the server ended: {self.process.communicate()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("the server did not start")

    def stop(self) -> tuple[str, str]:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # a graceful shutdown
        try:
            return self.process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.communicate()


@pytest.fixture
def scratch(tmp_path):
    databases = ScratchDatabases(tmp_path)
    yield databases
    databases.drop_all()


def migrated_database_url(scratch: ScratchDatabases, folder: Path) -> str:
    """A migrated database the server may use: on SQLite a copy of the test database, on
    PostgreSQL the test database itself (the server only reads)."""
    if connection.vendor == "sqlite":
        folder.mkdir()
        backup_write(path=folder / "missiemonitor.sqlite3", format="sqlite")
        return f"sqlite:///{folder / 'missiemonitor.sqlite3'}"
    return scratch.url_of_test_database()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_production_recipe_serves_health_and_static_files_with_json_logs(scratch, tmp_path):
    url = migrated_database_url(scratch, tmp_path / "db")
    env = cli_env(url, tmp_path, MM_ENV="production", MM_SECRET_KEY="serve-test-" + "k3y-" * 12,
                  MM_ALLOWED_HOSTS=HOST, MM_CSRF_TRUSTED_ORIGINS=f"https://{HOST}",
                  MM_TMP_DIR=str(tmp_path / "tmp"), MM_LOG_LEVEL="INFO")
    run_cli(["collectstatic", "--no-input", "-v", "0"], url=url, folder=tmp_path,
            **{k: v for k, v in env.items() if k.startswith("MM_") and k != "MM_DATABASE_URL"})
    manifest = json.loads((tmp_path / "var" / "static" / "staticfiles.json").read_text())
    stylesheet = manifest["paths"]["web/missiemonitor.css"]  # a hashed name

    server = Server(["--check", "--workers", "2"], env)
    try:
        server.wait_until_up()
        status, headers, body = get(f"{server.url}/health")
        assert (status, json.loads(body)) == (200, {"status": "ok", "database": {"default": "ok"}})
        assert "no-cache" in headers["Cache-Control"] and "Set-Cookie" not in headers
        status, headers, body = get(f"{server.url}/static/{stylesheet}")
        assert status == 200 and headers["Content-Type"].startswith("text/css")
        assert body == (tmp_path / "var" / "static" / stylesheet).read_bytes()
        assert "immutable" in headers["Cache-Control"]  # whitenoise: hashed names are cached for good
        status, headers, _body = get(f"{server.url}/")
        assert status == 302 and "/inloggen/" in headers["Location"]  # pages need a sign-in
        assert get(f"{server.url}/", https=False)[0] == 301  # to HTTPS ...
        assert get(f"{server.url}/health", https=False)[0] == 200  # ... but not health checks
        if connection.vendor == "sqlite":  # take the database away, then bring it back
            (tmp_path / "db").rename(tmp_path / "db-away")
            status, _headers, body = get(f"{server.url}/health")
            assert (status, json.loads(body)["status"]) == (503, "unavailable")
            (tmp_path / "db-away").rename(tmp_path / "db")
            assert get(f"{server.url}/health")[0] == 200
    finally:
        out, err = server.stop()
    assert server.process.returncode == 0, err  # SIGTERM: a graceful shutdown
    not_json = [line for line in out.splitlines() if not line.startswith("{")]
    assert not not_json, not_json
    lines = [json.loads(line) for line in out.splitlines()]  # every line is JSON
    access = [line for line in lines if line["logger"] == "gunicorn.access"]
    # Two workers write their lines to one pipe, each through its own buffer: the lines of one
    # request need not come first.
    assert any(line.items() >= {"method": "GET", "path": "/health", "status": 200}.items()
               for line in access), access
    assert {line["logger"] for line in lines} >= {"gunicorn.error", "gunicorn.access"}
    assert any("Booting worker" in line["message"] for line in lines)
    if connection.vendor == "sqlite":  # why the database was unavailable: in the log, as JSON
        assert any(line["logger"] == "missiemonitor.web.views.health" and line["level"] == "WARNING"
                   and "unable to open database file" in line["message"] for line in lines)
    said = [line for line in err.splitlines() if not line.startswith("{")]  # logs before serving: JSON
    assert said == ["System check identified no issues (0 silenced).", "checks passed"]


@pytest.mark.slow
def test_health_answers_503_when_the_database_is_down(tmp_path):
    port = free_port()  # nothing listens there
    env = cli_env(f"postgres://mm:secret@127.0.0.1:{port}/missiemonitor", tmp_path,
                  MM_ALLOWED_HOSTS=HOST)
    server = Server(["--workers", "1"], env)
    try:
        server.wait_until_up()
        status, headers, body = get(f"{server.url}/health")
    finally:
        server.stop()
    assert status == 503
    assert json.loads(body) == {"status": "unavailable", "database": {"default": "unavailable"}}
    assert headers["Content-Type"] == "application/json"


def test_serve_needs_gunicorn_at_run_time():
    pyproject = (Path(__file__).resolve().parents[4] / "pyproject.toml").read_text()
    runtime = pyproject.split("[project.optional-dependencies]")[0]
    assert '"gunicorn>=' in runtime


def test_workers_follow_the_cpu_count(monkeypatch):
    from missiemonitor.web.management.commands import serve

    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    assert serve.default_workers() == 5
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(64)), raising=False)
    assert serve.default_workers() == serve.MAX_WORKERS


def test_runserver_refuses_in_production(tmp_path):
    env = cli_env(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path, MM_ENV="production",
                  MM_SECRET_KEY="serve-test-" + "k3y-" * 12, MM_ALLOWED_HOSTS=HOST)
    result = subprocess.run(cli_command(["runserver", "--noreload", f"127.0.0.1:{free_port()}"]),
                            env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode != 0
    assert "in production, serve with 'missiemonitor serve'" in result.stderr
