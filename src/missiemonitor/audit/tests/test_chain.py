"""The chain: entries are numbered and linked, `audit verify` finds an edited, a deleted and a
swapped entry and names it, and PostgreSQL refuses changes to entries outright."""

from __future__ import annotations

import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError

from missiemonitor.audit.context import audit_context
from missiemonitor.audit.models import GENESIS, AuditChainHead, AuditEntry
from missiemonitor.audit.verify import chain_verify
from missiemonitor.core.principals import SYSTEM
from missiemonitor.testing import factories as f

pytestmark = pytest.mark.django_db


def _entries(count: int = 4) -> list[AuditEntry]:
    with audit_context(channel="cli", command="test", actor=SYSTEM):
        for n in range(count):
            f.OrganisationFactory(key=f"org-{n}", name=f"Organisation {n}")
    return list(AuditEntry.objects.order_by("sequence"))


def _raw(sql: str, params: list) -> None:
    """Change the table behind the application's back, as someone with database access would:
    on PostgreSQL they first have to switch the append-only trigger off."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_append_only")


def test_entries_are_numbered_and_each_links_to_the_one_before():
    entries = _entries()
    assert [e.sequence for e in entries] == [1, 2, 3, 4]
    assert entries[0].previous_hash == GENESIS
    for before, after in itertools.pairwise(entries):
        assert after.previous_hash == before.entry_hash
    head = AuditChainHead.objects.get()
    assert (head.sequence, head.entry_hash) == (4, entries[-1].entry_hash)


def test_verify_prints_the_count_and_ok(capsys):
    _entries()
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert "4 audit entries" in out
    assert "OK" in out


def test_verify_names_an_edited_entry():
    entries = _entries()
    _raw("UPDATE audit_auditentry SET object_repr = %s WHERE id = %s", ["forged", entries[2].pk])
    with pytest.raises(CommandError) as failure:
        call_command("audit", "verify")
    assert f"entry #3 (id {entries[2].pk}) was edited" in str(failure.value)
    assert failure.value.returncode == 1


def test_verify_names_an_edited_change_value():
    entries = _entries()
    _raw("UPDATE audit_auditentry SET changes = %s WHERE id = %s",
         ['{"name": [null, "Someone else"]}', entries[1].pk])
    result = chain_verify()
    assert (result.count, result.problem.sequence, result.problem.reason) == (1, 2, "edited")


def test_verify_names_a_deleted_entry():
    entries = _entries()
    _raw("DELETE FROM audit_auditentry WHERE id = %s", [entries[1].pk])
    result = chain_verify()
    assert result.problem.reason == "missing"
    assert result.problem.message.startswith("entry #2 is missing")
    assert f"(id {entries[2].pk})" in result.problem.message


def test_verify_notices_entries_deleted_at_the_end():
    entries = _entries()
    _raw("DELETE FROM audit_auditentry WHERE id = %s", [entries[-1].pk])
    result = chain_verify()
    assert result.problem.reason == "missing"
    assert "entry #4 is missing" in result.problem.message


def test_verify_names_two_swapped_entries():
    entries = _entries()
    a, b = entries[1], entries[2]
    # swap their places in the chain: exchange the sequence numbers (via a free number)
    _raw("UPDATE audit_auditentry SET sequence = %s WHERE id = %s", [1000, a.pk])
    _raw("UPDATE audit_auditentry SET sequence = %s WHERE id = %s", [2, b.pk])
    _raw("UPDATE audit_auditentry SET sequence = %s WHERE id = %s", [3, a.pk])
    result = chain_verify()
    assert result.problem.reason == "order"
    assert f"entry #2 (id {b.pk}) is out of order" in result.problem.message


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_refuses_to_change_or_delete_an_entry():
    entries = _entries(1)
    for sql in ("UPDATE audit_auditentry SET object_repr = 'x' WHERE id = %s",
                "DELETE FROM audit_auditentry WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
                connection.cursor() as cursor:
            cursor.execute(sql, [entries[0].pk])
    assert chain_verify().ok
