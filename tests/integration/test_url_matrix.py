"""Every URL in the project, for every role, for anonymous visitors and for a user of another
organisation: access is granted or refused exactly as designed.

Each URL name needs an entry in EXPECTATIONS (admin URLs share one rule): a new URL without an
expectation fails ``test_every_url_has_an_expectation``. Later contexts add their entries here.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from clearsight.core.models import AuditEvent
from clearsight.core.roles import ROLES, Capability, Role

from ..factories import make_user

ALL_ROLES = frozenset(Role)


def roles_with(capability):
    return frozenset(role for role, info in ROLES.items() if capability in info.capabilities)


@dataclass(frozen=True)
class Expect:
    """Who gets the page (200). Everyone else signed in gets 403; anonymous visitors are sent to
    sign in. ``public`` pages answer everyone. ``record`` names the demo record the URL is about:
    the same role in another organisation gets 404 for it, and each 200 must be audited."""

    roles: frozenset = ALL_ROLES
    public: bool = False
    record: str = ""
    method: str = "get"
    special: dict = field(default_factory=dict)  # subject -> expected status, overriding the above


EXPECTATIONS = {
    "core:home": Expect(),
    "core:account": Expect(),
    "core:sign-in": Expect(public=True, special={"signed_in": 302}),
    # Reached during sign-in; a fully signed-in user is sent on, an anonymous one to sign in.
    "core:sign-in-code": Expect(public=True, special={"anonymous": 302, "signed_in": 302}),
    "core:two-factor-setup": Expect(public=True, special={"anonymous": 302, "signed_in": 302}),
    "core:sign-out": Expect(public=True, special={"anonymous": 405, "signed_in": 405}),
    "core:accessibility": Expect(public=True),
    "core:privacy": Expect(public=True),
    "core:cookies": Expect(public=True),
    "core:health": Expect(public=True),
    "core:organisations": Expect(roles=roles_with(Capability.VIEW_DIRECTORY)),
    "core:audit-log": Expect(roles=roles_with(Capability.VIEW_AUDIT_LOG)),
    "core:people": Expect(roles=roles_with(Capability.MANAGE_PEOPLE)),
    "core:person-detail": Expect(roles=roles_with(Capability.MANAGE_PEOPLE), record="person"),
    "core:person-edit": Expect(roles=roles_with(Capability.MANAGE_PEOPLE), record="person"),
}

# Django admin: administrators only. The admin index, app list and each model's list are checked
# to open for administrators; every admin URL is checked to be closed to everyone else.
ADMIN_OPEN_FOR_ADMINISTRATORS = {"admin:index", "admin:app_list", "admin:core_organisation_changelist",
                                 "admin:core_partnership_changelist", "admin:core_membership_changelist"}


def all_url_names(patterns=None, prefix=""):
    names = {}
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names.update(all_url_names(entry.url_patterns, ns))
        elif isinstance(entry, URLPattern) and entry.name:
            names[f"{prefix}{entry.name}"] = entry
    return names


def test_every_url_has_an_expectation():
    missing = [name for name in all_url_names() if name not in EXPECTATIONS and not name.startswith("admin:")]
    assert missing == [], f"URLs without an access expectation: {missing}"
    stale = [name for name in EXPECTATIONS if name not in all_url_names()]
    assert stale == [], f"Expectations for URLs that no longer exist: {stale}"


@pytest.fixture
def world(anytown, bexford):
    """One user for each role at Anytown, the same for a user of Bexford, and a record of each kind."""
    users = {role: make_user(anytown, role) for role in Role}
    other = {role: make_user(bexford, role) for role in Role}
    records = {
        "person": {"own": make_user(anytown, Role.STAFF), "other": make_user(bexford, Role.STAFF)},
    }
    return users, other, records


def _kwargs(entry, record_obj):
    params = entry.pattern.converters.keys() if hasattr(entry.pattern, "converters") else []
    kwargs = {}
    for name in params:
        kwargs[name] = record_obj.public_id
    return kwargs


def _expected(expect, subject, role):
    if subject in expect.special:
        return expect.special[subject]
    if expect.public:
        return 200
    if subject == "anonymous":
        return 302
    return 200 if role in expect.roles else 403


@pytest.mark.django_db
def test_access_matrix(client, sign_in, world):
    users, other, records = world
    patterns = all_url_names()
    failures = []
    for name, expect in EXPECTATIONS.items():
        entry = patterns[name]
        own_record = records[expect.record]["own"] if expect.record else None
        url = reverse(name, kwargs=_kwargs(entry, own_record) if own_record else None)

        client.logout()
        response = getattr(client, expect.method)(url)
        want = _expected(expect, "anonymous", None)
        if response.status_code != want:
            failures.append(f"{name} anonymous: {response.status_code}, expected {want}")
        elif want == 302 and not expect.public and not response["Location"].startswith(reverse("core:sign-in")):
            failures.append(f"{name} anonymous: redirected to {response['Location']}, not to sign in")

        for role, user in users.items():
            sign_in(client, user)
            before = AuditEvent.objects.count()
            response = getattr(client, expect.method)(url)
            want = _expected(expect, "signed_in", role)
            if response.status_code != want:
                failures.append(f"{name} as {role}: {response.status_code}, expected {want}")
            if expect.record and response.status_code == 200:
                audited = AuditEvent.objects.filter(
                    actor=user, action=AuditEvent.Action.VIEW, record_id=str(own_record.public_id)
                ).count()
                if not audited or AuditEvent.objects.count() == before:
                    failures.append(f"{name} as {role}: personal data shown but the view was not audited")
            client.logout()

        if expect.record:
            # The same roles in another organisation must not reach this organisation's record,
            # and this organisation's users must not reach the other's.
            for role, user in other.items():
                sign_in(client, user)
                response = getattr(client, expect.method)(url)
                want = 404 if role in expect.roles else 403
                if response.status_code != want:
                    failures.append(f"{name} as {role} of another organisation: {response.status_code}, expected {want}")
                client.logout()
            other_url = reverse(name, kwargs=_kwargs(entry, records[expect.record]["other"]))
            for role in expect.roles:
                sign_in(client, users[role])
                response = getattr(client, expect.method)(other_url)
                if response.status_code != 404:
                    failures.append(f"{name} as {role} for another organisation's record: {response.status_code}, expected 404")
                client.logout()
    assert failures == []


def _admin_url(name, entry, world):
    users, other, records = world
    from django.urls import NoReverseMatch

    sample = {"app_label": "core", "object_id": "1", "content_type_id": "1", "path": "x"}
    kwargs = {k: sample.get(k, "1") for k in entry.pattern.regex.groupindex}
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


@pytest.mark.django_db
def test_admin_is_for_administrators_only(client, sign_in, world):
    users, other, records = world
    failures = []
    for name, entry in all_url_names().items():
        if not name.startswith("admin:"):
            continue
        url = _admin_url(name, entry, world)
        if url is None:
            continue
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
def test_admin_shows_an_administrator_only_their_own_organisations(client, sign_in, world):
    users, other, records = world
    sign_in(client, users[Role.ADMINISTRATOR])
    page = client.get(reverse("admin:core_organisation_changelist")).content.decode()
    assert "Anytown Council" in page
    assert "Bexford Borough Council" not in page
