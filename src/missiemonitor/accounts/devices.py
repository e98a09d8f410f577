"""Backup codes for two-factor sign-in, as a django-otp device.

django-otp's own static device (``otp_static``) keeps its codes in plain text; these are kept as
an HMAC-SHA256 under a random salt of the device, so a copy of the database does not give them
away. A code is twelve characters from a 31-letter alphabet (about 59 bits), random enough that a
slow password hash is not needed (as with API tokens); the per-device salt stops one
computation from testing every user's codes at once. Each code works once: it is marked used.
Why not ``otp_static`` is in docs/decisions/0005-two-factor.md.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin

ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read from paper
CODE_LENGTH = 12
CODE_COUNT = 10


def normalise_code(text: str) -> str:
    """A code as typed (any case, spaces or hyphens) in its stored form."""
    return "".join(text.split()).replace("-", "").lower()


def format_code(code: str) -> str:
    """``abcdefghjkmn`` as ``abcd-efgh-jkmn``, as it is shown."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def looks_like_backup_code(text: str) -> bool:
    code = normalise_code(text)
    return len(code) == CODE_LENGTH and all(c in ALPHABET for c in code)


class BackupCodeDevice(ThrottlingMixin, Device):
    """A user's set of backup codes (one device per user; new codes replace the old)."""

    salt = models.CharField(_("salt"), max_length=64, default="",
                            help_text=_("Random, per device; the codes are stored as HMACs under it."))

    class Meta(Device.Meta):
        verbose_name = _("backup-code set")
        verbose_name_plural = _("backup-code sets")
        constraints = [models.UniqueConstraint(fields=["user"], name="accounts_backupcodes_one_per_user")]

    def digest(self, code: str) -> str:
        return hmac.new(self.salt.encode(), normalise_code(code).encode(), hashlib.sha256).hexdigest()

    def issue(self) -> list[str]:
        """Replace this device's codes with ``CODE_COUNT`` new ones and return them (formatted):
        the only time they can be read."""
        self.salt = secrets.token_hex(32)
        self.save(update_fields=["salt"])
        self.codes.all().delete()
        codes = ["".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH)) for _ in range(CODE_COUNT)]
        BackupCode.objects.bulk_create([BackupCode(device=self, digest=self.digest(c)) for c in codes])
        return [format_code(c) for c in codes]

    def remaining(self) -> int:
        return self.codes.filter(used_at__isnull=True).count()

    def verify_token(self, token) -> bool:
        allowed, _info = self.verify_is_allowed()
        if not allowed:
            return False
        verified = False
        if isinstance(token, str) and looks_like_backup_code(token):
            wanted = self.digest(token)
            for code in self.codes.select_for_update().filter(used_at__isnull=True):
                if hmac.compare_digest(code.digest, wanted):
                    code.used_at = timezone.now()
                    code.save(update_fields=["used_at"])
                    verified = True
                    break
        if verified:
            self.throttle_reset()
        else:
            self.throttle_increment()
        return verified

    def get_throttle_factor(self) -> int:
        return getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1)


class BackupCode(models.Model):
    device = models.ForeignKey(BackupCodeDevice, on_delete=models.CASCADE, related_name="codes",
                               verbose_name=_("backup-code set"))
    digest = models.CharField(_("digest"), max_length=64,
                              help_text=_("HMAC-SHA256 of the code under the set's salt; the code itself is not stored."))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("backup code")
        verbose_name_plural = _("backup codes")

    def __str__(self) -> str:
        return f"{self.device_id}: {'used' if self.used_at else 'unused'}"
