"""Spending by mission and budget source."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from missiemonitor.core.models import Ministry, Record, non_negative, period_constraint


class BudgetSource(models.TextChoices):
    BIV = "biv", _("Budget for International Security (BIV)")
    HGIS = "hgis", _("Homogeneous Budget for International Cooperation (HGIS)")
    MINISTRY = "ministry", _("a ministry's own budget")
    EU = "eu", _("EU budget")
    OTHER = "other", _("other")


class Expenditure(Record):
    """Spending over a period (usually a calendar year) on a mission, optionally one contribution.

    The amount may be empty where a source names how something is funded but gives no figure.
    """

    # how it hangs together (core.structure)
    mission_from = "required"

    contribution = models.ForeignKey("missions.Contribution", verbose_name=_("contribution"),
                                     null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="expenditures")
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    amount = models.DecimalField(_("amount in euros"), max_digits=14, decimal_places=2, null=True,
                                 blank=True)
    approximately = models.BooleanField(_("approximately"), default=False)
    budget_source = models.CharField(_("budget source"), max_length=20, choices=BudgetSource.choices)
    ministry = models.CharField(_("ministry"), max_length=10, choices=Ministry.choices, blank=True,
                                help_text=_("Whose budget pays, where that matters."))
    budget_article = models.CharField(_("budget article"), max_length=200, blank=True,
                                      help_text=_("For example 'artikel 31.1 – Internationale Samenwerking'."))
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)

    class Meta(Record.Meta):
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditures")
        ordering = ["start", "mission_id", "key"]
        constraints = [
            *Record.Meta.constraints,
            period_constraint(),
            non_negative("amount"),
            models.CheckConstraint(condition=Q(mission__isnull=False),
                                   name="finance_expenditure_has_mission"),
        ]
