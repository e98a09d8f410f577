"""``GET /api/v1/comparison``: each figure of a period beside the previous period of the same
length, from the selector the report and the dashboard use; "no data" is null, not zero."""

from __future__ import annotations

import pytest

from missiemonitor.api.tests.conftest import client_for
from missiemonitor.missions.models import Mission
from missiemonitor.testing import two_periods
from missiemonitor.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

PERIOD = {"period_start": "2024-05-01", "period_end": "2025-04-30"}


def test_the_comparison_gives_both_periods_and_the_change():
    two_periods.build()
    body = client_for(UserFactory(all_missions=True, password=None)).get("/api/v1/comparison", PERIOD).json()
    assert (body["previous_start"], body["previous_end"]) == ("2023-05-01", "2024-04-30")
    figures = {(f["subject"], f["mission"], (f["record"] or {}).get("key"), f["severity"]): f
               for f in body["figures"]}
    personnel = figures[("personnel", "vm", None, "")]
    assert personnel["current"]["value"] == "100.0000" and personnel["previous"]["value"] == "80.0000"
    assert personnel["absolute_change"] == "20.0000" and personnel["relative_change"] == "0.2500"
    assert personnel["previous"]["records"] == [{"model": "missions.Posting", "key": "vm-crew-1"}]
    unknown = figures[("personnel", "vm2", None, "")]
    assert unknown["previous"] == {"value": None, "has_data": False, "approximately": False, "records": []}
    assert unknown["absolute_change"] is None and unknown["relative_change"] is None
    hours = figures[("flight-hours", "vm", "vm-hours", "")]
    assert hours["record"] == {"model": "results.Indicator", "key": "vm-hours"}
    assert (hours["previous"]["value"], hours["current"]["value"]) == ("200.0000", "320.0000")
    assert figures[("incidents", None, None, "serious")]["previous"]["value"] == "0.0000"
    assert figures[("compliance", None, None, "")]["kind"] == "share"


def test_the_comparison_keeps_to_what_the_user_may_see():
    two_periods.build()
    member = UserFactory(missions=[Mission.objects.get(key="vm2")], password=None)
    body = client_for(member).get("/api/v1/comparison", PERIOD).json()
    assert [(f["subject"], f["mission"]) for f in body["figures"]] == [("personnel", "vm2")]
    response = client_for(member).get("/api/v1/comparison", {**PERIOD, "mission": "vm"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
