"""The task worker survives (issue 16, ADR 0031), tested with real worker processes (manage.py
run_worker) on the test database: a worker killed outright in the middle of a spend import is replaced,
and the import finishes once with exact totals; a worker survives the database being locked (SQLite)
or its connections being cut (PostgreSQL) for longer than it waits; and the progress page says when
no worker is running instead of waiting silently.

The worker processes reach the test database: on PostgreSQL the test database itself; on SQLite,
whose test database is in memory, a copy of it in a file, which the test then uses too."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from clearsight.core import worker as rules
from clearsight.core.models import WorkerHeartbeat
from clearsight.core.roles import Role
from clearsight.spend import importer
from clearsight.spend.models import SpendImport, SpendLine
from clearsight.spend.tasks import import_spend_file

from ..factories import WorkerHeartbeatFactory
from ..postgres_roles import session_runtime_role
from ..spend_helpers import csv_bytes

ROOT = Path(__file__).resolve().parents[2]
WAIT = 240  # seconds: a guard against a test waiting for ever, not a measure of speed


# ---------------------------------------------------------------- a database worker processes reach

def _postgres_url(database):
    url = (f"postgres://{quote(database['USER'] or '')}:{quote(database['PASSWORD'] or '')}"
           f"@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{quote(database['NAME'])}")
    role = session_runtime_role()  # as in production, the worker acts as the restricted runtime role
    return url + (f"?options={quote(f'-c role={role}')}" if role else "")


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """The environment that points a worker process at the test's database."""
    if connection.vendor == "postgresql":
        yield {"DATABASE_URL": _postgres_url(connection.settings_dict)}
        return
    wrapper = connections["default"]
    wrapper.ensure_connection()
    path = tmp_path / "shared.sqlite3"
    copy = sqlite3.connect(path)
    wrapper.connection.backup(copy)
    copy.close()
    in_memory, settings_dict = wrapper.connection, wrapper.settings_dict
    wrapper.connection = None  # kept aside (closing it would drop the in-memory database), not closed
    wrapper.settings_dict = {**settings_dict, "NAME": str(path)}
    try:
        yield {"SQLITE_PATH": str(path)}
    finally:
        wrapper.close()
        wrapper.settings_dict, wrapper.connection = settings_dict, in_memory


class Workers:
    """Worker processes started by a test, each with its log; any left running are killed at the end."""

    def __init__(self, environment, log_dir):
        self.environment = environment
        self.log_dir = log_dir
        self.started = []

    def start(self, **extra):
        number = len(self.started) + 1
        log = open(self.log_dir / f"worker-{number}.log", "w+")
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--no-startup-delay", "--interval", "0.2",
             "--recover-every", "2"],
            cwd=ROOT, env={**self.environment, **extra}, stdout=log, stderr=subprocess.STDOUT)
        process.log = log
        self.started.append(process)
        return process

    @staticmethod
    def log_of(process):
        process.log.flush()
        return Path(process.log.name).read_text()

    def stop_all(self):
        for process in self.started:
            if process.poll() is None:
                process.kill()
            process.wait()
            process.log.close()


@pytest.fixture
def workers(shared_database, settings, tmp_path):
    environment = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    environment.update(shared_database, DJANGO_SECRET_KEY="a-key-for-the-worker-processes-of-the-tests-only-0123456789",
                       CLEARSIGHT_PRIVATE_FILES=str(settings.PRIVATE_FILES_ROOT),
                       CLEARSIGHT_WORKER_HEARTBEAT_SECONDS="1")
    started = Workers(environment, tmp_path)
    yield started
    started.stop_all()


def wait_for(condition, what, process=None):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if process is not None and process.poll() is not None:
            pytest.fail(f"the worker stopped (exit status {process.returncode}) while waiting for {what}:\n"
                        f"{Workers.log_of(process)}")
        time.sleep(0.01)
    pytest.fail(f"gave up waiting for {what}")


def alive_worker(worker_process):
    """Wait until the worker process has written its heartbeat."""
    return wait_for(lambda: WorkerHeartbeat.objects.filter(pid=worker_process.pid).first(),
                    "the worker's heartbeat", worker_process)


# ---------------------------------------------------------------- a spend file waiting for the worker

SUPPLIERS = [f"Supplier {n} Ltd" for n in range(40)]


