"""Two-factor sign-in: who must use it, setting it up, checking a code, backup codes, reset.

The second factor is a TOTP authenticator app (django-otp's ``TOTPDevice``) with a set of
backup codes (:class:`~missiemonitor.accounts.devices.BackupCodeDevice`). It is **required** for
administrators (superusers and whoever :func:`~missiemonitor.core.permissions.can_manage_users`
allows) and for users cleared Stg. Confidentieel or higher; for everyone else it is optional.

A code is checked against the user's devices by its shape: six digits against the app, twelve
letters and digits against the backup codes, so a typed backup code never counts as a failed
app code. django-otp slows each device down after a wrong code (1, 2, 4 … seconds); on top of
that, :func:`sign_in_code_check` counts failures per user name and client address as the
password step does (``accounts.backends``), on a count of its own.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from missiemonitor.accounts.backends import (
    login_failure_record,
    login_failures_clear,
    login_lockout_remaining,
)
from missiemonitor.accounts.devices import BackupCodeDevice, looks_like_backup_code
from missiemonitor.accounts.models import User
from missiemonitor.accounts.services import _require_manager, _require_may_change
from missiemonitor.core.models import Classification
from missiemonitor.core.permissions import can_manage_users
from missiemonitor.core.workflow import ServiceError

REQUIRED_FROM = Classification.STG_CONFIDENTIEEL
APP_DEVICE_NAME = "authenticator app"
BACKUP_DEVICE_NAME = "backup codes"
CODE_STEP = "code"  # the failure count of the second step (accounts.backends)


class TwoFactorError(ServiceError):
    """A code was wrong, or the step is not possible now; nothing was changed."""

    code = "two-factor"


class SignInLocked(TwoFactorError):
    """Too many wrong codes for this user name from this address."""

    code = "locked"

    def __init__(self, seconds: int) -> None:
        minutes = max(1, -(-seconds // 60))
        super().__init__(ngettext(
            "Too many failed sign-in attempts; try again in %(minutes)d minute.",
            "Too many failed sign-in attempts; try again in %(minutes)d minutes.",
            minutes) % {"minutes": minutes})
        self.seconds = seconds


def two_factor_required(user: Any) -> bool:
    """Whether ``user`` must sign in with a second factor: administrators, and anyone cleared
    above Departementaal Vertrouwelijk."""
    if not isinstance(user, User):
        return False
    return user.is_superuser or can_manage_users(user) or user.clearance >= REQUIRED_FROM


def two_factor_enabled(user: Any) -> bool:
    """Whether ``user`` has a confirmed authenticator app (one query)."""
    if not isinstance(user, User):
        return False
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@dataclass(frozen=True)
class TwoFactorStatus:
    enabled: bool
    required: bool
    backup_codes_left: int
    since: Any = None  # when the app was confirmed


def two_factor_status(*, user: User) -> TwoFactorStatus:
    """What the account pages show about the user's second factor."""
    app = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()
    backup = BackupCodeDevice.objects.filter(user=user).first()
    left = backup.remaining() if app is not None and backup is not None else 0
    return TwoFactorStatus(enabled=app is not None, required=two_factor_required(user),
                           backup_codes_left=left, since=app.created_at if app else None)


def totp_secret_text(device: TOTPDevice) -> str:
    """The device's secret as an authenticator app expects it typed: base32, in groups of four."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


@transaction.atomic
def totp_setup_begin(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator-app device of ``user``, made if there is none: its secret
    is shown (as a QR code and as text) until a code from the app confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_setup_confirm(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the unconfirmed app of ``user`` with a ``code`` from it. The new app replaces
    any earlier one, and a fresh set of backup codes replaces any earlier set; the codes are
    returned, and can never be read again."""
    device = (TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False)
              .order_by("-pk").first())
    if device is None:
        raise TwoFactorError(_("Start the set-up again: no new authenticator app is waiting."))
    if not _is_app_code(code) or not device.verify_token(code.strip()):
        raise TwoFactorError(_("The code is not right. Check the time on your phone and enter "
                               "the code the app shows now."))
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device, _issue_backup_codes(user)


