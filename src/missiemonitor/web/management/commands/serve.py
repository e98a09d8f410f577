"""``missiemonitor serve``: the application under gunicorn, for anything but the demo.

Sane defaults: workers from the CPU count (2 × CPUs + 1, at most :data:`MAX_WORKERS`), a
timeout long enough for a report to be written during a request, a graceful shutdown on
SIGTERM, workers recycled after some requests, and gunicorn's error and access logs (and
Django's) as JSON lines on standard output. ``--check`` runs Django's deployment checks and
refuses to start with unapplied migrations.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from gunicorn.app.base import BaseApplication

MAX_WORKERS = 12


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    return min(2 * cpu_count() + 1, MAX_WORKERS)


def log_config(level: str) -> dict[str, Any]:
    """gunicorn's and Django's loggers as JSON lines on standard output."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "missiemonitor.web.jsonlog.JsonLineFormatter"}},
        "handlers": {"stdout": handler},
        "loggers": {
            "gunicorn.error": {"handlers": ["stdout"], "level": level, "propagate": False},
            "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
            "django": {"handlers": ["stdout"], "level": level, "propagate": False},
        },
        "root": {"handlers": ["stdout"], "level": level},
    }


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise CommandError(f"{name}={value!r}: expected a whole number") from None


class Command(BaseCommand):
    help = ("Serve Missiemonitor with gunicorn (production and anything but the demo): workers "
            "from the CPU count, logs as JSON lines on standard output. Put a reverse proxy in "
            "front of it (docs/configuration.md).")

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("MM_BIND", "127.0.0.1:8000"),
                            help="Address and port, or unix:PATH (default: MM_BIND or 127.0.0.1:8000).")
        parser.add_argument("--workers", type=int, default=None,
                            help=f"Worker processes (default: MM_WORKERS, or 2 × CPUs + 1, at most "
                                 f"{MAX_WORKERS}; here {default_workers()}).")
        parser.add_argument("--timeout", type=int, default=None,
                            help="Seconds a request may take before its worker is restarted "
                                 "(default: MM_WORKER_TIMEOUT or 120; a report is written during "
                                 "its request).")
        parser.add_argument("--graceful-timeout", type=int, default=30,
                            help="Seconds running requests get to finish on shutdown (default 30).")
        parser.add_argument("--max-requests", type=int, default=None,
                            help="Recycle a worker after this many requests (default: "
                                 "MM_MAX_REQUESTS or 1000; 0: never).")
        parser.add_argument("--check", action="store_true",
                            help="First run the deployment checks and refuse to start with "
                                 "unapplied migrations.")

    def handle(self, *args, bind: str, workers: int | None, timeout: int | None,
               graceful_timeout: int, max_requests: int | None, check: bool, **options):
        if check:
            self._check()
        workers = workers or _env_int("MM_WORKERS", default_workers())
        timeout = timeout or _env_int("MM_WORKER_TIMEOUT", 120)
        max_requests = max_requests if max_requests is not None else _env_int("MM_MAX_REQUESTS", 1000)
        if workers < 1:
            raise CommandError("--workers: at least 1")
        level = os.environ.get("MM_LOG_LEVEL", "INFO").upper()
        config = {
            "bind": [bind],
            "workers": workers,
            "timeout": timeout,
            "graceful_timeout": graceful_timeout,
            "max_requests": max_requests,
            "max_requests_jitter": max(0, max_requests // 20),
            "preload_app": True,
            "logconfig_dict": log_config(level),
            "loglevel": level.lower(),
            "proc_name": "missiemonitor",
            "control_socket_disable": True,  # one per user's home otherwise; nobody here needs it
        }
        if settings.MM_TMP_DIR is not None:
            config["worker_tmp_dir"] = str(settings.MM_TMP_DIR)
        connections.close_all()  # the workers are forked: each opens its own
        _Server(config).run()

    def _check(self) -> None:
        from django.db.migrations.executor import MigrationExecutor

        call_command("check", deploy=True, stdout=self.stderr)  # standard output: JSON lines only
        for alias in connections:
            executor = MigrationExecutor(connections[alias])
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
            if plan:
                names = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in plan[:5])
                raise CommandError(f"the database has unapplied migrations ({names}); run "
                                   f"'missiemonitor migrate' first")
        self.stderr.write("checks passed")


class _Server(BaseApplication):
    """gunicorn, configured from a dictionary instead of its command line."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.config.items():
            self.cfg.set(key, value)

    def load(self):
        # Django is set up already (this is one of its commands); get_wsgi_application() would
        # set it up again and put back the logging that gunicorn's configuration replaced.
        from django.core.handlers.wsgi import WSGIHandler

        return WSGIHandler()
