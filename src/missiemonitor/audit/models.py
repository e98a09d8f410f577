"""The audit entry and the head of its chain.

:class:`AuditEntry` is django-auditlog's log entry (``AUDITLOG_LOGENTRY_MODEL``) with the
columns this system needs beside it: the record's key, the channel (and command) a write
came through, the record's classification and mission when it was written (what history
shows to whom), the actor's name as it was, and the chain: a strictly increasing sequence
number, the hash of the previous entry and the hash of this one (:mod:`.chain`).

Entries are append-only: nothing in the application updates or deletes them, the admin shows
them read-only, and on PostgreSQL a trigger refuses UPDATE and DELETE (migration 0002).
``missiemonitor audit verify`` catches what is changed behind all of that.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS = "0" * 64


class Channel(models.TextChoices):
    WEB = "web", _("pages")
    API = "api", _("API")
    ADMIN = "admin", _("admin")
    CLI = "cli", _("command line")
    SYSTEM = "system", _("system")


class Action(models.IntegerChoices):
    """django-auditlog's action numbers."""

    CREATE = AbstractLogEntry.Action.CREATE, _("created")
    UPDATE = AbstractLogEntry.Action.UPDATE, _("changed")
    DELETE = AbstractLogEntry.Action.DELETE, _("deleted")


class AuditEntryManager(LogEntryManager):
    """django-auditlog creates entries through ``log_create`` and ``log_m2m_changes``; both end
    in :meth:`create_entry`, which appends to the chain. What they call is set when the app is
    ready (:meth:`missiemonitor.audit.apps.AuditConfig.ready`: :mod:`.capture` and
    :mod:`.services`), so that the model imports neither."""

    hooks: ClassVar[dict[str, Callable[..., Any]]] = {}

    def log_create(self, instance, force_log: bool = False, **kwargs):
        return self.hooks["signal"](self, instance, kwargs.pop("changes", None),
                                    force_log=force_log, **kwargs)

    def log_m2m_changes(self, changed_queryset, instance, operation, field_name, **kwargs):
        return self.hooks["m2m"](self, instance, changed_queryset, operation, field_name)

    def create_entry(self, entry: AuditEntry) -> AuditEntry:
        return self.hooks["append"](entries=[entry])[0]

    def create(self, **kwargs):
        return self.create_entry(self.model(**kwargs))


class AuditEntry(AbstractLogEntry):
    # Entries outlive what they name: no cascade (and no database constraint) from the content
    # type or the user; the actor's name is kept as it was.
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.DO_NOTHING, db_constraint=False,
        related_name="+", verbose_name=_("record type"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False, null=True,
        blank=True, related_name="+", verbose_name=_("actor"))
    sequence = models.BigIntegerField(
        _("sequence number"), unique=True,
        help_text=_("The entry's place in the chain: one more than the entry before it."))
    object_key = models.CharField(_("record key"), max_length=200, blank=True, db_index=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices,
                               default=Channel.SYSTEM)
    command = models.CharField(
        _("command"), max_length=60, blank=True,
        help_text=_("For the command line: the command that wrote (load, import-log, …)."))
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True)
    record_classification = models.PositiveSmallIntegerField(
        _("classification at the time"), default=0,
        help_text=_("The highest classification of the record before and after the change; "
                    "readers below it see that fields changed, not their values."))
    record_mission_id = models.BigIntegerField(_("mission at the time"), null=True, blank=True)
    previous_hash = models.CharField(_("previous hash"), max_length=64)
    entry_hash = models.CharField(_("entry hash"), max_length=64, unique=True)

    objects = AuditEntryManager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-sequence"]
        get_latest_by = "sequence"
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_entry_record")]
        constraints = [
            models.CheckConstraint(condition=models.Q(sequence__gte=1), name="audit_sequence_positive"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.get_action_display()} {self.object_key or self.object_repr}"


class AuditChainHead(models.Model):
    """One row: the last entry's sequence number and hash. Appending locks it, so two writers
    never append after the same entry (a forked chain)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.BigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default=GENESIS)

    class Meta:
        verbose_name = _("audit chain head")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_head_single_row")]

    def __str__(self) -> str:
        return f"#{self.sequence}"
