"""The political and security context: dated events, threat assessments and incidents."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from missiemonitor.core.models import Record, period_constraint, precision_field


class ContextEvent(Record):
    # how it hangs together (core.structure)
    mission_from = "explicit"

    class Category(models.TextChoices):
        POLITICAL = "political", _("political")
        SECURITY = "security", _("security")
        TERRORISM = "terrorism", _("terrorism")
        MILITIAS = "militias", _("militias")
        REGIONAL = "regional", _("regional")
        HUMAN_RIGHTS = "human-rights", _("human rights")
        DIPLOMATIC = "diplomatic", _("diplomatic")
        HUMANITARIAN = "humanitarian", _("humanitarian")
        OTHER = "other", _("other")

    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    start = models.DateField(_("date"), null=True, blank=True)
    start_precision = precision_field("start")
    end = models.DateField(_("until"), null=True, blank=True)
    end_precision = precision_field("end")
    planned = models.BooleanField(_("planned"), default=False,
                                  help_text=_("Expected or scheduled, not yet happened."))
    area = models.CharField(_("area"), max_length=100)
    place = models.ForeignKey("missions.Location", verbose_name=_("place"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="events")
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    text = models.TextField(_("text"), blank=True)
    text_en = models.TextField(_("text in English"), blank=True)
    subject = models.SlugField(
        _("subject"), max_length=100, blank=True,
        help_text=_("Events with the same subject state the same real-world fact; differing dates "
                    "are reported as a conflict."),
    )
    source = models.ForeignKey("core.Source", verbose_name=_("source"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="events")
    source_passage = models.TextField(_("source passage"), blank=True)

    class Meta(Record.Meta):
        verbose_name = _("context event")
        verbose_name_plural = _("context events")
        ordering = ["start", "key"]
        constraints = [*Record.Meta.constraints, period_constraint()]

    def __str__(self) -> str:
        return self.title


class EventFigure(models.Model):
    """A figure an event states: seven attacks, four killed."""

    # how it hangs together (core.structure)
    mission_from = "none"
    part_of = "event"
    part_key = ("order", "unit")

    event = models.ForeignKey(ContextEvent, verbose_name=_("event"), on_delete=models.CASCADE,
                              related_name="figures")
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=100)
    unit_en = models.CharField(_("unit in English"), max_length=100, blank=True)
    approximately = models.BooleanField(_("approximately"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("event figure")
        verbose_name_plural = _("event figures")
        ordering = ["event_id", "order", "id"]

    def __str__(self) -> str:
        return f"{self.value} {self.unit}"


class ThreatLevel(models.IntegerChoices):
    MINIMAL = 1, _("minimal")
    LIMITED = 2, _("limited")
    SIGNIFICANT = 3, _("significant")
    SUBSTANTIAL = 4, _("substantial")
    CRITICAL = 5, _("critical")


class ThreatAssessment(Record):
    # how it hangs together (core.structure)
    mission_from = "explicit"

    class Change(models.TextChoices):
        NONE = "", _("not stated")
        RAISED = "raised", _("raised")
        LOWERED = "lowered", _("lowered")
        UNCHANGED = "unchanged", _("unchanged")

    location = models.ForeignKey("missions.Location", verbose_name=_("place"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="threat_assessments")
    area = models.CharField(_("area"), max_length=100)
    threat = models.CharField(_("threat"), max_length=300,
                              help_text=_("What threatens, for example indirect fire and armed drones."))
    threat_en = models.CharField(_("threat in English"), max_length=300, blank=True)
    actor = models.CharField(_("actor"), max_length=300, blank=True)
    actor_en = models.CharField(_("actor in English"), max_length=300, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=ThreatLevel.choices, null=True,
                                             blank=True)
    change = models.CharField(_("change"), max_length=10, choices=Change.choices, blank=True,
                              default=Change.NONE)
    valid_from = models.DateField(_("valid from"))
    valid_from_precision = precision_field("valid_from")
    source = models.ForeignKey("core.Source", verbose_name=_("source"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="threat_assessments")
    source_passage = models.TextField(_("source passage"), blank=True)

    class Meta(Record.Meta):
        verbose_name = _("threat assessment")
        verbose_name_plural = _("threat assessments")
        ordering = ["valid_from", "key"]
        constraints = [
            *Record.Meta.constraints,
            models.CheckConstraint(condition=models.Q(level__isnull=True) | models.Q(level__gte=1, level__lte=5),
                                   name="context_threat_level_valid"),
        ]


class Incident(Record):
    # how it hangs together (core.structure)
    mission_from = "explicit"

    class Type(models.TextChoices):
        INJURY = "injury", _("injury")
        ATTACK = "attack", _("attack")
        ACCIDENT = "accident", _("accident")
        SECURITY = "security", _("security incident")
        OTHER = "other", _("other")

    class Severity(models.TextChoices):
        MINOR = "minor", _("minor")
        SERIOUS = "serious", _("serious")
        CRITICAL = "critical", _("critical")
        FATAL = "fatal", _("fatal")

    contribution = models.ForeignKey("missions.Contribution", verbose_name=_("contribution"), null=True,
                                     blank=True, on_delete=models.CASCADE, related_name="incidents")
    date = models.DateField(_("date"))
    date_precision = precision_field("date")
    incident_type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    severity = models.CharField(_("severity"), max_length=20, choices=Severity.choices)
    casualties = models.PositiveIntegerField(_("people hurt"), null=True, blank=True)
    location = models.ForeignKey("missions.Location", verbose_name=_("place"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="incidents")
    description = models.TextField(_("description"))
    description_en = models.TextField(_("description in English"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    outcome_en = models.TextField(_("outcome in English"), blank=True)

    class Meta(Record.Meta):
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["date", "key"]