def spend_file(lines):
    """A spend file of this many lines, and the total of its amounts."""
    rows = [["Supplier name", "Payment date", "Amount", "Transaction number"]]
    total = Decimal(0)
    for n in range(lines):
        amount = Decimal(1000 + n * 7 % 99_991) / 100
        total += amount
        rows.append([SUPPLIERS[n % len(SUPPLIERS)], f"{n % 28 + 1:02d}/04/2025", f"{amount:.2f}", f"T{n:07d}"])
    return csv_bytes(rows), total


def queued_import(organisation, data):
    spend_import = importer.receive_file(organisation, "Anytown Council", "payments.csv", data)
    if spend_import.status == SpendImport.Status.NEEDS_MAPPING:
        importer.confirm_mapping(spend_import, spend_import.mapping["columns"])
    assert spend_import.status == SpendImport.Status.QUEUED, spend_import.report
    return spend_import


# ---------------------------------------------------------------- acceptance 5

@pytest.mark.worker
def test_a_worker_killed_during_an_import_is_replaced_and_the_import_finishes_once_with_exact_totals(
        workers, anytown):
    lines = 40_000
    data, total = spend_file(lines)
    spend_import = queued_import(anytown, data)
    task_result = import_spend_file.enqueue(spend_import.pk)

    first = workers.start()

    def saving_its_lines():
        state = SpendImport.objects.filter(pk=spend_import.pk).values("stage", "finished_at").get()
        assert state["finished_at"] is None, "the import finished before the worker could be killed"
        return state["stage"] == "Saving the lines"

    # Killed as soon as the import is saving its lines: inside the transaction that writes them.
    wait_for(saving_its_lines, "the import to be saving its lines", first)
    first.send_signal(signal.SIGKILL)
    first.wait()
    spend_import.refresh_from_db()
    assert spend_import.status == SpendImport.Status.RUNNING, "the import finished before the worker was killed"
    assert DBTaskResult.objects.get(pk=task_result.id).status == TaskResultStatus.RUNNING
    assert not rules.worker_running()
    page_text = importer_page_text(spend_import)
    assert "The background worker has stopped, so this import is paused" in page_text

    second = workers.start()
    wait_for(lambda: DBTaskResult.objects.filter(pk=task_result.id, finished_at__isnull=False).exists(),
             "the import's task to finish", second)

    spend_import.refresh_from_db()
    assert spend_import.status == SpendImport.Status.IMPORTED, spend_import.report
    assert spend_import.line_count == lines and spend_import.duplicate_count == 0
    assert spend_import.total_amount == total
    assert SpendLine.objects.filter(spend_import=spend_import).count() == lines
    assert SpendLine.objects.count() == lines  # nothing written twice, nothing left from the killed run
    assert sum(SpendLine.objects.values_list("amount", flat=True)) == total
    done = DBTaskResult.objects.get(pk=task_result.id)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert len(done.worker_ids) == 2  # run twice: cut short once, finished once
    assert set(WorkerHeartbeat.objects.values_list("pid", flat=True)) == {second.pid}  # the dead one forgotten
    assert "left running by the task worker" in Workers.log_of(second)

    second.send_signal(signal.SIGTERM)  # a clean stop: its heartbeat goes with it
    assert second.wait(timeout=WAIT) == 0
    assert not WorkerHeartbeat.objects.exists()


def importer_page_text(spend_import):
    from clearsight.spend.views import status_text

    return status_text(spend_import, rules.worker_running())


# ---------------------------------------------------------------- a busy or unreachable database