def _issue_backup_codes(user: User) -> list[str]:
    backup, _created = BackupCodeDevice.objects.get_or_create(
        user=user, defaults={"name": BACKUP_DEVICE_NAME, "confirmed": True})
    return backup.issue()


@transaction.atomic
def backup_codes_regenerate(*, user: User) -> list[str]:
    """New backup codes for ``user`` (the old ones stop working); only with an app set up."""
    if not two_factor_enabled(user):
        raise TwoFactorError(_("Set up an authenticator app first."))
    return _issue_backup_codes(user)


def _is_app_code(code: str) -> bool:
    code = code.strip().replace(" ", "")
    return len(code) == 6 and code.isdigit()


@transaction.atomic
def two_factor_verify(*, user: User, code: str) -> Any:
    """The confirmed device of ``user`` that accepts ``code`` (which it then no longer accepts:
    an app code is not taken twice, a backup code is used up), or ``None``."""
    code = (code or "").strip()
    if _is_app_code(code):
        devices = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
        code = code.replace(" ", "")
    elif looks_like_backup_code(code):
        devices = BackupCodeDevice.objects.select_for_update().filter(user=user, confirmed=True)
    else:
        return None
    for device in devices:
        if device.verify_token(code):
            return device
    return None


def sign_in_code_check(*, user: User, code: str, address: str) -> Any:
    """The second step of signing in: the device that accepts ``code``. Raises
    :class:`SignInLocked` after too many wrong codes for this user name and address, and
    :class:`TwoFactorError` for a wrong code (which is counted)."""
    remaining = login_lockout_remaining(username=user.username, address=address, step=CODE_STEP)
    if remaining:
        raise SignInLocked(remaining)
    device = two_factor_verify(user=user, code=code)
    if device is None:
        login_failure_record(username=user.username, address=address, step=CODE_STEP)
        raise TwoFactorError(_("The code is not right. Enter the code your authenticator app "
                               "shows now, or one of your backup codes."))
    login_failures_clear(username=user.username, address=address, step=CODE_STEP)
    return device


class SecondFactorMissing(TwoFactorError):
    """A password alone was offered where a second factor is needed."""

    code = "second-factor-needed"


def token_sign_in_check(*, user: User, code: str, address: str) -> None:
    """Creating an API token with a password (``POST /api/v1/tokens``) asks what signing in
    asks: the code as well when the user has a second factor, and nothing at all for a user
    who must have one but has not set it up."""
    if two_factor_enabled(user):
        if not code:
            raise SecondFactorMissing(_("This account signs in with two factors: send the code "
                                        "from the authenticator app (or a backup code) as 'code'."))
        sign_in_code_check(user=user, code=code, address=address)
    elif two_factor_required(user):
        raise SecondFactorMissing(_("This account must sign in with two factors: set up an "
                                    "authenticator app in the web interface first."))


@transaction.atomic
def two_factor_disable(*, user: User, code: str) -> None:
    """Switch off the second factor of ``user``, who must not be required to have one and
    confirms with a current code."""
    if two_factor_required(user):
        raise TwoFactorError(_("Your account must sign in with two factors; it cannot be switched off."))
    if two_factor_verify(user=user, code=code) is None:
        raise TwoFactorError(_("The code is not right. Enter the code your authenticator app "
                               "shows now, or one of your backup codes."))
    _remove_devices(user)


def _remove_devices(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    BackupCodeDevice.objects.filter(user=user).delete()


@transaction.atomic
def two_factor_reset(*, actor: Any, user: User | str) -> User:
    """An administrator removes the authenticator app and backup codes of ``user`` (a lost
    phone): the user signs in with the password and, where required, sets up a new app before
    anything else; a session that was signed in with the old app is sent there too."""
    _require_manager(actor)
    username = user if isinstance(user, str) else user.username
    locked = User.objects.select_for_update().get(username=username)
    _require_may_change(actor, locked)
    if locked.pk == actor.pk:
        raise PermissionDenied(_("Set up your own second factor again from your account page."))
    _remove_devices(locked)
    return locked
