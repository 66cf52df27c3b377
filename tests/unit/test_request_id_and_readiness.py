"""The rules behind the request id and the readiness answer (core/request_id.py, core/health.py)."""

import logging
import uuid

import pytest

from clearsight.core.health import Readiness
from clearsight.core.request_id import RequestIdLogFilter, choose_request_id


@pytest.mark.parametrize(
    "offered",
    ["0f8fad5b-d9cb-469f-a165-70867728950e", "4a1b2c3d4e5f60718293a4b5c6d7e8f9", "Root:1-67891233", "lb.req_0001"],
)
def test_a_well_formed_id_from_the_load_balancer_is_kept(offered):
    assert choose_request_id(offered) == offered


@pytest.mark.parametrize(
    "offered", [None, "", "1234567", "x" * 37, "a b c d e f g h", "id\r\nX-Forged: 1", "naïve-id-123"]
)
def test_anything_else_gets_a_new_random_id(offered):
    chosen = choose_request_id(offered)
    assert chosen != offered
    assert str(uuid.UUID(chosen)) == chosen


def test_log_records_outside_a_request_say_so():
    record = logging.LogRecord("clearsight.worker", logging.INFO, __file__, 1, "started", None, None)
    assert RequestIdLogFilter().filter(record) and record.request_id == "-"


def test_readiness_names_every_failed_check_and_only_those():
    ready = Readiness({"database": "ok", "migrations": "ok", "worker": "ok", "queue": "ok"})
    assert ready.ready and ready.as_json() == {"status": "ready", "checks": ready.checks}
    not_ready = Readiness(
        {
            "database": "ok",
            "migrations": "2 migrations not applied",
            "worker": "ok",
            "queue": "a task has waited 400 seconds for a worker (limit 300)",
        }
    )
    assert not not_ready.ready
    assert not_ready.as_json()["status"] == "not ready"
    assert not_ready.as_json()["failed"] == ["migrations", "queue"]
