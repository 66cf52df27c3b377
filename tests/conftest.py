import os

import pytest
from django_otp import DEVICE_ID_SESSION_KEY

from clearsight.core.roles import Role

from .factories import OrganisationFactory, make_user

# Playwright's sync API runs an event loop in the test thread; the tests only touch the database
# from that thread, between browser steps.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def anytown(db):
    return OrganisationFactory(name="Anytown Council")


@pytest.fixture
def bexford(db):
    return OrganisationFactory(name="Bexford Borough Council")


@pytest.fixture
def user_with(anytown):
    """user_with(Role.AUDITOR) -> a user of Anytown Council with that role and an authenticator."""

    def make(*roles, organisation=None, **kwargs):
        return make_user(organisation or anytown, *roles, **kwargs)

    return make


@pytest.fixture
def sign_in():
    """sign_in(client, user): signed in, with the second factor completed (as after a real sign-in)."""

    def do(client, user):
        client.force_login(user)
        if getattr(user, "test_device", None) is not None:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = user.test_device.persistent_id
            session.save()
        return client

    return do


@pytest.fixture
def administrator(user_with):
    return user_with(Role.ADMINISTRATOR, Role.STAFF)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashing is tested by Django; here it would only slow every test down.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    # Tests read static files from their source folders under plain names, so they do not depend on
    # a fresh collectstatic; the hashed production storage is exercised by bin/setup itself.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture(autouse=True)
def reference_data(request):
    """Reference data is loaded by a migration; tests that flush the database (live server tests)
    remove it, so put it back for any test that uses the database."""
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    if not uses_db:
        return
    request.getfixturevalue("transactional_db" if "live_server" in request.fixturenames or "transactional_db" in request.fixturenames else "db")
    from clearsight.concerns.models import ExploitationType, Indicator
    from clearsight.concerns.reference_data import load

    if not Indicator.objects.exists() or not ExploitationType.objects.exists():
        load(Indicator, ExploitationType)
    from clearsight.screening.reference_data import ensure_loaded
    from clearsight.supply.models import SicCode
    from clearsight.supply.reference import load_sic_codes

    ensure_loaded()
    if not SicCode.objects.exists():
        load_sic_codes()
    from clearsight.actionplan.models import Framework
    from clearsight.actionplan.reference_data import load_frameworks

    if not Framework.objects.exists():
        load_frameworks()


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Uploaded files (spend files, evidence) go to a folder of the test's own."""
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"


def pytest_report_header(config):
    """Print the moment the suite runs as, so a failure that depends on the date can be replayed."""
    import datetime

    now = datetime.datetime.now().astimezone()
    return f"clock: {now:%A %d %B %Y %H:%M %Z} (replay with CLEARSIGHT_TEST_DATE=\"{now:%Y-%m-%d %H:%M}\" bin/test)"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """On PostgreSQL with CLEARSIGHT_DB_RUNTIME_ROLE set (CI), the test database is created and
    migrated as the owner, then every test runs as that restricted runtime role (ADR 0024,
    tests/postgres_roles.py)."""
    from .postgres_roles import run_as_runtime_role

    with run_as_runtime_role(django_db_blocker):
        yield
