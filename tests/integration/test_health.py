"""Health checks and the request id, in process: what a load balancer is told by /healthz and /readyz,
and how one request's id ties its response, its JSON log line and its audit event together
(core/health.py, core/request_id.py; README, "Running it for real")."""

import json
import logging
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max
from pythonjsonlogger.json import JsonFormatter

from clearsight.core import health
from clearsight.core.models import AuditEvent, WorkerHeartbeat
from clearsight.core.request_id import RequestIdLogFilter
from clearsight.core.roles import Role
from clearsight.core.worker import host_key

from ..factories import PASSWORD, current_code

pytestmark = pytest.mark.django_db


def a_live_worker(**fields):
    """A heartbeat row for a worker that is running: this test process, on this machine, beating now."""
    import os

    from clearsight.core.worker import process_started

    defaults = {
        "worker_id": "test-worker",
        "host": host_key(),
        "pid": os.getpid(),
        "process_started": process_started(os.getpid()) or "",
        "beat_at": timezone.now(),
    }
    return WorkerHeartbeat.objects.create(**(defaults | fields))


def a_queued_task(enqueued_at, run_after=None):
    task = DBTaskResult.objects.create(
        task_path="clearsight.core.tests.nothing",
        args_kwargs={"args": [], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        priority=0,
        run_after=run_after or get_date_max(),
        exception_class_path="",
        traceback="",
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=enqueued_at)
    return task


def test_liveness_answers_ok_without_the_database(client, django_assert_num_queries):
    # Given a load balancer asks whether the process is alive, from an address that is no allowed host
    with django_assert_num_queries(0):
        response = client.get("/healthz", HTTP_HOST="10.0.0.7")
    # Then it is told "ok" without the database being asked, and nothing is cached
    assert response.status_code == 200 and response.content == b"ok"
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_ready_when_the_database_migrations_worker_and_queue_are_well(client):
    # Given a worker beating and nothing waiting
    a_live_worker()
    # When the load balancer asks whether Clearsight is ready
    response = client.get("/readyz", HTTP_HOST="10.0.0.7")
    # Then it is, and each check says ok
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "migrations": "ok", "worker": "ok", "queue": "ok"},
    }


def test_not_ready_without_a_worker_says_which_check_failed(client):
    # Given no task worker has ever run
    # When the load balancer asks
    response = client.get("/readyz")
    # Then it is told 503, with the failed check named, and no session or audit event comes of it
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready" and body["failed"] == ["worker"]
    assert body["checks"]["worker"] == "no task worker is running"
    assert "Set-Cookie" not in response.headers
    assert not AuditEvent.objects.exists()


def test_a_worker_whose_process_has_gone_is_not_a_running_worker(client):
    # Given a heartbeat row left by a worker killed outright (its process number no longer runs)
    a_live_worker(pid=2**22 + 12345, process_started="1")
    # Then Clearsight is not ready
    assert client.get("/readyz").json()["failed"] == ["worker"]


def test_a_worker_elsewhere_with_a_stale_heartbeat_is_not_enough():
    # Given a worker on another machine that last beat longer ago than the stale limit
    now = timezone.now()
    a_live_worker(host="another-machine", beat_at=now - timedelta(seconds=settings.WORKER_STALE_SECONDS + 1))
    # Then the worker check fails; a fresh beat from there passes it
    assert health.check_worker(now) == "no task worker is running"
    WorkerHeartbeat.objects.update(beat_at=now)
    assert health.check_worker(now) == "ok"


def test_a_task_waiting_too_long_makes_it_not_ready(settings):
    settings.READY_QUEUE_SECONDS = 300
    now = timezone.now()
    a_live_worker()
    # Given a task queued 10 minutes ago that no worker has picked up
    a_queued_task(now - timedelta(minutes=10))
    # Then readiness fails on the queue, naming how long it waited
    outcome = health.readiness(now)
    assert outcome.failed == ["queue"]
    assert outcome.checks["queue"].startswith("a task has waited 600 seconds")


