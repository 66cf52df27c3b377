"""On PostgreSQL the audit table itself refuses UPDATE and DELETE, whoever connects.

TRUNCATE (used only when a test database is reset, or by a database owner) is not a row change
and is not blocked: the application's runtime role is not granted TRUNCATE on this table (ADR 0024,
bin/postgres-roles). This migration cannot be rolled back: that would drop the trigger."""

from django.db import migrations
from django.db.migrations.exceptions import IrreversibleError

CREATE = """
CREATE OR REPLACE FUNCTION clearsight_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit log is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER core_auditevent_append_only
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION clearsight_audit_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    raise IrreversibleError("The audit log's protection cannot be rolled back: removing it would let the "
                            "audit table be changed (ADR 0007, ADR 0024).")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
