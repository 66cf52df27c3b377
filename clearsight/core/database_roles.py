"""PostgreSQL roles for Clearsight (ADR 0024): an owner that runs migrations and owns every table,
and a runtime role the application connects as, with ordinary privileges on every table except the
audit log, where it may only INSERT and SELECT.

``bin/postgres-roles`` runs this module; the test suite applies the same statements to its test
databases when CLEARSIGHT_DB_RUNTIME_ROLE is set. It needs only a DB-API cursor (psycopg's or
Django's), not Django settings. Everything here is idempotent.
"""

import argparse
import os
import re
import sys

AUDIT_TABLE = "core_auditevent"
AUDIT_TRIGGER = "core_auditevent_append_only"
NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _quote(name):
    if not NAME.match(name):
        raise ValueError(f"Use a plain lower-case name for a role or schema (letters, digits, _), not {name!r}")
    return f'"{name}"'


def _create_role(name):
    # Two test workers may create the same role at once: the loser sees unique_violation.
    return (f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') THEN "
            f"CREATE ROLE {_quote(name)} LOGIN; END IF; "
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$")


def statements(owner, runtime, database, schema="public"):
    """The statements that set up both roles in ``database`` (run them as a superuser, or as a role
    with CREATEROLE that is a member of ``owner``)."""
    o, r, d, s = _quote(owner), _quote(runtime), f'"{database}"', _quote(schema)
    if '"' in database:
        raise ValueError("database names with double quotes are not supported")
    return [
        _create_role(owner),
        _create_role(runtime),
        f"GRANT CONNECT, TEMPORARY ON DATABASE {d} TO {o}, {r}",
        # Only the owner creates objects; anything the runtime role created it would own.
        f"REVOKE CREATE ON SCHEMA {s} FROM PUBLIC",
        f"GRANT USAGE, CREATE ON SCHEMA {s} TO {o}",
        f"GRANT USAGE ON SCHEMA {s} TO {r}",
        # Tables the owner creates from now on (new migrations) are granted as they are made...
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} GRANT USAGE, SELECT ON SEQUENCES TO {r}",
        # ...and the tables that exist already.
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
        # The audit log: INSERT and SELECT only (migration core 0006 revokes the same from every role).
        f"DO $$ BEGIN IF to_regclass('{schema}.{AUDIT_TABLE}') IS NOT NULL THEN "
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {s}.{AUDIT_TABLE} FROM PUBLIC, {r}; END IF; END $$",
    ]


def apply(cursor, owner, runtime, database, schema="public"):
    for statement in statements(owner, runtime, database, schema):
        cursor.execute(statement)


PROBLEMS = """
SELECT 'the runtime role is a superuser, or may create roles (and so make itself the owner)'
  FROM pg_roles WHERE rolname = %(runtime)s AND (rolsuper OR rolcreaterole OR rolbypassrls)
UNION ALL
SELECT 'the runtime role is a member of the owner role, so it has the owner''s rights'
  WHERE pg_has_role(%(runtime)s, %(owner)s, 'MEMBER')
UNION ALL
SELECT 'the runtime role owns ' || c.relname || ' (an owner can drop, alter or truncate it whatever is granted)'
  FROM pg_class c WHERE pg_get_userbyid(c.relowner) = %(runtime)s
UNION ALL
SELECT 'the runtime role owns the function ' || p.proname FROM pg_proc p WHERE pg_get_userbyid(p.proowner) = %(runtime)s
UNION ALL
SELECT 'the runtime role owns the schema ' || n.nspname FROM pg_namespace n WHERE pg_get_userbyid(n.nspowner) = %(runtime)s
UNION ALL
SELECT 'the runtime role may ' || p || ' the audit table'
  FROM unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES']) AS p
  WHERE to_regclass(%(audit)s) IS NOT NULL AND has_table_privilege(%(runtime)s, %(audit)s, p)
UNION ALL
SELECT 'the runtime role may not ' || p || ' the audit table'
  FROM unnest(ARRAY['INSERT', 'SELECT']) AS p
  WHERE to_regclass(%(audit)s) IS NOT NULL AND NOT has_table_privilege(%(runtime)s, %(audit)s, p)
UNION ALL
SELECT 'the audit table is owned by ' || pg_get_userbyid(c.relowner) || ', not by the owner role (make the owner '
       'role own every table, e.g. as a superuser: REASSIGN OWNED BY ' || pg_get_userbyid(c.relowner) || ' TO '
       || %(owner)s || ', unless that is a superuser; then ALTER TABLE ... OWNER TO for each table)'
  FROM pg_class c WHERE c.oid = to_regclass(%(audit)s) AND pg_get_userbyid(c.relowner) <> %(owner)s
UNION ALL
SELECT 'the audit table''s append-only trigger is missing or disabled'
  WHERE to_regclass(%(audit)s) IS NOT NULL AND NOT EXISTS (
    SELECT FROM pg_trigger t WHERE t.tgrelid = to_regclass(%(audit)s) AND t.tgname = %(trigger)s AND t.tgenabled <> 'D')
"""


def problems(cursor, owner, runtime, schema="public"):
    """What would let the runtime role change the audit log, in words (empty when all is well)."""
    cursor.execute(PROBLEMS, {"owner": owner, "runtime": runtime, "audit": f"{schema}.{AUDIT_TABLE}",
                              "trigger": AUDIT_TRIGGER})
    return [row[0] for row in cursor.fetchall()]


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="bin/postgres-roles",
        description="Create or update Clearsight's PostgreSQL roles in one database: OWNER runs migrations and owns "
                    "the tables; RUNTIME is what the application connects as (INSERT and SELECT only on the audit "
                    "log). Idempotent: run it before the first migrate and again whenever you like. Passwords, if "
                    "you use them, come from CLEARSIGHT_OWNER_PASSWORD and CLEARSIGHT_RUNTIME_PASSWORD.")
    parser.add_argument("admin_url", help="a superuser's connection to the Clearsight database, e.g. "
                                          "postgres://postgres@db.internal/clearsight")
    parser.add_argument("owner", help="the owner role, e.g. clearsight_owner")
    parser.add_argument("runtime", help="the runtime role, e.g. clearsight_app")
    parser.add_argument("--check", action="store_true", help="change nothing; report problems only")
    args = parser.parse_args(argv)
    if args.owner == args.runtime:
        parser.error("the owner and the runtime role must be different roles")

    import psycopg
    from psycopg import sql

    url = args.admin_url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=False) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        (database,) = cursor.fetchone()
        if not args.check:
            apply(cursor, args.owner, args.runtime, database)
            for role, variable in ((args.owner, "CLEARSIGHT_OWNER_PASSWORD"), (args.runtime, "CLEARSIGHT_RUNTIME_PASSWORD")):
                if os.environ.get(variable):
                    cursor.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                        sql.Identifier(role), sql.Literal(os.environ[variable])))
        found = problems(cursor, args.owner, args.runtime)
        connection.commit()
    if found:
        for problem in found:
            print(f"Problem: {problem}", file=sys.stderr)
        return 1
    print(f"Roles in database {database}: {args.owner} owns, {args.runtime} runs "
          f"(INSERT and SELECT only on {AUDIT_TABLE}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
