"""Programme budgets and transactions in the dataset format: they load with their programme,
survive an export round trip byte for byte, and bad ones are refused with their place."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from missiemonitor.core.models import Organisation
from missiemonitor.core.principals import SYSTEM
from missiemonitor.core.records import RecordInUse, record_delete
from missiemonitor.interchange.dataset import dataset_export, dataset_load_text
from missiemonitor.interchange.dataset.errors import DatasetError
from missiemonitor.programmes.models import Programme
from missiemonitor.testing.dbstate import empty_database

pytestmark = pytest.mark.django_db

FILE = """\
format: missiemonitor-dataset
version: 1
organisations:
  - key: partner
    name: Partner
    kind: ngo
programmes:
  - key: water
    name: Schoon water
    area: Testland
    start: 2024
    budgets:
      - period: 2025
        amount: 1200000
        kind: revised
      - period: 2024
        amount: 1000000
        status: committed
    transactions:
      - kind: disbursement
        date: 2024-03-01
        amount: 250000.5
        receiver: partner
        description: Eerste tranche
        description_en: First instalment
      - kind: commitment
        date: 2024-01-15
        amount: 1000000
"""


def test_budgets_and_transactions_load_with_their_programme_and_round_trip():
    stats = dataset_load_text(text=FILE, filename="water.yaml")
    assert (stats.created["budgets"], stats.created["transactions"]) == (2, 2)
    water = Programme.objects.get(key="water")
    budgets = [(b.start, b.end, b.amount, b.kind, b.status) for b in water.budgets.order_by("start")]
    assert budgets == [
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31), Decimal("1000000.00"), "original", "committed"),
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31), Decimal("1200000.00"), "revised", "indicative"),
    ]
    paid = water.transactions.get(kind="disbursement")
    assert (paid.date, paid.amount, paid.receiver.key, paid.description_en) == (
        dt.date(2024, 3, 1), Decimal("250000.50"), "partner", "First instalment")

    first = dataset_export(user=SYSTEM)
    assert "  budgets:\n  - period: 2024\n    amount: 1000000\n" in first
    empty_database()
    dataset_load_text(text=first, filename="export.yaml")
    assert dataset_export(user=SYSTEM) == first
    again = dataset_load_text(text=first, filename="export.yaml")
    assert (again.total_created, again.total_updated) == (0, 0)


def test_the_files_list_replaces_the_stored_list():
    dataset_load_text(text=FILE, filename="water.yaml")
    shorter = FILE.replace("      - kind: commitment\n        date: 2024-01-15\n        amount: 1000000\n", "")
    dataset_load_text(text=shorter, filename="water.yaml")
    assert list(Programme.objects.get(key="water").transactions.values_list("kind", flat=True)) == [
        "disbursement"]


@pytest.mark.parametrize(("old", "new", "message"), [
    ("amount: 250000.5", "amount: -5", r"transactions\[0\]\.amount: must not be negative"),
    ("kind: disbursement", "kind: gift", r"transactions\[0\]\.kind: unknown value 'gift'"),
    ("receiver: partner", "receiver: nobody", r"transactions\[0\]\.receiver: unknown key 'nobody'"),
    ("kind: revised", "kind: original\n        status: committed",
     r"budgets\[1\]: duplicate .*kind='original', period="),
])
def test_bad_budgets_and_transactions_are_refused_with_their_place(old, new, message):
    bad = FILE.replace("      - period: 2025", "      - period: 2024") if "duplicate" in message else FILE
    bad = bad.replace(old, new, 1)
    with pytest.raises(DatasetError) as caught:
        dataset_load_text(text=bad, filename="water.yaml")
    assert re.search(r"water\.yaml:\d+: programmes\[0\]\." + message, str(caught.value)), str(caught.value)
    assert not Programme.objects.exists()


def test_a_receiver_may_be_an_organisation_already_in_the_database():
    dataset_load_text(text=FILE, filename="water.yaml")
    later = FILE.split("programmes:\n", 1)[1].replace("key: water", "key: wells")
    stats = dataset_load_text(text="format: missiemonitor-dataset\nversion: 1\nprogrammes:\n" + later,
                              filename="wells.yaml")
    assert stats.created["transactions"] == 2
    wells = Programme.objects.get(key="wells")
    assert wells.transactions.get(kind="disbursement").receiver.key == "partner"


def test_an_organisation_that_received_money_is_not_deleted_under_its_transactions():
    dataset_load_text(text=FILE, filename="water.yaml")
    partner = Organisation.objects.get(key="partner")
    with pytest.raises(RecordInUse):
        record_delete(user=SYSTEM, record=partner, expected_version=partner.version, cascade=False)
    assert Programme.objects.get(key="water").transactions.filter(receiver=partner).exists()
