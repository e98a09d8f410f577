"""The query count of every list is constant: the same for one record per page as for a
hundred, and the same with five times the data (a query per row would show at any
multiple)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from missiemonitor.api.tests.conftest import client_for
from missiemonitor.api.tests.world import add_copies, build_world
from missiemonitor.api.urls import router

PERIOD = {"period_start": "2024-01-01", "period_end": "2024-12-31"}
COMPUTED = {
    "attention-points": PERIOD,
    "comparison": PERIOD,
    "objective-progress": PERIOD,
    "rotation-analysis": {"as_of": "2024-12-31"},
}


def list_endpoints():
    for prefix, viewset, _basename in router.registry:
        if hasattr(viewset, "list") and prefix != "objective-progress":
            yield prefix, {}
    yield from COMPUTED.items()


def count(client, prefix: str, query: dict) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/{prefix}", query)
    assert response.status_code == 200, (prefix, response.content[:300])
    body = response.json()
    rows = (
        len(body["results"])
        if isinstance(body, dict) and "results" in body
        else len(body)
        if isinstance(body, list)
        else len(body.get("roles", []))
    )
    return len(queries), rows


@pytest.mark.django_db
def test_list_queries_do_not_grow_with_page_size_or_data():
    world = build_world(copies=1)
    client = client_for(world.users["high"])
    for prefix, query in list_endpoints():  # warm up: sessions, content types, translations
        client.get(f"/api/v1/{prefix}", query)
    small = {
        prefix: count(client, prefix, {**query, "page_size": 1})
        for prefix, query in list_endpoints()
        if prefix not in COMPUTED
    }
    one = {
        prefix: count(client, prefix, {**query, "page_size": 100})
        for prefix, query in list_endpoints()
    }
    add_copies(world, range(1, 5))
    five = {
        prefix: count(client, prefix, {**query, "page_size": 100})
        for prefix, query in list_endpoints()
    }
    failures = []
    for prefix in one:
        queries_1x, rows_1x = one[prefix]
        queries_5x, rows_5x = five[prefix]
        if prefix in small and small[prefix][0] != queries_1x:
            failures.append(
                f"{prefix}: {small[prefix][0]} queries for 1 row, {queries_1x} for a page"
            )
        if queries_5x != queries_1x:
            failures.append(
                f"{prefix}: {queries_1x} queries at 1x ({rows_1x} rows), "
                f"{queries_5x} at 5x ({rows_5x} rows)"
            )
        if prefix not in {"tokens", "missions"} and rows_1x:  # two missions, one token
            assert rows_5x > rows_1x, prefix  # the data really grew
    assert not failures, "\n".join(failures)
