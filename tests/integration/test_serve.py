"""bin/serve, the production server, started for real: gunicorn on a free port against a SQLite
database of its own, with and without its task worker, asked what a load balancer asks (issue 18,
acceptance 2; README, "Running it for real")."""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# How long a cold start may take on a busy CI machine before the test gives up (it is not a timing test).
START_WITHIN_SECONDS = 120

pytestmark = pytest.mark.skipif(
    not (ROOT / ".venv" / "bin" / "gunicorn").exists(), reason="bin/setup has not installed gunicorn"
)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ask(url, request_id=None):
    """(status, headers, body) of a GET, whatever the status."""
    request = urllib.request.Request(url, headers={"X-Request-ID": request_id} if request_id else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def server_environment(tmp_path_factory):
    """The environment of a production installation: a secret key, a SQLite database of its own with
    every migration applied, and private files in a directory of their own; nothing of the tests'."""
    place = tmp_path_factory.mktemp("serve")
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "CLEARSIGHT_", "PYTEST_")) and name != "DATABASE_URL"
    }
    environment.update(
        {
            "DJANGO_SECRET_KEY": "a-secret-key-for-the-bin-serve-test-only-0123456789",
            "SQLITE_PATH": str(place / "clearsight.sqlite3"),
            "CLEARSIGHT_PRIVATE_FILES": str(place / "private"),
            "CLEARSIGHT_WEB_WORKERS": "1",
        }
    )
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=600,
    )
    return environment, place


class Served:
    def __init__(self, environment, log_path, **extra):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen(
            [str(ROOT / "bin" / "serve")],
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=environment | {"CLEARSIGHT_BIND": f"127.0.0.1:{self.port}"} | extra,
        )

    def wait_for(self, path, status):
        """Asks ``path`` until it answers ``status``; the last answer (the server may still be starting)."""
        deadline = time.monotonic() + START_WITHIN_SECONDS
        answer = None
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"bin/serve stopped:\n{self.log_path.read_text()[-3000:]}"
            try:
                answer = ask(self.base + path)
                if answer[0] == status:
                    return answer
            except (ConnectionError, urllib.error.URLError):
                pass
            time.sleep(0.5)
        return answer

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
        return self.process.returncode

    def log_lines(self):
        lines = []
        for text in self.log_path.read_text().splitlines():
            try:
                lines.append(json.loads(text))
            except ValueError:
                pass
        return lines


@pytest.fixture
def serve(server_environment, tmp_path):
    environment, _ = server_environment
    started = []

    def start(**extra):
        served = Served(environment, tmp_path / f"serve-{len(started)}.log", **extra)
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()


def test_ready_with_its_worker(serve):
    # Given bin/serve started with its task worker
    server = serve()
    # When the load balancer asks whether it is alive, then whether it is ready
    assert server.wait_for("/healthz", 200)[2] == b"ok"
    status, _, body = server.wait_for("/readyz", 200)
    # Then it is ready once the worker's heartbeat is in, every check passing
    assert status == 200, body
    assert json.loads(body) == {
        "status": "ready",
        "checks": {"database": "ok", "migrations": "ok", "worker": "ok", "queue": "ok"},
    }
    # And a request's id from the load balancer comes back, and is in the request's JSON log line
    status, headers, _ = ask(server.base + "/health", request_id="lb-test-serve-0001")
    assert status == 200 and headers["X-Request-ID"] == "lb-test-serve-0001"
    # And the GOV.UK Frontend files are served by WhiteNoise
    status, headers, _ = ask(server.base + "/static/govuk/govuk-frontend.min.js")
    assert status == 200 and "javascript" in headers["Content-Type"]
    # And TERM stops gunicorn and the worker
    assert server.stop() == 0
    line = next(entry for entry in server.log_lines() if entry.get("request_id") == "lb-test-serve-0001")
    assert line["logger"] == "clearsight.request" and line["view"] == "core:health" and line["status"] == 200
    assert any(entry.get("logger") == "gunicorn.error" for entry in server.log_lines())


def test_not_ready_without_a_worker(serve):
    # Given bin/serve started with no task worker beside it
    server = serve(CLEARSIGHT_WORKER="0")
    # When the load balancer asks
    assert server.wait_for("/healthz", 200)[0] == 200
    status, headers, body = ask(server.base + "/readyz")
    # Then it is alive but not ready, and says the worker is what is missing
    assert status == 503
    assert headers["Content-Type"] == "application/json"
    answer = json.loads(body)
    assert answer["failed"] == ["worker"] and answer["checks"]["database"] == "ok"
