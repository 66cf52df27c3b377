"""The audit log: sign-ins, views and changes of personal data are recorded, and the log cannot be
changed or deleted."""

import pytest
from django.db import connection, transaction
from django.urls import reverse

from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role

from ..factories import PASSWORD, current_code, make_user

pytestmark = pytest.mark.django_db


def real_sign_in(client, user):
    response = client.post(reverse("core:sign-in"), {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    response = client.post(reverse("core:sign-in-code"), {"otp_token": current_code(user.test_device)})
    assert response.status_code == 302 and response["Location"] == reverse("core:home")


def test_sign_in_view_and_change_are_each_in_the_audit_log(client, anytown, user_with):
    admin = user_with(Role.ADMINISTRATOR)
    person = make_user(anytown, Role.STAFF)

    # Given an administrator signs in with their password and security code
    real_sign_in(client, admin)
    # When they view a person's record, then change it
    assert client.get(reverse("core:person-detail", args=[person.public_id])).status_code == 200
    response = client.post(reverse("core:person-edit", args=[person.public_id]), {
        "full_name": "Renamed Person", "job_title": "Housing officer", "phone": "", "roles": [Role.STAFF],
        "is_active": "yes", "version": person.version,
    })
    assert response.status_code == 302
    # And sign out
    client.post(reverse("core:sign-out"))

    # Then the audit log holds each event, with who, which organisation, what, which record and where from
    events = list(AuditEvent.objects.filter(actor=admin).order_by("at", "id"))
    actions = [e.action for e in events]
    assert actions[0] == AuditEvent.Action.SIGN_IN
    view = next(e for e in events if e.action == AuditEvent.Action.VIEW and e.record_id == str(person.public_id))
    change = next(e for e in events if e.action == AuditEvent.Action.CHANGE)
    assert change.record_id == str(person.public_id)
    assert "full name" in change.description and "job title" in change.description
    assert actions[-1] == AuditEvent.Action.SIGN_OUT
    for event in (view, change):
        assert event.organisation == anytown
        assert event.actor_label == admin.email
        assert event.ip_address == "127.0.0.1"
        assert event.request_id


def test_failed_sign_in_is_recorded_without_the_password(client, user_with):
    user = user_with(Role.STAFF)
    client.post(reverse("core:sign-in"), {"email": user.email, "password": "wrong-password-123"})
    event = AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN_FAILED)
    assert event.actor == user and event.actor_label == user.email
    assert "wrong-password" not in str(event.__dict__)


def test_wrong_security_code_is_recorded(client, user_with):
    user = user_with(Role.CASEWORKER)
    client.post(reverse("core:sign-in"), {"email": user.email, "password": PASSWORD})
    client.post(reverse("core:sign-in-code"), {"otp_token": "000000" if current_code(user.test_device) != "000000" else "111111"})
    assert AuditEvent.objects.filter(actor=user, action=AuditEvent.Action.TWO_FACTOR_FAILED).count() == 1


def test_auditor_can_search_the_log_but_only_for_their_organisations(client, sign_in, anytown, bexford, user_with):
    auditor = user_with(Role.AUDITOR)
    ours = make_user(anytown, Role.STAFF)
    theirs = make_user(bexford, Role.STAFF)
    for user in (ours, theirs):
        client.post(reverse("core:sign-in"), {"email": user.email, "password": "not-the-password-1"})
    sign_in(client, auditor)
    page = client.get(reverse("core:audit-log"), {"action": "sign_in_failed"}).content.decode()
    assert ours.email in page
    assert theirs.email not in page
    # Searching is itself audited
    assert AuditEvent.objects.filter(actor=auditor, action=AuditEvent.Action.SEARCH).exists()


def test_audit_search_rejects_an_impossible_date_and_keeps_what_was_typed(client, sign_in, user_with):
    sign_in(client, user_with(Role.AUDITOR))
    page = client.get(reverse("core:audit-log"), {"date_from-day": "31", "date_from-month": "2", "date_from-year": "2026"}).content.decode()
    assert "There is a problem" in page
    assert "The start date must be a real date" in page
    assert 'value="31"' in page


def test_audit_events_cannot_be_changed_or_deleted_through_the_application(user_with):
    user = user_with(Role.STAFF)
    event = AuditEvent.objects.create(actor=user, action=AuditEvent.Action.VIEW, record_type="user")
    event.description = "tampered"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(description="tampered")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL")
def test_postgresql_refuses_update_and_delete_of_audit_rows_even_to_the_owner(user_with):
    # The runtime role may not UPDATE or DELETE at all (tests/security/test_audit_tamper_evidence.py);
    # the trigger refuses them even to the owner of the table, unless the owner disables it first.
    from django.db import DatabaseError

    from ..postgres_roles import owner_rights

    user = user_with(Role.STAFF)
    event = AuditEvent.objects.create(actor=user, action=AuditEvent.Action.VIEW, record_type="user")
    for sql in ("UPDATE core_auditevent SET description = 'tampered' WHERE id = %s",
                "DELETE FROM core_auditevent WHERE id = %s"):
        with owner_rights(), pytest.raises(DatabaseError, match="append-only"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).description == ""


def test_bulk_writes_to_the_audit_log_are_refused(user_with):
    # Every event is appended through save(), which chains it; nothing may go round it.
    with pytest.raises(PermissionError):
        AuditEvent.objects.bulk_create([AuditEvent(action=AuditEvent.Action.VIEW, record_type="user")])
    event = AuditEvent.objects.create(action=AuditEvent.Action.VIEW, record_type="user")
    with pytest.raises(PermissionError):
        AuditEvent.objects.bulk_update([event], ["description"])
