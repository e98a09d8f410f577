"""Bulk activity logs in one request, as CSV or JSON Lines: all or nothing, errors by row."""

from __future__ import annotations

import json

import pytest

from missiemonitor.api.endpoints import logs as api_logs
from missiemonitor.api.tests.conftest import client_for
from missiemonitor.results.models import LogEntry

pytestmark = pytest.mark.django_db
C = "contribution-alpha-0-0"
HEADER = "contribution,date,aircraft,hours,tasking\n"


def post(client, body: str | bytes, media: str, **query):
    query = {"kind": "flight", **query}
    return client.post(
        "/api/v1/log-imports?" + "&".join(f"{k}={v}" for k, v in query.items()),
        body,
        content_type=media,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_a_valid_csv_log_is_imported_with_its_mission(world):
    before = LogEntry.objects.count()
    rows = "".join(f"{C},2024-06-{day:02d},CH-47,2.5,a\n" for day in range(1, 11))
    response = post(client_for(world.users["low"]), HEADER + rows, "text/csv", batch="juni")
    assert response.status_code == 201, response.json()
    assert response.json() == {
        "kind": "flight",
        "batch": "juni",
        "rows": 10,
        "by_contribution": {C: 10},
    }
    imported = LogEntry.objects.filter(batch="juni")
    assert imported.count() == 10 == LogEntry.objects.count() - before
    assert {e.mission.key for e in imported} == {"alpha"}
    again = post(client_for(world.users["low"]), HEADER + rows, "text/csv", batch="juni")
    assert again.status_code == 400  # the same batch twice would count its rows twice
    assert (
        client_for(world.users["low"]).delete("/api/v1/log-imports/flight/juni").status_code == 204
    )
    assert not LogEntry.objects.filter(batch="juni").exists()
    assert (
        client_for(world.users["low"]).delete("/api/v1/log-imports/flight/juni").status_code == 404
    )


def test_a_csv_log_with_wrong_rows_writes_nothing_and_names_every_row(world):
    before = LogEntry.objects.count()
    body = (
        HEADER
        + f"{C},2024-06-01,CH-47,2.5,a\n"  # line 2: fine
        + f"{C},2024-06-31,CH-47,2.5,a\n"  # line 3: no such date
        + f"{C},2024-06-02,CH-47,2.5,a\n"  # line 4: fine
        + "contribution-bravo-0-0,2024-06-02,CH-47,1,a\n"  # line 5: another mission
        + f"{C},2024-06-03,CH-47,-1,nope\n"
    )  # line 6: two errors
    response = post(client_for(world.users["low"]), body, "text/csv")
    assert response.status_code == 400
    problem = response.json()
    assert problem["code"] == "invalid-rows"
    assert [(p["row"], p["name"]) for p in problem["invalid_params"]] == [
        (3, "date"),
        (5, "contribution"),
        (6, "hours"),
        (6, "tasking"),
    ]
    assert "nothing was written" in problem["detail"]
    assert LogEntry.objects.count() == before  # not even lines 2 and 4


def test_json_lines_are_imported_the_same_way(world):
    lines = [
        {
            "contribution": C,
            "date": "2024-07-01",
            "aircraft": "CH-47",
            "hours": 1.25,
            "tasking": "b",
        },
        {
            "contribution": C,
            "date": "2024-07-02",
            "aircraft": "CH-47",
            "hours": 3,
            "tasking": "c",
            "classification": "departementaal-vertrouwelijk",
        },
    ]
    body = "\n".join(json.dumps(line) for line in lines) + "\n"
    response = post(client_for(world.users["high"]), body, "application/jsonl", batch="juli")
    assert response.status_code == 201, response.json()
    entries = LogEntry.objects.filter(batch="juli").order_by("date")
    assert [str(e.quantity) for e in entries] == ["1.25", "3.00"]
    assert [e.classification for e in entries] == [0, 1]


def test_wrong_json_lines_are_named_by_their_line(world):
    before = LogEntry.objects.count()
    body = (
        "\n".join(
            [
                json.dumps(
                    {
                        "contribution": C,
                        "date": "2024-07-01",
                        "aircraft": "x",
                        "hours": 1,
                        "tasking": "a",
                    }
                ),
                "{not json",
                json.dumps(
                    {
                        "contribution": C,
                        "date": "2024-07-02",
                        "hours": 1,
                        "tasking": "a",
                        "pilot": "x",
                    }
                ),
                json.dumps(["a", "list"]),
                json.dumps(
                    {
                        "contribution": C,
                        "date": "2024-07-03",
                        "aircraft": "x",
                        "hours": 99,
                        "tasking": "a",
                    }
                ),
            ]
        )
        + "\n"
    )
    response = post(client_for(world.users["high"]), body, "application/jsonl")
    assert response.status_code == 400
    rows = [(p["row"], p["name"]) for p in response.json()["invalid_params"]]
    assert rows == [(2, ""), (3, "pilot"), (4, ""), (5, "hours")]
    assert LogEntry.objects.count() == before


def test_bodies_that_are_not_text_or_of_another_type_are_refused(world):
    client = client_for(world.users["high"])
    binary = post(
        client, HEADER.encode() + f"{C},2024-06-01,\xff\xfe,1,a\n".encode("latin-1"), "text/csv"
    )
    assert binary.status_code == 400
    assert binary.json()["invalid_params"][0]["row"] == 2
    assert post(client, "{}", "application/json").status_code == 415
    assert post(client, HEADER, "text/csv", kind="sorties").status_code == 400
    assert post(client, HEADER, "text/csv").status_code == 400  # a header but no rows
    assert (
        client_for(world.users["mid"])
        .post(  # an analyst may read, not import
            "/api/v1/log-imports?kind=flight", HEADER, content_type="text/csv"
        )
        .status_code
        == 403
    )


def test_a_body_read_in_small_chunks_keeps_its_lines(world, monkeypatch):
    monkeypatch.setattr(api_logs, "BODY_CHUNK", 7)  # chunks end inside lines and characters
    client = client_for(world.users["low"])
    good = (
        "\ufeff"
        + HEADER.replace("\n", "\r\n")
        + f'{C},2024-06-01,"CH\r\n47 ü",2.5,a\r\n'
        + f"{C},2024-06-02,CH-47,1,b\r\n"
        + f"{C},2024-06-03,CH-47,1,c"  # no newline at the end
    )
    response = post(client, good.encode(), "text/csv", batch="klein")
    assert response.status_code == 201, response.json()
    assert response.json()["rows"] == 3
    assets = LogEntry.objects.filter(batch="klein").order_by("date").values_list("asset", flat=True)
    assert list(assets) == ["CH\r\n47 ü", "CH-47", "CH-47"]
    bad = (
        HEADER.encode()
        + f'{C},2024-06-01,"CH\n47",2.5,a\n'.encode()  # lines 2 and 3
        + f"{C},2024-06-02,\xff\xfe,1,a\n".encode("latin-1")  # line 4
        + f"{C},2024-06-31,CH-47,1,a".encode()  # line 5
    )
    response = post(client, bad, "text/csv")
    assert response.status_code == 400
    assert [(p["row"], p["name"]) for p in response.json()["invalid_params"]] == [
        (4, ""),
        (5, "date"),
    ]
