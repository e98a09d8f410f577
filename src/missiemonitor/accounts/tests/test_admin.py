"""API tokens and authenticator apps in the admin follow the rules of the pages, whatever the
Django permissions of an administrator say: only those who manage users see them, a token is
revoked only of a user one may change, and an authenticator app is never added, changed or
deleted there (its owner sets it up; a reset from the user page removes it). The authorisation
matrix found a staff coordinator without user management listing every user's tokens."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django_otp.plugins.otp_totp.models import TOTPDevice

from missiemonitor.accounts.models import ApiToken, Role
from missiemonitor.accounts.tokens import token_create
from missiemonitor.core.models import Classification as C
from missiemonitor.testing.factories import UserFactory
from missiemonitor.testing.otp import app_for

pytestmark = pytest.mark.django_db


def _staff(**values):
    user = UserFactory(role=Role.COORDINATOR, is_staff=True, **values)
    user.user_permissions.set(Permission.objects.filter(
        content_type__app_label__in=["accounts", "otp_totp"]))
    return user


@pytest.fixture
def owner():
    return UserFactory(username="owner", clearance=C.STG_CONFIDENTIEEL)


def test_only_those_who_manage_users_see_tokens_and_apps(client, owner):
    token_create(user=owner, name="script")
    app_for(owner)
    client.force_login(_staff(clearance=C.STG_GEHEIM))  # no need-to-know for all missions
    for url in ("/admin/accounts/apitoken/", "/admin/otp_totp/totpdevice/"):
        assert client.get(url).status_code == 403
    manager = _staff(clearance=C.STG_GEHEIM, all_missions=True)
    client.force_login(manager)
    assert client.get("/admin/accounts/apitoken/").status_code == 200
    device = TOTPDevice.objects.get(user=owner)
    page = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")
    assert page.status_code == 200 and device.key not in page.content.decode()


def test_a_token_is_revoked_in_the_admin_only_of_a_user_one_may_change(client, owner):
    token, _text = token_create(user=owner, name="script")
    revoke = {"action": "revoke", "_selected_action": [token.pk]}
    for actor in (_staff(clearance=C.STG_GEHEIM), _staff(clearance=C.ONGERUBRICEERD, all_missions=True)):
        client.force_login(actor)
        client.post("/admin/accounts/apitoken/", revoke)
        assert ApiToken.objects.get(pk=token.pk).revoked_at is None, actor
    client.force_login(_staff(clearance=C.STG_CONFIDENTIEEL, all_missions=True))
    client.post("/admin/accounts/apitoken/", revoke)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_no_one_adds_changes_or_deletes_an_authenticator_app_in_the_admin(client, owner):
    device = app_for(owner)
    client.force_login(_staff(clearance=C.STG_GEHEIM, all_missions=True))
    base = "/admin/otp_totp/totpdevice/"
    assert client.post(f"{base}add/", {"user": owner.pk, "name": "mine", "confirmed": "on",
                                       "key": "00" * 20, "step": 30, "t0": 0, "digits": 6,
                                       "tolerance": 1, "drift": 0}).status_code == 403
    assert client.post(f"{base}{device.pk}/change/", {"user": owner.pk, "name": "x"}).status_code == 403
    assert client.post(f"{base}{device.pk}/delete/", {"post": "yes"}).status_code == 403
    assert list(TOTPDevice.objects.filter(user=owner)) == [device]
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
