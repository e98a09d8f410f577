"""The admin follows the visibility rule in lists, inlines, dropdowns and list columns; a save
bumps the version; a classification below the parent is refused; review records are
read-only; users are managed only by user administrators."""

import pytest
from django.test import Client

from missiemonitor.api.tests.world import build_world
from missiemonitor.core.models import Classification, Organisation
from missiemonitor.monitoring.models import Finding
from missiemonitor.results.models import Condition, ConditionAssessment
from missiemonitor.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world(users=False)


def _admin(world, clearance, **kw) -> Client:
    user = f.UserFactory(username=f"admin{clearance}", role="coordinator", clearance=clearance, is_staff=True,
                         is_superuser=True, missions=[world.missions[0]], password=None, **kw)
    client = Client()
    client.force_login(user)
    return client


def test_lists_inlines_and_dropdowns_offer_only_visible_records(world):
    client = _admin(world, Classification.ONGERUBRICEERD)
    listing = client.get("/admin/monitoring/finding/")
    assert listing.status_code == 200
    assert {obj.key for obj in listing.context["cl"].result_list} == {"finding-alpha-0-0"}
    finding = Finding.objects.get(key="finding-alpha-0-0")
    page = client.get(f"/admin/monitoring/finding/{finding.pk}/change/")
    fields = page.context["adminform"].form.fields
    assert {c.key for c in fields["contribution"].queryset} == {"contribution-alpha-0-0"}
    assert {v.key for v in fields["visit"].queryset} == {"visit-alpha-0-0"}
    assessment = ConditionAssessment.objects.get(key="assessment-alpha-0-0")
    f.EvidenceFactory(key="evidence-secret", assessment=assessment, document=f.SourceFactory(),
                      classification=Classification.STG_GEHEIM)
    page = client.get(f"/admin/results/conditionassessment/{assessment.pk}/change/")
    inline = page.context["inline_admin_formsets"][0].formset
    assert [e.key for e in inline.queryset] == ["evidence-alpha-0-0"]
    assert b"evidence-secret" not in page.content


def test_list_columns_hide_references_the_user_may_not_see(world):
    client = _admin(world, Classification.ONGERUBRICEERD)
    hidden = f.ContributionFactory(mission=world.missions[0], classification=Classification.STG_GEHEIM,
                                   name="Geheime eenheid")
    f.IncidentFactory(key="incident-open", contribution=hidden, mission=world.missions[0],
                      classification=Classification.ONGERUBRICEERD)
    listing = client.get("/admin/context/incident/")
    assert b"incident-open" in listing.content and b"Geheime eenheid" not in listing.content


def test_an_admin_save_bumps_the_version_and_keeps_the_classification_rule(world):
    client = _admin(world, Classification.STG_GEHEIM, all_missions=True)
    org = Organisation.objects.get(key="org-alpha-0-0")
    saved = client.post(f"/admin/core/organisation/{org.pk}/change/",
                        {"key": org.key, "name": "Nieuwe naam", "acronym": "", "kind": org.kind,
                         "country": "", "classification": org.classification, "mission": ""})
    assert saved.status_code == 302
    stored = Organisation.objects.get(pk=org.pk)
    assert (stored.name, stored.version) == ("Nieuwe naam", 2)

    condition = Condition.objects.get(key="condition-alpha-2-0")
    page = client.post(f"/admin/results/condition/{condition.pk}/change/",
                       {"key": condition.key, "objective": condition.objective_id, "code": "",
                        "text": condition.text, "text_en": "", "order": 0,
                        "classification": Classification.ONGERUBRICEERD, "mission": condition.mission_id})
    assert page.status_code == 200
    assert page.context["adminform"].form.errors["classification"] == [  # the admin speaks Dutch
        f"Een gegeven mag niet lager gerubriceerd zijn dan langetermijndoelstelling {condition.objective.key}, "
        "waar het bij hoort."]
    assert Condition.objects.get(pk=condition.pk).classification == Classification.STG_CONFIDENTIEEL


def test_review_records_are_read_only_and_nothing_is_deleted_in_the_admin(world):
    client = _admin(world, Classification.STG_GEHEIM, all_missions=True)
    assessment = ConditionAssessment.objects.get(key="assessment-alpha-0-0")
    refused = client.post(f"/admin/results/conditionassessment/{assessment.pk}/change/",
                          {"state": "approved"})
    assert refused.status_code == 403
    assert ConditionAssessment.objects.get(pk=assessment.pk).state == "draft"
    org = Organisation.objects.get(key="org-alpha-0-0")
    assert client.post(f"/admin/core/organisation/{org.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Organisation.objects.filter(pk=org.pk).exists()


def test_users_are_managed_only_by_user_administrators(world):
    from django.contrib.auth.models import Permission

    staff = f.UserFactory(username="staff", role="policy-officer", is_staff=True, password=None)
    staff.user_permissions.add(Permission.objects.get(codename="view_user"))  # Django alone would let them in
    client = Client()
    client.force_login(staff)
    assert client.get("/admin/accounts/user/").status_code == 403
    assert _admin(world, Classification.ONGERUBRICEERD).get("/admin/accounts/user/").status_code == 200


def test_an_admin_save_of_a_record_changed_since_it_was_read_is_refused(world):
    client = _admin(world, Classification.STG_GEHEIM, all_missions=True)
    org = Organisation.objects.get(key="org-alpha-0-0")
    form = client.get(f"/admin/core/organisation/{org.pk}/change/").content.decode()
    assert 'name="read_version"' in form and f'value="{org.version}"' in form
    post = {"key": org.key, "name": "Eerste", "acronym": "", "kind": org.kind, "country": "",
            "classification": org.classification, "mission": "", "read_version": org.version}
    assert client.post(f"/admin/core/organisation/{org.pk}/change/", post).status_code == 302
    stale = client.post(f"/admin/core/organisation/{org.pk}/change/", {**post, "name": "Tweede"})
    assert stale.status_code == 200
    assert "door iemand anders gewijzigd" in " ".join(stale.context["adminform"].form.non_field_errors())
    stored = Organisation.objects.get(pk=org.pk)
    assert (stored.name, stored.version) == ("Eerste", org.version + 1)
