"""The rules of two-factor sign-in: who must use it, setting up an app, checking codes, backup
codes stored as hashes and used once, the limit on wrong codes, reset by an administrator."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django_otp.plugins.otp_totp.models import TOTPDevice

from missiemonitor.accounts.devices import BackupCode, BackupCodeDevice
from missiemonitor.accounts.models import Role
from missiemonitor.accounts.twofactor import (
    SignInLocked,
    TwoFactorError,
    backup_codes_regenerate,
    sign_in_code_check,
    totp_setup_begin,
    totp_setup_confirm,
    two_factor_disable,
    two_factor_required,
    two_factor_reset,
    two_factor_status,
    two_factor_verify,
)
from missiemonitor.core.models import Classification as C
from missiemonitor.testing.factories import UserFactory
from missiemonitor.testing.otp import app_for, code_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_backoff(settings):
    """django-otp waits 1, 2, 4 … s after a wrong code; these tests try codes back to back."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.MM_LOGIN_MAX_FAILURES = 3
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


def test_required_for_administrators_and_clearance_above_departementaal_vertrouwelijk():
    assert not two_factor_required(UserFactory(clearance=C.ONGERUBRICEERD))
    assert not two_factor_required(UserFactory(clearance=C.DEPARTEMENTAAL_VERTROUWELIJK,
                                               role=Role.COORDINATOR, all_missions=True))
    assert two_factor_required(UserFactory(clearance=C.STG_CONFIDENTIEEL))
    assert two_factor_required(UserFactory(clearance=C.STG_GEHEIM))
    assert two_factor_required(UserFactory(is_superuser=True))
    # a user manager (staff coordinator for all missions) is an administrator
    assert two_factor_required(UserFactory(is_staff=True, role=Role.COORDINATOR, all_missions=True))
    assert not two_factor_required(UserFactory(is_staff=True, role=Role.ANALYST))


def test_setting_up_an_app_confirms_it_with_a_code_and_issues_hashed_backup_codes():
    user = UserFactory()
    device = totp_setup_begin(user=user)
    assert not device.confirmed and totp_setup_begin(user=user) == device  # the same secret again
    with pytest.raises(TwoFactorError):
        totp_setup_confirm(user=user, code="000000" if code_for(device) != "000000" else "111111")
    assert not two_factor_status(user=user).enabled
    confirmed, codes = totp_setup_confirm(user=user, code=code_for(device))
    assert confirmed.confirmed and len(codes) == 10 and len(set(codes)) == 10
    assert two_factor_status(user=user) == two_factor_status(user=user)
    assert two_factor_status(user=user).enabled and two_factor_status(user=user).backup_codes_left == 10
    stored = list(BackupCode.objects.values_list("digest", flat=True))
    assert all(len(d) == 64 for d in stored)
    assert not any(code.replace("-", "") in d for code in codes for d in stored)


def test_a_new_app_replaces_the_old_one_and_its_backup_codes():
    user = UserFactory()
    first = totp_setup_begin(user=user)
    _, old_codes = totp_setup_confirm(user=user, code=code_for(first))
    second = totp_setup_begin(user=user)
    assert second.pk != first.pk
    _, new_codes = totp_setup_confirm(user=user, code=code_for(second))
    assert list(TOTPDevice.objects.filter(user=user).values_list("pk", flat=True)) == [second.pk]
    assert two_factor_verify(user=user, code=old_codes[0]) is None
    assert two_factor_verify(user=user, code=new_codes[0]) is not None


def test_an_app_code_counts_once_and_a_backup_code_is_used_up():
    user = UserFactory()
    device = totp_setup_begin(user=user)
    _, codes = totp_setup_confirm(user=user, code=code_for(device))
    code = code_for(device)
    assert two_factor_verify(user=user, code=code) == TOTPDevice.objects.get(user=user)
    assert two_factor_verify(user=user, code=code) is None  # no replay
    backup = codes[3]
    assert isinstance(two_factor_verify(user=user, code=backup.upper().replace("-", " ")), BackupCodeDevice)
    assert two_factor_verify(user=user, code=backup) is None
    assert two_factor_status(user=user).backup_codes_left == 9
    assert two_factor_verify(user=user, code="not a code") is None


def test_wrong_codes_are_limited_per_user_name_and_address_and_a_right_password_does_not_reset_it():
    user = UserFactory(username="anna")
    app = app_for(user)
    for _ in range(3):
        with pytest.raises(TwoFactorError) as wrong:
            sign_in_code_check(user=user, code="12345", address="10.0.0.1")
        assert not isinstance(wrong.value, SignInLocked)
    with pytest.raises(SignInLocked):  # even the right code, now
        sign_in_code_check(user=user, code=code_for(app), address="10.0.0.1")
    assert sign_in_code_check(user=user, code=code_for(app), address="10.0.0.2") == app


def test_new_backup_codes_need_an_app_and_replace_the_old_ones():
    user = UserFactory()
    with pytest.raises(TwoFactorError):
        backup_codes_regenerate(user=user)
    device = totp_setup_begin(user=user)
    _, old = totp_setup_confirm(user=user, code=code_for(device))
    new = backup_codes_regenerate(user=user)
    assert two_factor_verify(user=user, code=old[0]) is None
    assert two_factor_verify(user=user, code=new[0]) is not None


def test_only_an_optional_user_switches_it_off_with_a_code():
    optional = UserFactory()
    device = totp_setup_begin(user=optional)
    totp_setup_confirm(user=optional, code=code_for(device))
    with pytest.raises(TwoFactorError):
        two_factor_disable(user=optional, code="000001")
    two_factor_disable(user=optional, code=code_for(device))
    assert not two_factor_status(user=optional).enabled
    required = UserFactory(clearance=C.STG_GEHEIM)
    device = totp_setup_begin(user=required)
    totp_setup_confirm(user=required, code=code_for(device))
    with pytest.raises(TwoFactorError):
        two_factor_disable(user=required, code=code_for(device))
    assert two_factor_status(user=required).enabled


def test_an_administrator_resets_a_second_factor_within_their_own_clearance():
    admin = UserFactory(is_staff=True, role=Role.COORDINATOR, all_missions=True,
                        clearance=C.STG_CONFIDENTIEEL)
    user = UserFactory(clearance=C.STG_CONFIDENTIEEL)
    device = totp_setup_begin(user=user)
    totp_setup_confirm(user=user, code=code_for(device))
    above = UserFactory(clearance=C.STG_GEHEIM)
    app_for(above)
    with pytest.raises(PermissionDenied):
        two_factor_reset(actor=user, user=above)  # not an administrator
    with pytest.raises(PermissionDenied):
        two_factor_reset(actor=admin, user=above)  # cleared above the administrator
    two_factor_reset(actor=admin, user=user)
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not BackupCodeDevice.objects.filter(user=user).exists()
    assert TOTPDevice.objects.filter(user=above).exists()
