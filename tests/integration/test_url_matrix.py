"""Every URL in the project, for every role, for anonymous visitors and for a user of another
organisation: access is granted or refused exactly as designed.

The expectations, the records and the users are in ``url_matrix.py`` (and the per-context modules
``matrix_<context>.py`` it merges). There is one test per URL name, so that the work spreads over
the xdist workers; the users are built once per module and worker (``url_matrix_world``).
"""

import pytest
from django.urls import reverse

from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role

from .url_matrix import (ADMIN_OPEN_FOR_ADMINISTRATORS, EXPECTATIONS, RECORDS, _admin_url, _expected, _url,
                         all_url_names, url_matrix_world, world)  # noqa: F401 (fixtures)


def test_every_url_has_an_expectation():
    missing = [name for name in all_url_names() if name not in EXPECTATIONS and not name.startswith("admin:")]
    assert missing == [], f"URLs without an access expectation: {missing}"
    stale = [name for name in EXPECTATIONS if name not in all_url_names()]
    assert stale == [], f"Expectations for URLs that no longer exist: {stale}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(EXPECTATIONS))
def test_access_matrix(client, sign_in, world, name):  # noqa: F811
    users, other, extras = world
    patterns = all_url_names()
    failures = []
    expect = EXPECTATIONS[name]
    entry = patterns[name]
    make = RECORDS.get(expect.record)

    own, _ = make(extras, extras["anytown_reporter"]) if make else (None, None)
    client.logout()
    response = getattr(client, expect.method)(_url(name, entry, expect, own))
    want = _expected(expect, "anonymous", None)
    if response.status_code != want:
        failures.append(f"{name} anonymous: {response.status_code}, expected {want}")
    elif want == 302 and not expect.public and not response["Location"].startswith(reverse("core:sign-in")):
        failures.append(f"{name} anonymous: redirected to {response['Location']}, not to sign in")

    for role, user in users.items():
        own, theirs = make(extras, user) if make else (None, None)
        sign_in(client, user)
        before = AuditEvent.objects.count()
        response = getattr(client, expect.method)(_url(name, entry, expect, own))
        want = _expected(expect, "signed_in", role)
        if response.status_code != want:
            failures.append(f"{name} as {role}: {response.status_code}, expected {want}")
        if expect.record and expect.audited and response.status_code == 200:
            ids = [str(getattr(own, "public_id", "")), str(getattr(getattr(own, "concern", None), "public_id", "")),
                   str(getattr(getattr(own, "person", None), "public_id", ""))]
            audited = AuditEvent.objects.filter(actor=user, record_id__in=ids).exists()
            if not audited or AuditEvent.objects.count() == before:
                failures.append(f"{name} as {role}: personal data shown but the view was not audited")
        if expect.record and role in expect.roles and want == 200:
            # The same user must not reach someone else's record of this kind
            response = getattr(client, expect.method)(_url(name, entry, expect, theirs))
            if response.status_code != 404:
                failures.append(f"{name} as {role} for another organisation's or person's record: {response.status_code}, expected 404")
        client.logout()

    if expect.record and make:
        # The same roles in another organisation must not reach this organisation's record.
        own, _ = make(extras, extras["anytown_reporter"])
        for role, user in other.items():
            if role not in expect.roles or expect.record in ("draft", "sent"):
                continue
            sign_in(client, user)
            response = getattr(client, expect.method)(_url(name, entry, expect, own))
            if response.status_code != 404:
                failures.append(f"{name} as {role} of another organisation: {response.status_code}, expected 404")
            client.logout()
    assert failures == []


ADMIN_URL_NAMES = [name for name in all_url_names() if name.startswith("admin:")]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ADMIN_URL_NAMES)
def test_admin_is_for_administrators_only(client, sign_in, world, name):  # noqa: F811
    users, other, extras = world
    failures = []
    url = _admin_url(name, all_url_names()[name], world)
    if url is None:
        return
    for role, user in users.items():
        sign_in(client, user)
        status = client.get(url).status_code
        if role == Role.ADMINISTRATOR:
            if name in ADMIN_OPEN_FOR_ADMINISTRATORS and status != 200:
                failures.append(f"{name} as administrator: {status}, expected 200")
        elif 200 <= status < 300:
            failures.append(f"{name} as {role}: {status}, the admin must be closed to them")
        client.logout()
    status = client.get(url).status_code
    if 200 <= status < 300:
        failures.append(f"{name} anonymous: {status}, the admin must be closed")
    assert failures == []


@pytest.mark.django_db
def test_nothing_that_decides_access_is_in_the_admin(client, sign_in, world):  # noqa: F811
    """Organisations, partnerships, memberships and people are changed only through Clearsight's own
    pages (ADR 0026): the admin has no page for them, for anyone."""
    from django.urls import NoReverseMatch

    users, other, extras = world
    for model in ("core_organisation", "core_partnership", "core_membership", "core_user"):
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:{model}_changelist")
    sign_in(client, users[Role.ADMINISTRATOR])
    for path in ("/admin/core/organisation/", "/admin/core/partnership/", "/admin/core/membership/", "/admin/core/user/"):
        assert client.get(path).status_code == 404, path
