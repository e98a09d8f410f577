"""The admin shows the audit trail read only: no add, change or delete, not even for a
superuser, and only entries of records the administrator may see."""

from __future__ import annotations

import pytest

from missiemonitor.audit.context import audit_context
from missiemonitor.audit.models import AuditEntry
from missiemonitor.audit.verify import chain_verify
from missiemonitor.core.models import Classification
from missiemonitor.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = f.UserFactory(username="root", is_staff=True, is_superuser=True, all_missions=True,
                         clearance=Classification.DEPARTEMENTAAL_VERTROUWELIJK)
    client.force_login(user)
    return client


def test_the_admin_refuses_to_add_change_or_delete_entries(admin_client):
    with audit_context(channel="system"):
        f.OrganisationFactory(key="org", name="Een")
    entry = AuditEntry.objects.get(object_key="org")
    base = "/admin/audit/auditentry/"
    assert admin_client.get(base).status_code == 200
    page = admin_client.get(f"{base}{entry.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert admin_client.post(f"{base}{entry.pk}/change/", {"object_repr": "x"}).status_code == 403
    assert admin_client.get(f"{base}add/").status_code == 403
    assert admin_client.post(f"{base}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = admin_client.post(base, {"action": "delete_selected", "_selected_action": [entry.pk]})
    assert bulk.status_code in (200, 302)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
    assert chain_verify().ok


def test_the_admin_lists_only_entries_of_records_the_administrator_may_see(admin_client):
    f.ContextEventFactory(key="open-event")
    f.ContextEventFactory(key="secret-event", classification=Classification.STG_GEHEIM)
    html = admin_client.get("/admin/audit/auditentry/").content.decode()
    assert "open-event" in html and "secret-event" not in html


def test_the_admin_lists_no_entries_of_a_record_the_administrator_may_see_no_longer(admin_client):
    """An entry keeps the classification and mission its record had; a record raised above the
    administrator's clearance since, or citing what they may not see, has no entries for them
    (the authorisation matrix found the key of such a record in the list)."""
    raised = f.ContextEventFactory(key="raised-event")
    raised.classification = Classification.STG_GEHEIM
    raised.save()
    f.ContextEventFactory(key="open-event")
    html = admin_client.get("/admin/audit/auditentry/").content.decode()
    assert "open-event" in html and "raised-event" not in html
    first = AuditEntry.objects.filter(object_key="raised-event").order_by("sequence").first()
    assert first.record_classification == Classification.ONGERUBRICEERD
    assert admin_client.get(f"/admin/audit/auditentry/{first.pk}/change/").status_code == 302
    raised.delete()  # a deleted record: its entries are read by what they kept
    html = admin_client.get("/admin/audit/auditentry/").content.decode()
    assert html.count("raised-event") == 1  # the entry of its creation; not the raise, nor the delete
