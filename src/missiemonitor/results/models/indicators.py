"""Indicators, their targets and observations, and the raw activity logs they can be
computed from."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from missiemonitor.core.models import (
    CLASSIFICATION_VALID,
    Record,
    classification_field,
    non_negative,
    period_constraint,
)
from missiemonitor.core.visibility import RecordQuerySet

MEASURE = {"max_digits": 20, "decimal_places": 4}


class Dimension(Record):
    """A way to break a figure down, for example tasking = own mission / other mission /
    national."""

    # how it hangs together (core.structure)
    mission_from = "none"

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)

    class Meta(Record.Meta):
        verbose_name = _("disaggregation dimension")
        verbose_name_plural = _("disaggregation dimensions")

    def __str__(self) -> str:
        return self.name


class DimensionValue(models.Model):
    # how it hangs together (core.structure)
    mission_from = "none"
    part_of = "dimension"
    part_key = ("code",)

    dimension = models.ForeignKey(Dimension, verbose_name=_("dimension"), on_delete=models.CASCADE,
                                  related_name="values")
    code = models.SlugField(_("code"), max_length=50)
    label = models.CharField(_("label"), max_length=200)
    label_en = models.CharField(_("label in English"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("dimension value")
        verbose_name_plural = _("dimension values")
        ordering = ["dimension_id", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "code"], name="results_dimvalue_unique")
        ]

    def __str__(self) -> str:
        return self.label


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher", _("higher is better")
    LOWER_IS_BETTER = "lower", _("lower is better")
    NEUTRAL = "neutral", _("neither (descriptive)")


class Aggregation(models.TextChoices):
    SUM = "sum", _("sum")
    AVERAGE = "average", _("average")
    LAST = "last", _("last value")
    MAX = "max", _("maximum")


class LogKind(models.TextChoices):
    FLIGHT = "flight", _("flight log")
    MOVEMENT = "movement", _("movement log")
    EVENT = "event", _("event log")


class Bound(models.TextChoices):
    NONE = "", _("as stated")
    JUST_UNDER = "just-under", _("just under")
    AT_MOST = "at-most", _("at most")
    AT_LEAST = "at-least", _("at least")
    MORE_THAN = "more-than", _("more than")


class Indicator(Record):
    """A measure of output or outcome, of a contribution, programme, objective or area."""

    # how it hangs together (core.structure)
    mission_from = "explicit"

    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("name in English"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=100,
                            help_text=_("What is counted, as written after a number: 'vlieguren'."))
    unit_en = models.CharField(_("unit in English"), max_length=100, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices,
                                 default=Direction.NEUTRAL)
    aggregation = models.CharField(_("aggregation over periods"), max_length=10,
                                   choices=Aggregation.choices, default=Aggregation.SUM)
    baseline = models.DecimalField(_("baseline"), null=True, blank=True, **MEASURE)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    dimensions = models.ManyToManyField(Dimension, verbose_name=_("disaggregation dimensions"),
                                        blank=True, related_name="indicators")
    contribution = models.ForeignKey("missions.Contribution", verbose_name=_("contribution"),
                                     null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="indicators")
    programme = models.ForeignKey("programmes.Programme", verbose_name=_("programme"), null=True,
                                  blank=True, on_delete=models.CASCADE, related_name="indicators")
    objective = models.ForeignKey("results.Objective", verbose_name=_("objective"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="indicators")
    area = models.CharField(_("area"), max_length=100, blank=True,
                            help_text=_("For context indicators: the country or region measured."))
    log_kind = models.CharField(
        _("computed from log"), max_length=10, choices=LogKind.choices, blank=True,
        help_text=_("When set and the log has entries for the period, values are computed from "
                    "the log instead of typed observations."),
    )
    log_category = models.CharField(
        _("log category filter"), max_length=50, blank=True,
        help_text=_("Only count log entries of this category (for event logs: the event type)."),
    )
    log_dimension = models.ForeignKey(
        Dimension, verbose_name=_("log category dimension"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("The dimension whose values are the log entries' categories, such as tasking."),
    )
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)

    class Meta(Record.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    # how it hangs together (core.structure)
    mission_from = "none"
    part_of = "indicator"
    part_key = ("start", "end")

    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE,
                                  related_name="targets")
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    value = models.DecimalField(_("target"), **MEASURE)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator_id", "start", "end"]
        constraints = [
            period_constraint(),
            models.UniqueConstraint(fields=["indicator", "start", "end"], name="results_target_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.start}..{self.end}: {self.value}"


class Observation(Record):
    """A value of an indicator over a period, optionally for one disaggregation."""

    # how it hangs together (core.structure)
    mission_from = "indicator"

    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE,
                                  related_name="observations")
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), **MEASURE)
    approximately = models.BooleanField(_("approximately"), default=False,
                                        help_text=_("The source says 'circa'."))
    bound = models.CharField(_("bound"), max_length=12, choices=Bound.choices, blank=True,
                             default=Bound.NONE,
                             help_text=_("For figures stated as 'just under 1,000' or 'more than'."))
    disaggregation = models.JSONField(
        _("disaggregation"), default=dict, blank=True,
        help_text=_("Dimension key to value code, for example {\"region\": \"north\"}; empty for the total."),
    )
    source = models.ForeignKey("core.Source", verbose_name=_("source"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="observations")
    source_passage = models.TextField(_("source passage"), blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta(Record.Meta):
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["indicator_id", "start", "end", "key"]
        indexes = [models.Index(fields=["indicator", "start", "end"])]
        constraints = [*Record.Meta.constraints, period_constraint()]


class LogEntry(models.Model):
    """One row of an activity log: a flight, a movement or another countable event.

    Logs are bulk data: rows have no key and are loaded with streaming bulk inserts.
    """

    kind = models.CharField(_("log"), max_length=10, choices=LogKind.choices)
    contribution = models.ForeignKey("missions.Contribution", verbose_name=_("contribution"),
                                     on_delete=models.CASCADE, related_name="log_entries")
    mission = models.ForeignKey("missions.Mission", verbose_name=_("mission"),
                                on_delete=models.CASCADE, related_name="+")
    classification = classification_field()
    date = models.DateField(_("date"))
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=2,
        help_text=_("Flight hours for a flight, the count for a movement or event."),
    )
    category = models.CharField(_("category"), max_length=50, blank=True,
                                help_text=_("Tasking for a flight, event type for an event."))
    asset = models.CharField(_("asset"), max_length=50, blank=True,
                             help_text=_("Aircraft or vehicle, where the log records one."))
    area = models.CharField(_("area"), max_length=100, blank=True)
    batch = models.CharField(_("import batch"), max_length=100, blank=True,
                             help_text=_("The import this row came from, for provenance."))

    objects = RecordQuerySet.as_manager()
    need_to_know_path = "mission"

    class Meta:
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")
        ordering = ["contribution_id", "kind", "date", "id"]
        indexes = [models.Index(fields=["contribution", "kind", "date"])]
        constraints = [CLASSIFICATION_VALID, non_negative("quantity")]

    def __str__(self) -> str:
        return f"{self.kind} {self.date} {self.quantity}"


class LogBatch(models.Model):
    """One import of an activity log, by name. The database keeps a name unique per log, so
    that two imports of the same file, even at the same moment, cannot both count its rows."""

    kind = models.CharField(_("log"), max_length=10, choices=LogKind.choices)
    name = models.CharField(_("import batch"), max_length=100,
                            help_text=_("The name the rows of this import carry as their batch."))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("log import")
        verbose_name_plural = _("log imports")
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="results_logbatch_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.name}"