def test_a_task_scheduled_for_later_has_not_been_waiting(settings):
    settings.READY_QUEUE_SECONDS = 300
    now = timezone.now()
    # Given a task queued an hour ago to run in an hour, and one queued an hour ago to run a minute ago
    a_queued_task(now - timedelta(hours=1), run_after=now + timedelta(hours=1))
    assert health.oldest_waiting_seconds(now) == 0
    a_queued_task(now - timedelta(hours=1), run_after=now - timedelta(minutes=1))
    # Then only the second counts, from the time it was due
    assert health.oldest_waiting_seconds(now) == pytest.approx(60)


def test_unapplied_migrations_make_it_not_ready(monkeypatch):
    monkeypatch.setattr(health, "_all_applied", False)
    monkeypatch.setattr(health, "unapplied_migrations", lambda: 2)
    assert health.check_migrations() == "2 migrations not applied"


def json_log_lines():
    """A handler that formats records as production does (settings.LOGGING's "json" formatter)."""
    options = settings.LOGGING["formatters"]["json"]
    formatter = JsonFormatter(options["format"], rename_fields=options["rename_fields"], timestamp=options["timestamp"])
    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(json.loads(formatter.format(record)))

    handler = Collect(level=logging.INFO)
    handler.addFilter(RequestIdLogFilter())
    return handler, lines


def test_the_load_balancers_request_id_is_in_the_response_the_json_log_and_the_audit_event(client, user_with):
    user = user_with(Role.STAFF)
    handler, lines = json_log_lines()
    logger = logging.getLogger("clearsight.request")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        # Given the load balancer gives a sign-in request its id
        response = client.post(
            reverse("core:sign-in"), {"email": user.email, "password": PASSWORD}, HTTP_X_REQUEST_ID="lb-4f1c9a0e7d2b"
        )
        code = client.post(
            reverse("core:sign-in-code"),
            {"otp_token": current_code(user.test_device)},
            HTTP_X_REQUEST_ID="lb-88aa77bb66cc",
        )
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    # Then the response carries the same id back
    assert response["X-Request-ID"] == "lb-4f1c9a0e7d2b" and code["X-Request-ID"] == "lb-88aa77bb66cc"
    # And the request's JSON log line has it, with the page and status but no email address
    line = next(entry for entry in lines if entry["request_id"] == "lb-88aa77bb66cc")
    assert line["view"] == "core:sign-in-code" and line["status"] == 302 and line["level"] == "INFO"
    assert user.email not in json.dumps(lines)
    # And the sign-in's audit event (written when the password is accepted) has its request's id, and the
    # audit chain, which covers the id, still verifies
    event = AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN, actor=user)
    assert event.request_id == "lb-4f1c9a0e7d2b"
    signing_in = next(entry for entry in lines if entry["request_id"] == "lb-4f1c9a0e7d2b")
    assert signing_in["view"] == "core:sign-in"
    call_command("verify_audit_log")


@pytest.mark.parametrize("offered", ["", "short", "x" * 37, "has space in it", "<script>alert</script>", "lb\nforged"])
def test_a_malformed_request_id_is_replaced_by_a_new_one(client, offered):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=offered)
    assert response["X-Request-ID"] != offered and len(response["X-Request-ID"]) == 36


WORKER_WARNING = "The task worker has stopped"


def test_an_administrator_is_warned_on_the_home_page_when_the_worker_has_stopped(client, user_with, sign_in):
    administrator = user_with(Role.ADMINISTRATOR)
    sign_in(client, administrator)
    # Given no task worker is running, an administrator's home page says so
    assert WORKER_WARNING in client.get(reverse("core:home")).content.decode()
    # When a worker is running again, the warning goes
    a_live_worker()
    assert WORKER_WARNING not in client.get(reverse("core:home")).content.decode()


def test_people_who_are_not_administrators_are_not_shown_the_worker_warning(client, user_with, sign_in):
    sign_in(client, user_with(Role.STAFF))
    assert WORKER_WARNING not in client.get(reverse("core:home")).content.decode()
