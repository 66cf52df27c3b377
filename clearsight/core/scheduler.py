"""The daily jobs the task worker runs by itself, so that a council needs no cron (ADR 0036).

Every job runs once a day (UK time, ``Europe/London``) from ``CLEARSIGHT_DAILY_JOBS_AT`` (default
02:30) onwards. The worker looks every ``CLEARSIGHT_SCHEDULER_SECONDS`` (default 60) for a job that is
due (``due``) and claims it (``claim``) before running it:

- a job not yet run today is claimed by creating its ``ScheduledRun`` row for the day; the row is
  unique per job and day, so when several workers look at once exactly one creates it and runs it;
- a run that failed is claimed again, by a conditional update that only one worker can win, once
  ``CLEARSIGHT_DAILY_JOBS_RETRY_MINUTES`` (default 60) have passed since it ended, at most
  ``CLEARSIGHT_DAILY_JOBS_ATTEMPTS`` (default 3) times a day; the next day it runs afresh;
- a run left "running" by a worker that has stopped (core.worker.live_worker_ids) is claimed again
  the same way, and counts as an attempt.

Each run keeps its start, end, outcome and the end of what the command printed (the commands print
counts, never personal data), which administrators see on the scheduled jobs page.
"""

import io
import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ScheduledRun

logger = logging.getLogger("clearsight.scheduler")

OUTPUT_CHARS = 2000


@dataclass(frozen=True)
class Job:
    name: str  # the management command
    description: str


JOBS = (
    Job("delete_expired_drafts", "Deletes unfinished concern reports whose draft period has ended."),
    Job("send_overdue_reminders", "Emails the owners of actions that have become overdue, and their team managers."),
    Job(
        "send_training_reminders",
        "Emails staff, and their line managers, whose training is due within 30 days or overdue.",
    ),
    Job("apply_case_retention", "Anonymises closed cases whose retention period has ended."),
    Job("chase_action_owners", "Reminds action owners whose year-end review answers are late."),
    Job("verify_audit_log", "Checks the audit log's hash chain."),
)


def daily_time() -> time:
    """When the day's jobs become due, UK time: CLEARSIGHT_DAILY_JOBS_AT as HH:MM."""
    text = getattr(settings, "DAILY_JOBS_AT", "02:30")
    hours, _, minutes = str(text).partition(":")
    return time(int(hours), int(minutes or 0))


def retry_after() -> timedelta:
    return timedelta(minutes=getattr(settings, "DAILY_JOBS_RETRY_MINUTES", 60))


def max_attempts() -> int:
    return getattr(settings, "DAILY_JOBS_ATTEMPTS", 3)


def uk_day(now: datetime):
    """The UK day of an aware moment."""
    return timezone.localtime(now, timezone.get_default_timezone()).date()


def starts_at(day, at: time) -> datetime:
    """The moment on a UK day at which the jobs become due (an aware datetime)."""
    return timezone.make_aware(datetime.combine(day, at), timezone.get_default_timezone())


def is_due(run, *, now: datetime, at: time, live_workers: set, retry: timedelta, attempts: int) -> bool:
    """The rule for one job on the day of ``now``, given its run for that day (or None)."""
    if now < starts_at(uk_day(now), at):
        return False
    if run is None:
        return True
    if run.status == ScheduledRun.Status.SUCCEEDED or run.attempts >= attempts:
        return False
    if run.status == ScheduledRun.Status.FAILED:
        return run.finished_at is None or now >= run.finished_at + retry
    return run.worker_id not in live_workers  # running: only if its worker has stopped


def due(now: datetime | None = None, live_workers: set | None = None) -> list[Job]:
    """The jobs due now, in their order."""
    from .worker import live_worker_ids

    now = now or timezone.now()
    live = live_worker_ids(now) if live_workers is None else live_workers
    runs = {run.job: run for run in ScheduledRun.objects.filter(day=uk_day(now))}
    at, retry, attempts = daily_time(), retry_after(), max_attempts()
    return [
        job
        for job in JOBS
        if is_due(runs.get(job.name), now=now, at=at, live_workers=live, retry=retry, attempts=attempts)
    ]


def claim(job: Job, worker_id: str, now: datetime | None = None) -> ScheduledRun | None:
    """Take today's run of a job for this worker, or None when another worker has it (or it is not
    due after all). Safe when several workers claim at once: a new run is created under the unique
    (job, day) constraint; a failed or abandoned one is taken by an update only one can win."""
    now = now or timezone.now()
    day = uk_day(now)
    try:
        with transaction.atomic():
            return ScheduledRun.objects.create(job=job.name, day=day, worker_id=worker_id, started_at=now)
    except IntegrityError:
        pass
    from .worker import live_worker_ids

    run = ScheduledRun.objects.filter(job=job.name, day=day).first()
    if run is None or not is_due(
        run,
        now=now,
        at=daily_time(),
        live_workers=live_worker_ids(now) | {worker_id},
        retry=retry_after(),
        attempts=max_attempts(),
    ):
        return None
    taken = ScheduledRun.objects.filter(
        pk=run.pk, status=run.status, attempts=run.attempts, worker_id=run.worker_id
    ).update(
        status=ScheduledRun.Status.RUNNING,
        attempts=run.attempts + 1,
        worker_id=worker_id,
        started_at=now,
        finished_at=None,
    )
    if not taken:
        return None
    run.refresh_from_db()
    return run


def _summary(text: str) -> str:
    text = text.strip()
    return text if len(text) <= OUTPUT_CHARS else "…" + text[-(OUTPUT_CHARS - 1) :]


def run(job: Job, scheduled: ScheduledRun, now: datetime | None = None) -> ScheduledRun:
    """Run a claimed job's command and record how it went (ending at ``now``, the moment of the tick,
    when given). Never raises for the job's own failure."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(job.name, stdout=out, stderr=err)
    except Exception as error:  # a failed job is recorded and tried again; the worker carries on
        logger.warning("The daily job %s failed (%s).", job.name, type(error).__name__)
        status = ScheduledRun.Status.FAILED
        printed = out.getvalue() + err.getvalue() + f"\n{type(error).__name__}: {error}"
    else:
        status = ScheduledRun.Status.SUCCEEDED
        printed = out.getvalue() + err.getvalue()
        logger.info("The daily job %s ran.", job.name)
    ScheduledRun.objects.filter(pk=scheduled.pk).update(
        status=status, finished_at=now or timezone.now(), output=_summary(printed)
    )
    scheduled.refresh_from_db()
    return scheduled


def tick(worker_id: str, now: datetime | None = None) -> list[ScheduledRun]:
    """One look: claim and run every job that is due. Returns the runs this worker made."""
    made = []
    for job in due(now):
        claimed = claim(job, worker_id, now)
        if claimed is not None:
            made.append(run(job, claimed, now))
    return made
