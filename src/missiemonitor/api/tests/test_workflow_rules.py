"""The API keeps the workflow's rules: deletes of assessments and field reports go through
their services (no deleting what was submitted or approved, a draft only by its author or a
coordinator), evidence changes only through the assessment's workflow, and who may write what
is the same rule as on the pages (core.permissions)."""

from __future__ import annotations

import pytest

from missiemonitor.api.tests.conftest import client_for as _client_for
from missiemonitor.monitoring.models import FieldReport
from missiemonitor.results.models import ConditionAssessment, Evidence
from missiemonitor.testing import factories as f

pytestmark = pytest.mark.django_db

ASSESSMENT = "/api/v1/condition-assessments/assessment-alpha-0-0"
REPORT = "/api/v1/field-reports/fieldreport-alpha-0-0"


def client_for(user):
    client = _client_for(user)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


def _member(world, role: str, name: str):
    return f.UserFactory(username=name, role=role, missions=[world.missions[0]], password=None)


def test_an_approved_or_submitted_assessment_cannot_be_deleted(world):
    ConditionAssessment.objects.filter(key="assessment-alpha-0-0").update(state="approved")
    refused = client_for(world.users["high"]).delete(ASSESSMENT, HTTP_IF_MATCH='"1"')
    assert (refused.status_code, refused["Content-Type"]) == (409, "application/problem+json")
    assert refused.json()["code"] == "invalid-transition"
    assert "is approved and can no longer be deleted" in refused.json()["detail"]
    ConditionAssessment.objects.filter(key="assessment-alpha-0-0").update(state="submitted")
    assert client_for(world.users["high"]).delete(ASSESSMENT, HTTP_IF_MATCH='"1"').status_code == 409
    assert ConditionAssessment.objects.filter(key="assessment-alpha-0-0").exists()


def test_a_draft_assessment_is_deleted_by_its_author_or_a_coordinator_only(world):
    author, other = _member(world, "field-reporter", "author"), _member(world, "field-reporter", "other")
    ConditionAssessment.objects.filter(key="assessment-alpha-0-0").update(assessor=author)
    refused = client_for(other).delete(ASSESSMENT, HTTP_IF_MATCH='"1"')
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("Only its author or a coordinator may delete")
    assert client_for(author).delete(ASSESSMENT, HTTP_IF_MATCH='"1"').status_code == 204
    assert not ConditionAssessment.objects.filter(key="assessment-alpha-0-0").exists()


def test_a_submitted_field_report_cannot_be_deleted(world):
    FieldReport.objects.filter(key="fieldreport-alpha-0-0").update(status="submitted")
    refused = client_for(world.users["high"]).delete(REPORT, HTTP_IF_MATCH='"1"')
    assert (refused.status_code, refused.json()["code"]) == (409, "invalid-transition")
    FieldReport.objects.filter(key="fieldreport-alpha-0-0").update(status="draft")
    assert client_for(world.users["high"]).delete(REPORT, HTTP_IF_MATCH='"1"').status_code == 204


def test_evidence_changes_only_through_the_assessment_workflow(world):
    client = client_for(world.users["high"])
    url = "/api/v1/evidence/evidence-alpha-0-0"
    changed = client.patch(url, {"note": "anders"}, format="json", HTTP_IF_MATCH='"1"')
    assert changed.status_code == 405
    ConditionAssessment.objects.filter(key="assessment-alpha-0-0").update(state="approved")
    removed = client.delete(url, HTTP_IF_MATCH='"1"')
    assert (removed.status_code, removed.json()["code"]) == (409, "invalid-transition")
    added = client.post("/api/v1/evidence", {"key": "ev-new", "assessment": "assessment-alpha-0-0",
                                              "kind": "document", "document": "src-alpha-0-0"},
                        format="json")
    assert (added.status_code, added.json()["code"]) == (409, "invalid-transition")
    assert list(Evidence.objects.filter(assessment__key="assessment-alpha-0-0")
                .values_list("key", flat=True)) == ["evidence-alpha-0-0"]
    ConditionAssessment.objects.filter(key="assessment-alpha-0-0").update(state="draft")
    added = client.post("/api/v1/evidence", {"key": "ev-new", "assessment": "assessment-alpha-0-0",
                                              "kind": "document", "document": "src-alpha-0-0"},
                        format="json")
    assert added.status_code == 201, added.json()
    assert ConditionAssessment.objects.get(key="assessment-alpha-0-0").version == 2  # the review view is stale
    assert client.delete(url, HTTP_IF_MATCH='"1"').status_code == 204
    assert not Evidence.objects.filter(key="evidence-alpha-0-0").exists()


def test_the_api_allows_the_writes_the_pages_allow(world):
    """A field reporter records incidents and field reports on the pages; so through the API.
    Reference data stays with coordinators and policy officers, as on the pages."""
    reporter = _member(world, "field-reporter", "reporter")
    incident = client_for(reporter).post(
        "/api/v1/incidents",
        {"key": "inc-1", "contribution": "contribution-alpha-0-0", "date": "2024-06-01",
         "incident_type": f.IncidentFactory._meta.model.Type.values[0],
         "severity": f.IncidentFactory._meta.model.Severity.values[0], "description": "Raketinslag"},
        format="json",
    )
    assert incident.status_code == 201, incident.json()
    refused = client_for(reporter).patch("/api/v1/contributions/contribution-alpha-0-0",
                                         {"name": "x"}, format="json", HTTP_IF_MATCH='"1"')
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Your role does not allow changing these records."
    analyst = _member(world, "analyst", "analist")
    assert client_for(analyst).delete(REPORT, HTTP_IF_MATCH='"1"').status_code == 403


def test_an_unknown_level_is_refused_by_the_service_with_the_scale_named(world):
    """The level code is checked in one place, the assessment service, for the API as for the
    pages: the same message, naming the field."""
    client = client_for(world.users["high"])
    response = client.patch(ASSESSMENT, {"level": "excellent"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 400
    [param] = response.json()["invalid_params"]
    assert (param["name"], param["reason"]) == ("level", "Unknown level excellent; the scale has: none, partly, met, sustained")
    created = client.post("/api/v1/condition-assessments",
                          {"key": "as-x", "condition": "condition-alpha-0-0", "level": "excellent",
                           "date": "2024-10-01"}, format="json")
    assert created.json()["invalid_params"][0]["reason"].startswith("Unknown level excellent")
    assert ConditionAssessment.objects.get(key="assessment-alpha-0-0").version == 1
