"""The daily jobs the task worker runs (core/scheduler.py, ADR 0036), as administrators see them:
each job's latest run and the runs of the last fortnight, with what each printed. The runs hold no
personal data (the jobs print counts), so seeing them is not audited."""

from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .. import scheduler
from ..models import ScheduledRun
from ..roles import Capability
from .access import requires

DAYS_SHOWN = 14


@never_cache
@requires(Capability.MANAGE_PEOPLE)
def scheduled_runs(request):
    today = scheduler.uk_day(timezone.now())
    runs = list(ScheduledRun.objects.filter(day__gt=today - timedelta(days=DAYS_SHOWN)).order_by("-started_at"))
    latest = {}
    for run in runs:
        latest.setdefault(run.job, run)
    jobs = [{"job": job, "latest": latest.get(job.name)} for job in scheduler.JOBS]
    return render(
        request,
        "core/scheduled_runs.html",
        {
            "jobs": jobs,
            "runs": runs,
            "days_shown": DAYS_SHOWN,
            "daily_time": scheduler.daily_time(),
            "failed": sum(1 for item in jobs if item["latest"] and item["latest"].status == ScheduledRun.Status.FAILED),
        },
    )
