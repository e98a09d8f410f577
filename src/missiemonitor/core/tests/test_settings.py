"""The settings module in its two modes, through the real console script."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.engine_independent

CLI = Path(sys.executable).with_name("missiemonitor")


def _run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("MM_", "DJANGO_"))}
    environ.update({"MM_VAR_DIR": str(tmp_path / "var"), **env})
    return subprocess.run([str(CLI), *args], env=environ, capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _run(["check"], tmp_path, MM_ENV="production", MM_ALLOWED_HOSTS="mm.example.org")
    assert result.returncode != 0
    assert "MM_SECRET_KEY must be set when MM_ENV=production" in result.stderr


def test_check_deploy_passes_in_production_mode_without_a_single_warning(tmp_path):
    """Every installed app's checks, django-otp's included, with the production settings of
    docs/configuration.md: no warning, none silenced, nothing on stderr."""
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"], tmp_path,
        MM_ENV="production", MM_SECRET_KEY="x" * 20 + "-production-secret-key-with-enough-entropy-9f3",
        MM_ALLOWED_HOSTS="mm.example.org", MM_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced).", result.stdout
    assert "WARNING" not in result.stderr.upper(), result.stderr
    apps = _run(["shell", "-c", "from django.conf import settings; print(settings.INSTALLED_APPS)"],
                tmp_path, MM_ENV="production", MM_SECRET_KEY="x" * 50, MM_ALLOWED_HOSTS="mm.example.org")
    assert "django_otp.plugins.otp_totp" in apps.stdout, apps.stderr


def test_demo_mode_generates_and_keeps_a_secret_key(tmp_path):
    first = _run(["shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)"], tmp_path)
    second = _run(["shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)"], tmp_path)
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "var" / "secret_key"
    assert key_file.read_text().strip() == first.stdout.strip().splitlines()[-1] == second.stdout.strip().splitlines()[-1]
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"


def test_bad_boolean_is_refused_with_its_name(tmp_path):
    result = _run(["check"], tmp_path, MM_DEBUG="perhaps")
    assert result.returncode != 0 and "MM_DEBUG='perhaps': expected true or false" in result.stderr
