"""A record is never classified lower than the record it belongs to, whichever way it is
written: the API, the services behind the pages, or a dataset file (tested with the loader)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from missiemonitor.api.tests.conftest import client_for
from missiemonitor.api.tests.world import build_world
from missiemonitor.core.editing import simple_record_create, simple_record_update
from missiemonitor.monitoring.models import Finding, MonitoringVisit
from missiemonitor.results.models import Condition, LongTermObjective

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def _english(user):
    client = client_for(user)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


def test_the_api_refuses_a_condition_below_its_objective(world):
    response = _english(world.users["high"]).post(
        "/api/v1/conditions",
        {"key": "c-low", "objective": "lto-alpha-2-0", "text": "Zelfstandig", "classification": "ongerubriceerd"},
        format="json",
    )
    assert (response.status_code, response["Content-Type"]) == (400, "application/problem+json")
    assert response.json()["invalid_params"] == [{
        "name": "classification", "code": "invalid",
        "reason": "A record may not be classified lower than long-term objective lto-alpha-2-0, which it "
                  "belongs to."}]
    assert not Condition.objects.filter(key="c-low").exists()


def test_a_parent_is_not_raised_above_its_parts(world):
    response = _english(world.users["high"]).patch(
        "/api/v1/long-term-objectives/lto-alpha-0-0", {"classification": "stg-confidentieel"},
        format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "classification"
    assert response.json()["invalid_params"][0]["reason"].startswith("2 conditions that belong to this record")
    stored = LongTermObjective.objects.get(key="lto-alpha-0-0")
    assert (stored.classification, stored.version) == (0, 1)


def test_the_page_services_refuse_a_finding_below_its_visit(world):
    visit = MonitoringVisit.objects.get(key="visit-alpha-2-0")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        simple_record_create(model=Finding, user=world.users["high"], key_base="f", key_date=None,
                     fields={"visit": visit, "text": "Gezien", "classification": 0})
    assert refused.value.message_dict == {"classification": [
        "A record may not be classified lower than monitoring visit visit-alpha-2-0, which it belongs to."]}
    finding = Finding.objects.get(key="finding-alpha-2-0")
    with pytest.raises(ValidationError):
        simple_record_update(model=Finding, user=world.users["high"], record=finding, version=1, fields={"classification": 0})
    assert Finding.objects.get(pk=finding.pk).classification == 2
