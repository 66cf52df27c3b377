"""The task worker that survives (core/worker.py, manage.py run_worker, ADR 0031): which database errors
are waited out, the back-off, when a worker counts as alive, which running tasks are orphaned and run
again, and what the worker does with a task that meets a database error or is stopped part way."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import IntegrityError, InterfaceError, OperationalError
from django.utils import timezone
from django_tasks import task
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from clearsight.core import worker as rules
from clearsight.core.management.commands import run_worker
from clearsight.core.models import WorkerHeartbeat

from ..factories import WorkerHeartbeatFactory

# ---------------------------------------------------------------- errors and back-off


@pytest.mark.parametrize("error", [
    OperationalError("database is locked"),
    OperationalError("database table is locked: spend_spendimport"),
    OperationalError('connection failed: connection to server at "127.0.0.1", port 5432 failed: Connection refused'),
    OperationalError("server closed the connection unexpectedly"),
    OperationalError("terminating connection due to administrator command"),
    InterfaceError("connection already closed"),
])
def test_errors_the_database_recovers_from_are_waited_out(error):
    assert rules.is_passing_database_error(error)


@pytest.mark.parametrize("error", [
    OperationalError("no such table: spend_spendimport"),
    OperationalError("table spend_spendline has no column named payee_code"),
    IntegrityError("UNIQUE constraint failed"),
    ValueError("a bug in a task"),
])
def test_errors_waiting_does_not_mend_are_not(error):
    assert not rules.is_passing_database_error(error)


def test_the_back_off_doubles_from_half_a_second_to_at_most_thirty():
    assert [rules.backoff_seconds(n) for n in range(0, 9)] == [0, 0.5, 1, 2, 4, 8, 16, 30, 30]
    assert rules.backoff_seconds(10_000) == 30


# ---------------------------------------------------------------- alive or not

NOW = timezone.now()


def beat(host="here", pid=100, started="555", age=0):
    return SimpleNamespace(host=host, pid=pid, process_started=started, beat_at=NOW - timedelta(seconds=age))


def alive(heartbeat, started_of=lambda pid: "555"):
    return rules.is_alive(heartbeat, now=NOW, here="here", stale_seconds=60, started_of=started_of)


def test_a_worker_on_this_machine_is_alive_while_its_process_runs_however_old_its_heartbeat():
    assert alive(beat(age=0))
    assert alive(beat(age=3600))  # busy in a long write: its process still runs
    assert not alive(beat(age=0), started_of=lambda pid: None)  # killed: no such process
    assert not alive(beat(age=0), started_of=lambda pid: "777")  # its number now belongs to another process


def test_a_worker_on_another_machine_is_alive_while_its_heartbeat_is_recent():
    assert alive(beat(host="elsewhere", age=59), started_of=lambda pid: None)
    assert not alive(beat(host="elsewhere", age=61))


def test_process_start_tells_a_running_process_from_an_ended_one():
    assert rules.process_started(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    started = rules.process_started(child.pid)
    child.wait()  # reaped: gone
    assert rules.process_started(child.pid) is None
    assert started is None or started != rules.process_started(os.getpid())
    zombie = subprocess.Popen([sys.executable, "-c", "pass"])
    while os.path.exists(f"/proc/{zombie.pid}/stat") and " Z " not in open(f"/proc/{zombie.pid}/stat").read():
        time.sleep(0.01)
    assert rules.process_started(zombie.pid) is None  # ended, not yet reaped
    zombie.wait()


def test_orphaned_tasks_are_those_whose_last_worker_is_not_alive():
    tasks = [SimpleNamespace(name=name, worker_ids=ids)
             for name, ids in [("live", ["a"]), ("dead", ["b"]), ("taken over", ["b", "a"]), ("unclaimed", [])]]
    assert [t.name for t in rules.orphaned(tasks, live={"a"})] == ["dead", "unclaimed"]


# ---------------------------------------------------------------- in the database

@task()
def finishes(value):
    return {"value": value, "attempt": rules.current_task_result().attempts}


@task()
def meets_a_locked_database():
    raise OperationalError("database is locked")


@task()
def is_stopped_part_way():
    raise SystemExit(1)


@task()
def has_a_bug():
    raise ValueError("a bug")


def running(task_function, *worker_ids, args=()):
    result = task_function.enqueue(*args)
    DBTaskResult.objects.filter(pk=result.id).update(status=TaskResultStatus.RUNNING, worker_ids=list(worker_ids))
    return DBTaskResult.objects.get(pk=result.id)


def this_process(worker_id):
    pid = os.getpid()
    return WorkerHeartbeatFactory(worker_id=worker_id, host=rules.host_key(), pid=pid,
                                  process_started=rules.process_started(pid))


def ended_process(worker_id):
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    started = rules.process_started(child.pid) or ""
    child.wait()
    return WorkerHeartbeatFactory(worker_id=worker_id, host=rules.host_key(), pid=child.pid, process_started=started)


@pytest.mark.django_db
def test_no_worker_is_running_without_a_live_heartbeat(settings):
    settings.WORKER_STALE_SECONDS = 60
    assert not rules.worker_running()
    ended_process("killed")
    WorkerHeartbeatFactory(worker_id="silent", beat_at=timezone.now() - timedelta(minutes=5))
    assert not rules.worker_running()
    WorkerHeartbeatFactory(worker_id="elsewhere")
    assert rules.worker_running()
    WorkerHeartbeat.objects.filter(worker_id="elsewhere").delete()
    this_process("here")
    assert rules.worker_running()


@pytest.mark.django_db
def test_tasks_left_running_by_a_dead_worker_run_again_and_no_other():
    this_process("alive")
    ended_process("killed")
    WorkerHeartbeatFactory(worker_id="quiet", beat_at=timezone.now() - timedelta(minutes=5))
    of_live = running(finishes, "killed", "alive", args=(1,))
    of_killed = running(finishes, "alive", "killed", args=(2,))
    of_quiet = running(finishes, "quiet", args=(3,))
    of_nobody = running(finishes, "never-beat", args=(4,))
    of_me = running(finishes, "me", args=(5,))

    recovered = rules.recover_orphaned_tasks("me")

    assert set(recovered) == {str(of_killed.pk), str(of_quiet.pk), str(of_nobody.pk)}
    status = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert status[of_live.pk] == status[of_me.pk] == TaskResultStatus.RUNNING
    assert status[of_killed.pk] == status[of_quiet.pk] == status[of_nobody.pk] == TaskResultStatus.READY
    assert DBTaskResult.objects.get(pk=of_killed.pk).worker_ids == ["alive", "killed"]  # the attempts are kept
    assert set(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == {"alive"}  # the dead are forgotten


@pytest.mark.django_db
def test_a_task_run_again_knows_whether_another_run_of_it_is_alive():
    this_process("alive")
    again = running(finishes, "killed", "me", args=(1,)).task_result
    assert not rules.running_elsewhere(again)
    running(finishes, "alive", args=(2,))  # another task's arguments
    assert not rules.running_elsewhere(again)
    running(finishes, "killed", args=(1,))  # the same, on a dead worker
    assert not rules.running_elsewhere(again)
    running(finishes, "alive", args=(1,))
    assert rules.running_elsewhere(again)


# ---------------------------------------------------------------- the worker itself

def a_worker(**options):
    defaults = dict(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
                    max_tasks=None, worker_id="me", excluded_queue_names=[], recover_every=3600,
                    heartbeat_every=3600)
    return run_worker.SurvivingWorker(**{**defaults, **options})


@pytest.fixture
def no_waiting(monkeypatch):
    """The worker's waits, recorded instead of slept. Its connections are not closed either (after an
    error, and between tasks as Django does between requests), as that would end the test's own
    transaction on PostgreSQL (tests/integration/test_worker_survives.py runs real workers, which do)."""
    waits = []
    monkeypatch.setattr(run_worker.time, "sleep", waits.append)
    monkeypatch.setattr(run_worker, "_close_connections", lambda: None)
    monkeypatch.setattr(run_worker, "close_old_connections", lambda: None)
    return waits


@pytest.mark.django_db
def test_the_worker_waits_out_a_locked_database_instead_of_stopping(no_waiting):
    worker = a_worker()
    claims = iter([OperationalError("database is locked"), OperationalError("database is locked"), None])

    def claim():
        outcome = next(claims)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    worker._claim_next = claim
    worker.run()  # returns (batch: nothing left to do) rather than raising
    assert no_waiting == [0.5, 1.0]
    assert worker.failures == 0
    assert not WorkerHeartbeat.objects.exists()  # stopped: no longer running


@pytest.mark.django_db
def test_the_worker_stops_on_an_error_waiting_cannot_mend(no_waiting):
    worker = a_worker()

    def claim():
        raise OperationalError("no such table: django_tasks_database_dbtaskresult")

    worker._claim_next = claim
    with pytest.raises(OperationalError):
        worker.run()


@pytest.mark.django_db
def test_the_worker_runs_tasks_and_writes_its_heartbeat_meanwhile(no_waiting):
    result = finishes.enqueue(7)
    worker = a_worker()
    worker.heartbeat.beat()
    assert WorkerHeartbeat.objects.get().worker_id == "me"
    worker.run()
    done = DBTaskResult.objects.get(pk=result.id)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value == {"value": 7, "attempt": 1}


@pytest.mark.django_db
def test_a_task_that_meets_a_passing_database_error_runs_again_later(no_waiting):
    task_result = running(meets_a_locked_database, "me")
    worker = a_worker()
    worker.run_task(task_result)
    again = DBTaskResult.objects.get(pk=task_result.pk)
    assert again.status == TaskResultStatus.READY
    assert again.run_after > timezone.now()


@pytest.mark.django_db
def test_a_task_that_keeps_meeting_database_errors_fails_in_the_end(no_waiting):
    task_result = running(meets_a_locked_database, *["me"] * rules.MAX_ATTEMPTS)
    a_worker().run_task(task_result)
    assert DBTaskResult.objects.get(pk=task_result.pk).status == TaskResultStatus.FAILED


@pytest.mark.django_db
def test_a_task_stopped_part_way_runs_again_rather_than_failing(no_waiting):
    task_result = running(is_stopped_part_way, "me")
    with pytest.raises(SystemExit):
        a_worker().run_task(task_result)
    assert DBTaskResult.objects.get(pk=task_result.pk).status == TaskResultStatus.READY


@pytest.mark.django_db
def test_a_task_with_a_bug_fails_as_before(no_waiting):
    task_result = running(has_a_bug, "me")
    a_worker().run_task(task_result)
    failed = DBTaskResult.objects.get(pk=task_result.pk)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.exception_class_path == "builtins.ValueError"
