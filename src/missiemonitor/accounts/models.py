from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from missiemonitor.core.models import Classification


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("M&E coordinator")
    POLICY_OFFICER = "policy-officer", _("policy officer")
    FIELD_REPORTER = "field-reporter", _("field reporter")
    REVIEWER = "reviewer", _("reviewer")
    APPROVER = "approver", _("approver")
    ANALYST = "analyst", _("analyst")


class User(AbstractUser):
    """A person who uses Missiemonitor, with a clearance and mission memberships."""

    clearance = models.PositiveSmallIntegerField(
        _("clearance"),
        choices=Classification.choices,
        default=Classification.ONGERUBRICEERD,
        help_text=_("The highest classification this user may see."),
    )
    all_missions = models.BooleanField(
        _("need-to-know for all missions"),
        default=False,
        help_text=_("Sees records of every mission (within clearance), for example an M&E "
                    "coordinator at headquarters."),
    )
    missions = models.ManyToManyField(
        "missions.Mission",
        verbose_name=_("missions"),
        through="MissionMembership",
        related_name="members",
        blank=True,
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.ANALYST,
        help_text=_("What this user does; decides which actions are offered."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(clearance__lte=max(Classification.values)),
                name="accounts_user_clearance_valid",
            )
        ]

    @cached_property
    def mission_ids(self) -> frozenset[int]:
        return frozenset(self.memberships.values_list("mission_id", flat=True))


class MissionMembership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships",
                             verbose_name=_("user"))
    mission = models.ForeignKey("missions.Mission", on_delete=models.CASCADE,
                                related_name="memberships", verbose_name=_("mission"))

    class Meta:
        verbose_name = _("mission membership")
        verbose_name_plural = _("mission memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "mission"], name="accounts_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.mission}"


class TokenScope(models.TextChoices):
    """What a token may do: read only (``GET``, ``HEAD``, ``OPTIONS``), or also change."""

    READ = "read", _("read only")
    READ_WRITE = "read-write", _("read and write")


class ApiToken(models.Model):
    """A token a script uses to call the API as its user. Only a hash of the secret is
    stored; the secret is shown once, when the token is created. Tokens expire, can be
    revoked, and read or also write (``scope``)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=100,
                            help_text=_("What the token is for, such as the script that uses it."))
    prefix = models.CharField(
        _("prefix"), max_length=16, unique=True,
        help_text=_("The public start of the token, by which it is found and named."))
    digest = models.CharField(_("digest"), max_length=64,
                              help_text=_("SHA-256 of the whole token; the token itself is not stored."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    scope = models.CharField(
        _("scope"), max_length=10, choices=TokenScope.choices, default=TokenScope.READ,
        help_text=_("Read only, or read and write (still within the user's own role)."))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["user_id", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(scope__in=TokenScope.values),
                                   name="accounts_apitoken_scope_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix} ({self.name})"

    @property
    def is_live(self) -> bool:
        """Not revoked and not expired."""
        return self.revoked_at is None and self.expires_at > timezone.now()


# The second factor's backup codes are models of this app too (kept in their own module).
from missiemonitor.accounts.devices import BackupCode, BackupCodeDevice  # noqa: E402

__all__ = ["ApiToken", "BackupCode", "BackupCodeDevice", "MissionMembership", "Role", "TokenScope",
           "User"]
