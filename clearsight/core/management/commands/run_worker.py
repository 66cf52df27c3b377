"""Runs the background task worker so that it survives (ADR 0031): django-tasks-db's ``db_worker``
with a heartbeat, recovery of tasks whose worker died, and passing database errors waited out.

django-tasks-db's own worker exits when SQLite stays locked for longer than the busy timeout (its
``BEGIN EXCLUSIVE`` is outside the error handling), or when the database is briefly unreachable, and
leaves the task it was running RUNNING for ever. This one:
- waits out "database is locked", a lost connection or a restarting server, with a back-off;
- writes a heartbeat (core.worker.Heartbeat) so pages can say when no worker is running;
- on start, and every ``--recover-every`` seconds, puts tasks left RUNNING by a dead worker back
  to READY (core.worker.recover_orphaned_tasks);
- every CLEARSIGHT_SCHEDULER_SECONDS, runs the daily jobs that are due (core.scheduler, ADR 0036);
- a task stopped by a second Ctrl+C, or by a passing database error, is put back to READY rather than
  failed, so it runs again (tasks must be safe to run again; the spend import is).
It takes db_worker's options. bin/start runs it, and starts it again if it stops.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connections
from django.utils import timezone
from django_tasks_db.compat import TaskContext, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from clearsight.core import scheduler
from clearsight.core import worker as rules

logger = logging.getLogger("clearsight.worker")


def _close_connections():
    for alias in connections:
        try:
            connections[alias].close()
        except Exception:  # a connection that is already broken cannot even be closed
            pass


class SurvivingWorker(Worker):
    def __init__(self, *, recover_every: float, heartbeat_every: float, **options):
        super().__init__(**options)
        self.recover_every = recover_every
        self.heartbeat = rules.Heartbeat(self.worker_id, heartbeat_every)
        self.failures = 0
        self.release_pending = False

    # ------------------------------------------------------------ waiting out the database

    def _wait_after(self, error, doing: str):
        self.failures += 1
        delay = rules.backoff_seconds(self.failures)
        logger.warning("The task worker could not %s (%s); trying again in %.1f s.", doing,
                       str(error).strip() or type(error).__name__, delay)
        _close_connections()
        time.sleep(delay)

    def _persist(self, write, doing: str):
        """Run a database write until it succeeds (waiting out passing errors), or until the worker is
        stopping and it still fails: then the task stays RUNNING and a later worker recovers it."""
        while True:
            try:
                write()
                return True
            except Exception as error:
                if not rules.is_passing_database_error(error):
                    raise
                if not self.running:
                    logger.warning("The task worker is stopping and could not %s (%s).", doing, error)
                    return False
                self._wait_after(error, doing)

    def _start_heartbeat(self):
        while True:
            try:
                self.heartbeat.beat()
                break
            except Exception as error:
                if not rules.is_passing_database_error(error):
                    raise
                self._wait_after(error, "write its first heartbeat")
        self.heartbeat.start()

    # ------------------------------------------------------------ the loop

    def _claim_next(self):
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):  # BEGIN EXCLUSIVE itself may find SQLite locked
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        return task_result

    def run(self) -> None:
        logger.info("Starting task worker %s (queues %s)", self.worker_id, ",".join(self.queue_names))
        if self.startup_delay and self.interval:
            time.sleep(rules.backoff_seconds(1))
        self._start_heartbeat()
        try:
            self._loop()
        finally:
            try:  # a task claimed just as a stop was asked for, not yet started: the next worker runs it
                rules.release_tasks_of(self.worker_id)
            except Exception:
                pass
            self.heartbeat.stop()

    def _loop(self):
        next_recovery = next_schedule = 0.0
        while self.running:
            try:
                close_old_connections()
                if self.release_pending:  # a claim whose outcome was unknown, or a task put back
                    rules.release_tasks_of(self.worker_id)
                    self.release_pending = False
                if time.monotonic() >= next_recovery:
                    rules.recover_orphaned_tasks(self.worker_id)
                    next_recovery = time.monotonic() + self.recover_every
                if settings.SCHEDULER_SECONDS and not self.batch and time.monotonic() >= next_schedule:
                    next_schedule = time.monotonic() + settings.SCHEDULER_SECONDS
                    self._run_daily_jobs()
                task_result = self._claim_next()
            except Exception as error:
                if not rules.is_passing_database_error(error):
                    raise
                self.release_pending = True  # had the claim been committed before the error?
                self._wait_after(error, "look for tasks")
                continue
            if self.failures:
                logger.info("The task worker reaches the database again.")
                self.failures = 0

            if task_result is not None:
                self.run_task(task_result)

            if self.batch and task_result is None:
                logger.info("No more tasks to run for worker_id=%s - exiting gracefully.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info("Run maximum tasks (%d) on worker=%s - exiting gracefully.", self._run_tasks,
                            self.worker_id)
                return
            close_old_connections()
            if self.running and not task_result:
                time.sleep(self.interval)

    def _run_daily_jobs(self):
        """The daily jobs that are due (core/scheduler.py, ADR 0036). A job's own failure is recorded by
        the scheduler; a passing database error is waited out like any other; anything else is logged
        and the scheduler tried again at its next look, so the tasks keep running."""
        try:
            scheduler.tick(self.worker_id)
        except Exception as error:
            if rules.is_passing_database_error(error):
                raise
            logger.exception("The task worker could not run the daily jobs; it will look again.")

    # ------------------------------------------------------------ one task

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """As db_worker's, except that a task stopped part way (a second Ctrl+C, or a passing database
        error) is put back to READY to run again rather than failed, and its result is recorded
        however long the database takes to come back."""
        self.running_task = True
        try:
            try:
                task = db_task_result.task
                task_result = db_task_result.task_result
                backend_type = task.get_backend()
                task_started.send(sender=backend_type, task_result=task_result)
                args, kwargs = task_result.args, task_result.kwargs
                running = rules.running_as(task_result)
                try:
                    if task.takes_context:
                        value = task.call(TaskContext(task_result=task_result), *args, **kwargs)
                    else:
                        value = task.call(*args, **kwargs)
                finally:
                    rules.stopped_running(running)
            except (SystemExit, KeyboardInterrupt):
                logger.warning("Task %s was stopped part way; it will run again.", db_task_result.id)
                try:
                    _close_connections()
                    rules.release_tasks_of(self.worker_id)
                except Exception:  # the next worker finds it: this one's heartbeat goes with it
                    pass
                raise
            except Exception as error:
                if rules.is_passing_database_error(error) and len(db_task_result.worker_ids) < rules.MAX_ATTEMPTS:
                    self.failures += 1
                    delay = rules.backoff_seconds(self.failures)
                    logger.warning("Task %s met a database error (%s); it will run again in %.1f s.",
                                   db_task_result.id, error, delay)
                    _close_connections()
                    self._persist(lambda: rules.release_tasks_of(
                        self.worker_id, run_after=timezone.now() + timedelta(seconds=delay)), "put a task back")
                    return
                logger.exception("Task %s failed", db_task_result.id)
                failure = error
                self._persist(lambda: db_task_result.set_failed(failure), "record a failed task")
            else:
                self._persist(lambda: db_task_result.set_successful(value), "record a finished task")
            try:
                task_finished.send(sender=type(db_task_result.task.get_backend()),
                                   task_result=db_task_result.task_result)
            except Exception:
                logger.exception("Task %s finished, but telling others so failed", db_task_result.id)
        finally:
            self.running_task = False
            self._run_tasks += 1


def _wait_longer_on_sqlite():
    """The worker's SQLite connections wait WORKER_SQLITE_TIMEOUT for a lock, not the pages' 20 s."""
    for alias in connections:
        database = connections.settings[alias]
        if database["ENGINE"] == "django.db.backends.sqlite3":
            database["OPTIONS"] = {**database.get("OPTIONS", {}), "timeout": settings.WORKER_SQLITE_TIMEOUT}
    _close_connections()


class Command(DbWorkerCommand):
    help = "Run the background task worker: db_worker that survives database errors and recovers tasks (ADR 0031)"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(reload=False)
        parser.add_argument("--recover-every", type=float, default=30.0,
                            help="Seconds between looks for tasks left running by a stopped worker (default 30)")

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload, max_tasks,
               worker_id, exclude_queues, recover_every, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            from django.core.management.base import CommandError
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        if reload:
            logger.warning("run_worker does not reload on code changes; restart it instead.")
        _wait_longer_on_sqlite()
        worker = SurvivingWorker(
            queue_names=queue_names, interval=interval, batch=batch, backend_name=backend_name,
            startup_delay=startup_delay, max_tasks=max_tasks, worker_id=worker_id, excluded_queue_names=excluded,
            recover_every=recover_every, heartbeat_every=settings.WORKER_HEARTBEAT_SECONDS)
        worker.configure_signals()
        worker.run()
