"""The History tab of record pages and the review trail: who changed what and when, under the
visibility rule (issue 9)."""

from __future__ import annotations

import pytest

from missiemonitor.context.models import ContextEvent
from missiemonitor.core.models import Classification
from missiemonitor.web.tests.test_pages import INLINE_SCRIPT

pytestmark = pytest.mark.django_db
HISTORY = "/geschiedenis/{label}/{key}/"


def _edit_event(client, text: str) -> None:
    event = ContextEvent.objects.get(key="event-political")
    form = {"title": event.title, "category": "political", "start": "2024-07-15",
            "start_precision": "day", "end_precision": "day", "area": "Testland",
            "classification": "0", "version": str(event.version), "text": text}
    assert client.post("/context/gebeurtenissen/event-political/bewerken/", form).status_code == 302


def test_a_record_page_has_a_history_tab_listing_who_changed_what(coordinator_client):
    _edit_event(coordinator_client, "Nieuwe toelichting")
    page = coordinator_client.get("/context/gebeurtenissen/event-political/bewerken/").content.decode()
    assert 'data-testid="history-tab"' in page
    url = HISTORY.format(label="context.contextevent", key="event-political")
    response = coordinator_client.get(url + "?terug=/context/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="history"' in html and "coordinator" in html
    assert "Nieuwe toelichting" in html
    assert 'href="/context/"' in html  # the Details tab leads back
    assert html.count('data-testid="classification-') == 2
    assert not INLINE_SCRIPT.search(html)


def test_detail_pages_link_their_history(coordinator_client):
    for url in ("/missies/mission-alpha/", "/mandaten/mandate-alpha/",
                "/bijdragen/contribution-alpha/", "/indicatoren/indicator-advice/"):
        html = coordinator_client.get(url).content.decode()
        assert 'data-testid="record-tabs"' in html and "/geschiedenis/" in html, url


def test_history_of_a_record_one_may_not_see_does_not_exist(client, world, coordinator_client):
    hidden = HISTORY.format(label="context.contextevent", key="event-hidden")
    secret = HISTORY.format(label="context.contextevent", key="event-top-secret")
    assert coordinator_client.get(hidden).status_code == 404  # another mission
    assert coordinator_client.get(secret).status_code == 404  # above clearance
    assert coordinator_client.get("/geschiedenis/accounts.user/coordinator/").status_code == 404
    assert coordinator_client.get("/geschiedenis/nonsense/x/").status_code == 404


def test_values_changed_while_classified_higher_are_withheld(coordinator_client, client, world):
    _edit_event(coordinator_client, "Vertrouwelijke toelichting")
    event = ContextEvent.objects.get(key="event-political")
    form = {"title": event.title, "category": "political", "start": "2024-07-15",
            "start_precision": "day", "end_precision": "day", "area": "Testland",
            "classification": str(Classification.STG_CONFIDENTIEEL), "version": str(event.version),
            "text": "Nu geheim"}
    assert coordinator_client.post("/context/gebeurtenissen/event-political/bewerken/",
                                   form).status_code == 302
    form.update(classification="0", version=str(event.version + 1), text="Weer openbaar")
    assert coordinator_client.post("/context/gebeurtenissen/event-political/bewerken/",
                                   form).status_code == 302
    client.force_login(world.reporter)  # Departementaal Vertrouwelijk, this mission
    html = client.get(HISTORY.format(label="context.contextevent", key="event-political")).content.decode()
    assert "Vertrouwelijke toelichting" in html  # written while unclassified
    assert "Nu geheim" not in html and 'data-testid="withheld"' in html


def test_the_field_report_page_shows_its_review_trail(client, world):
    from missiemonitor.monitoring.models import FieldReport

    report = FieldReport.objects.filter(mission=world.mission, status="draft").first()
    if report is None:
        pytest.skip("the page world has no draft field report")
    client.force_login(world.reporter)
    url = f"/monitoring/veldrapportages/{report.key}/"
    response = client.post(url, {"action": "submit", "version": report.version})
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert 'data-testid="review-trail"' in html and "reporter" in html
