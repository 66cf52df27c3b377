"""Email through GOV.UK Notify (ADR 0034), against a local server that speaks Notify's API contract
(tests/notify_server.py): emails are queued by pages and tasks and sent only by the task worker, with
Clearsight's one Notify template; failures are retried or given up on, and recorded; a message is
sent once however often it is queued."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from clearsight.assessments.models import Assessment
from clearsight.core import email
from clearsight.core.models import AuditEvent, OutboundEmail
from clearsight.core.roles import Role
from clearsight.supply.models import SupplierContact

from ..factories import SupplierFactory
from ..notify_server import API_KEY, TEMPLATE_ID, NotifyServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def notify(settings):
    """A Notify API on 127.0.0.1 at a free port, and Clearsight set to send through it."""
    server = NotifyServer().start()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    settings.CLEARSIGHT_EMAIL = "notify"
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_TEMPLATE_ID = TEMPLATE_ID
    settings.NOTIFY_BASE_URL = server.url
    settings.NOTIFY_TIMEOUT_SECONDS = 10
    yield server
    server.stop()


def run_worker():
    """Do what the task worker does with every task that is due: claim it, run it, record its result."""
    ran = 0
    while (task_result := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
        task_result.claim("test-worker")
        call = task_result.task_result
        task_result.set_successful(task_result.task.call(*call.args, **call.kwargs))
        ran += 1
    return ran


def when_the_wait_is_over():
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now() - timedelta(seconds=1))


@pytest.fixture
def officer(user_with):
    return user_with(Role.PROCUREMENT_OFFICER, Role.STAFF)


@pytest.fixture
def supplier(anytown):
    supplier = SupplierFactory(
        organisation=anytown, name="Greenleaf Grounds Ltd", is_sme=True, annual_turnover=2_000_000
    )
    SupplierContact.objects.create(
        supplier=supplier, name="Hannah Greaves", role="Director", email="hannah@greenleaf.example", is_main=True
    )
    return supplier


def send_questionnaire(client, sign_in, officer, supplier):
    sign_in(client, officer)
    contact = supplier.contacts.get()
    return client.post(
        reverse("assessments:send", kwargs={"public_id": supplier.public_id}),
        {"recipient": str(contact.pk), "kind": "short"},
    )


def test_a_link_emailed_from_a_page_goes_through_notify_only_when_the_worker_runs(
    client, sign_in, officer, supplier, notify
):
    """Given Clearsight set to send through Notify, when an officer sends a supplier the questionnaire,
    then the page answers without asking Notify anything, and the email waits as queued; when the
    worker runs, Notify gets it with Clearsight's template, the subject and the words with the link,
    and the email is recorded as sent with Notify's id, its body no longer kept."""
    response = send_questionnaire(client, sign_in, officer, supplier)

    assert response.status_code == 302
    assert notify.requests == [] and notify.sent == []
    queued = OutboundEmail.objects.get()
    assert (queued.status, queued.to, queued.attempts) == ("queued", "hannah@greenleaf.example", 0)

    assert run_worker() == 1

    [sent] = notify.sent
    assert sent["email_address"] == "hannah@greenleaf.example" and sent["template_id"] == TEMPLATE_ID
    assert sent["personalisation"]["subject"] == f"Modern slavery questionnaire from {supplier.organisation.name}"
    assert sent["subject"] == sent["personalisation"]["subject"]  # the template's subject is ((subject))
    assert "/supplier-assessment/" in sent["personalisation"]["body"]
    assert "Greenleaf Grounds Ltd" in sent["personalisation"]["body"]
    assert sent["reference"] == email.notify_reference(queued) and "@" not in sent["reference"]
    queued.refresh_from_db()
    assert (queued.status, queued.provider, queued.provider_id, queued.attempts) == ("sent", "notify", sent["id"], 1)
    assert queued.sent_at is not None and queued.body == "" and queued.last_error == ""
    assert Assessment.objects.get().status == Assessment.Status.SENT


def test_a_server_error_from_notify_is_tried_again_later_and_recorded(anytown, notify):
    """Given Notify answering 500 to the first try, when the worker sends an email, then the email stays
    queued with the attempt and Notify's error recorded, and is tried again only after a wait; when the
    wait is over, the second try sends it."""
    notify.fail_next(500)
    outbound = email.queue("test-message", "sam@example.org", "Subject", "Body", organisation=anytown)

    run_worker()

    outbound.refresh_from_db()
    assert (outbound.status, outbound.attempts) == ("queued", 1)
    assert outbound.last_error == "Notify answered 500: Exception: Internal server error"
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.run_after > timezone.now() + timedelta(seconds=30)
    assert run_worker() == 0 and notify.sent == []  # not before the wait is over

    when_the_wait_is_over()
    run_worker()

    outbound.refresh_from_db()
    assert (outbound.status, outbound.attempts, outbound.last_error) == ("sent", 2, "")
    assert [s["email_address"] for s in notify.sent] == ["sam@example.org"]


