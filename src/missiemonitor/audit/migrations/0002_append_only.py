"""Audit entries are append-only. On PostgreSQL a trigger refuses UPDATE and DELETE of entries
(TRUNCATE is left to the database owner: the test runner empties tables with it). SQLite has
no users to keep apart; there, as everywhere, ``missiemonitor audit verify`` finds changes.
The chain head starts at the genesis hash."""

from django.db import migrations

GENESIS = "0" * 64

FORWARD = """
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only: % refused on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry;
DROP FUNCTION IF EXISTS audit_entry_append_only();
"""


def trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


def head(apps, schema_editor):
    apps.get_model("audit", "AuditChainHead").objects.get_or_create(
        pk=1, defaults={"sequence": 0, "entry_hash": GENESIS})


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(trigger, drop_trigger),
        migrations.RunPython(head, migrations.RunPython.noop),
    ]
