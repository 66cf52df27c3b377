"""The audit log becomes a hash chain (ADR 0024): every event stores the hash of the event before it
and its own, the events already written are chained in id order, and one event may follow each.

On PostgreSQL it also takes UPDATE, DELETE, TRUNCATE, REFERENCES and TRIGGER on the audit table away
from every role but its owner (the runtime role keeps INSERT and SELECT; see bin/postgres-roles).
This migration cannot be rolled back: that would throw away the chain."""

from django.db import migrations, models
from django.db.migrations.exceptions import IrreversibleError

from clearsight.core import audit_chain

BATCH = 2000
TABLE = "core_auditevent"
TRIGGER = "core_auditevent_append_only"  # migration 0002

REVOKE_FROM_ALL_BUT_THE_OWNER = f"""
DO $$
DECLARE grantee text;
BEGIN
    FOR grantee IN
        SELECT DISTINCT CASE WHEN acl.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(acl.grantee)) END
        FROM pg_class AS c, aclexplode(c.relacl) AS acl
        WHERE c.oid = '{TABLE}'::regclass AND acl.grantee <> c.relowner
          AND acl.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER')
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {TABLE} FROM %s', grantee);
    END LOOP;
END $$;
"""


def chain_existing_events(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    connection = schema_editor.connection
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgres:  # the owner sets the new columns once, with the append-only trigger paused
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER {TRIGGER}")
        previous, last_id = audit_chain.GENESIS, 0
        while True:
            rows = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id").values("id", *audit_chain.FIELDS)[:BATCH])
            if not rows:
                break
            updates = []
            for row in rows:
                digest = audit_chain.event_hash(row, previous)
                updates.append((previous, digest, row["id"]))
                previous = digest
            cursor.executemany(f"UPDATE {TABLE} SET previous_hash = %s, hash = %s WHERE id = %s", updates)
            last_id = rows[-1]["id"]
        if postgres:
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER {TRIGGER}")


def revoke_changes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVOKE_FROM_ALL_BUT_THE_OWNER, params=None)


def refuse(apps, schema_editor):
    raise IrreversibleError("The audit log's hash chain cannot be rolled back: that would remove the evidence "
                            "that the log is intact (ADR 0024).")


class Migration(migrations.Migration):
    dependencies = [("core", "0005_data_protection_officer_role")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="previous_hash",
            field=models.CharField(default="", editable=False, help_text="The hash of the event before this one.",
                                   max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False,
                                   help_text="SHA-256 of this event's fields and previous_hash.", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing_events, refuse),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(fields=("previous_hash",), name="core_auditevent_one_successor"),
        ),
        migrations.RunPython(revoke_changes, refuse),
    ]
