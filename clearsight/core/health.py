"""Health checks for load balancers and monitoring (README, "Running it for real"; ADR 0037).

``/healthz`` (liveness) says only that the process answers: it touches nothing else, so a database
outage does not make a load balancer restart every web process. ``/readyz`` (readiness) says whether
this process can do its work: the database answers, every migration is applied, a task worker is
running with a fresh heartbeat, and no task has waited longer than ``READY_QUEUE_SECONDS``. It
answers 200 when all hold and 503 when any does not, with a small JSON body naming each check and
which failed. Neither holds personal data (only check names and counts of seconds).

Both are answered by ``HealthCheckMiddleware`` near the top of the middleware stack, before sessions,
sign-in, the host check and the audit log: a load balancer asks every few seconds, by address rather
than by the service's name, and its questions are neither sessions nor activity.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse
from django.utils import timezone

logger = logging.getLogger("clearsight.health")

LIVENESS_PATH = "/healthz"
READINESS_PATH = "/readyz"


@dataclass
class Readiness:
    """The outcome of the readiness checks: each check's result ("ok" or a short reason)."""

    checks: dict = field(default_factory=dict)

    @property
    def failed(self) -> list[str]:
        return [name for name, result in self.checks.items() if result != "ok"]

    @property
    def ready(self) -> bool:
        return not self.failed

    def as_json(self) -> dict:
        body = {"status": "ready" if self.ready else "not ready", "checks": self.checks}
        if not self.ready:
            body["failed"] = self.failed
        return body


# ---------------------------------------------------------------- the checks, one function each


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Readiness: the database did not answer.", exc_info=True)
        return "the database does not answer"
    return "ok"


_all_applied = False  # once every migration is applied, it stays so for the life of this process


def unapplied_migrations() -> int:
    """How many migrations this code has that the database has not applied."""
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    return len(executor.migration_plan(targets))


def check_migrations() -> str:
    global _all_applied
    if _all_applied:
        return "ok"
    try:
        waiting = unapplied_migrations()
    except DatabaseError:
        return "could not read the applied migrations"
    if waiting:
        return f"{waiting} migration{'s' if waiting != 1 else ''} not applied"
    _all_applied = True
    return "ok"


def check_worker(now=None) -> str:
    """A task worker is running (by core/worker.py's rule) and its heartbeat is fresh."""
    from .models import WorkerHeartbeat
    from .worker import live_worker_ids

    now = now or timezone.now()
    try:
        live = live_worker_ids(now)
        fresh_since = now - timedelta(seconds=settings.WORKER_STALE_SECONDS)
        fresh = WorkerHeartbeat.objects.filter(worker_id__in=live, beat_at__gte=fresh_since).exists()
    except DatabaseError:
        return "could not read the worker heartbeat"
    if not live:
        return "no task worker is running"
    if not fresh:
        return f"no task worker heartbeat in the last {settings.WORKER_STALE_SECONDS} seconds"
    return "ok"


def oldest_waiting_seconds(now=None) -> float:
    """How long the task that has waited longest for a worker has waited: since it was queued, or
    since the time it was to run after, whichever is later. 0 when nothing waits."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = now or timezone.now()
    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    waited_since = []
    # Tasks due now: run_after is either the backend's "no time given" (1 January 9999) or a time
    # already past. The first waited since they were queued; the others since run_after.
    first_queued = (
        ready.filter(run_after=get_date_max()).order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    )
    if first_queued:
        waited_since.append(first_queued)
    first_due = ready.filter(run_after__lte=now).order_by("run_after").values_list("run_after", "enqueued_at").first()
    if first_due:
        waited_since.append(max(first_due))
    if not waited_since:
        return 0.0
    return max(0.0, (now - min(waited_since)).total_seconds())


def check_queue(now=None) -> str:
    try:
        waited = oldest_waiting_seconds(now)
    except DatabaseError:
        return "could not read the task queue"
    if waited > settings.READY_QUEUE_SECONDS:
        return f"a task has waited {int(waited)} seconds for a worker (limit {settings.READY_QUEUE_SECONDS})"
    return "ok"


def readiness(now=None) -> Readiness:
    result = Readiness()
    result.checks["database"] = check_database()
    if result.checks["database"] != "ok":  # nothing else can be read
        for name in ("migrations", "worker", "queue"):
            result.checks[name] = "not checked: no database"
        return result
    result.checks["migrations"] = check_migrations()
    result.checks["worker"] = check_worker(now)
    result.checks["queue"] = check_queue(now)
    return result


# ---------------------------------------------------------------- answering


class HealthCheckMiddleware:
    """Answers ``/healthz`` and ``/readyz`` before any other middleware runs (see the module's notes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == LIVENESS_PATH:
            response = HttpResponse("ok", content_type="text/plain; charset=utf-8")
        elif request.path == READINESS_PATH:
            outcome = readiness()  # a broken connection is closed at the request's end, as for any page
            response = JsonResponse(outcome.as_json(), status=200 if outcome.ready else 503)
            if not outcome.ready:
                response._has_been_logged = True  # one line below, not Django's ERROR for every 503
                logger.warning("Not ready: %s", ", ".join(outcome.failed), extra={"failed": outcome.failed})
        else:
            return self.get_response(request)
        response["Cache-Control"] = "no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