def test_an_email_notify_refuses_fails_at_once_and_is_not_tried_again(anytown, notify):
    """Given Notify answering 400 (say, an address it will not send to), when the worker sends an
    email, then it is recorded as failed with Notify's message after one attempt, nothing more is
    queued, and the body is not kept."""
    notify.fail_next(400)
    outbound = email.queue("test-message", "sam@example.org", "Subject", "Body", organisation=anytown)

    run_worker()
    when_the_wait_is_over()
    assert run_worker() == 0

    outbound.refresh_from_db()
    assert (outbound.status, outbound.attempts, outbound.body) == ("failed", 1, "")
    assert outbound.last_error.startswith("Notify answered 400: BadRequestError")
    assert [r for r in notify.requests if r[0] == "POST"] == [("POST", "/v2/notifications/email", 400)]


def test_a_retried_email_is_given_up_after_the_last_attempt(anytown, notify):
    """Given Notify failing every time, when the worker has tried as often as it may, then the email
    is recorded as failed and not tried again."""
    notify.fail_next(503, times=email.MAX_ATTEMPTS)
    outbound = email.queue("test-message", "sam@example.org", "Subject", "Body", organisation=anytown)

    for _ in range(email.MAX_ATTEMPTS):
        run_worker()
        when_the_wait_is_over()

    outbound.refresh_from_db()
    assert (outbound.status, outbound.attempts) == ("failed", email.MAX_ATTEMPTS)
    assert run_worker() == 0 and notify.sent == []


def test_the_same_message_queued_twice_is_sent_once(anytown, notify):
    """Given a task that queues the same message twice (it ran again after its worker died), when the
    worker runs, then Notify is asked once and one email is recorded; running the send again sends
    nothing more."""
    first = email.queue("overdue-action:abc:2026-01-01", "sam@example.org", "Subject", "Body", organisation=anytown)
    second = email.queue("overdue-action:abc:2026-01-01", "Sam@Example.org", "Subject", "Body", organisation=anytown)

    run_worker()
    email.send_email.call(first.pk)

    assert first.pk == second.pk and OutboundEmail.objects.count() == 1
    assert len(notify.sent) == 1


def test_a_send_cut_short_after_notify_accepted_it_is_not_sent_again(anytown, notify):
    """Given a worker that asked Notify to send an email and died before recording it, when the send
    runs again, then Notify is asked whether it has the email (by its reference), and it is recorded
    as sent with Notify's id rather than sent a second time."""
    outbound = email.queue("test-message", "sam@example.org", "Subject", "Body", organisation=anytown)
    email._claim(outbound.pk)
    notify_id = email._notify_send(outbound)  # the worker dies here

    run_worker()

    outbound.refresh_from_db()
    assert (outbound.status, outbound.provider_id, outbound.attempts) == ("sent", notify_id, 2)
    assert len(notify.sent) == 1


def test_notify_refuses_a_token_signed_with_the_wrong_secret(anytown, notify, settings):
    """Given a wrong API key, when the worker sends, then Notify's 403 is recorded and the email fails
    (a wrong key is not mended by trying again)."""
    settings.NOTIFY_API_KEY = API_KEY[:-4] + "0000"
    outbound = email.queue("test-message", "sam@example.org", "Subject", "Body", organisation=anytown)

    run_worker()

    outbound.refresh_from_db()
    assert outbound.status == "failed" and outbound.last_error.startswith("Notify answered 403: AuthError")
    assert notify.sent == []


def test_a_supplier_link_whose_email_fails_is_withdrawn(client, sign_in, officer, supplier, notify):
    """Given Notify refusing the email with a supplier's link, when the worker has tried, then the link
    nobody received is withdrawn, so the officer sees the questionnaire as withdrawn and sends again."""
    notify.fail_next(400)
    send_questionnaire(client, sign_in, officer, supplier)

    run_worker()

    assert Assessment.objects.get().status == Assessment.Status.WITHDRAWN


def test_an_administrator_sees_their_organisations_emails_in_the_admin(
    client, sign_in, administrator, anytown, bexford, notify
):
    """Given emails of two organisations, one failed, when an administrator of one opens the emails in
    the admin, then they see their organisation's emails with status and error, not the other's."""
    notify.fail_next(400)
    email.queue("ours", "ours@example.org", "Our subject", "Body", organisation=anytown)
    email.queue("theirs", "theirs@example.org", "Their subject", "Body", organisation=bexford)
    run_worker()

    sign_in(client, administrator)
    page = client.get(reverse("admin:core_outboundemail_changelist")).content.decode()

    assert "ours@example.org" in page and "Failed" in page and "Notify answered 400" in page
    assert "theirs@example.org" not in page
    assert AuditEvent.objects.filter(actor=administrator, action="view", record_type="outbound email").exists()
