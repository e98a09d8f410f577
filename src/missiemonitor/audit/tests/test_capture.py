"""One audit entry per write, through every channel, with its actor and the fields changed:
the pages, the API (session and bearer token), the admin, a dataset load, an activity-log
import (one entry per batch), a management command."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from missiemonitor.accounts.models import Role
from missiemonitor.accounts.tokens import token_create
from missiemonitor.audit.context import audit_context
from missiemonitor.audit.models import Action, AuditEntry
from missiemonitor.audit.verify import chain_verify
from missiemonitor.context.models import ContextEvent
from missiemonitor.core.models import Classification
from missiemonitor.core.principals import SYSTEM
from missiemonitor.interchange.logs import log_batch_delete, log_import_csv
from missiemonitor.missions.models import Contribution
from missiemonitor.testing import factories as f

pytestmark = pytest.mark.django_db
SMALL = Path(__file__).resolve().parents[2] / "interchange" / "tests" / "data" / "small.yaml"


@pytest.fixture
def world(db):
    mission = f.MissionFactory(key="m1", name="Missie Een")
    mandate = f.MandateFactory(key="kst-1")
    mandate.missions.add(mission)
    contribution = f.ContributionFactory(key="fp", mission=mission, name="Force protection",
                                         start=dt.date(2024, 1, 1), end=dt.date(2025, 12, 31))
    contribution.mandates.add(mandate)
    coordinator = f.UserFactory(username="cor", role=Role.COORDINATOR, all_missions=True,
                                clearance=Classification.STG_GEHEIM, is_staff=True,
                                is_superuser=True)
    return {"mission": mission, "mandate": mandate, "contribution": contribution,
            "coordinator": coordinator, "before": AuditEntry.objects.count()}


def _new(world) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(sequence__gt=world["before"]).order_by("sequence"))


def test_a_page_edit_writes_one_entry_with_the_user_and_the_fields_changed(client, world):
    client.force_login(world["coordinator"])
    response = client.post("/context/gebeurtenissen/nieuw/", {
        "title": "Verkiezingen aangekondigd", "category": "political", "start": "2024-07-15",
        "start_precision": "day", "end_precision": "day", "area": "Testland",
        "classification": "0", "mission": "m1", "text": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    [entry] = _new(world)
    event = ContextEvent.objects.get()
    assert (entry.channel, entry.actor_name, entry.actor_id, entry.action) == (
        "web", "cor", world["coordinator"].pk, Action.CREATE)
    assert (entry.object_key, entry.content_type.model, entry.record_mission_id) == (
        event.key, "contextevent", world["mission"].pk)
    assert entry.changes["title"] == [None, "Verkiezingen aangekondigd"]
    assert entry.changes["mission"] == [None, "m1"]  # references by key
    assert "version" not in entry.changes


def test_an_api_change_by_bearer_token_names_the_token_user_and_the_change(world):
    _token, text = token_create(user=world["coordinator"], name="script", scope="read-write")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {text}")
    before = AuditEntry.objects.count()
    response = client.patch("/api/v1/contributions/fp", {"name": "Beveiliging"}, format="json",
                            HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.json()
    [entry] = AuditEntry.objects.filter(sequence__gt=before)
    assert (entry.channel, entry.actor_name, entry.action) == ("api", "cor", Action.UPDATE)
    assert entry.changes == {"name": ["Force protection", "Beveiliging"]}


def test_a_list_of_references_counts_as_a_field_change(world):
    client = APIClient()
    client.force_login(world["coordinator"])
    before = AuditEntry.objects.count()
    response = client.patch("/api/v1/contributions/fp", {"mandates": []}, format="json",
                            HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.json()
    changes = [e.changes for e in AuditEntry.objects.filter(sequence__gt=before)]
    assert {"mandates": {"type": "m2m", "remove": ["kst-1"]}} in changes


def test_an_admin_change_is_an_entry_of_channel_admin(client, world):
    client.force_login(world["coordinator"])
    org = f.OrganisationFactory(key="org", name="Oude naam")
    before = AuditEntry.objects.count()
    saved = client.post(f"/admin/core/organisation/{org.pk}/change/",
                        {"key": org.key, "name": "Nieuwe naam", "acronym": "", "kind": org.kind,
                         "country": "", "classification": org.classification, "mission": "",
                         "read_version": org.version})
    assert saved.status_code == 302
    [entry] = AuditEntry.objects.filter(sequence__gt=before)
    assert (entry.channel, entry.actor_name, entry.object_key) == ("admin", "cor", "org")
    assert entry.changes == {"name": ["Oude naam", "Nieuwe naam"]}


def test_a_dataset_load_writes_one_entry_per_record_in_bulk(db):
    call_command("load", str(SMALL), stdout=io.StringIO())
    entries = list(AuditEntry.objects.order_by("sequence"))
    creates = [e for e in entries if e.action == Action.CREATE]
    assert all((e.channel, e.command, e.actor_name) == ("cli", "load", "system") for e in entries)
    contribution = Contribution.objects.get(key="fp")
    [created] = [e for e in creates if e.object_key == "fp"]
    assert created.changes["name"] == [None, contribution.name]
    assert created.changes["mission"] == [None, "m1"]
    assert created.record_mission_id == contribution.mission_id
    assert len({(e.content_type_id, e.object_id) for e in creates}) == len(creates)
    # loading it again changes nothing, so writes no entry
    call_command("load", str(SMALL), stdout=io.StringIO())
    assert AuditEntry.objects.count() == len(entries)
    assert chain_verify().ok


def test_a_changed_record_in_a_dataset_is_one_entry_with_old_and_new(db, tmp_path):
    call_command("load", str(SMALL), stdout=io.StringIO())
    before = AuditEntry.objects.count()
    changed = tmp_path / "changed.yaml"
    changed.write_text(SMALL.read_text().replace("name: Force protection", "name: Bewaking", 1))
    call_command("load", str(changed), stdout=io.StringIO())
    [entry] = AuditEntry.objects.filter(sequence__gt=before)
    assert (entry.object_key, entry.action) == ("fp", Action.UPDATE)
    assert entry.changes == {"name": ["Force protection", "Bewaking"]}


def test_an_activity_log_import_is_one_entry_per_batch_with_rows_and_checksum(world):
    text = "contribution,date,count,area\n" + "".join(
        f"fp,2024-05-{day:02d},{day},Noord\n" for day in range(1, 21))
    before = AuditEntry.objects.count()
    log_import_csv(kind="movement", stream=io.StringIO(text), user=world["coordinator"],
                   batch="week-20")
    [entry] = AuditEntry.objects.filter(sequence__gt=before)
    assert entry.additional_data["rows"] == 20
    assert entry.additional_data["sha256"] == hashlib.sha256(text.encode()).hexdigest()
    assert (entry.action, entry.record_mission_id) == (Action.CREATE, world["mission"].pk)
    log_batch_delete(user=world["coordinator"], kind="movement", batch="week-20")
    [deleted] = AuditEntry.objects.filter(sequence__gt=entry.sequence)
    assert (deleted.action, deleted.additional_data["rows"]) == (Action.DELETE, 20)


def test_import_log_command_is_channel_cli_with_its_name(world, tmp_path):
    path = tmp_path / "moves.csv"
    path.write_text("contribution,date,count,area\nfp,2024-05-01,3,Noord\n")
    before = AuditEntry.objects.count()
    call_command("import-log", str(path), "--kind", "movement", stdout=io.StringIO())
    [entry] = AuditEntry.objects.filter(sequence__gt=before)
    assert (entry.channel, entry.command, entry.actor_name) == ("cli", "import-log", "system")


def test_a_management_command_names_itself(world):
    before = AuditEntry.objects.count()
    call_command("token", "create", "--user", "cor", "--name", "nightly", stdout=io.StringIO())
    [entry] = AuditEntry.objects.filter(sequence__gt=before)
    assert (entry.channel, entry.command, entry.actor_name) == ("cli", "token", "system")
    assert entry.content_type.model == "apitoken" and "digest" not in entry.changes
    assert entry.changes["user"] == [None, "cor"]


def test_a_change_of_a_nested_list_is_a_change_of_its_record(world):
    from missiemonitor.context.services import event_update

    event = f.ContextEventFactory(key="ev", mission=world["mission"])
    before = AuditEntry.objects.count()
    event_update(user=SYSTEM, event=event, version=event.version,
                 figures=[{"order": 1, "value": "3", "unit": "aanvallen"}])
    entries = list(AuditEntry.objects.filter(sequence__gt=before))
    assert [e.object_key for e in entries] == ["ev"]
    part = entries[0].changes["figures"]
    assert part["type"] == "part" and part["items"][0]["operation"] == "add"


def test_a_large_load_is_inserted_in_bulk_and_its_chain_verifies(db):
    from missiemonitor.datasets import dataset_path

    call_command("load", str(dataset_path()), stdout=io.StringIO())
    entries = AuditEntry.objects.count()
    assert entries > 200  # past the raw bulk insert's threshold
    result = chain_verify()
    assert result.ok and result.count == entries
    sample = AuditEntry.objects.filter(action=Action.CREATE).order_by("sequence").first()
    assert sample.changes and sample.channel == "cli" and sample.timestamp is not None


def test_a_created_record_lists_its_own_filled_fields_only(world):
    before = AuditEntry.objects.count()
    with audit_context(channel="web"):
        f.MissionFactory(key="m9", name="Missie Negen", description="")
    [entry] = AuditEntry.objects.filter(sequence__gt=before)
    assert entry.changes["name"] == [None, "Missie Negen"]
    assert "description" not in entry.changes  # empty
    assert "memberships" not in entry.changes and "members" not in entry.changes  # reverse
