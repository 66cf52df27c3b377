"""Issue 14, the "Low" items: HSTS and a Permissions-Policy header; demo data only in demo mode;
refused access written to the audit log without personal data; operation names kept from people
whose roles do not need a second factor."""

import os
import subprocess
import sys
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from clearsight.core.models import AuditEvent, Organisation, User
from clearsight.core.roles import Role
from clearsight.operations.models import Operation

from ..factories import OperationFactory, make_user
from .fresh_process import PASSED_ON, ROOT

pytestmark = pytest.mark.django_db

REAL_KEY = "a-real-secret-key-made-for-this-machine-0123456789abcdef"


# ---------------------------------------------------------------- HSTS and Permissions-Policy

def test_https_responses_tell_browsers_to_use_https_only(client):
    response = client.get(reverse("core:sign-in"), secure=True)
    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts
    assert "preload" not in hsts  # preloading is a decision for the council, not a default


def hsts_settings(tmp_path, **environment):
    """SECURE_HSTS_SECONDS, _INCLUDE_SUBDOMAINS and _PRELOAD as a fresh process with this environment has them."""
    env = {name: os.environ[name] for name in PASSED_ON if name in os.environ}
    env.update(SQLITE_PATH=str(tmp_path / "probe.sqlite3"), **environment)
    code = ("import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'clearsight.settings'\n"
            "from django.conf import settings\n"
            "print(settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_hsts_has_a_default_and_settings_by_environment(tmp_path):
    assert hsts_settings(tmp_path, DJANGO_SECRET_KEY=REAL_KEY) == ["31536000", "True", "False"]
    assert hsts_settings(tmp_path, DJANGO_SECRET_KEY=REAL_KEY, DJANGO_HSTS_SECONDS="600",
                         DJANGO_HSTS_INCLUDE_SUBDOMAINS="0", DJANGO_HSTS_PRELOAD="1") == ["600", "False", "True"]
    assert hsts_settings(tmp_path, DJANGO_DEBUG="1")[0] == "0"  # never on a development machine's http://127.0.0.1


def test_every_page_switches_off_browser_features_clearsight_does_not_use(client):
    for url in (reverse("core:sign-in"), "/no-such-page", reverse("core:health")):
        policy = client.get(url)["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
            assert feature in policy, (url, feature)


# ---------------------------------------------------------------- demo data

def test_demo_data_is_refused_unless_demo_mode_is_on(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="CLEARSIGHT_DEMO=1"):
        call_command("load_demo_data")
    assert not User.objects.exists() and not Organisation.objects.exists()


def test_bin_start_turns_demo_mode_on_before_loading_demo_data():
    script = (ROOT / "bin" / "start").read_text()
    assert script.index("export CLEARSIGHT_DEMO=1") < script.index("load_demo_data")


# ---------------------------------------------------------------- refused access in the audit log

def test_a_refused_page_is_audited_without_personal_data(signed_in, anytown):
    person = make_user(anytown, Role.STAFF)
    client = signed_in(person)
    response = client.get(reverse("core:audit-log") + "?record_id=Jane+Smith")
    assert response.status_code == 403
    event = AuditEvent.objects.get(actor=person, action="access_denied")
    assert event.record_type == "core:audit-log"
    assert event.organisation == anytown
    assert "403" in event.description
    assert "Jane" not in event.description and "Smith" not in event.description  # no query string


def test_someone_elses_record_is_audited_as_not_found_with_its_reference(signed_in, anytown, bexford):
    administrator = make_user(anytown, Role.ADMINISTRATOR, Role.STAFF)
    stranger = make_user(bexford, Role.STAFF)
    client = signed_in(administrator)
    response = client.get(reverse("core:person-detail", kwargs={"public_id": stranger.public_id}))
    assert response.status_code == 404
    event = AuditEvent.objects.get(actor=administrator, action="access_denied")
    assert event.record_type == "core:person-detail" and event.record_id == str(stranger.public_id)
    assert "404" in event.description
    assert stranger.email not in event.description and stranger.full_name not in event.description


def test_pages_that_are_allowed_write_no_refusal(signed_in, anytown):
    client = signed_in(make_user(anytown, Role.STAFF))
    assert client.get(reverse("core:home")).status_code == 200
    assert client.get("/no-such-page").status_code == 404  # no page at all: nothing to refuse
    assert not AuditEvent.objects.filter(action="access_denied").exists()


# ---------------------------------------------------------------- operation names

@pytest.fixture
def named_operation(anytown):
    creator = make_user(anytown, Role.PARTNERSHIP_COORDINATOR)
    return OperationFactory(name="Operation Smith Farm", date=date(2026, 3, 12), status=Operation.Status.DONE,
                            lead_agency=anytown, created_by=creator)


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.STATEMENT_OWNER])
def test_roles_without_a_second_factor_see_no_operation_names(signed_in, anytown, named_operation, role):
    viewer = make_user(anytown, role, with_device=False)
    assert not viewer.needs_two_factor
    client = signed_in(viewer)
    page = client.get(reverse("operations:figures"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Smith Farm" not in content
    assert "Operation 1" in content and named_operation.reference in content
    export = client.get(reverse("operations:figures-export", kwargs={"table": "per-operation"}))
    assert export.status_code == 200
    assert b"Smith Farm" not in export.content and b"Operation 1" in export.content


def test_partnership_workers_with_a_second_factor_see_operation_names(signed_in, anytown, named_operation):
    coordinator = make_user(anytown, Role.PARTNERSHIP_COORDINATOR)
    page = signed_in(coordinator).get(reverse("operations:figures"))
    assert "Operation Smith Farm" in page.content.decode()
