"""API tokens: hashed at rest, expiring, revocable; created with a password, rate limited."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from missiemonitor.accounts.models import ApiToken
from missiemonitor.accounts.tokens import token_create
from missiemonitor.api.throttling import AuthenticationThrottle

pytestmark = pytest.mark.django_db


def bearer(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def test_the_command_creates_a_working_token_stored_only_as_a_hash(world):
    out = io.StringIO()
    call_command(
        "token",
        "create",
        "--user",
        "low",
        "--name",
        "script",
        "--days",
        "7",
        stdout=out,
        stderr=io.StringIO(),
    )
    text = out.getvalue().strip()
    row = ApiToken.objects.get()
    assert text.startswith(f"mm_{row.prefix}_")
    assert text not in row.digest and row.digest != text and len(row.digest) == 64
    assert not ApiToken.objects.filter(digest__contains=text.split("_", 2)[2]).exists()
    assert abs(row.expires_at - (timezone.now() + dt.timedelta(days=7))) < dt.timedelta(minutes=1)
    response = bearer(text).get("/api/v1/contributions")
    assert response.status_code == 200
    assert {r["key"] for r in response.json()["results"]} == {"contribution-alpha-0-0"}


def test_revoked_expired_and_wrong_tokens_are_refused(world):
    token, text = token_create(user=world.users["low"], name="x")
    assert bearer(text).get("/api/v1/missions").status_code == 200
    call_command("token", "revoke", token.prefix, stdout=io.StringIO())
    refused = bearer(text).get("/api/v1/missions")
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"].startswith("Bearer")
    assert refused["Content-Type"] == "application/problem+json"
    _, expired = token_create(user=world.users["low"], name="y", days=1)
    ApiToken.objects.filter(name="y").update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert bearer(expired).get("/api/v1/missions").status_code == 401
    assert (
        bearer(text[:-1] + ("A" if text[-1] != "A" else "B")).get("/api/v1/missions").status_code
        == 401
    )
    assert bearer("nonsense").get("/api/v1/missions").status_code == 401
    assert APIClient().get("/api/v1/missions").status_code == 401


def test_a_token_is_created_with_a_password_and_revoked_by_its_owner(world):
    user = world.users["mid"]
    user.set_password("een-lang-wachtwoord")
    user.save()
    client = APIClient()
    created = client.post(
        "/api/v1/tokens",
        {"username": "mid", "password": "een-lang-wachtwoord", "name": "rapportage", "days": 30,
         "scope": "read-write"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["scope"] == "read-write"
    text = created.json()["token"]
    owner = bearer(text)
    listed = owner.get("/api/v1/tokens").json()["results"]
    assert [t["name"] for t in listed] == ["rapportage"]
    assert "token" not in listed[0]
    _, other = token_create(user=world.users["low"], name="other")
    other_prefix = ApiToken.objects.get(name="other").prefix
    assert owner.delete(f"/api/v1/tokens/{other_prefix}").status_code == 404
    assert bearer(other).get("/api/v1/missions").status_code == 200
    assert owner.delete(f"/api/v1/tokens/{created.json()['prefix']}").status_code == 204
    assert owner.get("/api/v1/missions").status_code == 401
    wrong = client.post(
        "/api/v1/tokens", {"username": "mid", "password": "fout", "name": "x"}, format="json"
    )
    assert wrong.status_code == 401
    assert wrong.json()["code"] == "authentication-failed"


def test_token_creation_is_rate_limited(world, monkeypatch):
    monkeypatch.setattr(AuthenticationThrottle, "THROTTLE_RATES", {"auth": "3/minute"})
    client = APIClient()
    answers = [
        client.post(
            "/api/v1/tokens", {"username": "nobody", "password": "x", "name": "x"}, format="json"
        )
        for _ in range(4)
    ]
    assert [a.status_code for a in answers] == [401, 401, 401, 429]
    assert answers[-1]["Content-Type"] == "application/problem+json"
    assert int(answers[-1]["Retry-After"]) > 0


def test_the_rate_limit_ignores_a_forwarded_address_without_a_proxy(world, monkeypatch):
    monkeypatch.setattr(AuthenticationThrottle, "THROTTLE_RATES", {"auth": "3/minute"})
    client = APIClient()
    answers = [
        client.post("/api/v1/tokens", {"username": "nobody", "password": "x", "name": "x"},
                    format="json", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        for n in range(4)
    ]
    assert [a.status_code for a in answers] == [401, 401, 401, 429]
