"""The sign-in limit: failed attempts per user name and client address, on the web sign-in
page and in the admin; X-Forwarded-For does not get around it unless a proxy is configured."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from missiemonitor.accounts.backends import client_address
from missiemonitor.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
LOCKED = "Te veel mislukte aanmeldpogingen"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MM_LOGIN_MAX_FAILURES = 3
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user():
    user = UserFactory(username="anna", is_staff=True)
    user.set_password("juist-wachtwoord")
    user.save()
    return user


def _sign_in(client, url, password, address="10.0.0.1", **headers):
    return client.post(url, {"username": "anna", "password": password},
                       REMOTE_ADDR=address, **headers)


@pytest.mark.parametrize("url", ["/inloggen/", "/admin/login/"])
def test_after_too_many_failures_even_the_right_password_is_refused(client, user, url):
    for n in range(3):
        response = _sign_in(client, url, "fout", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        assert response.status_code == 200 and LOCKED not in response.content.decode()
    response = _sign_in(client, url, "juist-wachtwoord", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 200  # the form again, not a redirect
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    # another address may still sign in with the right password
    assert _sign_in(client, url, "juist-wachtwoord", address="10.0.0.2").status_code == 302


def test_a_success_clears_the_count(client, user):
    for _ in range(2):
        _sign_in(client, "/inloggen/", "fout")
    assert _sign_in(client, "/inloggen/", "juist-wachtwoord").status_code == 302
    client.logout()
    for _ in range(2):
        _sign_in(client, "/inloggen/", "fout")
    assert _sign_in(client, "/inloggen/", "juist-wachtwoord").status_code == 302


def test_the_forwarded_address_counts_only_behind_a_configured_proxy(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.7")
    settings.MM_NUM_PROXIES = 0
    assert client_address(request) == "10.0.0.1"
    settings.MM_NUM_PROXIES = 1
    assert client_address(request) == "198.51.100.7"
    settings.MM_NUM_PROXIES = 2
    assert client_address(request) == "203.0.113.5"
