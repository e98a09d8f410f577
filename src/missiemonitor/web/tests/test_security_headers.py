"""The security headers and cookies of production mode, on a page, a download and an API
response: HSTS, no sniffing, referrer and opener policies, no framing, a Content-Security-Policy
without 'unsafe-inline', and secure, HttpOnly, SameSite, host-only cookies. The settings module
is read as a deployment reads it (MM_ENV=production), in a process of its own
(production_probe.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# One production process (migrate, sign in, three requests) on an SQLite database of its own,
# whichever engine the run tests: the PostgreSQL pass leaves it out.
pytestmark = [pytest.mark.slow, pytest.mark.engine_independent]

PROBE = "missiemonitor.web.tests.production_probe"
HOST = "mm.example.org"
SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


@pytest.fixture(scope="module")
def answers(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("production")
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("MM_", "DJANGO_"))}
    environ.update(MM_ENV="production", MM_SECRET_KEY="p" * 20 + "-production-secret-key-for-the-probe-7c1",
                   MM_ALLOWED_HOSTS=HOST, MM_VAR_DIR=str(tmp / "var"), MM_DATABASE_URL="sqlite://:memory:")
    result = subprocess.run([sys.executable, "-m", PROBE], env=environ, capture_output=True, text=True,
                            timeout=300, cwd=Path(tmp))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", ["page", "download", "api"])
def test_every_kind_of_answer_carries_the_security_headers(answers, name):
    answer = answers[name]
    assert answer["status"] == 200, answer
    for header, value in SECURITY_HEADERS.items():
        assert answer["headers"].get(header) == value, (name, header)
    policy = answer["headers"]["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
    assert "default-src 'self'" in policy and "object-src 'none'" in policy


def test_the_three_answers_are_what_they_claim(answers):
    assert answers["page"]["headers"]["Content-Type"].startswith("text/html")
    assert answers["download"]["headers"]["Content-Disposition"].startswith("attachment;")
    assert answers["api"]["headers"]["Content-Type"] == "application/json"


def test_plain_http_is_sent_to_https(answers):
    answer = answers["plain-http"]
    assert answer["status"] == 301 and answer["headers"]["Location"] == f"https://{HOST}/inloggen/"


def test_session_and_csrf_cookies_are_secure_http_only_same_site_and_host_only(answers):
    csrf = answers["sign-in"]["cookies"]["__Host-csrftoken"]
    session = answers["signed-in"]["cookies"]["__Host-sessionid"]
    assert answers["signed-in"]["status"] == 302
    for cookie in (csrf, session):
        assert cookie == {"secure": True, "httponly": True, "samesite": "Lax", "path": "/", "domain": ""}
