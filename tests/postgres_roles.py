"""Running the tests as Clearsight's restricted PostgreSQL runtime role (ADR 0024).

With DATABASE_URL pointing at PostgreSQL and CLEARSIGHT_DB_RUNTIME_ROLE set (CI does), each test
database (one per xdist worker) is created and migrated as the role DATABASE_URL logs in as (the
owner), the statements of ``bin/postgres-roles`` are applied to it, and from then on every
connection Django opens to it runs ``SET ROLE <runtime role>``: every test then has exactly the
runtime role's privileges. The only owner work left in the suite is emptying the tables between
transactional tests (TRUNCATE, like ``flush``), which is done as the owner, and the tests that
tamper with the audit log on purpose, which use ``owner_rights()``.

Without CLEARSIGHT_DB_RUNTIME_ROLE the suite runs as the owner; ``acting_as_runtime_role()`` lets
the tests about the runtime role run anyway, inside the test's own transaction.
"""

import os
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.signals import connection_created

from clearsight.core import database_roles

ENVIRONMENT_VARIABLE = "CLEARSIGHT_DB_RUNTIME_ROLE"
PER_TEST_ROLE = "clearsight_test_runtime"

_session_role = None  # the runtime role every connection of this test session acts as, if any


def session_runtime_role():
    return _session_role


def _set_role(sender, connection, **kwargs):
    if connection.alias == DEFAULT_DB_ALIAS and connection.vendor == "postgresql" and _session_role:
        with connection.cursor() as cursor:
            cursor.execute(f'SET ROLE "{_session_role}"')


def _apply_roles(cursor, runtime):
    cursor.execute("SELECT current_user, current_database()")
    owner, database = cursor.fetchone()
    database_roles.apply(cursor, owner, runtime, database)
    problems = database_roles.problems(cursor, owner, runtime)
    if problems:
        raise RuntimeError(f"The runtime role {runtime} could change the audit log: {'; '.join(problems)}")
    return owner


@contextmanager
def run_as_runtime_role(django_db_blocker):
    """Around the test session (after the test database is set up): act as the runtime role."""
    global _session_role
    runtime = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not runtime or connection.vendor != "postgresql":
        yield
        return
    from django.db.backends.postgresql.operations import DatabaseOperations

    original_flush = DatabaseOperations.execute_sql_flush

    def flush_as_owner(ops, sql_list):
        # Emptying every table between transactional tests (TRUNCATE) is the owner's work.
        if ops.connection.alias != DEFAULT_DB_ALIAS or not _session_role:
            return original_flush(ops, sql_list)
        with ops.connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
        try:
            return original_flush(ops, sql_list)
        finally:
            with ops.connection.cursor() as cursor:
                cursor.execute(f'SET ROLE "{_session_role}"')

    with django_db_blocker.unblock():
        with connection.cursor() as cursor:
            _apply_roles(cursor, runtime)
        _session_role = runtime
        connection_created.connect(_set_role, dispatch_uid="clearsight-runtime-role")
        DatabaseOperations.execute_sql_flush = flush_as_owner
        connections.close_all()  # from here on, connections open as the runtime role
    try:
        yield
    finally:
        _session_role = None
        connection_created.disconnect(dispatch_uid="clearsight-runtime-role")
        DatabaseOperations.execute_sql_flush = original_flush
        with django_db_blocker.unblock():
            connections.close_all()  # the test database is dropped through a connection of the owner


@contextmanager
def acting_as_runtime_role():
    """Inside a test on PostgreSQL: the test's connection acts as the runtime role and the name is
    yielded. When the whole session runs as it already, nothing changes; otherwise the role and its
    grants are made inside the test's transaction (rolled back with it)."""
    if _session_role:
        yield _session_role
        return
    with connection.cursor() as cursor:
        _apply_roles(cursor, PER_TEST_ROLE)
        cursor.execute(f'SET ROLE "{PER_TEST_ROLE}"')
    try:
        yield PER_TEST_ROLE
    finally:
        if _usable():
            with connection.cursor() as cursor:
                cursor.execute("RESET ROLE")


def _usable():
    """False when the test's transaction has already failed (then it is rolled back, and any role
    set inside it with it)."""
    import psycopg

    return (not connection.needs_rollback and connection.connection is not None
            and connection.connection.info.transaction_status != psycopg.pq.TransactionStatus.INERROR)


def current_role():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, session_user")
        return cursor.fetchone()


@contextmanager
def owner_rights():
    """Inside: the test's connection has the rights of the role it logged in as (the owner of the
    tables), for a test that tampers with the audit log as the owner could."""
    if connection.vendor != "postgresql":
        yield
        return
    acting, session = current_role()
    if acting == session:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
    try:
        yield
    finally:
        if _usable():
            with connection.cursor() as cursor:
                cursor.execute(f'SET ROLE "{acting}"')
