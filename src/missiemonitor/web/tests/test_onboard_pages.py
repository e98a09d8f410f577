"""Onboarding from a document in the pages (test client): upload, review beside the passages,
accept, edit or reject, and load through the normal loader. Nothing is written before
acceptance, only loaders may use it, and the pending proposals stay on the server."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from missiemonitor.accounts.models import Role
from missiemonitor.context.models import ContextEvent
from missiemonitor.core.models import Classification
from missiemonitor.interchange.tests import letter
from missiemonitor.missions.models import Contribution, Mission
from missiemonitor.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def loader(client):
    user = UserFactory(username="beheerder", role=Role.COORDINATOR, all_missions=True,
                       clearance=Classification.STG_GEHEIM)
    client.force_login(user)
    return client


def _upload(client, data: bytes, name: str, classification: int = 0):
    return client.post("/gegevens/onboarding/", {"file": SimpleUploadedFile(name, data),
                                                 "classification": str(classification)})


def _review_url(response) -> str:
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def _form_values(html: str) -> dict[str, str]:
    """What the browser would post: the values of the text inputs, selects and ticked boxes."""
    values: dict[str, str] = {}
    for name, value in re.findall(r'<input type="text" name="([^"]+)" value="([^"]*)"', html):
        values[name] = value
    for name, body in re.findall(r'<textarea name="([^"]+)"[^>]*>\n?(.*?)</textarea>', html, re.S):
        values[name] = body
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        values[name] = chosen[1] if chosen else ""
    for name in re.findall(r'<input type="checkbox" name="([^"]+)"[^>]*checked', html):
        values[name] = "on"
    for name, value in re.findall(r'<input type="radio" name="([^"]+)" value="([^"]*)"[^>]*checked', html):
        values[name] = value
    return {k: v.replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&") for k, v in values.items()}


def test_only_users_who_may_load_datasets_onboard(client, world):
    client.force_login(world.coordinator)  # one mission only: may not load datasets
    assert client.get("/gegevens/onboarding/").status_code == 403
    assert _upload(client, letter.plain_text().encode(), "brief.txt").status_code == 403
    assert 'data-testid="onboard-section"' not in client.get("/gegevens/").content.decode()


def test_upload_proposes_and_writes_nothing_then_load_accepted(loader):
    page = loader.get("/gegevens/")
    assert 'data-testid="onboard-section"' in page.content.decode()
    missions = Mission.objects.count()
    url = _review_url(_upload(loader, letter.odt_bytes(), "valdoria.odt"))
    review = loader.get(url)
    html = review.content.decode()
    assert review.status_code == 200
    assert Mission.objects.count() == missions  # nothing written before acceptance
    # each proposal beside its passage, with the place it came from
    assert "United Nations Stabilisation Mission in Valdoria" in html
    assert "Nederland levert vanaf april 2026 zes stafofficieren aan het hoofdkwartier van UNSMV." in html
    assert re.search(r"Alinea \d+|Paragraph \d+", html)
    # accept everything, but edit the mission's area and reject the events
    values = _form_values(html)
    mission_prefix = re.search(r'name="(p\d+)-acronym" value="UNSMV"', html)[1]
    values[f"{mission_prefix}-area"] = "Valdoria (fictief)"
    for event_id in re.findall(r'id="(p\d+)"[^>]*data-kind="event"', html):
        values[f"{event_id}-decision"] = "reject"
    response = loader.post(url, {**values, "action": "accept-all"})
    assert response.status_code == 302
    assert Mission.objects.count() == missions  # saving decisions writes nothing
    response = loader.post(url, {**_form_values(loader.get(url).content.decode()), "action": "load"})
    assert response.status_code == 302, re.sub(r"<[^>]+>", " ", response.content.decode().split("onboard-counts")[0][-3000:])
    done = loader.get(url).content.decode()
    assert 'data-testid="onboard-loaded"' in done
    mission = Mission.objects.get(key="unsmv")
    assert (mission.acronym, mission.area, mission.lead) == ("UNSMV", "Valdoria (fictief)", "un")
    kinds = {c.kind: c.planned_headcount for c in Contribution.objects.filter(mission=mission)}
    assert kinds == {"staff-officers": 6, "force-protection": 120, "police": 20}
    assert not ContextEvent.objects.filter(mission=mission).exists()
    assert not ContextEvent.objects.filter(title__startswith="Verkiezingen").exists()
    link = re.search(r'href="([^"]+)" data-testid="onboard-report-link"', done)[1]
    assert link.startswith("/rapportage/") and "mission=unsmv" in link


def test_load_errors_name_the_proposal_and_write_nothing(loader):
    url = _review_url(_upload(loader, letter.plain_text().encode(), "valdoria.txt"))
    html = loader.get(url).content.decode()
    values = _form_values(html)
    mission = re.search(r'name="(p\d+)-acronym" value="UNSMV"', html)[1]
    contribution = re.search(r'id="(p\d+)"[^>]*data-kind="contribution"', html)[1]
    values[f"{contribution}-decision"] = "accept"  # its mission is not accepted and does not exist
    values[f"{mission}-decision"] = "reject"
    response = loader.post(url, {**values, "action": "load"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="onboard-issues"' in page
    assert f'href="#{contribution}"' in page and "unsmv" in page
    assert not Contribution.objects.filter(mission__key="unsmv").exists()


def test_the_page_takes_decisions_and_edits_only_for_editable_values(loader):
    url = _review_url(_upload(loader, letter.plain_text().encode(), "valdoria.txt"))
    html = loader.get(url).content.decode()
    mission = re.search(r'name="(p\d+)-acronym" value="UNSMV"', html)[1]
    values = {**_form_values(html), f"{mission}-key": "elders", f"{mission}-mission": "x",
              f"{mission}-decision": "accept", "p999-decision": "accept", "action": "load"}
    assert loader.post(url, values).status_code == 302
    assert Mission.objects.filter(key="unsmv").exists() and not Mission.objects.filter(key="elders").exists()
    assert loader.get("/gegevens/onboarding/onbekend/").status_code == 404


def test_a_bad_choice_is_refused_by_field_and_nothing_changes(loader):
    url = _review_url(_upload(loader, letter.plain_text().encode(), "valdoria.txt"))
    html = loader.get(url).content.decode()
    mission = re.search(r'name="(p\d+)-acronym" value="UNSMV"', html)[1]
    response = loader.post(url, {**_form_values(html), f"{mission}-lead": "galactic", "action": "save"})
    assert response.status_code == 400
    assert "utrecht-form-field--invalid" in response.content.decode()


def test_draft_download_has_the_passages_and_the_classification(loader):
    url = _review_url(_upload(loader, letter.plain_text().encode(), "valdoria.txt",
                              classification=Classification.DEPARTEMENTAAL_VERTROUWELIJK))
    page = loader.get(url)
    assert 'data-testid="classification-top"' in page.content.decode()
    assert "Departementaal Vertrouwelijk" in page.content.decode()
    html = page.content.decode()
    loader.post(url, {**_form_values(html), "action": "accept-all"})
    draft = loader.get(url + "concept.yaml")
    assert draft["Content-Disposition"] == 'attachment; filename="valdoria-concept.yaml"'
    text = draft.content.decode()
    assert "# p" in text and '"Nederland levert vanaf april 2026 zes stafofficieren' in text
    assert "classification: departementaal-vertrouwelijk" in text


def test_an_unreadable_upload_is_refused_with_the_reason(loader):
    response = _upload(loader, b"\x00\x01\x02binary", "scan.bin")
    assert response.status_code == 400
    assert "scan.bin" in response.content.decode()
    assert 'data-testid="onboard-error"' in response.content.decode()