@pytest.mark.worker
def test_a_worker_outlives_the_database_being_locked_or_cut_off_and_then_does_its_work(workers, anytown):
    data, total = spend_file(30)
    spend_import = queued_import(anytown, data)
    # The worker waits one second for a lock, where it waits five minutes in use.
    worker = workers.start(CLEARSIGHT_WORKER_SQLITE_TIMEOUT="1")
    alive_worker(worker)

    if connection.vendor == "sqlite":
        # Another writer holds the database for several times as long as the worker waits; the task is
        # queued by that writer, so it is there when the lock goes.
        with transaction.atomic():
            SpendImport.objects.filter(pk=spend_import.pk).update(publisher="Anytown Council")  # holds the lock
            import_spend_file.enqueue(spend_import.pk)
            time.sleep(5)
        problem = "database is locked"
    else:
        # As while the database server restarts: it takes no new connection, and every connection the
        # worker has is cut. (Cutting connections alone is a race: between two looks for tasks the
        # worker holds none, and would simply open a new one.) The test's own connection stays open.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            own = cursor.fetchone()[0]
        name = connection.settings_dict["NAME"]
        database = connection.ops.quote_name(name)
        on_the_server(f"ALTER DATABASE {database} ALLOW_CONNECTIONS false",
                      ("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> %s",
                       (name, own)))
        try:
            import_spend_file.enqueue(spend_import.pk)
            wait_for(lambda: "could not look for tasks (" in Workers.log_of(worker),
                     "the worker to find the database unreachable", worker)
            time.sleep(2)  # unreachable for a while: the worker tries again more than once
        finally:
            on_the_server(f"ALTER DATABASE {database} ALLOW_CONNECTIONS true")
        problem = ""

    wait_for(lambda: SpendImport.objects.filter(pk=spend_import.pk, finished_at__isnull=False).exists(),
             "the import to finish", worker)
    assert worker.poll() is None, "the worker stopped"
    spend_import.refresh_from_db()
    assert spend_import.status == SpendImport.Status.IMPORTED and spend_import.line_count == 30
    assert spend_import.total_amount == total
    assert f"could not look for tasks ({problem}" in Workers.log_of(worker)


def on_the_server(*statements):
    """Run statements as the owner from a connection to the server's maintenance database (a database
    cannot stop taking connections from within itself)."""
    import psycopg

    database = connection.settings_dict
    with psycopg.connect(host=database["HOST"] or "127.0.0.1", port=database["PORT"] or 5432,
                         user=database["USER"], password=database["PASSWORD"] or None, dbname="postgres",
                         autocommit=True) as server:
        for statement in statements:
            server.execute(*(statement if isinstance(statement, tuple) else (statement,)))


# ---------------------------------------------------------------- what the progress page says

@pytest.mark.django_db
def test_the_progress_page_says_when_no_worker_is_running(client, user_with, sign_in, anytown):
    sign_in(client, user_with(Role.PROCUREMENT_OFFICER))
    spend_import = queued_import(anytown, spend_file(3)[0])
    progress = reverse("spend:progress", kwargs={"public_id": spend_import.public_id})
    status = reverse("spend:status", kwargs={"public_id": spend_import.public_id})
    not_running = "The background worker is not running, so this import has not started"

    assert not_running in client.get(progress).content.decode()
    answer = client.get(status).json()
    assert not_running in answer["text"] and not answer["worker_running"]
    assert "Ask your system administrator to start the background worker" in answer["text"]

    WorkerHeartbeatFactory()  # a worker elsewhere, which beat just now
    assert not_running not in client.get(progress).content.decode()
    answer = client.get(status).json()
    assert answer["text"] == "Waiting to start." and answer["worker_running"]

    WorkerHeartbeat.objects.update(beat_at=timezone.now() - timedelta(minutes=5))  # silent since
    assert not_running in client.get(status).json()["text"]

    SpendImport.objects.filter(pk=spend_import.pk).update(status=SpendImport.Status.RUNNING, stage="Checking every line")
    assert "The background worker has stopped, so this import is paused" in client.get(status).json()["text"]

    SpendImport.objects.filter(pk=spend_import.pk).update(status=SpendImport.Status.READING, stage="")
    assert "so this file has not been read yet" in client.get(status).json()["text"]


@pytest.mark.django_db
def test_an_import_run_again_after_its_worker_died_starts_from_the_beginning(anytown):
    from clearsight.spend.tasks import start_again

    spend_import = queued_import(anytown, spend_file(3)[0])
    SpendImport.objects.filter(pk=spend_import.pk).update(status=SpendImport.Status.RUNNING, stage="Saving the lines",
                                                         rows_done=3)
    start_again(spend_import.pk)
    spend_import.refresh_from_db()
    assert (spend_import.status, spend_import.stage, spend_import.rows_done) == (SpendImport.Status.QUEUED, "", 0)
    done = importer.run_import(spend_import.pk)
    assert done.status == SpendImport.Status.IMPORTED and done.line_count == 3
    start_again(spend_import.pk)  # a finished import is left as it is
    spend_import.refresh_from_db()
    assert spend_import.status == SpendImport.Status.IMPORTED and SpendLine.objects.count() == 3
