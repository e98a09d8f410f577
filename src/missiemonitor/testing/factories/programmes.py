"""Factories of development programmes, their budgets and transactions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from missiemonitor.programmes.models import (
    Programme,
    ProgrammeBudget,
    ProgrammeTransaction,
    TransactionKind,
)
from missiemonitor.testing.factories._base import _key


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    key = _key("programme")
    name = factory.Sequence(lambda n: f"Programma {n}")
    area = "Testland"


class ProgrammeBudgetFactory(DjangoModelFactory):
    class Meta:
        model = ProgrammeBudget

    programme = factory.SubFactory(ProgrammeFactory)
    start = dt.date(2024, 1, 1)
    end = dt.date(2024, 12, 31)
    amount = Decimal("1000000")


class ProgrammeTransactionFactory(DjangoModelFactory):
    class Meta:
        model = ProgrammeTransaction

    programme = factory.SubFactory(ProgrammeFactory)
    kind = TransactionKind.DISBURSEMENT
    date = dt.date(2024, 3, 1)
    amount = Decimal("250000")
