"""Record resources: reading by key through the visibility rule, writing through the record
services with If-Match, and every error as a problem."""

from __future__ import annotations

import pytest

from missiemonitor.api.tests.conftest import client_for
from missiemonitor.core.models import Classification
from missiemonitor.missions.models import Contribution, Posting, Role
from missiemonitor.results.models import RatingScale
from missiemonitor.testing import factories as f

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def test_a_record_is_read_by_key_with_its_version_as_etag(world):
    client = client_for(world.users["low"])
    response = client.get("/api/v1/contributions/contribution-alpha-0-0")
    assert response.status_code == 200
    assert response["ETag"] == '"1"'
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert body["key"] == "contribution-alpha-0-0"
    assert body["mission"] == "alpha"
    assert body["classification"] == "ongerubriceerd"
    assert body["mandates"] == ["mandate-alpha-0-0"]


def test_a_record_the_user_may_not_see_is_not_found_not_forbidden(world):
    client = client_for(world.users["low"])  # unclassified, mission alpha only
    for key in ("contribution-alpha-2-0", "contribution-bravo-0-0"):  # too high / other mission
        response = client.get(f"/api/v1/contributions/{key}")
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM
        missing = client.get("/api/v1/contributions/no-such-key")
        assert response.json()["detail"] == missing.json()["detail"]
        assert (
            client.patch(
                f"/api/v1/contributions/{key}", {"name": "x"}, format="json", HTTP_IF_MATCH='"1"'
            ).status_code
            == 404
        )
        assert client.delete(f"/api/v1/contributions/{key}", HTTP_IF_MATCH='"1"').status_code == 404


