"""The pages through Django's test client: every page answers, states its classification,
carries CSRF tokens and no inline code, and issues the same number of queries whatever the
amount of data (no N+1 queries). That every page shows each user only what they may see is the
authorisation matrix's (``web/tests/test_matrix.py``)."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from missiemonitor.core.models import Classification
from missiemonitor.web.tests.world import grow_world

pytestmark = pytest.mark.django_db

PERIOD = "start=2024-05-01&end=2025-04-30"
PAGES = [
    f"/?{PERIOD}",
    "/missies/",
    "/missies/mission-alpha/",
    f"/bijdragen/contribution-alpha/?{PERIOD}",
    f"/doelstellingen/?{PERIOD}",
    f"/doelstellingen/lto/?{PERIOD}",
    "/voorwaarden/condition/beoordeling/",
    "/beoordelingen/assessment/",
    f"/monitoring/?{PERIOD}",
    "/monitoring/bezoeken/visit/",
    "/monitoring/veldrapportages/",
    "/monitoring/veldrapportages/fieldreport-may/",
    "/monitoring/veldrapportages/nieuw/",
    "/monitoring/bezoeken/nieuw/",
    "/monitoring/bezoeken/visit/bevinding/",
    "/monitoring/bevindingen/finding/actie/",
    "/monitoring/acties/action-overdue/bewerken/",
    "/context/",
    "/context/?category=security&start=2024-01-01",
    "/context/gebeurtenissen/nieuw/",
    "/context/gebeurtenissen/event-political/bewerken/",
    "/context/dreigingen/nieuw/",
    "/context/incidenten/nieuw/",
    "/financien/",
    "/financien/uitgaven/nieuw/",
    "/bijdragen/../plaatsingen/posting-a/bewerken/",
    "/rapportage/",
    f"/rapportage/tekst/?{PERIOD}&audience=public&language=nl",
    "/rapportage/tekst/narrative-essence/",
    "/gegevens/",
    "/zoeken/?q=overdracht",
    "/toegankelijkheid/",
]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=", re.I)


def _get(client, url):
    response = client.get(url.replace("/bijdragen/../", "/"))
    assert response.status_code == 200, (url, response.status_code)
    return response


def test_every_page_answers_with_strict_csp_and_no_inline_code(coordinator_client):
    for url in PAGES:
        response = _get(coordinator_client, url)
        html = response.content.decode()
        assert "script-src 'self'" in response["Content-Security-Policy"], url
        assert not INLINE_SCRIPT.search(html), url
        assert not INLINE_HANDLER.search(html), url
        assert not INLINE_STYLE.search(html), url
        assert html.count('data-testid="classification-') == 2, url
        for form in re.findall(r"<form[^>]*method=\"post\"[^>]*>.*?</form>", html, re.S | re.I):
            assert "csrfmiddlewaretoken" in form, (url, form[:200])


def test_anonymous_users_are_sent_to_sign_in(client, world):
    for url in ("/", "/missies/", "/zoeken/?q=x", "/gegevens/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/"), url
    assert client.get("/toegankelijkheid/").status_code == 200


def test_dutch_by_default_even_for_an_english_browser(coordinator_client):
    html = coordinator_client.get("/missies/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="nl"' in html and "Missies" in html
    coordinator_client.post("/taal/", {"language": "en", "next": "/missies/"})
    html = coordinator_client.get("/missies/").content.decode()
    assert '<html lang="en"' in html and "Missions" in html


def test_the_banner_shows_the_highest_classification_shown(coordinator_client):
    html = coordinator_client.get("/context/?category=political").content.decode()
    assert f'data-level="{Classification.ONGERUBRICEERD}"' in html
    html = coordinator_client.get("/context/?category=security").content.decode()
    assert f'data-level="{Classification.DEPARTEMENTAAL_VERTROUWELIJK}"' in html
    assert "Departementaal Vertrouwelijk" in html


def test_user_menu_shows_clearance_and_missions(coordinator_client):
    html = coordinator_client.get("/missies/").content.decode()
    menu = html[html.index('data-testid="user-clearance"'):]
    assert "Stg. Confidentieel" in menu[:200]
    assert "MA" in html[html.index('data-testid="user-missions"'):][:200]


def test_search_finds_across_kinds_within_visibility(coordinator_client, client, world):
    html = coordinator_client.get("/zoeken/?q=alfa").content.decode()
    assert "Missie Alfa" in html
    html = coordinator_client.get("/zoeken/?q=verkiezingen").content.decode()
    assert "Verkiezingen aangekondigd" in html
    client.force_login(world.outsider)
    html = client.get("/zoeken/?q=alfa").content.decode()
    assert "Missie Alfa" not in html


def test_inline_validation_errors_keep_the_input(coordinator_client):
    response = coordinator_client.post("/context/gebeurtenissen/nieuw/", {
        "title": "Een gebeurtenis", "category": "political", "start": "2024-13-45", "area": "",
        "classification": "0", "start_precision": "day", "end_precision": "day"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_start_error"' in html and 'id="id_area_error"' in html
    assert 'aria-invalid="true"' in html and 'value="Een gebeurtenis"' in html


def test_a_stale_save_is_refused_and_the_input_kept(coordinator_client, client, world):
    client.force_login(world.reviewer)
    url = "/context/gebeurtenissen/event-political/bewerken/"
    form = {"title": "Verkiezingen aangekondigd", "category": "political", "start": "2024-07-15",
            "start_precision": "day", "end_precision": "day", "area": "Testland", "classification": "0",
            "version": "1", "text": ""}
    first = coordinator_client.post(url, {**form, "text": "Eerste versie"})
    assert first.status_code == 302
    second = client.post(url, {**form, "text": "Mijn eigen tekst"})
    assert second.status_code == 409
    html = second.content.decode()
    assert 'data-testid="conflict"' in html and "Eerste versie" in html and "Mijn eigen tekst" in html
    assert 'name="version" value="2"' in html
    from missiemonitor.context.models import ContextEvent
    assert ContextEvent.objects.get(key="event-political").text == "Eerste versie"
    third = client.post(url, {**form, "text": "Mijn eigen tekst", "version": "2"})
    assert third.status_code == 302
    assert ContextEvent.objects.get(key="event-political").text == "Mijn eigen tekst"


QUERY_PAGES = [url for url in PAGES if "nieuw" not in url and "bewerken" not in url
               and "beoordeling/" not in url and "/rapportage/" not in url]


def test_query_counts_do_not_grow_with_the_data(coordinator_client, world):
    """Every page issues as many queries at 5× the data as at 1× (no N+1 queries)."""

    def counts():
        result = {}
        for url in QUERY_PAGES:
            with CaptureQueriesContext(connection) as queries:
                _get(coordinator_client, url)
            result[url] = len(queries)
        return result

    coordinator_client.get("/")  # warm the session
    small = counts()
    grow_world(world, scale=5)
    large = counts()
    assert small == large


def test_report_preview_is_sandboxed_and_downloads_stay_in_the_session(coordinator_client, client, world,
                                                                      settings, tmp_path):
    settings.REPORT_OUTPUT_DIR = tmp_path
    response = coordinator_client.get(f"/rapportage/voorbeeld/?{PERIOD}&audience=public&language=nl")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy and "script-src" not in policy and "default-src 'none'" in policy
    # the report's own stylesheet is allowed by its hash, and nothing inline besides
    assert "unsafe-inline" not in policy
    css = re.search(r"<style>(.*?)</style>", response.content.decode(), re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy
    assert not INLINE_STYLE.search(response.content.decode())
    response = coordinator_client.post("/rapportage/", {"start": "2024-05-01", "end": "2025-04-30",
                                                        "audience": "public", "language": "nl",
                                                        "formats": ["md"]})
    assert response.status_code == 200
    link = re.search(r'href="(/rapportage/bestanden/[^"]+\.md)"', response.content.decode()).group(1)
    assert coordinator_client.get(link).status_code == 200
    client.force_login(world.reviewer)
    assert client.get(link).status_code == 404


def test_need_to_know_for_all_missions_shows_in_the_user_menu(client, world):
    world.coordinator.all_missions = True
    world.coordinator.save()
    client.force_login(world.coordinator)
    html = client.get("/missies/").content.decode()
    assert "alle missies" in html[html.index('data-testid="user-missions"'):][:300]


@pytest.mark.parametrize("path", ["/", "/doelstellingen/", "/monitoring/", "/financien/",
                                  "/monitoring/veldrapportages/"])
def test_an_unknown_mission_is_reported_not_a_server_error(coordinator_client, path):
    for query in ("?mission=nope", "?mission=nope&mission=mission-alpha"):
        response = coordinator_client.get(f"{path}{query}")
        assert response.status_code == 400
        html = response.content.decode()
        assert "Onbekende missie" in html and "nope" in html


def test_an_unknown_mission_in_the_api_is_a_problem(coordinator_client):
    response = coordinator_client.get("/api/v1/rotation-analysis", {"mission": "nope"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["invalid_params"][0]["name"] == "mission"
