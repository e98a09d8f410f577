"""The API shows each user exactly what the selectors show them: the same attention points,
progress, rotations and dataset, for users of different clearances and missions, and
references to records they may not see read null. That every list shows exactly the records a
user may see, and that a record they may not see is 404, the authorisation matrix checks for
every resource (``api/tests/test_matrix.py``)."""

from __future__ import annotations

import datetime as dt

import pytest

from missiemonitor.api.tests.conftest import client_for
from missiemonitor.interchange.dataset import dataset_export
from missiemonitor.missions.selectors import rotation_analysis
from missiemonitor.monitoring.attention import attention_points
from missiemonitor.results.selectors import objectives_for_period

pytestmark = pytest.mark.django_db
USERS = ("high", "low", "mid")  # everything / unclassified in alpha / dept. confidential in bravo
START, END = dt.date(2024, 1, 1), dt.date(2024, 12, 31)


def test_references_to_hidden_records_are_not_shown(world):
    # An unclassified role of alpha in a classified location: "low" sees the role, not where.
    from missiemonitor.missions.models import Location, Role

    hidden = Location.objects.get(key="loc-alpha-2-0")
    Role.objects.filter(key="role-alpha-0-0").update(location=hidden)
    body = client_for(world.users["low"]).get("/api/v1/roles/role-alpha-0-0").json()
    assert body["location"] is None
    contribution = (
        client_for(world.users["low"]).get("/api/v1/contributions/contribution-alpha-0-0").json()
    )
    contribution_model = Role.objects.get(key="role-alpha-0-0").contribution
    contribution_model.locations.add(hidden)
    again = (
        client_for(world.users["low"]).get("/api/v1/contributions/contribution-alpha-0-0").json()
    )
    assert again["locations"] == contribution["locations"] == ["loc-alpha-0-0"]


@pytest.mark.parametrize("username", USERS)
def test_computed_resources_equal_their_selectors(world, username):
    user = world.users[username]
    client = client_for(user)
    period = {"period_start": START.isoformat(), "period_end": END.isoformat()}

    points = client.get("/api/v1/attention-points", period).json()
    expected = attention_points(user=user, start=START, end=END)
    assert [
        (p["rule"], p["mission"], [(r["model"], r["key"]) for r in p["records"]]) for p in points
    ] == [(p.rule_id, p.mission_key, [tuple(r) for r in p.records]) for p in expected]

    progress = client.get("/api/v1/objective-progress", period).json()
    expected = objectives_for_period(user=user, start=START, end=END)
    assert [(p["objective"], p["before"]["value"], p["after"]["value"]) for p in progress] == [
        (p.objective.key, _decimal(p.before.value), _decimal(p.after.value)) for p in expected
    ]

    rotations = client.get("/api/v1/rotation-analysis", {"as_of": END.isoformat()}).json()
    expected = rotation_analysis(user=user, as_of=END)
    assert [(r["role"], [h["kind"] for h in r["handovers"]]) for r in rotations["roles"]] == [
        (r.role.key, [h.kind for h in r.handovers]) for r in expected.roles
    ]

    exported = client.get("/api/v1/dataset")
    assert exported.content.decode() == dataset_export(user=user)


def _decimal(value) -> str | None:
    return None if value is None else f"{value:.4f}"
