"""Authored parts of the progress report: narrative blocks and signatories."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from missiemonitor.core.models import Record, period_constraint


class Section(models.TextChoices):
    """The sections of the progress report, in the order a Dutch reader expects."""

    OPENING = "opening", _("opening")
    ESSENCE = "essence", _("essence")
    MONITORING = "monitoring", _("monitoring")
    DEPLOYMENT = "deployment", _("integrated deployment")
    POLITICAL = "political", _("political developments")
    SECURITY = "security", _("security developments")
    ATTENTION = "attention", _("general points of attention")
    MISSION = "mission", _("progress of a mission")
    CONTRIBUTION = "contribution", _("look back at a Dutch contribution")
    FINANCE = "finance", _("finances")
    CLOSING = "closing", _("closing")


class Language(models.TextChoices):
    NL = "nl", _("Dutch")
    EN = "en", _("English")


class NarrativeBlock(Record):
    """Authored text for one section of the report of one period, in one language.

    Text may hold placeholders such as ``{observation:fp-movements}`` that the report
    replaces with the figure and its provenance (see docs/dataset-format.md).
    """

    # how it hangs together (core.structure)
    mission_from = "explicit"

    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    contribution = models.ForeignKey("missions.Contribution", verbose_name=_("contribution"), null=True,
                                     blank=True, on_delete=models.CASCADE, related_name="narratives")
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta(Record.Meta):
        verbose_name = _("narrative block")
        verbose_name_plural = _("narrative blocks")
        ordering = ["start", "section", "order", "key"]
        constraints = [*Record.Meta.constraints, period_constraint()]


class Signatory(Record):
    # how it hangs together (core.structure)
    mission_from = "none"

    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=300)
    function_en = models.CharField(_("function in English"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta(Record.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["start", "order", "key"]
        constraints = [*Record.Meta.constraints, period_constraint()]

    def __str__(self) -> str:
        return f"{self.function}: {self.name}"
