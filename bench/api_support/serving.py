"""Serving for the API benchmark: gunicorn with 2 sync workers on loopback, serving the
application plus the floor view (``api_support.urls``)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from api_support.rawload import HOST, free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


class Gunicorn:
    """gunicorn with 2 sync workers on loopback, serving the application plus the floor view."""

    def __init__(self, database_url: str, directory: Path) -> None:
        self.port = free_port()
        env = {
            **os.environ,
            "MM_DATABASE_URL": database_url,
            "MM_VAR_DIR": str(directory),
            "MM_DEBUG": "false",
            "MM_ALLOWED_HOSTS": HOST,
            "MM_LOG_LEVEL": "ERROR",
            "DJANGO_SETTINGS_MODULE": "api_support.settings",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT / "src")]),
        }
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(BIN / "gunicorn"),
                "--workers",
                "2",
                "--bind",
                f"{HOST}:{self.port}",
                "--timeout",
                "1800",
                "--log-level",
                "warning",
                "missiemonitor.wsgi:application",
            ],
            env=env,
            cwd=directory,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((HOST, self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        sys.exit("gunicorn did not start")

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def peak_rss_mb(self) -> float:
        """The largest peak resident memory (VmHWM) of the workers."""
        peaks = []
        for pid in self.workers():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        return max(peaks, default=0.0)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


# -- load --------------------------------------------------------------------------------------
