"""Development and stabilisation programmes beside the missions. Their results are indicators
(results.Indicator with ``programme`` set); their money is planned in budgets and flows in
transactions (what the IATI export publishes)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from missiemonitor.core.models import (
    Ministry,
    Record,
    non_negative,
    period_constraint,
    precision_field,
)


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


MONEY = {"max_digits": 14, "decimal_places": 2}


class BudgetKind(models.TextChoices):
    ORIGINAL = "original", _("original")
    REVISED = "revised", _("revised")


class BudgetStatus(models.TextChoices):
    INDICATIVE = "indicative", _("indicative")
    COMMITTED = "committed", _("committed")


class ProgrammeBudget(models.Model):
    """The money planned for a programme over a period (usually a year), in euros. Owned by the
    programme: seen by whoever sees the programme."""

    # how it hangs together (core.structure)
    mission_from = "none"
    part_of = "programme"
    part_key = ("kind", "start", "end")

    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.CASCADE,
                                  related_name="budgets")
    kind = models.CharField(_("kind of budget"), max_length=10, choices=BudgetKind.choices,
                            default=BudgetKind.ORIGINAL,
                            help_text=_("Original, or revised when a budget for the same period changed."))
    status = models.CharField(_("budget status"), max_length=10, choices=BudgetStatus.choices,
                              default=BudgetStatus.INDICATIVE,
                              help_text=_("Indicative, or committed when an agreement binds it."))
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    amount = models.DecimalField(_("amount in euros"), **MONEY)

    class Meta:
        verbose_name = _("programme budget")
        verbose_name_plural = _("programme budgets")
        ordering = ["programme_id", "start", "end", "kind"]
        constraints = [
            period_constraint(),
            non_negative("amount"),
            models.UniqueConstraint(fields=["programme", "kind", "start", "end"],
                                    name="programmes_budget_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.start}..{self.end}: {self.amount}"


class TransactionKind(models.TextChoices):
    COMMITMENT = "commitment", _("commitment")
    DISBURSEMENT = "disbursement", _("disbursement")
    EXPENDITURE = "expenditure", _("expenditure")


class ProgrammeTransaction(models.Model):
    """Money committed, paid out or spent for a programme on a date, in euros, by the
    organisation that publishes (the government), optionally to a receiving organisation."""

    # how it hangs together (core.structure)
    mission_from = "none"
    part_of = "programme"
    part_key = ("kind", "date", "receiver_id")

    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.CASCADE,
                                  related_name="transactions")
    kind = models.CharField(_("kind of transaction"), max_length=20, choices=TransactionKind.choices)
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount in euros"), **MONEY)
    receiver = models.ForeignKey("core.Organisation", verbose_name=_("receiving organisation"),
                                 null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)

    class Meta:
        verbose_name = _("programme transaction")
        verbose_name_plural = _("programme transactions")
        ordering = ["programme_id", "date", "kind", "id"]
        constraints = [
            non_negative("amount"),
            # One transaction of a kind per programme, date and receiver (also when there is no
            # receiver: two constraints, as SQLite has no NULLS NOT DISTINCT).
            models.UniqueConstraint(fields=["programme", "kind", "date", "receiver"],
                                    condition=models.Q(receiver__isnull=False),
                                    name="programmes_transaction_unique"),
            models.UniqueConstraint(fields=["programme", "kind", "date"],
                                    condition=models.Q(receiver__isnull=True),
                                    name="programmes_transaction_unique_no_receiver"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.date}: {self.amount}"
