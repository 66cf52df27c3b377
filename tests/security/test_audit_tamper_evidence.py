"""Issue 14, finding M6: the audit log is tamper-evident (ADR 0024).

On PostgreSQL the application's runtime role may only INSERT and SELECT on the audit table: every
way of changing or emptying it is refused. Whoever changes it anyway (the owner, or anyone on
SQLite, with raw SQL behind the application's back) breaks the hash chain, and
``manage.py verify_audit_log`` names the first event where it breaks, without printing what the
events say."""

import os
import threading
from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, ProgrammingError, connection, connections, transaction
from django.test import Client
from django.urls import reverse

from clearsight.core import audit_chain, database_roles
from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role

from ..factories import make_user
from ..postgres_roles import ENVIRONMENT_VARIABLE, acting_as_runtime_role, current_role, owner_rights

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="database roles and privileges exist on PostgreSQL only (SQLite has no roles: there the chain is "
           "the only protection, tested below)")

SECRET = "Ms Jane Example, 12 Secret Street"  # stands for personal data in an event's description


def verify(*args):
    """(exit status, what verify_audit_log printed) — 0 and its line when intact."""
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_audit_log", *args, stdout=out, stderr=err)
    except CommandError as error:
        return 1, str(error)
    return 0, out.getvalue()


def events(count, description=SECRET):
    return [AuditEvent.objects.create(action=AuditEvent.Action.VIEW, record_type="case", record_id=str(n),
                                      actor_label="caseworker@anytown.example", description=description,
                                      ip_address="192.0.2.7")
            for n in range(count)]


@contextmanager
def behind_the_applications_back():
    """A cursor that can change audit rows: on SQLite any connection can; on PostgreSQL only the
    owner, and only with the append-only trigger disabled (as a rogue owner would)."""
    postgres = connection.vendor == "postgresql"
    with owner_rights(), connection.cursor() as cursor:
        if postgres:
            disable_the_trigger(cursor)
        yield cursor
        if postgres:
            enable_the_trigger(cursor)


def disable_the_trigger(cursor):
    # The test's own transaction holds the events' deferred foreign key checks; run them first, as a
    # commit would, since a table with checks pending cannot be altered.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only")


def enable_the_trigger(cursor):
    cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_append_only")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


# ------------------------------------------------------------- the runtime role on PostgreSQL

REFUSED_TO_THE_RUNTIME_ROLE = {
    "update": "UPDATE core_auditevent SET description = 'tampered'",
    "delete": "DELETE FROM core_auditevent",
    "truncate": "TRUNCATE core_auditevent",
    "alter table": "ALTER TABLE core_auditevent ADD COLUMN note text",
    "drop trigger": "DROP TRIGGER core_auditevent_append_only ON core_auditevent",
    "disable trigger": "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only",
    "disable every trigger": "ALTER TABLE core_auditevent DISABLE TRIGGER ALL",
    "drop table": "DROP TABLE core_auditevent",
    "take ownership": "ALTER TABLE core_auditevent OWNER TO CURRENT_USER",
    "add a trigger": "CREATE TRIGGER sneaky BEFORE INSERT ON core_auditevent "
                     "FOR EACH ROW EXECUTE FUNCTION clearsight_audit_append_only()",
}


@on_postgresql
@pytest.mark.postgres
@pytest.mark.parametrize("statement", REFUSED_TO_THE_RUNTIME_ROLE.values(), ids=REFUSED_TO_THE_RUNTIME_ROLE.keys())
def test_the_runtime_role_cannot_change_or_empty_the_audit_log(statement):
    events(2)
    with acting_as_runtime_role(), pytest.raises(ProgrammingError) as refused:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert refused.value.__cause__.sqlstate == "42501"  # insufficient_privilege, not some other failure


@on_postgresql
@pytest.mark.postgres
def test_the_runtime_role_appends_and_reads_but_owns_nothing(user_with, signed_in):
    with acting_as_runtime_role() as runtime:
        client = signed_in(user_with(Role.AUDITOR))
        assert client.get(reverse("core:audit-log")).status_code == 200
        with connection.cursor() as cursor:
            cursor.execute("SELECT session_user")
            (owner,) = cursor.fetchone()
            assert database_roles.problems(cursor, owner, runtime) == []
        assert verify()[0] == 0


@on_postgresql
@pytest.mark.postgres
@pytest.mark.skipif(not os.environ.get(ENVIRONMENT_VARIABLE), reason=f"{ENVIRONMENT_VARIABLE} is not set (CI sets it)")
def test_the_suite_runs_as_the_runtime_role_when_asked_and_bin_postgres_roles_agrees():
    acting, owner = current_role()
    assert acting == os.environ[ENVIRONMENT_VARIABLE] != owner
    settings = connection.settings_dict
    url = f"postgresql://{owner}@{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    assert database_roles.main([url, owner, acting, "--check"]) == 0


@on_postgresql
@pytest.mark.postgres
def test_verify_finds_an_event_the_owner_changed_with_the_trigger_disabled():
    first, changed, last = events(3)
    with owner_rights(), connection.cursor() as cursor:
        disable_the_trigger(cursor)
        cursor.execute("UPDATE core_auditevent SET description = 'nothing to see' WHERE id = %s", [changed.pk])
        enable_the_trigger(cursor)
    status, report = verify()
    assert status == 1
    assert f"event {changed.pk} ({audit_chain.timestamp(changed.at)})" in report
    assert "content has changed" in report
    assert SECRET not in report and "nothing to see" not in report


