"""Shared building blocks: classification, the base record, fuzzy dates, organisations and
sources. Every domain record inherits :class:`Record`, which carries the two facts the
visibility rule needs: its classification and the mission it belongs to."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from missiemonitor.core.kamerstuk import kamerstuk_citation, kamerstuk_url
from missiemonitor.core.visibility import RecordQuerySet


class Classification(models.IntegerChoices):
    """Dutch state-secret markings (VIR-BI), ordered by sensitivity. NATO markings map onto them
    (see ``CLASSIFICATION_ALIASES``)."""

    ONGERUBRICEERD = 0, _("Unclassified")
    DEPARTEMENTAAL_VERTROUWELIJK = 1, _("Departementaal Vertrouwelijk")
    STG_CONFIDENTIEEL = 2, _("Stg. Confidentieel")
    STG_GEHEIM = 3, _("Stg. Geheim")


# The codes used in dataset files and the API, and the NATO markings mapped onto them.
CLASSIFICATION_CODES: dict[int, str] = {
    Classification.ONGERUBRICEERD: "ongerubriceerd",
    Classification.DEPARTEMENTAAL_VERTROUWELIJK: "departementaal-vertrouwelijk",
    Classification.STG_CONFIDENTIEEL: "stg-confidentieel",
    Classification.STG_GEHEIM: "stg-geheim",
}
CLASSIFICATION_ALIASES: dict[str, int] = {
    **{code: level for level, code in CLASSIFICATION_CODES.items()},
    "nato-unclassified": Classification.ONGERUBRICEERD,
    "nato-restricted": Classification.DEPARTEMENTAAL_VERTROUWELIJK,
    "nato-confidential": Classification.STG_CONFIDENTIEEL,
    "nato-secret": Classification.STG_GEHEIM,
}


class DatePrecision(models.TextChoices):
    """How much of a date the source states: "7 juli 2023", "augustus 2024" or "2026"."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class Ministry(models.TextChoices):
    DEFENSIE = "def", _("Ministry of Defence")
    BUITENLANDSE_ZAKEN = "bz", _("Ministry of Foreign Affairs")
    JUSTITIE_EN_VEILIGHEID = "jenv", _("Ministry of Justice and Security")
    OTHER = "other", _("Other ministry")


def classification_field() -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        _("classification"),
        choices=Classification.choices,
        default=Classification.ONGERUBRICEERD,
        db_index=True,
        help_text=_("The highest marking of what this record says. Users only see records at "
                    "or below their clearance."),
    )


def precision_field(date_field: str) -> models.CharField:
    return models.CharField(
        format_lazy(_("precision of {field}"), field=date_field),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("Whether the source gives the day, only the month, or only the year."),
    )


def period_constraint(start: str = "start", end: str = "end") -> models.CheckConstraint:
    """End on or after start, when both are known."""
    return models.CheckConstraint(
        condition=Q(**{f"{start}__isnull": True})
        | Q(**{f"{end}__isnull": True})
        | Q(**{f"{end}__gte": F(start)}),
        name=f"%(app_label)s_%(class)s_{start}_{end}_order",
        violation_error_message=_("The end must not be before the start."),
    )


def non_negative(field: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0}),
        name=f"%(app_label)s_%(class)s_{field}_non_negative",
        violation_error_message=_("This value must not be negative."),
    )


CLASSIFICATION_VALID = models.CheckConstraint(
    condition=Q(classification__lte=max(Classification.values)),
    name="%(app_label)s_%(class)s_classification_valid",
)


class Record(models.Model):
    """Base of every domain record: a stable key, a classification, a mission for
    need-to-know, and a version for optimistic concurrency."""

    key = models.SlugField(
        _("key"),
        max_length=100,
        unique=True,
        help_text=_("Stable identifier used by dataset files, exports and the API."),
    )
    classification = classification_field()
    mission = models.ForeignKey(
        "missions.Mission",
        verbose_name=_("mission"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The mission this record belongs to, for need-to-know. Empty for records "
                    "that concern no single mission; those are visible on clearance alone."),
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, editable=False,
        help_text=_("Incremented on every change; a save based on an older version is refused."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RecordQuerySet.as_manager()

    # The lookup from this model to the Mission that decides need-to-know.
    need_to_know_path = "mission"

    class Meta:
        abstract = True
        ordering = ["key"]
        constraints = [CLASSIFICATION_VALID]

    def __str__(self) -> str:
        return self.key


class Organisation(Record):
    # how it hangs together (core.structure)
    mission_from = "none"

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("ministry")
        INTERNATIONAL = "international", _("international organisation")
        NGO = "ngo", _("non-governmental organisation")
        GOVERNMENT = "government", _("government or authority")
        ARMED_FORCES = "armed-forces", _("armed forces")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = models.CharField(
        _("country"), max_length=2, blank=True,
        help_text=_("ISO 3166-1 alpha-2 code, if the organisation is national."),
    )

    class Meta(Record.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.acronym or self.name


class Source(Record):
    """A document that facts are taken from: a Kamerstuk, a report, a media item."""

    # how it hangs together (core.structure)
    mission_from = "none"

    class Kind(models.TextChoices):
        KAMERSTUK = "kamerstuk", _("parliamentary paper (Kamerstuk)")
        REPORT = "report", _("report")
        MEDIA = "media", _("media")
        INTERNAL = "internal", _("internal document")
        OTHER = "other", _("other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=500)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = precision_field("date")
    dossier = models.CharField(
        _("Kamerstuk dossier"), max_length=20, blank=True,
        help_text=_("For a Kamerstuk: the dossier number, for example 27925."),
    )
    number = models.PositiveIntegerField(
        _("Kamerstuk number"), null=True, blank=True,
        help_text=_("For a Kamerstuk: the number within the dossier, for example 943."),
    )
    url = models.URLField(_("address"), blank=True, max_length=500)

    class Meta(Record.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title

    @property
    def citation(self) -> str:
        if self.dossier and self.number:
            return kamerstuk_citation(self.dossier, self.number, self.date)
        return self.title

    @property
    def publication_url(self) -> str:
        if self.url:
            return self.url
        if self.dossier and self.number:
            return kamerstuk_url(self.dossier, self.number)
        return ""
