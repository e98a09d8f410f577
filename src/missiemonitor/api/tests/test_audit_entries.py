"""GET /api/v1/audit-entries: the history of one record under the visibility rule; read only."""

from __future__ import annotations

import pytest
from django.utils import translation

from missiemonitor.api.tests.conftest import client_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/audit-entries"


@pytest.fixture(autouse=True)
def _language_kept():
    with translation.override(translation.get_language()):
        yield


def test_the_history_of_a_record_lists_the_change_with_actor_and_channel(world):
    client = client_for(world.users["high"])
    changed = client.patch("/api/v1/contributions/contribution-alpha-0-0", {"name": "Nieuw"},
                           format="json", HTTP_IF_MATCH='"1"')
    assert changed.status_code == 200
    response = client.get(URL, {"type": "missions.contribution", "key": "contribution-alpha-0-0"})
    assert response.status_code == 200
    newest = response.json()[0]
    assert (newest["action"], newest["actor"], newest["channel"], newest["withheld"]) == (
        "changed", world.users["high"].username, "api", False)
    [change] = newest["changes"]
    assert (change["field"], change["new"], change["withheld"]) == ("name", "Nieuw", False)


def test_a_record_the_caller_may_not_see_has_no_history(world):
    client = client_for(world.users["low"])  # unclassified, mission alpha only
    for key in ("contribution-alpha-2-0", "contribution-bravo-0-0", "no-such-key"):
        response = client.get(URL, {"type": "missions.contribution", "key": key})
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    assert client.get(URL, {"type": "accounts.user", "key": "x"}).status_code == 400
    assert client.get(URL, {"type": "missions.contribution"}).status_code == 400


def test_entries_cannot_be_written_through_the_api(world):
    client = client_for(world.users["high"])
    query = "?type=missions.contribution&key=contribution-alpha-0-0"
    for method in (client.post, client.put, client.patch, client.delete):
        assert method(URL + query, {}, format="json").status_code == 405
