"""Shared parts of the URL matrix, for the per-context modules ``matrix_<context>.py``.

Each context module defines ``EXPECTATIONS`` (URL name -> Expect), optionally ``RECORDS`` (record
kind -> function of (extras, user) giving (own record, someone else's record)) and ``ADMIN_OPEN``
(admin URL names open to administrators). ``url_matrix`` merges them all; ``test_url_matrix``
checks them.
"""

from dataclasses import dataclass, field

from clearsight.core.roles import ROLES, Role

ALL_ROLES = frozenset(Role)


def roles_with(capability):
    return frozenset(role for role, info in ROLES.items() if capability in info.capabilities)


@dataclass(frozen=True)
class Expect:
    """Who gets the page (200). Everyone else signed in gets ``denied`` (403 unless a role is named
    in ``status``); anonymous visitors are sent to sign in. ``public`` pages answer everyone.
    ``record`` names the kind of record the URL is about (see RECORDS): the same roles reaching
    another organisation's (or another person's) record get 404, and each 200 must be audited."""

    roles: frozenset = ALL_ROLES
    public: bool = False
    record: str = ""
    method: str = "get"
    kwargs: object = field(default_factory=dict)  # extra URL arguments, or a function of the record giving them
    status: dict = field(default_factory=dict)  # role -> expected status, overriding the rule
    special: dict = field(default_factory=dict)  # "anonymous" / "signed_in" -> expected status
    audited: bool = True


