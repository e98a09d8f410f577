"""Token scopes: a read-only token reads and is refused every change (403, before any resource
runs); a read-and-write token changes what its user's role allows. Creating a token with a
password asks the code of an account with two-factor sign-in."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from missiemonitor.accounts.models import ApiToken
from missiemonitor.accounts.tokens import token_create
from missiemonitor.missions.models import Role
from missiemonitor.testing.otp import app_for, code_for

pytestmark = pytest.mark.django_db

NEW_ROLE = {"key": "new-role", "contribution": "contribution-bravo-0-0", "name": "Mentor",
            "post_kind": "military-adviser"}


def bearer(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def test_a_read_only_token_reads_and_is_refused_every_unsafe_method(world):
    token, text = token_create(user=world.users["high"], name="lezen")
    assert token.scope == "read"
    client = bearer(text)
    assert client.get("/api/v1/roles").status_code == 200
    assert client.head("/api/v1/roles").status_code == 200
    created = client.post("/api/v1/roles", NEW_ROLE, format="json")
    assert created.status_code == 403
    assert created["Content-Type"] == "application/problem+json"
    assert "read" in created.json()["detail"]
    assert not Role.objects.filter(key="new-role").exists()
    key = Role.objects.order_by("key").first().key
    for method in ("put", "patch", "delete"):
        answer = getattr(client, method)(f"/api/v1/roles/{key}", {}, format="json", HTTP_IF_MATCH='"1"')
        assert answer.status_code == 403, method
    # an action resource and the token resource itself: unsafe all the same
    assert client.post("/api/v1/log-imports", {}, format="json").status_code == 403
    assert client.delete(f"/api/v1/tokens/{token.prefix}").status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_read_write_token_writes_within_its_users_role(world):
    _, writer = token_create(user=world.users["high"], name="schrijven", scope="read-write")
    assert bearer(writer).post("/api/v1/roles", NEW_ROLE, format="json").status_code == 201
    _, analyst = token_create(user=world.users["mid"], name="analist", scope="read-write")
    refused = bearer(analyst).post("/api/v1/roles", {**NEW_ROLE, "key": "other"}, format="json")
    assert refused.status_code == 403  # the scope allows it, the analyst's role does not


def test_the_command_creates_tokens_of_either_scope(world):
    for scope in ("read", "read-write"):
        call_command("token", "create", "--user", "low", "--name", scope, "--scope", scope,
                     stdout=io.StringIO(), stderr=io.StringIO())
    assert dict(ApiToken.objects.values_list("name", "scope")) == {"read": "read", "read-write": "read-write"}
    listing = io.StringIO()
    call_command("token", "list", "--user", "low", stdout=listing)
    assert "\tread-write\t" in listing.getvalue() and "\tread\t" in listing.getvalue()


def test_creating_a_token_with_a_password_asks_the_code_of_a_two_factor_account(world, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = world.users["high"]  # Stg. Geheim: two-factor sign-in is required
    user.set_password("een-lang-wachtwoord")
    user.save()
    client = APIClient()
    body = {"username": "high", "password": "een-lang-wachtwoord", "name": "script"}
    not_set_up = client.post("/api/v1/tokens", body, format="json")
    assert not_set_up.status_code == 401 and "authenticator" in not_set_up.json()["detail"]
    app = app_for(user)
    assert client.post("/api/v1/tokens", body, format="json").status_code == 401
    assert client.post("/api/v1/tokens", {**body, "code": "12345x"}, format="json").status_code == 401
    created = client.post("/api/v1/tokens", {**body, "code": code_for(app), "scope": "read-write"},
                          format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["scope"] == "read-write"
    assert not ApiToken.objects.exclude(prefix=created.json()["prefix"]).exists()
