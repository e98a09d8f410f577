"""Actions: the review cycle of field reports and assessments, report generation, and the
dataset as a whole."""

from __future__ import annotations

import pytest
import yaml

from missiemonitor.api.tests.conftest import client_for
from missiemonitor.monitoring.models import FieldReport
from missiemonitor.results.models import ConditionAssessment
from missiemonitor.testing import factories as f

pytestmark = pytest.mark.django_db


def test_a_field_report_goes_through_its_review_cycle(world):
    reporter = f.UserFactory(
        username="reporter", role="field-reporter", missions=[world.missions[0]], password=None
    )
    reviewer = f.UserFactory(
        username="reviewer", role="reviewer", missions=[world.missions[0]], password=None
    )
    created = client_for(reporter).post(
        "/api/v1/field-reports",
        {
            "key": "fr-juni",
            "contribution": "contribution-alpha-0-0",
            "start": "2024-06-01",
            "end": "2024-06-30",
            "summary": "Rustige maand",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert (created.json()["status"], created.json()["mission"]) == ("draft", "alpha")
    url = "/api/v1/field-reports/fr-juni"
    assert client_for(reporter).post(f"{url}/submit").status_code == 428
    assert client_for(reporter).post(f"{url}/approve", HTTP_IF_MATCH='"1"').status_code == 403
    submitted = client_for(reporter).post(f"{url}/submit", HTTP_IF_MATCH='"1"')
    assert (submitted.status_code, submitted["ETag"]) == (200, '"2"')
    editing = client_for(reporter).patch(url, {"summary": "x"}, format="json", HTTP_IF_MATCH='"2"')
    assert editing.status_code == 409  # a submitted report can no longer be changed
    without_reason = client_for(reviewer).post(
        f"{url}/return", {"comment": ""}, format="json", HTTP_IF_MATCH='"2"'
    )
    assert without_reason.status_code == 400
    returned = client_for(reviewer).post(
        f"{url}/return", {"comment": "Cijfers ontbreken"}, format="json", HTTP_IF_MATCH='"2"'
    )
    assert returned.json()["status"] == "returned"
    assert client_for(reviewer).post(f"{url}/approve", HTTP_IF_MATCH='"2"').status_code == 412
    client_for(reporter).post(f"{url}/submit", HTTP_IF_MATCH='"3"')
    approved = client_for(reviewer).post(
        f"{url}/approve", {"comment": "Goed"}, format="json", HTTP_IF_MATCH='"4"'
    )
    assert approved.status_code == 200
    report = FieldReport.objects.get(key="fr-juni")
    assert (report.status, report.reviewer, report.version) == ("approved", reviewer, 5)
    again = client_for(reviewer).post(f"{url}/approve", HTTP_IF_MATCH='"5"')
    assert (again.status_code, again.json()["code"]) == (409, "invalid-transition")


def test_an_assessment_is_recorded_by_level_code_and_approved(world):
    client = client_for(world.users["high"])
    created = client.post(
        "/api/v1/condition-assessments",
        {
            "key": "as-1",
            "condition": "condition-alpha-0-0",
            "level": "met",
            "date": "2024-10-01",
            "rationale": "Gehaald",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert (created.json()["level"], created.json()["state"]) == ("met", "draft")
    wrong = client.patch(
        "/api/v1/condition-assessments/as-1",
        {"level": "excellent"},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert wrong.status_code == 400
    assert wrong.json()["invalid_params"][0]["name"] == "level"
    client.post("/api/v1/condition-assessments/as-1/submit", HTTP_IF_MATCH='"1"')
    reviewer = f.UserFactory(role="approver", all_missions=True, password=None)
    approved = client_for(reviewer).post(
        "/api/v1/condition-assessments/as-1/approve", HTTP_IF_MATCH='"2"'
    )
    assert approved.status_code == 200, approved.json()
    assert ConditionAssessment.objects.get(key="as-1").state == "approved"


def test_a_report_is_generated_and_only_its_author_can_fetch_it(world, settings, tmp_path):
    settings.REPORT_OUTPUT_DIR = tmp_path
    client = client_for(world.users["high"])
    response = client.post(
        "/api/v1/reports",
        {
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
            "missions": ["alpha"],
            "language": "en",
            "formats": ["md", "html"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    files = {item["format"]: item for item in response.json()["files"]}
    assert set(files) == {"md", "html"}
    download = client.get(files["md"]["url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "text/markdown"
    assert b"".join(download.streaming_content).startswith(b"#")
    assert client.get(response["Location"]).json()["files"] == response.json()["files"]
    assert client_for(world.users["low"]).get(files["md"]["url"]).status_code == 404
    unknown = client.post(
        "/api/v1/reports",
        {"period_start": "2024-01-01", "period_end": "2024-12-31", "missions": ["nowhere"]},
        format="json",
    )
    assert unknown.status_code == 400


def test_the_dataset_exports_what_the_user_sees_and_loads_all_or_nothing(world):
    low = client_for(world.users["low"]).get("/api/v1/dataset")
    assert low.status_code == 200
    assert low["Content-Type"].startswith("application/yaml")
    document = yaml.safe_load(low.content)
    assert [m["key"] for m in document["missions"]] == ["alpha"]
    assert {c["key"] for c in document["contributions"]} == {"contribution-alpha-0-0"}
    refused = client_for(world.users["low"]).post(
        "/api/v1/dataset-loads", low.content, content_type="application/yaml"
    )
    assert refused.status_code == 403
    high = client_for(world.users["high"])
    unchanged = high.post(
        "/api/v1/dataset-loads",
        high.get("/api/v1/dataset").content,
        content_type="application/yaml",
    )
    assert unchanged.status_code == 200, unchanged.json()
    assert sum(unchanged.json()["created"].values()) == 0
    assert sum(unchanged.json()["updated"].values()) == 0
    broken = (
        "format: missiemonitor-dataset\nversion: 1\nmissions:\n"
        "  - key: nieuw\n    name: Nieuw\n    acronym: N\n    lead: nato\n    kind: civil\n"
        "    area: X\n  - key: kapot\n    lead: unknown\n"
    )
    response = high.post("/api/v1/dataset-loads", broken, content_type="application/yaml")
    assert response.status_code == 400
    params = response.json()["invalid_params"]
    assert min(p["line"] for p in params) == 10  # the second mission starts on line 10
    assert any(p["name"] == "missions[1].lead" for p in params)
    assert not world.missions[0].__class__.objects.filter(key="nieuw").exists()
