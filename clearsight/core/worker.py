"""The task worker that survives (ADR 0031): its heartbeat, whether any worker is running, and the
recovery of tasks whose worker died.

The worker (``manage.py run_worker``, core/management/commands/run_worker.py) writes a heartbeat row
every few seconds. A worker is alive while its process runs, when the process is on this machine
(the process number and its start time are checked, so a reused number is not taken for the worker);
a worker on another machine is alive while its heartbeat is younger than ``WORKER_STALE_SECONDS``.
A task left RUNNING by a worker that is not alive is put back to READY and runs again: a task must
therefore be safe to run again from the start (the spend import is: its lines and its result are
written in one transaction, and a run that died left nothing behind).

Database errors the database recovers from by itself (SQLite busy or locked, a PostgreSQL restart,
a lost connection) are waited out with a back-off; they never stop the worker.
"""

import logging
import os
import socket
import threading
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

logger = logging.getLogger("clearsight.worker")

MAX_BACKOFF_SECONDS = 30
# A task that met a passing database error this many times (counting every run) fails for good.
MAX_ATTEMPTS = 20


# ---------------------------------------------------------------- errors worth waiting out

_NOT_PASSING = ("no such table", "no such column", "has no column named")  # SQLite: the schema is wrong


def is_passing_database_error(error: BaseException) -> bool:
    """Whether a database error goes away by itself, so the work is tried again rather than given up:
    SQLite's "database is locked" or busy, a connection refused, lost or closed, a server restarting.
    DB-API's OperationalError is for exactly these ("not necessarily under the control of the
    programmer"), except SQLite's missing tables and columns, which waiting does not mend."""
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    message = str(error).lower()
    return not any(text in message for text in _NOT_PASSING)


def backoff_seconds(failures: int) -> float:
    """How long to wait after this many failures in a row: half a second, doubling, at most 30 s."""
    if failures <= 0:
        return 0.0
    return min(float(MAX_BACKOFF_SECONDS), 0.5 * 2 ** min(failures - 1, 16))


# ---------------------------------------------------------------- which process a worker is

def host_key() -> str:
    """This machine (its name and, on Linux, the id of its current boot) and its process namespace (two
    containers on one machine number their processes separately, so a process number means something
    only within one namespace)."""
    parts = [socket.gethostname()]
    try:
        with open("/proc/sys/kernel/random/boot_id") as handle:
            parts.append(handle.read().strip())
        parts.append(os.readlink("/proc/self/ns/pid"))
    except OSError:
        pass
    return " ".join(parts)[:200]


def process_started(pid: int) -> str | None:
    """When a process started (clock ticks since boot, from /proc), or None if there is no such
    process or it has ended (a zombie). "" where the machine does not say (no /proc)."""
    if not os.path.isdir("/proc/self"):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        return ""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            stat = handle.read()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2:].split()  # after the command name, which may hold spaces
    if not fields or fields[0] in ("Z", "X"):
        return None
    return fields[19] if len(fields) > 19 else ""


def is_alive(beat, *, now, here: str, stale_seconds: int, started_of=process_started) -> bool:
    """The rule for a heartbeat: on this machine, alive while the same process runs; elsewhere, alive
    while the heartbeat is younger than stale_seconds."""
    if beat.host == here:
        started = started_of(beat.pid)
        return started is not None and (not beat.process_started or not started or started == beat.process_started)
    return beat.beat_at >= now - timedelta(seconds=stale_seconds)


def live_worker_ids(now=None) -> set[str]:
    now = now or timezone.now()
    here = host_key()
    return {beat.worker_id for beat in WorkerHeartbeat.objects.all()
            if is_alive(beat, now=now, here=here, stale_seconds=settings.WORKER_STALE_SECONDS)}


def worker_running() -> bool:
    """Whether a task worker is running, so that work waiting for one is not waiting in vain."""
    return bool(live_worker_ids())


# ---------------------------------------------------------------- the heartbeat

