"""The Scheduled jobs page in Debian's Chromium, checked with axe against WCAG 2.2 AA.

Given the daily jobs ran this morning, the training reminders failing, when an administrator signs
in by keyboard and reaches Scheduled jobs from All areas by keyboard, then they see each job's
outcome and what the failed one printed, and the page passes the accessibility check, also at 320
CSS pixels wide."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clearsight.core import scheduler
from clearsight.core.models import ScheduledRun
from clearsight.core.roles import Role

from ..factories import OrganisationFactory, make_user
from .conftest import focus_on


@pytest.fixture
def administrator_and_runs(transactional_db):
    administrator = make_user(OrganisationFactory(name="Anytown Council"), Role.ADMINISTRATOR)
    started = timezone.now() - timedelta(minutes=30)
    today = scheduler.uk_day(started)
    for job in scheduler.JOBS:
        failed = job.name == "send_training_reminders"
        ScheduledRun.objects.create(
            job=job.name,
            day=today,
            worker_id="worker-1",
            started_at=started,
            finished_at=started + timedelta(seconds=2),
            attempts=2 if failed else 1,
            status=ScheduledRun.Status.FAILED if failed else ScheduledRun.Status.SUCCEEDED,
            output="RuntimeError: the mail server refused the connection" if failed else f"{job.name}: 0 changed",
        )
    return administrator


def test_an_administrator_reaches_the_scheduled_jobs_by_keyboard_and_sees_a_failure(
    page, live_server, axe, administrator_and_runs, sign_in_with_keyboard
):
    sign_in_with_keyboard(page, administrator_and_runs)
    page.goto(f"{live_server.url}/areas")
    focus_on(page, "a[href='/scheduled-jobs']")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Scheduled jobs")
    expect(page.locator(".govuk-warning-text")).to_contain_text("1 job failed at its latest run")
    jobs = page.locator("table").first
    for job in scheduler.JOBS:
        expect(jobs).to_contain_text(job.name)
    failed_row = jobs.locator("tr", has_text="send_training_reminders")
    expect(failed_row.locator(".govuk-tag")).to_have_text("Failed")
    expect(page.locator("body")).to_contain_text("RuntimeError: the mail server refused the connection")
    axe(page)

    page.set_viewport_size({"width": 320, "height": 640})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    axe(page)
