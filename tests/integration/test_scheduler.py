"""The daily jobs the task worker runs by itself (core/scheduler.py, ADR 0036): once a day each, even
with several workers, failures recorded and tried again, and every run shown to administrators.

Moments are taken relative to today (03:00 UK time today, after the default 02:30 start), so the
tests hold at shifted dates (CLEARSIGHT_TEST_DATE)."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clearsight.core import scheduler
from clearsight.core.models import ScheduledRun
from clearsight.core.roles import Role

from ..factories import OrganisationFactory, make_user

pytestmark = pytest.mark.django_db

JOB_NAMES = [job.name for job in scheduler.JOBS]


@pytest.fixture(autouse=True)
def daily_at_half_past_two(settings):
    settings.DAILY_JOBS_AT = "02:30"
    settings.DAILY_JOBS_RETRY_MINUTES = 60
    settings.DAILY_JOBS_ATTEMPTS = 3


def today_at(hour, minute=0, days=0):
    return scheduler.starts_at(scheduler.uk_day(timezone.now()) + timedelta(days=days), time(hour, minute))


@pytest.fixture
def commands_run(monkeypatch):
    """The commands the scheduler calls, recorded; a name in ``failing`` raises as a broken job would."""
    calls = Calls()

    def call_command(name, stdout, stderr):
        calls.append(name)
        if name in calls.failing:
            stdout.write("Started\n")
            raise RuntimeError("the mail server refused the connection")
        stdout.write(f"{name}: 0 records changed\n")

    monkeypatch.setattr(scheduler, "call_command", call_command)
    return calls


class Calls(list):
    def __init__(self):
        super().__init__()
        self.failing = set()


@pytest.fixture(autouse=True)
def one_other_worker_is_running(monkeypatch):
    """The workers the tests name are running (their heartbeats are fresh), except "stopped-worker"."""
    monkeypatch.setattr(
        "clearsight.core.worker.live_worker_ids", lambda now=None: {"worker-a", "worker-b", "live-worker"}
    )


def test_every_daily_job_runs_once_when_due_and_not_again_that_day(commands_run):
    """Given it is 3am UK time and no job has run today,
    when one worker looks and then, the same day, a second worker looks,
    then each of the daily jobs ran once, recorded as succeeded with what it printed."""
    made = scheduler.tick("worker-a", today_at(3))
    assert [run.job for run in made] == JOB_NAMES
    assert commands_run == JOB_NAMES
    assert scheduler.tick("worker-b", today_at(3, 1)) == []
    assert scheduler.tick("worker-a", today_at(23, 59)) == []
    assert commands_run == JOB_NAMES
    runs = ScheduledRun.objects.all()
    assert {(run.job, run.status, run.attempts) for run in runs} == {
        (name, ScheduledRun.Status.SUCCEEDED, 1) for name in JOB_NAMES
    }
    run = runs.get(job="delete_expired_drafts")
    assert run.day == scheduler.uk_day(today_at(3))
    assert run.worker_id == "worker-a" and run.finished_at >= run.started_at
    assert run.output == "delete_expired_drafts: 0 records changed"


def test_nothing_runs_before_the_configured_time_and_each_day_runs_afresh(commands_run, settings):
    """Given the jobs are set to run from 6am,
    when a worker looks at 5:59am, then at 6am, then the next day at 6am,
    then nothing ran at 5:59, and every job ran once on each of the two days."""
    settings.DAILY_JOBS_AT = "06:00"
    assert scheduler.tick("worker-a", today_at(5, 59)) == []
    assert len(scheduler.tick("worker-a", today_at(6))) == len(JOB_NAMES)
    assert len(scheduler.tick("worker-a", today_at(6, days=1))) == len(JOB_NAMES)
    assert ScheduledRun.objects.filter(job="verify_audit_log").count() == 2
    assert commands_run.count("verify_audit_log") == 2


def test_two_workers_that_find_a_job_due_at_once_run_it_once(commands_run):
    """Given two workers both found the jobs due at the same moment,
    when each claims them, one after the other,
    then only the first has them: the second is refused each one."""
    now = today_at(3)
    due_for_a, due_for_b = scheduler.due(now), scheduler.due(now)
    assert due_for_a == due_for_b == list(scheduler.JOBS)
    claimed_by_a = [scheduler.claim(job, "worker-a", now) for job in due_for_a]
    claimed_by_b = [scheduler.claim(job, "worker-b", now) for job in due_for_b]
    assert all(claimed_by_a) and not any(claimed_by_b)
    assert set(ScheduledRun.objects.values_list("worker_id", flat=True)) == {"worker-a"}


def test_a_failing_job_is_recorded_and_tried_again_later_the_same_day(commands_run):
    """Given the overdue reminders fail (the mail server refuses),
    when the worker looks at 3am, again at 3:30am, and again after an hour,
    then the failure is recorded with what the job printed and the error, the 3:30 look leaves it,
    and the look after an hour runs it again; the other jobs ran once."""
    commands_run.failing.add("send_overdue_reminders")
    scheduler.tick("worker-a", today_at(3))
    failed = ScheduledRun.objects.get(job="send_overdue_reminders")
    assert failed.status == ScheduledRun.Status.FAILED and failed.attempts == 1
    assert "Started" in failed.output and "RuntimeError: the mail server refused the connection" in failed.output
    assert scheduler.tick("worker-a", today_at(3, 30)) == []

    commands_run.failing.clear()
    again = scheduler.tick("worker-b", today_at(4, 1))
    assert [(run.job, run.status, run.attempts) for run in again] == [
        ("send_overdue_reminders", ScheduledRun.Status.SUCCEEDED, 2)
    ]
    assert commands_run.count("send_overdue_reminders") == 2
    assert commands_run.count("delete_expired_drafts") == 1


def test_a_job_that_keeps_failing_is_given_up_for_the_day_after_its_attempts(commands_run):
    """Given the audit log check fails every time and three attempts are allowed a day,
    when the worker looks every hour from 3am to 8am, and the next day,
    then it ran three times that day, stays failed, and runs again the next day."""
    commands_run.failing.add("verify_audit_log")
    for hour in range(3, 9):
        scheduler.tick("worker-a", today_at(hour, 1))
    assert commands_run.count("verify_audit_log") == 3
    run = ScheduledRun.objects.get(job="verify_audit_log")
    assert run.status == ScheduledRun.Status.FAILED and run.attempts == 3
    scheduler.tick("worker-a", today_at(3, days=1))
    assert commands_run.count("verify_audit_log") == 4


def test_a_run_left_running_by_a_stopped_worker_is_taken_over_but_not_one_whose_worker_runs(commands_run):
    """Given today's retention run was started by a worker that has since stopped, and today's drafts
    run by one still running,
    when another worker looks,
    then it runs the retention job (a second attempt) and leaves the drafts job to its worker."""
    day = scheduler.uk_day(today_at(3))
    ScheduledRun.objects.create(job="apply_case_retention", day=day, worker_id="stopped-worker", started_at=today_at(3))
    ScheduledRun.objects.create(job="delete_expired_drafts", day=day, worker_id="live-worker", started_at=today_at(3))
    made = {run.job: run for run in scheduler.tick("worker-b", today_at(3, 5)) if run}
    assert "delete_expired_drafts" not in made  # due() is told which workers are alive
    assert made["apply_case_retention"].attempts == 2
    assert made["apply_case_retention"].status == ScheduledRun.Status.SUCCEEDED


def test_administrators_see_each_job_and_a_failed_run_with_what_it_printed(client, sign_in, commands_run):
    """Given the training reminders failed this morning and the other jobs ran,
    when an administrator opens Scheduled jobs,
    then they see every job, the failure flagged, and the error the job printed."""
    commands_run.failing.add("send_training_reminders")
    scheduler.tick("worker-a", today_at(2, 30))
    council = OrganisationFactory()
    sign_in(client, make_user(council, Role.ADMINISTRATOR))
    response = client.get(reverse("core:scheduled-runs"))
    assert response.status_code == 200
    page = response.content.decode()
    for name in JOB_NAMES:
        assert name in page
    assert "1 job failed at its latest run" in page
    assert "RuntimeError: the mail server refused the connection" in page


def test_people_who_are_not_administrators_cannot_see_the_scheduled_jobs(client, sign_in):
    """Given a staff member, when they open Scheduled jobs, then they are refused."""
    council = OrganisationFactory()
    sign_in(client, make_user(council, Role.STAFF))
    assert client.get(reverse("core:scheduled-runs")).status_code == 403
