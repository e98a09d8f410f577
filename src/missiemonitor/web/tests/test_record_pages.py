"""The pages that keep domain data: create, edit and delete with the version check, nothing
classified below its parent, need-to-know on every record; marking follow-up actions done;
managing users; an unknown ``?mission=``."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from missiemonitor.accounts.models import Role as UserRole
from missiemonitor.accounts.models import User
from missiemonitor.core.models import Classification
from missiemonitor.testing import factories as f
from missiemonitor.web.tests.test_pages import INLINE_SCRIPT

pytestmark = pytest.mark.django_db

RECORD_PAGES = [
    "/missies/nieuw/",
    "/missies/mission-alpha/bewerken/",
    "/missies/mission-alpha/verwijderen/",
    "/mandaten/mandate-alpha/",
    "/mandaten/mandate-alpha/bewerken/",
    "/bijdragen/contribution-alpha/bewerken/",
    "/functies/role-adviser/bewerken/",
    "/mijlpalen/milestone/bewerken/",
    "/mijlpalen/milestone/verwijderen/",
    "/rapportageschemas/schedule/bewerken/",
    "/programmas/",
    "/kaders/",
    "/kaders/lto-framework/bewerken/",
    "/kaderversies/lto-framework-v1/bewerken/",
    "/doelstellingen/lto/bewerken/",
    "/doelstellingen/lto/voorwaarde/",
    "/voorwaarden/condition/bewerken/",
    "/doelen/objective-alpha/bewerken/",
    "/indicatoren/indicator-advice/",
    "/indicatoren/indicator-advice/bewerken/",
    "/waarnemingen/obs-5/bewerken/",
    "/rapportage/ondertekening/",
]


@pytest.fixture
def admin(world):
    return f.UserFactory(username="beheerder", role=UserRole.COORDINATOR, is_staff=True, all_missions=True,
                         clearance=Classification.STG_CONFIDENTIEEL)


def test_every_record_page_answers_with_the_banner_and_no_inline_code(coordinator_client):
    for url in RECORD_PAGES:
        response = coordinator_client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        html = response.content.decode()
        assert html.count('data-testid="classification-') == 2, url
        assert not INLINE_SCRIPT.search(html), url
        for form in re.findall(r"<form[^>]*method=\"post\"[^>]*>.*?</form>", html, re.S | re.I):
            assert "csrfmiddlewaretoken" in form, (url, form[:200])


def test_no_record_page_names_a_hidden_mission_or_a_record_above_clearance(coordinator_client):
    secrets = ["Missie Bèta", "Geheime bijdrage", "Verborgen gebeurtenis", "Zeer geheime gebeurtenis"]
    for url in RECORD_PAGES:
        html = coordinator_client.get(url).content.decode()
        for secret in secrets:
            assert secret not in html, (url, secret)


def test_records_outside_need_to_know_are_not_found(client, world):
    """A writer of another mission gets a 404 on each record of this one, as if it did not
    exist; a reader gets no form at all."""
    stranger = f.UserFactory(username="vreemde", role=UserRole.COORDINATOR, missions=[world.hidden_mission],
                             clearance=Classification.STG_CONFIDENTIEEL)
    client.force_login(stranger)
    for url in RECORD_PAGES:
        # lists, and mandates: letters to Parliament, bound to no single mission's need-to-know
        if url.endswith("/nieuw/") or url.startswith("/mandaten/") or url in (
                "/programmas/", "/kaders/", "/rapportage/ondertekening/"):
            continue
        assert client.get(url).status_code == 404, url
    client.force_login(world.outsider)  # an analyst: reads, never writes
    assert client.get("/missies/nieuw/").status_code == 403


def test_a_mission_is_created_changed_with_the_version_check_and_kept(client, admin):
    client.force_login(admin)
    form = {"name": "Missie Gamma", "acronym": "MG", "lead": "nato", "kind": "mixed", "area": "Gammaland",
            "start_precision": "day", "end_precision": "day", "classification": "0"}
    response = client.post("/missies/nieuw/", form)
    assert response.status_code == 302
    from missiemonitor.missions.models import Mission

    mission = Mission.objects.get(acronym="MG")
    assert mission.name == "Missie Gamma" and mission.version == 1
    url = f"/missies/{mission.key}/bewerken/"
    assert client.post(url, {**form, "name": "Missie Gamma II", "version": "1"}).status_code == 302
    stale = client.post(url, {**form, "name": "Missie Gamma III", "version": "1"})
    assert stale.status_code == 409
    html = stale.content.decode()
    assert 'data-testid="conflict"' in html and "Missie Gamma III" in html and "Missie Gamma II" in html
    assert Mission.objects.get(pk=mission.pk).name == "Missie Gamma II"


def test_a_record_with_dependents_is_not_deleted_and_they_are_named(coordinator_client, world):
    page = coordinator_client.get("/missies/mission-alpha/verwijderen/").content.decode()
    assert 'data-testid="delete-refused"' in page and "<button" not in page.split("delete-refused")[1]
    from missiemonitor.missions.models import Milestone, Mission

    version = Mission.objects.get(key="mission-alpha").version
    refused = coordinator_client.post("/missies/mission-alpha/verwijderen/", {"version": version})
    assert refused.status_code == 409
    assert "bijdrage" in refused.content.decode().lower()
    assert Mission.objects.filter(key="mission-alpha").exists()
    milestone = Milestone.objects.get(key="milestone")
    stale = coordinator_client.post("/mijlpalen/milestone/verwijderen/", {"version": milestone.version + 1})
    assert stale.status_code == 409 and Milestone.objects.filter(key="milestone").exists()
    done = coordinator_client.post("/mijlpalen/milestone/verwijderen/", {"version": milestone.version})
    assert done.status_code == 302 and done["Location"] == "/bijdragen/contribution-alpha/"
    assert not Milestone.objects.filter(key="milestone").exists()


def test_a_child_is_offered_no_classification_below_its_parent(coordinator_client, world):
    from missiemonitor.results.models import LongTermObjective

    LongTermObjective.objects.filter(key="lto").update(classification=Classification.DEPARTEMENTAAL_VERTROUWELIJK)
    html = coordinator_client.get("/doelstellingen/lto/voorwaarde/").content.decode()
    select = re.search(r'<select name="classification".*?</select>', html, re.S).group(0)
    values = re.findall(r'<option value="(\d+)"', select)
    assert str(Classification.ONGERUBRICEERD) not in values
    assert str(Classification.DEPARTEMENTAAL_VERTROUWELIJK) in values
    assert re.search(rf'<option value="{Classification.DEPARTEMENTAAL_VERTROUWELIJK}" selected', select)


def test_lists_issue_as_many_queries_for_more_rows(coordinator_client, world):
    from missiemonitor.web.tests.world import grow_world

    lists = ["/programmas/", "/kaders/", "/mandaten/mandate-alpha/", "/indicatoren/indicator-advice/",
             "/rapportage/ondertekening/"]

    def counts():
        result = {}
        for url in lists:
            with CaptureQueriesContext(connection) as queries:
                assert coordinator_client.get(url).status_code == 200, url
            result[url] = len(queries)
        return result

    coordinator_client.get("/")
    small = counts()
    grow_world(world, scale=5)
    for n in range(30):
        f.MissionFactory(key=f"mission-extra-{n}")
    assert counts() == small


def test_the_mission_list_paginates(client, admin):
    for n in range(30):
        f.MissionFactory(key=f"mission-extra-{n:02d}", name=f"Extra {n:02d}")
    client.force_login(admin)
    first = client.get("/missies/").content.decode()
    second = client.get("/missies/?page=2").content.decode()
    assert "page=2" in first
    on_first = set(re.findall(r"Extra \d\d", first))
    on_second = set(re.findall(r"Extra \d\d", second))
    assert on_first and on_second and not on_first & on_second


# --- Follow-up actions -------------------------------------------------------------------------

def test_an_action_is_marked_done_in_place_with_htmx(coordinator_client, world):
    from missiemonitor.monitoring.models import FollowUpAction

    visit = coordinator_client.get("/monitoring/bezoeken/visit/").content.decode()
    assert 'data-testid="complete-action-overdue"' in visit
    assert 'data-testid="complete-action-done"' not in visit  # done already: no button
    action = FollowUpAction.objects.get(key="action-overdue")
    response = coordinator_client.post("/monitoring/acties/action-overdue/afronden/",
                                       {"version": action.version}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<td") and 'data-status="done"' in html and "complete-action" not in html
    action.refresh_from_db()
    assert action.status == "done" and action.completed_on is not None
    overview = coordinator_client.get("/monitoring/?start=2024-05-01&end=2025-04-30").content.decode()
    assert "action-overdue" not in overview


def test_completing_an_action_without_javascript_refuses_stale_and_hidden(coordinator_client, client, world):
    from missiemonitor.monitoring.models import FollowUpAction

    action = FollowUpAction.objects.get(key="action-overdue")
    stale = coordinator_client.post("/monitoring/acties/action-overdue/afronden/",
                                    {"version": action.version + 1}, HTTP_HX_REQUEST="true")
    assert 'role="alert"' in stale.content.decode() and "complete-action-overdue" in stale.content.decode()
    assert FollowUpAction.objects.get(key="action-overdue").status == "open"
    client.force_login(world.outsider)
    assert client.post("/monitoring/acties/action-overdue/afronden/", {"version": action.version}).status_code == 404
    reader = f.UserFactory(username="lezer", role=UserRole.ANALYST, missions=[world.mission])
    client.force_login(reader)
    refused = client.post("/monitoring/acties/action-overdue/afronden/", {"version": action.version})
    assert refused.status_code == 302 and FollowUpAction.objects.get(key="action-overdue").status == "open"
    assert "complete-action" not in client.get("/monitoring/bezoeken/visit/").content.decode()
    client.force_login(world.coordinator)  # (the two fixtures are one test client)
    done = client.post("/monitoring/acties/action-overdue/afronden/",
                                   {"version": action.version, "next": "/monitoring/bezoeken/visit/"})
    assert done.status_code == 302 and done["Location"] == "/monitoring/bezoeken/visit/"
    assert FollowUpAction.objects.get(key="action-overdue").status == "done"


# --- Unknown missions in the query string ------------------------------------------------------

@pytest.mark.parametrize("url", ["/", "/doelstellingen/", "/monitoring/", "/financien/",
                                 "/monitoring/veldrapportages/"])
def test_an_unknown_or_hidden_mission_is_a_clear_400(coordinator_client, url):
    for key in ("no-such-mission", "mission-beta"):
        response = coordinator_client.get(f"{url}?mission={key}&start=2024-05-01")
        assert response.status_code == 400, (url, key)
        html = response.content.decode()
        assert 'data-testid="unknown-mission"' in html and key in html
        assert "Missie Bèta" not in html
        assert f'href="{url}?start=2024-05-01"' in html
    assert coordinator_client.get(f"{url}?mission=mission-alpha").status_code == 200


# --- Users --------------------------------------------------------------------------------------

def test_only_an_administrator_manages_users(coordinator_client, client, admin, world):
    assert coordinator_client.get("/gebruikers/").status_code == 403
    assert "/gebruikers/" not in coordinator_client.get("/missies/").content.decode()
    client.force_login(admin)
    html = client.get("/gebruikers/").content.decode()
    assert "reporter" in html and "coordinator" in html


def test_an_administrator_creates_a_user_and_sets_role_and_missions(client, admin, world):
    client.force_login(admin)
    response = client.post("/gebruikers/nieuw/", {
        "username": "nieuwe", "first_name": "Nieuwe", "last_name": "Collega", "role": UserRole.FIELD_REPORTER,
        "clearance": Classification.DEPARTEMENTAAL_VERTROUWELIJK, "missions": ["mission-alpha"],
        "password": "een-lang-wachtwoord-42", "password_again": "een-lang-wachtwoord-42"})
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="nieuwe")
    assert user.role == UserRole.FIELD_REPORTER and [m.key for m in user.missions.all()] == ["mission-alpha"]
    html = client.get("/gebruikers/nieuwe/").content.decode()
    state = re.search(r'name="state" value="([^"]+)"', html).group(1)
    too_high = client.post("/gebruikers/nieuwe/", {
        "username": "nieuwe", "role": UserRole.REVIEWER, "clearance": Classification.STG_GEHEIM,
        "missions": ["mission-alpha"], "state": state})
    assert too_high.status_code == 400 and User.objects.get(username="nieuwe").role == UserRole.FIELD_REPORTER
    changed = client.post("/gebruikers/nieuwe/", {
        "username": "nieuwe", "role": UserRole.REVIEWER, "clearance": Classification.STG_CONFIDENTIEEL,
        "missions": ["mission-alpha", "mission-beta"], "state": state})
    assert changed.status_code == 302
    user.refresh_from_db()
    assert user.role == UserRole.REVIEWER and {m.key for m in user.missions.all()} == {"mission-alpha", "mission-beta"}
    stale = client.post("/gebruikers/nieuwe/", {
        "username": "nieuwe", "role": UserRole.ANALYST, "clearance": 0, "missions": [], "state": state})
    assert stale.status_code == 409 and User.objects.get(username="nieuwe").role == UserRole.REVIEWER


# --- Nested lists -------------------------------------------------------------------------------

def test_an_events_figures_are_edited_as_rows_and_kept_when_not_posted(coordinator_client, world):
    from missiemonitor.context.models import ContextEvent

    url = "/context/gebeurtenissen/event-political/bewerken/"
    html = coordinator_client.get(url).content.decode()
    assert 'data-testid="nested-figures"' in html and 'name="figures-TOTAL_FORMS"' in html
    form = {"title": "Verkiezingen aangekondigd", "category": "political", "start": "2024-07-15",
            "start_precision": "day", "end_precision": "day", "area": "Testland", "classification": "0",
            "figures-TOTAL_FORMS": "2", "figures-INITIAL_FORMS": "0",
            "figures-0-value": "7", "figures-0-unit": "aanslagen", "figures-0-order": "1",
            "figures-1-value": "", "figures-1-unit": "", "figures-1-order": "0"}  # as rendered
    assert coordinator_client.post(url, {**form, "version": "1"}).status_code == 302
    event = ContextEvent.objects.get(key="event-political")
    assert [(f.value, f.unit) for f in event.figures.all()] == [(7, "aanslagen")]
    bare = {k: v for k, v in form.items() if not k.startswith("figures-")}
    assert coordinator_client.post(url, {**bare, "title": "Verkiezingen", "version": "2"}).status_code == 302
    event.refresh_from_db()
    assert event.title == "Verkiezingen" and event.figures.count() == 1
    removed = {**form, "figures-TOTAL_FORMS": "1", "figures-INITIAL_FORMS": "1", "figures-0-DELETE": "on",
               "version": "3"}
    assert coordinator_client.post(url, removed).status_code == 302
    assert event.figures.count() == 0


# --- Reference data ------------------------------------------------------------------------------

REFERENCE_LISTS = ["/referentie/bronnen/", "/referentie/organisaties/", "/referentie/locaties/",
                   "/referentie/dimensies/", "/referentie/beoordelingsschalen/"]


def test_reference_lists_answer_and_keep_their_query_count(coordinator_client, world):
    html = coordinator_client.get("/referentie/").content.decode()
    assert all(f'href="{url}"' in html for url in REFERENCE_LISTS)

    def counts():
        result = {}
        for url in REFERENCE_LISTS:
            with CaptureQueriesContext(connection) as queries:
                response = coordinator_client.get(url)
            assert response.status_code == 200 and response.content.decode().count(
                'data-testid="classification-') == 2, url
            result[url] = len(queries)
        return result

    def add(n):
        f.SourceFactory(key=f"source-extra-{n}")
        f.OrganisationFactory(key=f"organisation-extra-{n}")
        f.LocationFactory(key=f"location-extra-{n}")
        f.RatingScaleFactory(key=f"scale-extra-{n}")

    add(0)  # every list has rows (an empty one skips the page's slice)
    small = counts()
    for n in range(1, 30):
        add(n)
    assert counts() == small
    assert "scale-extra-1" in coordinator_client.get("/referentie/beoordelingsschalen/").content.decode()


def test_a_rating_scale_is_kept_with_its_levels_and_a_used_level_stays(coordinator_client, world):
    from missiemonitor.results.models import RatingScale

    url = "/referentie/beoordelingsschalen/nieuw/"
    form = {"name": "Drie niveaus", "met_threshold": "2", "classification": "0",
            "levels-TOTAL_FORMS": "3", "levels-INITIAL_FORMS": "0"}
    for i, (code, label) in enumerate([("no", "Niet"), ("partly", "Deels"), ("yes", "Wel")]):
        form.update({f"levels-{i}-rank": str(i + 1), f"levels-{i}-code": code, f"levels-{i}-label": label,
                     f"levels-{i}-label_en": label.upper()})
    response = coordinator_client.post(url, form)
    assert response.status_code == 302 and response["Location"] == "/referentie/beoordelingsschalen/"
    scale = RatingScale.objects.get(name="Drie niveaus")
    assert [level.code for level in scale.levels.order_by("rank")] == ["no", "partly", "yes"]
    # the world's scale has a level that an assessment uses: it cannot go
    used = RatingScale.objects.get(key="scale-test")
    levels = list(used.levels.order_by("rank"))
    data = {"name": used.name, "met_threshold": str(used.met_threshold), "classification": "0",
            "version": str(used.version), "levels-TOTAL_FORMS": str(len(levels)),
            "levels-INITIAL_FORMS": str(len(levels))}
    for i, level in enumerate(levels):
        data.update({f"levels-{i}-rank": level.rank, f"levels-{i}-code": level.code,
                     f"levels-{i}-label": level.label, f"levels-{i}-label_en": level.label_en or level.label,
                     f"levels-{i}-DELETE": "on" if level.code == "partly" else ""})
    refused = coordinator_client.post(f"/referentie/beoordelingsschalen/{used.key}/bewerken/", data)
    assert refused.status_code == 400
    assert used.levels.filter(code="partly").exists()
    assert coordinator_client.post(f"/referentie/beoordelingsschalen/{used.key}/verwijderen/",
                                   {"version": used.version}).status_code == 409


def test_a_draft_field_report_is_deleted_by_its_author_and_a_submitted_one_is_not(client, world):
    from missiemonitor.monitoring.models import FieldReport

    client.force_login(world.reporter)
    draft = client.get("/monitoring/veldrapportages/fieldreport-june/")
    assert 'href="/monitoring/veldrapportages/fieldreport-june/verwijderen/"' in draft.content.decode()
    submitted = client.get("/monitoring/veldrapportages/fieldreport-may/")
    assert "/verwijderen/" not in submitted.content.decode()
    assert client.get("/monitoring/veldrapportages/fieldreport-may/verwijderen/").status_code == 403
    client.force_login(world.reviewer)  # not the author, not a coordinator
    assert client.get("/monitoring/veldrapportages/fieldreport-june/verwijderen/").status_code == 403
    client.force_login(world.reporter)
    report = FieldReport.objects.get(key="fieldreport-june")
    response = client.post("/monitoring/veldrapportages/fieldreport-june/verwijderen/",
                           {"version": report.version})
    assert response.status_code == 302 and response["Location"] == "/monitoring/veldrapportages/"
    assert not FieldReport.objects.filter(key="fieldreport-june").exists()
    assert FieldReport.objects.filter(key="fieldreport-may").exists()


def test_a_draft_assessment_is_deleted_from_its_page(coordinator_client, world):
    from missiemonitor.results.models import ConditionAssessment

    assert "/verwijderen/" not in coordinator_client.get("/beoordelingen/assessment/").content.decode()
    assert coordinator_client.get("/beoordelingen/assessment/verwijderen/").status_code == 403  # approved
    ConditionAssessment.objects.filter(key="assessment").update(state="draft")
    assessment = ConditionAssessment.objects.get(key="assessment")
    page = coordinator_client.get("/beoordelingen/assessment/").content.decode()
    assert 'href="/beoordelingen/assessment/verwijderen/"' in page
    stale = coordinator_client.post("/beoordelingen/assessment/verwijderen/", {"version": assessment.version + 1})
    assert stale.status_code == 409 and ConditionAssessment.objects.filter(key="assessment").exists()
    response = coordinator_client.post("/beoordelingen/assessment/verwijderen/", {"version": assessment.version})
    assert response.status_code == 302 and response["Location"] == "/doelstellingen/lto/"
    assert not ConditionAssessment.objects.filter(key="assessment").exists()


def test_a_condition_is_linked_to_one_of_an_earlier_framework_version(coordinator_client, world):
    from missiemonitor.results.models import Condition, ConditionMapping, FrameworkVersion

    later = FrameworkVersion.objects.get(key="lto-framework-v1")
    earlier = f.FrameworkVersionFactory(key="lto-framework-v0", framework=later.framework, label="v0",
                                        scale=later.scale)
    old_lto = f.LongTermObjectiveFactory(key="lto-old", framework_version=earlier, code="LTO 1")
    f.ConditionFactory(key="condition-old", objective=old_lto, code="1.1", text="Plan opgesteld")
    f.ConditionFactory(key="condition-secret", objective=old_lto, code="1.9", text="Geheim",
                       classification=Classification.STG_GEHEIM)
    form = coordinator_client.get("/voorwaarden/condition/koppeling/").content.decode()
    assert 'value="condition-old"' in form
    assert 'value="condition-two"' not in form  # same version: not an earlier condition
    assert "condition-secret" not in form and "Geheim" not in form  # above clearance
    response = coordinator_client.post("/voorwaarden/condition/koppeling/", {
        "source": "condition-old", "relation": "reworded", "classification": "0"})
    assert response.status_code == 302, response.content.decode()[:2000]
    mapping = ConditionMapping.objects.get()
    assert (mapping.source.key, mapping.target.key, mapping.relation) == ("condition-old", "condition", "reworded")
    assert mapping.mission_id == Condition.objects.get(key="condition").mission_id
    page = coordinator_client.get("/doelstellingen/lto/").content.decode()
    listed = page[page.index('data-testid="mappings-condition"'):][:600]
    assert "v0 · 1.1" in listed and f"/koppelingen/{mapping.key}/bewerken/" in listed
