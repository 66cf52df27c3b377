"""The rules of the daily jobs (core/scheduler.py) and of checking a restore (core/backups.py), ADR 0036:
when a job is due given its run for the day, UK days around the clock changes, and which tables
differ from a backup's manifest."""

from datetime import UTC, datetime, time, timedelta
from types import SimpleNamespace

from clearsight.core import backups, scheduler
from clearsight.core.models import ScheduledRun

AT = time(2, 30)
RULES = {"at": AT, "live_workers": {"live"}, "retry": timedelta(minutes=60), "attempts": 3}


def run(status, attempts=1, worker_id="live", finished_at=None):
    return SimpleNamespace(status=status, attempts=attempts, worker_id=worker_id, finished_at=finished_at)


def moment(day, hour, minute=0):
    return scheduler.starts_at(day, time(hour, minute))


def test_a_job_is_due_from_the_daily_time_until_it_has_run():
    day = datetime(2027, 1, 4).date()
    assert not scheduler.is_due(None, now=moment(day, 2, 29), **RULES)
    assert scheduler.is_due(None, now=moment(day, 2, 30), **RULES)
    assert scheduler.is_due(None, now=moment(day, 23, 59), **RULES)  # a worker that was down at 2:30
    assert not scheduler.is_due(run(ScheduledRun.Status.SUCCEEDED), now=moment(day, 3), **RULES)


def test_a_failed_run_is_due_again_after_the_retry_wait_until_its_attempts_are_spent():
    day = datetime(2027, 1, 4).date()
    failed_at = moment(day, 3)
    failed = run(ScheduledRun.Status.FAILED, finished_at=failed_at)
    assert not scheduler.is_due(failed, now=failed_at + timedelta(minutes=59), **RULES)
    assert scheduler.is_due(failed, now=failed_at + timedelta(minutes=60), **RULES)
    spent = run(ScheduledRun.Status.FAILED, attempts=3, finished_at=failed_at)
    assert not scheduler.is_due(spent, now=failed_at + timedelta(hours=5), **RULES)


def test_a_running_run_is_due_only_when_its_worker_has_stopped():
    day = datetime(2027, 1, 4).date()
    assert not scheduler.is_due(run(ScheduledRun.Status.RUNNING, worker_id="live"), now=moment(day, 3), **RULES)
    assert scheduler.is_due(run(ScheduledRun.Status.RUNNING, worker_id="gone"), now=moment(day, 3), **RULES)


def test_the_day_is_the_uk_day_on_the_days_the_clocks_change():
    # 00:30 UTC on 28 March 2027 is 00:30 GMT; 23:30 UTC on 30 October 2027 is 00:30 BST the next day.
    assert scheduler.uk_day(datetime(2027, 3, 28, 0, 30, tzinfo=UTC)).isoformat() == "2027-03-28"
    assert scheduler.uk_day(datetime(2027, 10, 30, 23, 30, tzinfo=UTC)).isoformat() == "2027-10-31"
    # 2:30am comes once on both days
    for day in (datetime(2027, 3, 28).date(), datetime(2027, 10, 31).date()):
        assert scheduler.uk_day(moment(day, 2, 30)) == day


def test_a_restore_matches_only_when_every_table_has_the_rows_of_the_manifest():
    manifest = {"core_user": 5, "cases_case": 2}
    assert backups.compare_counts(manifest, {"core_user": 5, "cases_case": 2}).matches
    assert backups.compare_counts(manifest, {"core_user": 5, "cases_case": 1}).mismatches == [("cases_case", 2, 1)]
    assert backups.compare_counts(manifest, {"core_user": 5}).mismatches == [("cases_case", 2, None)]
    # a table the backup did not know (added by a later migration) must be empty
    assert backups.compare_counts(manifest, {"core_user": 5, "cases_case": 2, "new_table": 0}).matches
    assert not backups.compare_counts(manifest, {"core_user": 5, "cases_case": 2, "new_table": 1}).matches