class Heartbeat:
    """A worker's heartbeat row, written now and then every ``every`` seconds from a thread of its own
    (with a database connection of its own), so it goes on while a long task runs."""

    def __init__(self, worker_id: str, every: float):
        self.worker_id = worker_id
        self.every = every
        self.pid = os.getpid()
        self.started_at = timezone.now()
        self._stop = threading.Event()
        self._writing = threading.Lock()
        self._thread = None
        self._failing = False

    def beat(self):
        with self._writing:
            if not self._stop.is_set():
                self._write()

    def _write(self):
        now = timezone.now()
        if not WorkerHeartbeat.objects.filter(worker_id=self.worker_id).update(beat_at=now):
            WorkerHeartbeat.objects.create(worker_id=self.worker_id, host=host_key(), pid=self.pid,
                                           process_started=process_started(self.pid) or "",
                                           started_at=self.started_at, beat_at=now)

    def _beat_safely(self):
        try:
            self.beat()
        except Exception as error:  # the thread must outlive any error; passing ones are expected
            if not self._failing:
                logger.warning("The task worker could not write its heartbeat (%s); trying again.", error)
            self._failing = True
            connection.close()
        else:
            if self._failing:
                logger.info("The task worker's heartbeat is written again.")
            self._failing = False

    def _run(self):
        try:
            while not self._stop.wait(self.every):
                self._beat_safely()
        finally:
            connection.close()

    def start(self):
        self._thread = threading.Thread(target=self._run, name="worker-heartbeat", daemon=True)
        self._thread.start()

    def stop(self):
        """Stop beating and remove the row (a worker that stopped is not running). A beat under way is
        waited for, so that it cannot write the row again afterwards; the thread is not (it is a daemon)."""
        self._stop.set()
        with self._writing:
            try:
                WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
            except Exception as error:
                logger.warning("The task worker could not remove its heartbeat (%s).", error)


# ---------------------------------------------------------------- recovering orphaned tasks

def _running_worker(task: DBTaskResult) -> str | None:
    return task.worker_ids[-1] if task.worker_ids else None


def orphaned(tasks, live: set[str]) -> list:
    """The running tasks whose worker (the last to claim them) is not alive."""
    return [task for task in tasks if _running_worker(task) not in live]


def recover_orphaned_tasks(own_worker_id: str | None = None) -> list[str]:
    """Put every task left RUNNING by a worker that is not alive back to READY, so that it runs again,
    and forget the heartbeats of dead workers. Returns the ids of the tasks put back.
    The running tasks are read before the heartbeats: a worker writes its heartbeat before it claims a
    task, so a task claimed meanwhile has its worker's heartbeat among those read."""
    running = list(DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING))
    live = live_worker_ids()
    if own_worker_id:
        live.add(own_worker_id)
    recovered = []
    with transaction.atomic():
        for task in orphaned(running, live):
            if (DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING)
                    .update(status=TaskResultStatus.READY)):
                recovered.append(str(task.pk))
                logger.warning("Task %s (%s) was left running by the task worker %s, which has stopped; it "
                               "will run again.", task.pk, task.task_path, _running_worker(task) or "(none)")
        WorkerHeartbeat.objects.exclude(worker_id__in=live).delete()
    return recovered


def release_tasks_of(worker_id: str, run_after=None) -> int:
    """Put the tasks this worker holds as RUNNING back to READY (a worker that is not running any task
    at the moment, or is stopping in the middle of one)."""
    updates = {"status": TaskResultStatus.READY}
    if run_after is not None:
        updates["run_after"] = run_after
    held = [task.pk for task in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
            if _running_worker(task) == worker_id]
    return DBTaskResult.objects.filter(pk__in=held, status=TaskResultStatus.RUNNING).update(**updates)


_current: ContextVar = ContextVar("clearsight_current_task_result", default=None)


def current_task_result():
    """The task result (django-tasks' TaskResult) of the task this worker is running, or None when the
    task's function is called directly. ``attempts`` above 1 means the task runs again after a run
    that was cut short."""
    return _current.get()


def running_as(task_result):
    """Around the call of a task's function by the worker: current_task_result() is this one."""
    return _current.set(task_result)


def stopped_running(token):
    _current.reset(token)


def running_elsewhere(task_result) -> bool:
    """Whether another run of the same task with the same arguments is in progress on a worker that is
    alive (a task run again after its worker died must not tread on a live one)."""
    others = list(DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, task_path=task_result.task.module_path)
                  .exclude(pk=task_result.id))
    if not others:
        return False
    arguments = {"args": list(task_result.args), "kwargs": dict(task_result.kwargs)}
    live = live_worker_ids()
    return any(other.args_kwargs == arguments and _running_worker(other) in live for other in others)
