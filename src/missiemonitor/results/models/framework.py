"""Objectives and the conditions-based results framework.

A long-term objective (LTO) belongs to a framework version, which has its own rating scale.
Progress on an LTO is computed from the latest approved assessment of each of its conditions,
by a named rule. When a framework is re-issued, ``ConditionMapping`` links old conditions to
new ones so that earlier assessments stay comparable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from missiemonitor.core.models import Record, precision_field


class ProgressRule(models.TextChoices):
    SHARE_MET = "share-met", _("share of conditions met")
    WEAKEST = "weakest", _("weakest condition")


class RatingScale(Record):
    # how it hangs together (core.structure)
    mission_from = "none"

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    met_threshold = models.PositiveSmallIntegerField(
        _("met threshold"),
        help_text=_("A condition counts as met from the level with this rank upwards."),
    )

    class Meta(Record.Meta):
        verbose_name = _("rating scale")
        verbose_name_plural = _("rating scales")

    def __str__(self) -> str:
        return self.name


class ScaleLevel(models.Model):
    # how it hangs together (core.structure)
    mission_from = "none"
    part_of = "scale"
    part_key = ("code",)

    scale = models.ForeignKey(RatingScale, verbose_name=_("scale"), on_delete=models.CASCADE,
                              related_name="levels")
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("Higher is better."))
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("label"), max_length=200)
    label_en = models.CharField(_("label in English"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("scale level")
        verbose_name_plural = _("scale levels")
        ordering = ["scale_id", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "rank"], name="results_level_rank_unique"),
            models.UniqueConstraint(fields=["scale", "code"], name="results_level_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.rank} – {self.label}"

    @property
    def is_met(self) -> bool:
        return self.rank >= self.scale.met_threshold


class Framework(Record):
    """A results framework of a mission, such as its set of long-term objectives."""

    # how it hangs together (core.structure)
    mission_from = "explicit"

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True,
                             help_text=_("Who formulated it, for example the mission with the host nation."))
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)

    class Meta(Record.Meta):
        verbose_name = _("results framework")
        verbose_name_plural = _("results frameworks")

    def __str__(self) -> str:
        return self.name


class FrameworkVersion(Record):
    # how it hangs together (core.structure)
    mission_from = "framework"
    part_of = "framework"

    class Basis(models.TextChoices):
        CONDITIONS = "conditions", _("conditions")
        TIME = "time", _("time")

    framework = models.ForeignKey(Framework, verbose_name=_("framework"), on_delete=models.CASCADE,
                                  related_name="versions")
    label = models.CharField(_("label"), max_length=100)
    issued = models.DateField(_("issued"), null=True, blank=True)
    issued_precision = precision_field("issued")
    scale = models.ForeignKey(RatingScale, verbose_name=_("rating scale"), on_delete=models.PROTECT,
                              related_name="framework_versions")
    basis = models.CharField(
        _("progress measured against"), max_length=20, choices=Basis.choices,
        default=Basis.CONDITIONS,
    )
    progress_rule = models.CharField(_("progress rule"), max_length=20, choices=ProgressRule.choices,
                                     default=ProgressRule.SHARE_MET)
    supersedes = models.ForeignKey("self", verbose_name=_("supersedes"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="superseded_by")
    stated_objective_count = models.PositiveIntegerField(
        _("stated number of objectives"), null=True, blank=True,
        help_text=_("How many long-term objectives the source says the version has; it may list "
                    "fewer individually."),
    )
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)

    class Meta(Record.Meta):
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")

    def __str__(self) -> str:
        return f"{self.framework} {self.label}"


class Objective(Record):
    """A stated objective of a mandate or a mission, possibly under a parent objective."""

    # how it hangs together (core.structure)
    mission_from = "explicit"

    class Level(models.TextChoices):
        POLICY = "policy", _("policy objective of the cabinet")
        MISSION = "mission", _("mission objective")
        CONTRIBUTION = "contribution", _("objective of a contribution")

    parent = models.ForeignKey("self", verbose_name=_("parent"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="children")
    mandate = models.ForeignKey("missions.Mandate", verbose_name=_("mandate"), null=True, blank=True,
                                on_delete=models.CASCADE, related_name="objectives")
    contribution = models.ForeignKey("missions.Contribution", verbose_name=_("contribution"),
                                     null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="objectives")
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    code = models.CharField(_("code"), max_length=20, blank=True)
    title = models.TextField(_("title"))
    title_en = models.TextField(_("title in English"), blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta(Record.Meta):
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["order", "key"]
        constraints = [
            *Record.Meta.constraints,
            models.CheckConstraint(
                condition=Q(mandate__isnull=False) | Q(mission__isnull=False),
                name="results_objective_attached",
                violation_error_message=_("An objective belongs to a mandate or a mission."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


class LongTermObjective(Record):
    # how it hangs together (core.structure)
    mission_from = "framework_version"

    framework_version = models.ForeignKey(FrameworkVersion, verbose_name=_("framework version"),
                                          on_delete=models.CASCADE, related_name="objectives")
    objective = models.ForeignKey(Objective, verbose_name=_("serves objective"), null=True,
                                  blank=True, on_delete=models.SET_NULL,
                                  related_name="long_term_objectives")
    code = models.CharField(_("code"), max_length=40)
    title = models.TextField(_("title"))
    title_en = models.TextField(_("title in English"), blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True,
                             help_text=_("The host-nation counterpart who owns it."))
    owner_en = models.CharField(_("owner in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    expected_by = models.DateField(_("expected by"), null=True, blank=True,
                                   help_text=_("Horizon by which its conditions are expected met."))
    progress_rule = models.CharField(
        _("progress rule"), max_length=20, choices=ProgressRule.choices, blank=True,
        help_text=_("Empty: the rule of the framework version."),
    )
    roles = models.ManyToManyField(
        "missions.Role", verbose_name=_("supporting roles"), blank=True,
        related_name="long_term_objectives",
        help_text=_("Posts that advise on this objective; a handover gap is a risk to it."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta(Record.Meta):
        verbose_name = _("long-term objective")
        verbose_name_plural = _("long-term objectives")
        ordering = ["order", "key"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


class Condition(Record):
    # how it hangs together (core.structure)
    mission_from = "objective"
    part_of = "objective"

    objective = models.ForeignKey(LongTermObjective, verbose_name=_("long-term objective"),
                                  on_delete=models.CASCADE, related_name="conditions")
    code = models.CharField(_("code"), max_length=40, blank=True)
    text = models.TextField(_("text"))
    text_en = models.TextField(_("text in English"), blank=True)
    expected_by = models.DateField(_("expected by"), null=True, blank=True)
    retired = models.BooleanField(_("retired"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta(Record.Meta):
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
        ordering = ["order", "key"]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}".strip()


class ConditionMapping(Record):
    """How a condition of an earlier framework version continues in a later one."""

    # how it hangs together (core.structure)
    mission_from = "target"

    class Relation(models.TextChoices):
        SAME = "same", _("unchanged")
        REWORDED = "reworded", _("reworded")
        SPLIT = "split", _("split into several")
        MERGED = "merged", _("merged with others")

    source = models.ForeignKey(Condition, verbose_name=_("earlier condition"),
                               on_delete=models.CASCADE, related_name="mapped_to")
    target = models.ForeignKey(Condition, verbose_name=_("later condition"),
                               on_delete=models.CASCADE, related_name="mapped_from")
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)

    class Meta(Record.Meta):
        verbose_name = _("condition mapping")
        verbose_name_plural = _("condition mappings")
        constraints = [
            *Record.Meta.constraints,
            models.UniqueConstraint(fields=["source", "target"], name="results_mapping_unique"),
            models.CheckConstraint(condition=~Q(source=models.F("target")),
                                   name="results_mapping_not_self"),
        ]


class AssessmentState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned")
    APPROVED = "approved", _("approved")


class ConditionAssessment(Record):
    # how it hangs together (core.structure)
    mission_from = "condition"

    condition = models.ForeignKey(Condition, verbose_name=_("condition"), on_delete=models.CASCADE,
                                  related_name="assessments")
    level = models.ForeignKey(ScaleLevel, verbose_name=_("level"), on_delete=models.PROTECT,
                              related_name="assessments")
    date = models.DateField(_("date"))
    rationale = models.TextField(_("rationale"), blank=True)
    rationale_en = models.TextField(_("rationale in English"), blank=True)
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assessor"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    assessor_name = models.CharField(_("assessor (name or body)"), max_length=200, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewer_name = models.CharField(_("reviewer (name or body)"), max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=AssessmentState.choices,
                             default=AssessmentState.DRAFT)
    review_comment = models.TextField(_("review comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Who last submitted it for review; they may not approve it (four eyes)."),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta(Record.Meta):
        verbose_name = _("condition assessment")
        verbose_name_plural = _("condition assessments")
        ordering = ["condition_id", "date", "key"]
        indexes = [models.Index(fields=["condition", "state", "date"])]


class Evidence(Record):
    # how it hangs together (core.structure)
    mission_from = "assessment"
    part_of = "assessment"

    class Kind(models.TextChoices):
        FINDING = "finding", _("monitoring finding")
        OBSERVATION = "observation", _("indicator observation")
        FIELD_REPORT = "field-report", _("field report")
        DOCUMENT = "document", _("document")

    class Confidence(models.TextChoices):
        LOW = "low", _("low")
        MEDIUM = "medium", _("medium")
        HIGH = "high", _("high")

    assessment = models.ForeignKey(ConditionAssessment, verbose_name=_("assessment"),
                                   on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    finding = models.ForeignKey("monitoring.Finding", verbose_name=_("finding"), null=True,
                                blank=True, on_delete=models.PROTECT, related_name="+")
    observation = models.ForeignKey("results.Observation", verbose_name=_("observation"),
                                    null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    field_report = models.ForeignKey("monitoring.FieldReport", verbose_name=_("field report"),
                                     null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    document = models.ForeignKey("core.Source", verbose_name=_("document"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True)
    confidence = models.CharField(_("confidence"), max_length=10, choices=Confidence.choices,
                                  default=Confidence.MEDIUM)

    # An evidence item is only visible with the record it cites (see core.visibility).
    visibility_links = ("finding", "observation", "field_report", "document")

    class Meta(Record.Meta):
        verbose_name = _("evidence item")
        verbose_name_plural = _("evidence items")
        constraints = [
            *Record.Meta.constraints,
            models.CheckConstraint(
                condition=(
                    Q(kind="finding", finding__isnull=False, observation__isnull=True,
                      field_report__isnull=True, document__isnull=True)
                    | Q(kind="observation", observation__isnull=False, finding__isnull=True,
                        field_report__isnull=True, document__isnull=True)
                    | Q(kind="field-report", field_report__isnull=False, finding__isnull=True,
                        observation__isnull=True, document__isnull=True)
                    | Q(kind="document", document__isnull=False, finding__isnull=True,
                        observation__isnull=True, field_report__isnull=True)
                ),
                name="results_evidence_one_target",
                violation_error_message=_("An evidence item points at exactly one record of its kind."),
            ),
        ]
