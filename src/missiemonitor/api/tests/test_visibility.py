"""The API shows each user exactly what the selectors show them: the same records in every
list, the same attention points, progress, rotations and dataset, for users of different
clearances and missions; a record they may not see is 404."""

from __future__ import annotations

import datetime as dt

import pytest

from missiemonitor.api.tests.conftest import client_for
from missiemonitor.api.urls import router
from missiemonitor.core.models import Record
from missiemonitor.interchange.dataset import dataset_export
from missiemonitor.missions.selectors import rotation_analysis
from missiemonitor.monitoring.attention import attention_points
from missiemonitor.results.models import LogEntry
from missiemonitor.results.selectors import objectives_for_period

pytestmark = pytest.mark.django_db
USERS = ("high", "low", "mid")  # everything / unclassified in alpha / dept. confidential in bravo
START, END = dt.date(2024, 1, 1), dt.date(2024, 12, 31)


def record_resources():
    for prefix, viewset, _basename in router.registry:
        model = getattr(getattr(viewset, "queryset", None), "model", None)
        if model is not None and issubclass(model, Record):
            yield prefix, model


def all_pages(client, url: str, **query) -> list[dict]:
    results, page = [], client.get(url, {"page_size": 1000, **query})
    while True:
        assert page.status_code == 200, page.content
        body = page.json()
        results.extend(body["results"])
        if not body["next"]:
            return results
        page = client.get(body["next"])


@pytest.mark.parametrize("username", USERS)
def test_every_list_shows_exactly_what_the_user_may_see(world, username):
    user = world.users[username]
    client = client_for(user)
    checked = 0
    for prefix, model in record_resources():
        shown = [r["key"] for r in all_pages(client, f"/api/v1/{prefix}")]
        visible = set(model.objects.visible_to(user).values_list("key", flat=True))
        assert len(shown) == len(set(shown)), prefix
        assert set(shown) == visible, prefix
        checked += 1
    assert checked >= 35
    entries = all_pages(client, "/api/v1/log-entries")
    assert len(entries) == LogEntry.objects.visible_to(user).count()


@pytest.mark.parametrize("username", ["low", "mid"])
def test_every_record_the_user_may_not_see_is_not_found(world, username):
    user = world.users[username]
    client = client_for(user)
    for prefix, model in record_resources():
        for key in world.keys.get(prefix, []):
            visible = model.objects.visible_to(user).filter(key=key).exists()
            response = client.get(f"/api/v1/{prefix}/{key}")
            assert response.status_code == (200 if visible else 404), (prefix, key)


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
