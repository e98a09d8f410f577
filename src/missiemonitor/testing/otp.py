"""Two-factor sign-in in tests: an authenticator app with a known key, the code it shows, and a
test-client sign-in that counts as complete (second factor included)."""

from __future__ import annotations

import base64
import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def app_for(user, *, confirmed: bool = True) -> TOTPDevice:
    """The user's confirmed authenticator app, made if there is none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()
    return device or TOTPDevice.objects.create(user=user, name="test app", confirmed=confirmed)


def code_for(device: TOTPDevice) -> str:
    """The code the app shows now, or the next one when now's was already taken (a device takes
    each time step once; it accepts one step ahead)."""
    device.refresh_from_db()
    now = int((time.time() - device.t0) // device.step)
    step = max(now, device.last_t + 1)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits,
                drift=step - now)
    return f"{code:0{device.digits}d}"


def code_from_secret(secret: str, *, offset_steps: int = 0) -> str:
    """The code for a base32 key as the set-up page shows it (groups of four), as an
    authenticator app computes it."""
    text = secret.replace(" ", "")
    key = base64.b32decode(text + "=" * (-len(text) % 8))
    return f"{totp(key, drift=offset_steps):06d}"


def mark_verified(client, user) -> None:
    """Make the signed-in session of ``client`` one that gave its second factor, when the user
    has or needs one (what the code page does after a right code)."""
    from missiemonitor.accounts.twofactor import two_factor_enabled, two_factor_required

    if not (two_factor_enabled(user) or two_factor_required(user)):
        return
    device = app_for(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
