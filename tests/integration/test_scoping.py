"""Records are read only through queries scoped to the user: a view that forgets fails loudly."""

import ast
from pathlib import Path

import pytest
from django.test import RequestFactory

from clearsight.core.models import AuditEvent, User
from clearsight.core.roles import Role
from clearsight.core.scoping import UnscopedQueryError, request_scope

from ..factories import make_user

pytestmark = pytest.mark.django_db

VIEW_SOURCES = sorted(Path("clearsight").glob("*/views/*.py")) + sorted(Path("clearsight").glob("*/views.py"))


def test_an_unscoped_query_during_a_request_is_refused(user_with):
    user_with(Role.AUDITOR)
    AuditEvent.objects.create(action=AuditEvent.Action.VIEW)
    with request_scope():
        for read in (lambda: list(AuditEvent.objects.all()), lambda: AuditEvent.objects.count(),
                     lambda: AuditEvent.objects.exists(), lambda: AuditEvent.objects.first(),
                     lambda: list(User.people.filter(is_active=True))):
            with pytest.raises(UnscopedQueryError):
                read()


def test_scoped_queries_see_only_the_users_organisations(anytown, bexford, user_with):
    admin = user_with(Role.ADMINISTRATOR)
    ours = make_user(anytown, Role.STAFF)
    theirs = make_user(bexford, Role.STAFF)
    with request_scope():
        visible = set(User.people.for_user(admin))
    assert ours in visible and admin in visible
    assert theirs not in visible


def test_a_user_without_the_role_sees_no_one(anytown, user_with):
    staff = user_with(Role.STAFF)
    make_user(anytown, Role.STAFF)
    with request_scope():
        assert list(User.people.for_user(staff)) == []
        assert list(AuditEvent.objects.for_user(staff)) == []


def test_outside_a_request_commands_may_read_everything(user_with):
    user_with(Role.STAFF)
    assert User.people.count() == 1


def test_views_never_use_the_unscoped_user_manager():
    """User.objects is for sign-in and commands; views must use User.people.for_user(...)."""
    offenders = []
    for path in VIEW_SOURCES:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr == "objects"
                    and isinstance(node.value, ast.Name) and node.value.id == "User"):
                offenders.append(f"{path}:{node.lineno}")
    assert VIEW_SOURCES, "no view modules found: is the test running from the project root?"
    assert offenders == []


def test_the_request_middleware_turns_the_guard_on(rf: RequestFactory):
    from clearsight.core.middleware import RequestContextMiddleware

    def view(request):
        return AuditEvent.objects.count()

    with pytest.raises(UnscopedQueryError):
        RequestContextMiddleware(view)(rf.get("/"))