@on_postgresql
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_make_one_chain():
    # Eight connections append at once; the advisory lock makes them take turns, so the chain
    # does not fork (and if it did, one successor per event is all the database would store).
    threads, per_thread, failures = 8, 15, []
    start = threading.Barrier(threads)

    def append(n):
        try:
            start.wait()
            for i in range(per_thread):
                AuditEvent.objects.create(action=AuditEvent.Action.VIEW, record_type="case", record_id=f"{n}-{i}")
        except Exception as error:  # pragma: no cover - reported below
            failures.append(repr(error))
        finally:
            connections.close_all()

    workers = [threading.Thread(target=append, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failures == []
    status, report = verify()
    assert status == 0 and report.startswith(f"{threads * per_thread} events, chain intact")


# ------------------------------------------------------------- the chain, on SQLite and PostgreSQL

def test_a_chain_made_by_real_page_visits_is_intact(anytown, user_with, signed_in):
    admin = user_with(Role.ADMINISTRATOR)
    person = make_user(anytown, Role.STAFF)
    client = signed_in(admin)
    assert client.get(reverse("core:person-detail", args=[person.public_id])).status_code == 200
    assert client.post(reverse("core:person-edit", args=[person.public_id]), {
        "full_name": "Renamed Person", "job_title": "Housing officer", "phone": "", "roles": [Role.STAFF],
        "is_active": "yes", "version": person.version,
    }).status_code == 302
    client.post(reverse("core:sign-out"))
    Client().post(reverse("core:sign-in"), {"email": person.email, "password": "not-the-password-1"})

    count = AuditEvent.objects.count()
    assert set(AuditEvent.objects.values_list("action", flat=True)) == {
        "sign_in", "view", "change", "sign_out", "sign_in_failed"}
    status, report = verify()
    assert status == 0
    assert report.startswith(f"{count} events, chain intact")
    assert admin.email not in report and person.email not in report


def test_an_empty_log_is_intact():
    assert verify() == (0, "0 events, chain intact\n")


def test_verify_finds_an_event_changed_behind_the_applications_back():
    first, changed, last = events(3)
    with behind_the_applications_back() as cursor:
        cursor.execute("UPDATE core_auditevent SET description = 'nothing to see' WHERE id = %s", [changed.pk])
    status, report = verify()
    assert status == 1
    assert report.startswith(f"Audit log chain broken at event {changed.pk} ({audit_chain.timestamp(changed.at)}): "
                             "its content has changed")
    assert SECRET not in report and "nothing to see" not in report


def test_verify_finds_an_event_deleted_from_the_middle():
    first, deleted, after = events(3)
    with behind_the_applications_back() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [deleted.pk])
    status, report = verify()
    assert status == 1
    assert f"broken at event {after.pk} " in report
    assert f"does not follow event {first.pk} " in report and "deleted" in report


def test_verify_finds_the_first_events_deleted():
    first, second = events(2)
    with behind_the_applications_back() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [first.pk])
    status, report = verify()
    assert status == 1
    assert f"broken at event {second.pk} " in report and "events before it are missing" in report


def test_verify_finds_an_event_rewritten_with_a_fresh_hash():
    # Someone who knows the hash function rewrites an event and fixes its own hash: the next event
    # still points at the old hash.
    first, rewritten, after = events(3)
    values = {field: getattr(rewritten, field) for field in audit_chain.FIELDS} | {"description": "nothing to see"}
    with behind_the_applications_back() as cursor:
        cursor.execute("UPDATE core_auditevent SET description = %s, hash = %s WHERE id = %s",
                       ["nothing to see", audit_chain.event_hash(values, rewritten.previous_hash), rewritten.pk])
    status, report = verify()
    assert status == 1
    assert f"broken at event {after.pk} " in report and "was rewritten with a new hash" in report


def test_verify_finds_a_forged_event_that_does_not_link():
    first, last = events(2)
    forged = {"at": last.at, "actor_id": None, "actor_label": "", "organisation_id": None, "action": "view",
              "record_type": "case", "record_id": "x", "description": "", "ip_address": None, "request_id": ""}
    previous = "f" * 64
    with behind_the_applications_back() as cursor:
        cursor.execute(
            "INSERT INTO core_auditevent (at, actor_label, action, record_type, record_id, description, request_id, "
            "previous_hash, hash) VALUES (%s, '', 'view', 'case', 'x', '', '', %s, %s)",
            [last.at, previous, audit_chain.event_hash(forged, previous)])
    status, report = verify()
    assert status == 1
    assert f"does not follow event {last.pk} " in report


def test_events_deleted_from_the_end_are_found_against_an_earlier_check():
    events(3)
    status, report = verify()
    assert status == 0
    expectation = report.split("--expect ")[1].rstrip(")\n")
    events(2)
    assert verify("--expect", expectation)[0] == 0  # later events do not matter
    newest = AuditEvent.objects.order_by("-id").values_list("pk", flat=True)[:3]
    with behind_the_applications_back() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id IN (%s, %s, %s)", list(newest))
    assert verify()[0] == 0  # the chain itself still holds...
    status, report = verify("--expect", expectation)
    assert status == 1 and "no longer in the log" in report  # ...but the earlier check's last event is gone


def test_two_events_cannot_follow_the_same_event():
    first, second = events(2)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_auditevent (at, actor_label, action, record_type, record_id, description, request_id, "
            "previous_hash, hash) VALUES (%s, '', 'view', 'case', 'x', '', '', %s, %s)",
            [second.at, second.previous_hash, "e" * 64])


def test_the_audit_log_migrations_cannot_be_rolled_back():
    from importlib import import_module

    from django.db.migrations.exceptions import IrreversibleError

    for name in ("0002_audit_append_only", "0006_audit_hash_chain"):
        module = import_module(f"clearsight.core.migrations.{name}")
        for operation in module.Migration.operations:
            if hasattr(operation, "reverse_code"):
                with pytest.raises(IrreversibleError):
                    operation.reverse_code(None, None)
