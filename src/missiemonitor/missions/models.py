"""Missions, the mandates that decide the Dutch contributions to them, the contributions
themselves and the postings (rotations) that staff them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from missiemonitor.core.kamerstuk import kamerstuk_citation, kamerstuk_url
from missiemonitor.core.models import (
    Ministry,
    Record,
    period_constraint,
    precision_field,
)


class Location(Record):
    # how it hangs together (core.structure)
    mission_from = "none"

    class Kind(models.TextChoices):
        BASE = "base", _("military base or camp")
        CITY = "city", _("city")
        REGION = "region", _("region")
        COUNTRY = "country", _("country")
        HEADQUARTERS = "headquarters", _("headquarters")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2 code."))
    parent = models.ForeignKey("self", verbose_name=_("part of"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")

    class Meta(Record.Meta):
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.name


class Mission(Record):
    """An international mission or operation the Netherlands contributes to."""

    # how it hangs together (core.structure)
    mission_from = "self"

    class Lead(models.TextChoices):
        NATO = "nato", _("NATO")
        EU = "eu", _("European Union")
        UN = "un", _("United Nations")
        COALITION = "coalition", _("coalition")
        BILATERAL = "bilateral", _("bilateral")

    class Kind(models.TextChoices):
        MILITARY = "military", _("military")
        CIVIL = "civil", _("civil")
        MIXED = "mixed", _("military and civil")

    mission = None  # a mission's need-to-know is itself
    need_to_know_path = "pk"

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30)
    lead = models.CharField(_("lead organisation"), max_length=20, choices=Lead.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    area = models.CharField(
        _("area"), max_length=100,
        help_text=_("Country or region of deployment; context events of the same area apply."),
    )
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    start_precision = precision_field("start")
    end = models.DateField(_("end"), null=True, blank=True)
    end_precision = precision_field("end")

    class Meta(Record.Meta):
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        constraints = [*Record.Meta.constraints, period_constraint()]

    def __str__(self) -> str:
        return self.acronym or self.name


class Mandate(Record):
    """A decision communicated to Parliament, usually an artikel 100-brief."""

    # how it hangs together (core.structure)
    mission_from = "none"

    class Kind(models.TextChoices):
        ARTICLE_100 = "article-100", _("article 100 letter")
        ARTICLE_100_SUPPLEMENT = "article-100-supplement", _("supplementary article 100 letter")
        PARLIAMENTARY_LETTER = "letter", _("letter to Parliament")
        OTHER = "other", _("other decision")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500)
    title_en = models.CharField(_("title in English"), max_length=500, blank=True)
    short_title = models.CharField(
        _("short title"), max_length=300, blank=True,
        help_text=_("How a report refers to the letter, for example 'de artikel 100-brief over de "
                    "bredere veiligheidsinzet'."),
    )
    short_title_en = models.CharField(_("short title in English"), max_length=300, blank=True)
    dossier = models.CharField(_("Kamerstuk dossier"), max_length=20,
                               help_text=_("The dossier number, for example 27925."))
    number = models.PositiveIntegerField(_("Kamerstuk number"),
                                         help_text=_("The number within the dossier, for example 943."))
    date = models.DateField(_("date"))
    missions = models.ManyToManyField(Mission, verbose_name=_("missions"), blank=True,
                                      related_name="mandates")

    class Meta(Record.Meta):
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["date", "key"]
        constraints = [
            *Record.Meta.constraints,
            models.UniqueConstraint(fields=["dossier", "number"], name="missions_mandate_kamerstuk_unique"),
        ]

    def __str__(self) -> str:
        return self.citation

    @property
    def citation(self) -> str:
        return kamerstuk_citation(self.dossier, self.number, self.date)

    def citation_in(self, language: str) -> str:
        return kamerstuk_citation(self.dossier, self.number, self.date, language=language)

    @property
    def publication_url(self) -> str:
        return kamerstuk_url(self.dossier, self.number)


class ContributionKind(models.TextChoices):
    FORCE_PROTECTION = "force-protection", _("force protection unit")
    HELICOPTER_DETACHMENT = "helicopter-detachment", _("helicopter detachment")
    COMMAND = "command", _("commander and command staff")
    STAFF_OFFICERS = "staff-officers", _("staff officers")
    MILITARY_ADVISERS = "military-advisers", _("military advisers")
    CIVIL_ADVISERS = "civil-advisers", _("civil advisers")
    POLICE = "police", _("police officers")
    CIVIL_EXPERTS = "civil-experts", _("civil experts")
    SPECIAL_FORCES = "special-forces", _("special forces")
    UNIT = "unit", _("other unit")
    OTHER = "other", _("other")


class PlannedContribution(Record):
    """What a mandate announced: a contribution with a planned size and period."""

    # how it hangs together (core.structure)
    mission_from = "required"
    part_of = "mandate"

    mandate = models.ForeignKey(Mandate, verbose_name=_("mandate"), on_delete=models.CASCADE,
                                related_name="planned_contributions")
    kind = models.CharField(_("kind"), max_length=30, choices=ContributionKind.choices)
    description = models.TextField(_("description"))
    description_en = models.TextField(_("description in English"), blank=True)
    planned_headcount = models.PositiveIntegerField(_("planned headcount"), null=True, blank=True)
    headcount_approximately = models.BooleanField(_("headcount approximate"), default=False)
    start = models.DateField(_("planned start"), null=True, blank=True)
    start_precision = precision_field("start")
    end = models.DateField(_("planned end"), null=True, blank=True)
    end_precision = precision_field("end")
    source_passage = models.TextField(_("source passage"), blank=True)

    class Meta(Record.Meta):
        verbose_name = _("planned contribution")
        verbose_name_plural = _("planned contributions")
        constraints = [*Record.Meta.constraints, period_constraint()]


class Contribution(Record):
    """What the Netherlands sends to a mission under one or more mandates."""

    # how it hangs together (core.structure)
    mission_from = "required"

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=ContributionKind.choices)
    ministry = models.CharField(_("responsible ministry"), max_length=10, choices=Ministry.choices)
    mandates = models.ManyToManyField(Mandate, verbose_name=_("mandates"), blank=True,
                                      related_name="contributions")
    realises = models.ManyToManyField(
        PlannedContribution, verbose_name=_("realises"), blank=True, related_name="realised_by",
        help_text=_("The planned contributions in mandates that this contribution carries out."),
    )
    partner_nations = models.JSONField(
        _("partner nations"), default=list, blank=True,
        help_text=_("ISO 3166-1 alpha-2 codes of nations working alongside, for example [\"PL\", \"ES\"]."),
    )
    locations = models.ManyToManyField(Location, verbose_name=_("locations"), blank=True,
                                       related_name="contributions")
    planned_headcount = models.PositiveIntegerField(_("planned headcount"), null=True, blank=True)
    actual_headcount = models.PositiveIntegerField(_("actual headcount"), null=True, blank=True)
    headcount_approximately = models.BooleanField(
        _("headcount approximate"), default=False,
        help_text=_("The source says 'circa'."),
    )
    start = models.DateField(_("start"), null=True, blank=True)
    start_precision = precision_field("start")
    end = models.DateField(_("end"), null=True, blank=True)
    end_precision = precision_field("end")
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0,
                                             help_text=_("Position within its mission in reports."))

    class Meta(Record.Meta):
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["mission_id", "order", "key"]
        constraints = [
            *Record.Meta.constraints,
            period_constraint(),
            models.CheckConstraint(condition=Q(mission__isnull=False),
                                   name="missions_contribution_has_mission"),
        ]

    def __str__(self) -> str:
        return self.name


class Asset(Record):
    """Materiel a contribution brings: type and count, such as three CH-47 helicopters."""

    # how it hangs together (core.structure)
    mission_from = "contribution"
    part_of = "contribution"

    contribution = models.ForeignKey(Contribution, verbose_name=_("contribution"),
                                     on_delete=models.CASCADE, related_name="assets")
    asset_type = models.CharField(_("type"), max_length=200)
    asset_type_en = models.CharField(_("type in English"), max_length=200, blank=True)
    count = models.PositiveIntegerField(_("count"), null=True, blank=True)
    count_approximately = models.BooleanField(_("count approximate"), default=False)

    class Meta(Record.Meta):
        verbose_name = _("asset")
        verbose_name_plural = _("assets")


class Milestone(Record):
    """A dated moment in a contribution: start of operations, last flight, handover."""

    # how it hangs together (core.structure)
    mission_from = "contribution"
    part_of = "contribution"

    class Kind(models.TextChoices):
        START = "start", _("start")
        COMMAND_TRANSFER = "command-transfer", _("transfer of command")
        END_OF_OPERATIONS = "end-of-operations", _("end of operations")
        HANDOVER = "handover", _("handover of tasks")
        REDEPLOYMENT = "redeployment", _("redeployment")
        OTHER = "other", _("other")

    contribution = models.ForeignKey(Contribution, verbose_name=_("contribution"),
                                     on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = precision_field("date")
    planned = models.BooleanField(_("planned"), default=False,
                                  help_text=_("Announced for the future, not yet happened."))
    text = models.TextField(_("text"))
    text_en = models.TextField(_("text in English"), blank=True)
    counterpart = models.CharField(_("counterpart"), max_length=200, blank=True,
                                   help_text=_("Who takes over, for a handover or transfer of command."))

    class Meta(Record.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["date", "key"]


class PostKind(models.TextChoices):
    COMMANDER = "commander", _("commander")
    MILITARY_ADVISER = "military-adviser", _("military adviser")
    CIVIL_ADVISER = "civil-adviser", _("civil adviser")
    STAFF_OFFICER = "staff-officer", _("staff officer")
    LIAISON = "liaison", _("liaison officer")
    POLICE_OFFICER = "police-officer", _("police officer")
    CIVIL_EXPERT = "civil-expert", _("civil expert")
    SPECIAL_FORCES = "special-forces", _("special forces operator")
    UNIT = "unit", _("unit")
    OTHER = "other", _("other")


class Role(Record):
    """A post within a contribution, filled by successive postings (rotations)."""

    # how it hangs together (core.structure)
    mission_from = "contribution"

    contribution = models.ForeignKey(Contribution, verbose_name=_("contribution"),
                                     on_delete=models.CASCADE, related_name="roles")
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    post_kind = models.CharField(_("kind of post"), max_length=20, choices=PostKind.choices)
    headcount = models.PositiveIntegerField(_("headcount"), null=True, blank=True,
                                            help_text=_("People in this role at one time."))
    headcount_approximately = models.BooleanField(_("headcount approximate"), default=False)
    location = models.ForeignKey(Location, verbose_name=_("location"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="roles")
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)

    class Meta(Record.Meta):
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return self.name


class Posting(Record):
    """One rotation of a role: a headcount from a start to an end. No personal names."""

    # how it hangs together (core.structure)
    mission_from = "role"
    part_of = "role"

    role = models.ForeignKey(Role, verbose_name=_("role"), on_delete=models.CASCADE,
                             related_name="postings")
    headcount = models.PositiveIntegerField(_("headcount"), null=True, blank=True)
    headcount_approximately = models.BooleanField(_("headcount approximate"), default=False)
    start = models.DateField(_("start"), null=True, blank=True)
    start_precision = precision_field("start")
    end = models.DateField(_("end"), null=True, blank=True)
    end_precision = precision_field("end")

    class Meta(Record.Meta):
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        ordering = ["role_id", "start", "key"]
        constraints = [*Record.Meta.constraints, period_constraint()]
