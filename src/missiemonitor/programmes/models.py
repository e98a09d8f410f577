"""Development and stabilisation programmes beside the missions. Their results are indicators
(results.Indicator with ``programme`` set)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from missiemonitor.core.models import Ministry, Record, period_constraint, precision_field


class Programme(Record):
    # how it hangs together (core.structure)
    mission_from = "explicit"

    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("name in English"), max_length=300, blank=True)
    partner = models.ForeignKey("core.Organisation", verbose_name=_("partner organisation"), null=True,
                                blank=True, on_delete=models.PROTECT, related_name="programmes")
    parent = models.ForeignKey("self", verbose_name=_("part of"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    ministry = models.CharField(_("ministry"), max_length=10, choices=Ministry.choices, blank=True)
    area = models.CharField(_("area"), max_length=100)
    start = models.DateField(_("start"), null=True, blank=True)
    start_precision = precision_field("start")
    end = models.DateField(_("end"), null=True, blank=True)
    end_precision = precision_field("end")
    aims = models.TextField(_("aims"), blank=True)
    aims_en = models.TextField(_("aims in English"), blank=True)

    class Meta(Record.Meta):
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [*Record.Meta.constraints, period_constraint()]

    def __str__(self) -> str:
        return self.name
