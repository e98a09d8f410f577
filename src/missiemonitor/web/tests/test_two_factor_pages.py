"""Signing in with two factors through the pages (test client): password, then code; required
users are kept on the set-up page; wrong codes, backup codes, the limit on failures, the API
and the admin behind the same rule; the account page's tokens; reset by an administrator."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django_otp import DEVICE_ID_SESSION_KEY

from missiemonitor.accounts.models import ApiToken, Role
from missiemonitor.accounts.tokens import token_create
from missiemonitor.core.models import Classification as C
from missiemonitor.testing.factories import UserFactory
from missiemonitor.testing.otp import app_for, code_for, code_from_secret

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-wachtwoord-1"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.MM_LOGIN_MAX_FAILURES = 3
    cache.clear()
    yield
    cache.clear()


def _password(client, username, next_url=""):
    data = {"username": username, "password": PASSWORD}
    url = "/inloggen/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data, REMOTE_ADDR="10.0.0.1")


def _code(client, code):
    return client.post("/inloggen/code/", {"code": code}, REMOTE_ADDR="10.0.0.1")


def test_a_user_with_an_app_gives_the_code_before_being_signed_in(client):
    user = UserFactory(username="anna", clearance=C.STG_CONFIDENTIEEL)
    app = app_for(user)
    response = _password(client, "anna", next_url="/missies/")
    assert response.status_code == 302 and response["Location"] == "/inloggen/code/"
    assert "_auth_user_id" not in client.session  # not signed in yet
    assert client.get("/missies/")["Location"].startswith("/inloggen/")
    page = client.get("/inloggen/code/")
    assert page.status_code == 200 and "anna" in page.content.decode()
    wrong = _code(client, "000000" if code_for(app) != "000000" else "111111")
    assert wrong.status_code == 400 and "De code klopt niet" in wrong.content.decode()
    assert "_auth_user_id" not in client.session
    response = _code(client, code_for(app))
    assert response.status_code == 302 and response["Location"] == "/missies/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == app.persistent_id
    assert client.get("/missies/").status_code == 200


def test_a_required_user_without_an_app_can_only_set_one_up(client):
    UserFactory(username="bert", clearance=C.STG_GEHEIM)
    response = _password(client, "bert")
    assert response["Location"] == "/mijn-account/tweestapsverificatie/"
    for url in ("/", "/missies/", "/mijn-account/", "/gegevens/export/", "/admin/"):
        assert client.get(url)["Location"] == "/mijn-account/tweestapsverificatie/", url
    api = client.get("/api/v1/missions")
    assert api.status_code == 403 and api["Content-Type"] == "application/problem+json"
    page = client.get("/mijn-account/tweestapsverificatie/")
    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="setup-required"' in html
    assert "<svg" in html and not re.search(r"<[^>]+\sstyle\s*=", html)
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', html).group(1)
    done = client.post("/mijn-account/tweestapsverificatie/", {"code": code_from_secret(secret)})
    codes = re.findall(r"<li><code>([a-z2-9-]{14})</code></li>", done.content.decode())
    assert done.status_code == 200 and len(codes) == 10
    assert client.get("/missies/").status_code == 200
    assert client.get("/api/v1/missions").status_code == 200


def test_an_optional_user_signs_in_with_the_password_and_may_set_up_an_app(client):
    UserFactory(username="carla", clearance=C.DEPARTEMENTAAL_VERTROUWELIJK)
    assert _password(client, "carla")["Location"] == "/"
    html = client.get("/mijn-account/").content.decode()
    assert 'href="/mijn-account/tweestapsverificatie/"' in html
    assert client.get("/missies/").status_code == 200


def test_a_backup_code_signs_in_once(client):
    user = UserFactory(username="dirk", clearance=C.STG_CONFIDENTIEEL)
    app_for(user)
    client.force_login(user)
    codes = re.findall(r"<li><code>([a-z2-9-]{14})</code></li>",
                       client.post("/mijn-account/herstelcodes/").content.decode())
    assert len(codes) == 10
    client.logout()
    _password(client, "dirk")
    response = _code(client, codes[0])
    assert response.status_code == 302
    assert "9 over" in client.get("/").content.decode()  # the warning names the codes left
    client.logout()
    _password(client, "dirk")
    assert _code(client, codes[0]).status_code == 400


def test_wrong_codes_lock_the_code_step_and_a_right_password_does_not_unlock_it(client):
    user = UserFactory(username="eva", clearance=C.STG_CONFIDENTIEEL)
    app = app_for(user)
    _password(client, "eva")
    for _ in range(3):
        assert _code(client, "123456" if code_for(app) != "123456" else "654321").status_code == 400
    _password(client, "eva")  # the password again: the count of codes stays
    locked = _code(client, code_for(app))
    assert locked.status_code == 400 and "Te veel mislukte aanmeldpogingen" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_password_only_session_from_the_admin_sign_in_owes_the_code(client):
    user = UserFactory(username="fleur", is_staff=True, is_superuser=True, clearance=C.STG_GEHEIM)
    app = app_for(user)
    client.post("/admin/login/", {"username": "fleur", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/admin/")["Location"] == "/inloggen/code/"
    assert _code(client, code_for(app))["Location"] == "/"
    assert client.get("/admin/").status_code == 200


def test_an_administrator_resets_a_lost_second_factor_from_the_user_page(client):
    admin = UserFactory(username="gerda", is_staff=True, role=Role.COORDINATOR, all_missions=True,
                        clearance=C.STG_GEHEIM)
    user = UserFactory(username="hans", clearance=C.STG_CONFIDENTIEEL)
    app_for(user)
    token_create(user=user, name="script")
    client.force_login(admin)
    page = client.get("/gebruikers/hans/").content.decode()
    assert 'data-testid="user-two-factor-status"' in page and "/tweestapsverificatie/herstellen/" in page
    assert client.post("/gebruikers/hans/tweestapsverificatie/herstellen/").status_code == 302
    prefix = ApiToken.objects.get(user=user).prefix
    assert client.post(f"/gebruikers/hans/tokens/{prefix}/intrekken/").status_code == 302
    assert not ApiToken.objects.get(user=user).is_live
    client.logout()
    # hans signs in with the password alone and must set up a new app
    assert _password(client, "hans")["Location"] == "/mijn-account/tweestapsverificatie/"
    outsider = UserFactory(username="ida", clearance=C.STG_CONFIDENTIEEL)
    client.force_login(outsider)
    assert client.post("/gebruikers/hans/tweestapsverificatie/herstellen/").status_code == 403


def test_the_account_page_creates_shows_once_and_revokes_tokens(client):
    user = UserFactory(username="jan")
    client.force_login(user)
    created = client.post("/mijn-account/tokens/", {"name": "maandcijfers", "days": 30, "scope": "read"})
    text = re.search(r'data-testid="api-token">(mm_[^<]+)<', created.content.decode()).group(1)
    token = ApiToken.objects.get(user=user)
    assert token.scope == "read" and text.startswith(f"mm_{token.prefix}_")
    assert "no-store" in created["Cache-Control"]
    page = client.get("/mijn-account/").content.decode()
    assert "maandcijfers" in page and text not in page
    other = UserFactory(username="kees")
    theirs, _ = token_create(user=other, name="hun script")
    assert client.post(f"/mijn-account/tokens/{theirs.prefix}/intrekken/").status_code == 404
    assert client.post(f"/mijn-account/tokens/{token.prefix}/intrekken/").status_code == 302
    token.refresh_from_db()
    theirs.refresh_from_db()
    assert token.revoked_at is not None and theirs.revoked_at is None
    bad = client.post("/mijn-account/tokens/", {"name": "", "days": 999, "scope": "alles"})
    assert bad.status_code == 400


def test_the_sign_in_page_names_the_demo_account_in_demo_mode_only(client, settings):
    assert 'data-testid="demo-sign-in"' in client.get("/inloggen/").content.decode()
    settings.MM_ENV = "production"
    assert 'data-testid="demo-sign-in"' not in client.get("/inloggen/").content.decode()


def test_the_demo_account_signs_in_with_its_password_alone_even_after_an_older_version(client):
    from missiemonitor.accounts.services import demo_user_ensure
    from missiemonitor.accounts.twofactor import two_factor_required

    UserFactory(username="demo", is_staff=True, is_superuser=True, clearance=C.STG_GEHEIM)
    demo = demo_user_ensure(username="demo", password=PASSWORD)
    assert not demo.is_superuser and not demo.is_staff and demo.all_missions
    assert demo.clearance == C.DEPARTEMENTAAL_VERTROUWELIJK and demo.role == Role.COORDINATOR
    assert not two_factor_required(demo)
    assert _password(client, "demo")["Location"] == "/"
    assert client.get("/missies/").status_code == 200