def test_a_stale_update_is_refused_with_412_and_changes_nothing(world):
    client = client_for(world.users["high"])
    url = "/api/v1/contributions/contribution-alpha-0-0"
    first = client.patch(url, {"name": "Eerste"}, format="json", HTTP_IF_MATCH='"1"')
    assert first.status_code == 200
    assert first["ETag"] == '"2"'
    stale = client.patch(url, {"name": "Tweede"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    assert stale["Content-Type"] == PROBLEM
    assert stale.json()["code"] == "stale-version"
    record = Contribution.objects.get(key="contribution-alpha-0-0")
    assert (record.name, record.version) == ("Eerste", 2)
    assert client.delete(url, HTTP_IF_MATCH='"1"').status_code == 412
    assert Contribution.objects.filter(key="contribution-alpha-0-0").exists()


def test_a_change_without_if_match_is_answered_428(world):
    client = client_for(world.users["high"])
    url = "/api/v1/contributions/contribution-alpha-0-0"
    for response in (
        client.patch(url, {"name": "x"}, format="json"),
        client.put(url, {"name": "x"}, format="json"),
        client.delete(url),
        client.patch(url, {"name": "x"}, format="json", HTTP_IF_MATCH="*"),
    ):
        assert response.status_code == 428
        assert response["Content-Type"] == PROBLEM
    assert Contribution.objects.get(key="contribution-alpha-0-0").version == 1


def test_an_update_that_changes_nothing_keeps_the_version(world):
    client = client_for(world.users["high"])
    url = "/api/v1/contributions/contribution-alpha-0-0"
    response = client.patch(
        url, {"name": client.get(url).json()["name"]}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200
    assert response["ETag"] == '"1"'


def test_a_new_child_takes_its_mission_from_its_parent(world):
    client = client_for(world.users["high"])
    response = client.post(
        "/api/v1/roles",
        {
            "key": "new-role",
            "contribution": "contribution-bravo-0-0",
            "name": "Mentor",
            "post_kind": "military-adviser",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["mission"] == "bravo"
    assert response["Location"].endswith("/api/v1/roles/new-role")
    assert Role.objects.get(key="new-role").mission.key == "bravo"
    moved = client.patch(
        "/api/v1/roles/new-role",
        {"contribution": "contribution-alpha-0-0"},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert moved.status_code == 400
    assert moved.json()["invalid_params"][0]["name"] == "mission"


def test_writes_cannot_reach_what_the_user_may_not_see(world):
    client = client_for(world.users["low"])
    hidden_parent = client.post(
        "/api/v1/roles",
        {"key": "r1", "contribution": "contribution-bravo-0-0", "name": "x", "post_kind": "other"},
        format="json",
    )
    assert hidden_parent.status_code == 400
    assert hidden_parent.json()["invalid_params"][0]["name"] == "contribution"
    too_high = client.post(
        "/api/v1/roles",
        {
            "key": "r2",
            "contribution": "contribution-alpha-0-0",
            "name": "x",
            "post_kind": "other",
            "classification": "stg-geheim",
        },
        format="json",
    )
    assert too_high.status_code == 400
    assert too_high.json()["invalid_params"][0]["name"] == "classification"
    assert not Role.objects.filter(key__in=["r1", "r2"]).exists()


def test_a_delete_that_would_reach_hidden_records_is_refused(world):
    role = Role.objects.get(key="role-alpha-0-0")
    f.PostingFactory(key="hidden-posting", role=role, classification=Classification.STG_GEHEIM)
    refused = client_for(world.users["low"]).delete(
        "/api/v1/roles/role-alpha-0-0", HTTP_IF_MATCH='"1"'
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "in-use"
    assert Posting.objects.filter(key="hidden-posting").exists()
    allowed = client_for(world.users["high"]).delete(
        "/api/v1/roles/role-alpha-0-0", HTTP_IF_MATCH='"1"'
    )
    assert allowed.status_code == 204
    assert not Posting.objects.filter(role__key="role-alpha-0-0").exists()


def test_a_delete_of_a_record_others_depend_on_is_a_conflict(world):
    response = client_for(world.users["high"]).delete("/api/v1/missions/alpha", HTTP_IF_MATCH='"1"')
    assert response.status_code == 409
    assert response.json()["code"] == "in-use"


def test_nested_lists_are_replaced_matched_by_their_natural_key(world):
    client = client_for(world.users["high"])
    response = client.post(
        "/api/v1/rating-scales",
        {
            "key": "scale-new",
            "name": "Nieuw",
            "met_threshold": 1,
            "levels": [
                {"rank": 0, "code": "nee", "label": "Nee", "label_en": "No"},
                {"rank": 1, "code": "ja", "label": "Ja", "label_en": "Yes"},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    response = client.patch(
        "/api/v1/rating-scales/scale-new",
        {
            "levels": [
                {"rank": 0, "code": "nee", "label": "Nee", "label_en": "No"},
                {"rank": 1, "code": "deels", "label": "Deels", "label_en": "Partly"},
                {"rank": 2, "code": "ja", "label": "Ja", "label_en": "Yes"},
            ]
        },
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 200, response.json()
    scale = RatingScale.objects.get(key="scale-new")
    assert list(scale.levels.order_by("rank").values_list("code", flat=True)) == [
        "nee",
        "deels",
        "ja",
    ]
    duplicate = client.patch(
        "/api/v1/rating-scales/scale-new",
        {
            "levels": [
                {"rank": 0, "code": "a", "label": "A", "label_en": "A"},
                {"rank": 0, "code": "b", "label": "B", "label_en": "B"},
            ]
        },
        format="json",
        HTTP_IF_MATCH='"2"',
    )
    assert duplicate.status_code == 400
    assert scale.levels.count() == 3


def test_lists_are_filtered_ordered_and_paged_by_cursor(world):
    client = client_for(world.users["high"])
    response = client.get(
        "/api/v1/contributions", {"mission": "bravo", "ordering": "-key", "page_size": 1}
    )
    assert response.status_code == 200
    page = response.json()
    assert [r["key"] for r in page["results"]] == ["contribution-bravo-2-0"]
    following = client.get(page["next"]).json()
    assert [r["key"] for r in following["results"]] == ["contribution-bravo-0-0"]
    assert following["next"] is None
    classified = client.get("/api/v1/field-reports", {"classification": "stg-confidentieel"}).json()
    assert {r["classification"] for r in classified["results"]} == {"stg-confidentieel"}
    text = client.get("/api/v1/field-reports", {"q": "rustig", "status": "draft"}).json()
    assert len(text["results"]) == 4
    period = client.get("/api/v1/observations", {"period_start": "2026-01-01"}).json()
    assert period["results"] == []


@pytest.mark.parametrize(
    "query",
    [
        {"ordering": "name"},
        {"page_size": "0"},
        {"status": "lost"},
        {"period_start": "yesterday"},
        {"cursor": "bz1h"},
        {"classification": ""},
    ],
)
def test_bad_list_parameters_are_answered_400_naming_the_parameter(world, query):
    response = client_for(world.users["high"]).get("/api/v1/field-reports", query)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["invalid_params"][0]["name"] == next(iter(query))


def test_problems_for_unknown_addresses_methods_and_media_types(world):
    client = client_for(world.users["high"])
    unknown = client.get("/api/v1/nothing-here")
    assert (unknown.status_code, unknown["Content-Type"]) == (404, PROBLEM)
    assert client.post("/api/v1/nothing-here").status_code == 404
    method = client.delete("/api/v1/contributions")
    assert (method.status_code, method["Content-Type"]) == (405, PROBLEM)
    media = client.post("/api/v1/contributions", "key=x", content_type="text/plain")
    assert (media.status_code, media["Content-Type"]) == (415, PROBLEM)


def test_problems_speak_the_language_asked_for(world):
    client = client_for(world.users["high"])
    dutch = client.get("/api/v1/contributions/none", HTTP_ACCEPT_LANGUAGE="nl").json()
    english = client.get("/api/v1/contributions/none", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["title"] == "Not found"
    assert dutch["title"] == "Niet gevonden"
