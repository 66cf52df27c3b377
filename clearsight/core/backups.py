"""Backing up and restoring Clearsight (``manage.py backup`` and ``manage.py restore``, ADR 0036).

A backup is one tar archive holding:
- ``manifest.json``: when it was made, Clearsight's version, the database it came from (vendor only),
  the migrations applied, the number of rows in every table and the audit log's head (the newest
  event's id and hash, and how many events there are);
- ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``) or ``database.sqlite3`` (SQLite, copied
  with SQLite's online backup API, so the service can keep running);
- ``files/``: the private files (``PRIVATE_FILES_ROOT``: spend files waiting to be imported,
  assessment evidence).

On PostgreSQL the row counts and the audit head are read in the very snapshot pg_dump dumps
(``pg_export_snapshot`` and ``pg_dump --snapshot``), so they describe the dump exactly even while
people work. On SQLite they are read from the copy.

After a restore the counts are read again and compared with the manifest, and the audit log's hash
chain is verified up to the head the manifest names (``verify_audit_log --expect``).
"""

import json
import os
import sqlite3
import subprocess
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "clearsight-backup-1"
MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
FILES = "files"


def clearsight_version() -> str:
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as handle:
            return tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def tables() -> list[str]:
    """Every table Clearsight's models keep rows in (many-to-many tables included), sorted."""
    names = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return sorted(names | {MigrationRecorder.Migration._meta.db_table})


def _quote(vendor: str, name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def count_rows(cursor, vendor: str, names) -> dict[str, int]:
    """Rows per table (a table that does not exist counts as None)."""
    existing = set(existing_tables(cursor, vendor))
    counts = {}
    for name in names:
        if name not in existing:
            counts[name] = None
            continue
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(vendor, name)}")
        counts[name] = cursor.fetchone()[0]
    return counts


def existing_tables(cursor, vendor: str) -> list[str]:
    if vendor == "postgresql":
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    else:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return [row[0] for row in cursor.fetchall()]


def audit_head(cursor) -> dict | None:
    """The newest audit event's id and hash, and the number of events (None for an empty log)."""
    cursor.execute("SELECT id, hash FROM core_auditevent ORDER BY id DESC LIMIT 1")
    row = cursor.fetchone()
    if row is None:
        return None
    cursor.execute("SELECT COUNT(*) FROM core_auditevent")
    return {"id": row[0], "hash": row[1], "events": cursor.fetchone()[0]}


def applied_migrations(cursor) -> dict[str, str]:
    """The latest migration applied for each app (by name order, which Clearsight's numbering follows)."""
    cursor.execute("SELECT app, name FROM django_migrations")
    latest = {}
    for app, name in cursor.fetchall():
        if name > latest.get(app, ""):
            latest[app] = name
    return dict(sorted(latest.items()))


def describe(cursor, vendor: str) -> dict:
    """What a backup holds, read through ``cursor``: counts, audit head and migrations."""
    return {
        "counts": count_rows(cursor, vendor, tables()),
        "audit_head": audit_head(cursor),
        "migrations": applied_migrations(cursor),
    }


# ---------------------------------------------------------------- PostgreSQL's own tools


def pg_environment(settings_dict) -> dict:
    """The environment pg_dump and pg_restore connect with: the database's own settings (from
    DATABASE_URL), passed as libpq variables so no password appears on a command line."""
    environment = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        value = settings_dict.get(key)
        if value:
            environment[variable] = str(value)
    sslmode = (settings_dict.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        environment["PGSSLMODE"] = sslmode
    return environment


def run_tool(arguments, settings_dict) -> subprocess.CompletedProcess:
    return subprocess.run(arguments, env=pg_environment(settings_dict), capture_output=True, text=True, check=False)


# ---------------------------------------------------------------- SQLite


def sqlite_copy(source: sqlite3.Connection, target_path: Path):
    """Copy a live SQLite database with the online backup API (consistent while others write)."""
    target = sqlite3.connect(str(target_path))
    try:
        source.backup(target)
    finally:
        target.close()


# ---------------------------------------------------------------- comparing after a restore


@dataclass
class Comparison:
    mismatches: list = field(default_factory=list)  # (table, in the backup, now)

    @property
    def matches(self) -> bool:
        return not self.mismatches


def compare_counts(expected: dict, found: dict) -> Comparison:
    """Every table's rows after the restore against the manifest's."""
    comparison = Comparison()
    for table in sorted(set(expected) | set(found)):
        if table not in expected:  # a table this code has and the backup did not know: must be empty
            if found[table]:
                comparison.mismatches.append((table, None, found[table]))
            continue
        if expected[table] != found.get(table):
            comparison.mismatches.append((table, expected[table], found.get(table)))
    return comparison


def write_manifest(path: Path, manifest: dict):
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
