"""Monitoring: visits with their findings and follow-up actions, reporting schedules and the
periodic field reports of contributions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from missiemonitor.core.models import Record, period_constraint, precision_field


class MonitoringVisit(Record):
    # how it hangs together (core.structure)
    mission_from = "explicit"

    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    start = models.DateField(_("date"), null=True, blank=True)
    start_precision = precision_field("start")
    end = models.DateField(_("end date"), null=True, blank=True)
    end_precision = precision_field("end")
    organisations = models.ManyToManyField("core.Organisation", verbose_name=_("participating organisations"),
                                           blank=True, related_name="monitoring_visits")
    missions = models.ManyToManyField("missions.Mission", verbose_name=_("missions in scope"),
                                      blank=True, related_name="monitoring_visits")
    scope = models.TextField(_("scope"), blank=True)
    scope_en = models.TextField(_("scope in English"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    purpose_en = models.TextField(_("purpose in English"), blank=True)
    mandate = models.ForeignKey("missions.Mandate", verbose_name=_("promised in mandate"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="monitoring_visits")

    class Meta(Record.Meta):
        verbose_name = _("monitoring visit")
        verbose_name_plural = _("monitoring visits")
        ordering = ["start", "key"]
        constraints = [*Record.Meta.constraints, period_constraint()]

    def __str__(self) -> str:
        return self.title


class Finding(Record):
    # how it hangs together (core.structure)
    mission_from = "explicit"
    part_of = "visit"

    visit = models.ForeignKey(MonitoringVisit, verbose_name=_("visit"), on_delete=models.CASCADE,
                              related_name="findings")
    text = models.TextField(_("finding"))
    text_en = models.TextField(_("finding in English"), blank=True)
    contribution = models.ForeignKey("missions.Contribution", verbose_name=_("contribution"),
                                     null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="findings")
    objective = models.ForeignKey("results.Objective", verbose_name=_("objective"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="findings")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta(Record.Meta):
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["visit_id", "order", "key"]

    def __str__(self) -> str:
        return self.text[:80]


class FollowUpAction(Record):
    # how it hangs together (core.structure)
    mission_from = "finding"
    part_of = "finding"

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in-progress", _("in progress")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    finding = models.ForeignKey(Finding, verbose_name=_("finding"), on_delete=models.CASCADE,
                                related_name="actions")
    description = models.TextField(_("description"))
    description_en = models.TextField(_("description in English"), blank=True)
    owner = models.CharField(_("owner"), max_length=200,
                             help_text=_("The organisation or post responsible."))
    due = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    adjustment = models.TextField(
        _("adjustment made"), blank=True,
        help_text=_("The course correction (bijsturing) this action made."),
    )
    adjustment_en = models.TextField(_("adjustment in English"), blank=True)
    adjusted_contribution = models.ForeignKey("missions.Contribution", verbose_name=_("adjusted contribution"),
                                              null=True, blank=True, on_delete=models.SET_NULL,
                                              related_name="adjustments")
    adjusted_objective = models.ForeignKey("results.Objective", verbose_name=_("adjusted objective"),
                                           null=True, blank=True, on_delete=models.SET_NULL,
                                           related_name="adjustments")
    adjusted_mandate = models.ForeignKey("missions.Mandate", verbose_name=_("adjusted mandate"),
                                         null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="adjustments")

    class Meta(Record.Meta):
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due", "key"]
        constraints = [
            *Record.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(status="done") | Q(completed_on__isnull=False),
                name="monitoring_action_done_has_date",
                violation_error_message=_("A finished action needs its completion date."),
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")


class ReportingSchedule(Record):
    # how it hangs together (core.structure)
    mission_from = "contribution"

    contribution = models.ForeignKey("missions.Contribution", verbose_name=_("contribution"),
                                     on_delete=models.CASCADE, related_name="reporting_schedules")
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices)
    start = models.DateField(_("first period starts"))
    end = models.DateField(_("last period ends"), null=True, blank=True)
    due_days = models.PositiveSmallIntegerField(
        _("days allowed"), default=10,
        help_text=_("A report is on time when submitted within this many days after its period."),
    )

    class Meta(Record.Meta):
        verbose_name = _("reporting schedule")
        verbose_name_plural = _("reporting schedules")
        constraints = [*Record.Meta.constraints, period_constraint()]


class FieldReport(Record):
    # how it hangs together (core.structure)
    mission_from = "contribution"

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned")
        APPROVED = "approved", _("approved")

    contribution = models.ForeignKey("missions.Contribution", verbose_name=_("contribution"),
                                     on_delete=models.CASCADE, related_name="field_reports")
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("report"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
                               blank=True, on_delete=models.SET_NULL, related_name="+")
    author_name = models.CharField(_("author (name or post)"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Who last submitted it for review; they may not approve it (four eyes)."),
    )
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewer_name = models.CharField(_("reviewer (name or post)"), max_length=200, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)

    class Meta(Record.Meta):
        verbose_name = _("field report")
        verbose_name_plural = _("field reports")
        ordering = ["contribution_id", "start", "key"]
        constraints = [*Record.Meta.constraints, period_constraint()]
        indexes = [models.Index(fields=["contribution", "start", "end"])]
