"""Backup and restore round trip on the database the suite runs on (SQLite by default, PostgreSQL in
CI's PostgreSQL leg): manage.py backup here, manage.py restore in a separate process into a fresh,
empty database, which then checks every table's rows and the audit log's hash chain (ADR 0036)."""

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from clearsight.core import audit
from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role

from ..factories import OrganisationFactory, make_user

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump and the restore see committed rows only


@pytest.fixture
def fresh_database(tmp_path):
    """The environment of a process whose database is new and empty, and its private files folder:
    a new SQLite file, or on PostgreSQL a new database created (and dropped afterwards) as the owner."""
    environment = {**os.environ, "DJANGO_DEBUG": "1", "CLEARSIGHT_PRIVATE_FILES": str(tmp_path / "restored-files")}
    environment.pop("CLEARSIGHT_DB_RUNTIME_ROLE", None)
    if connection.vendor == "sqlite":
        environment.pop("DATABASE_URL", None)
        environment["SQLITE_PATH"] = str(tmp_path / "restored.sqlite3")
        yield environment
        return
    import psycopg

    own = connection.settings_dict
    name = f"clearsight_restore_{uuid.uuid4().hex[:12]}"
    server = {
        "host": own["HOST"] or None,
        "port": own["PORT"] or None,
        "user": own["USER"],
        "password": own["PASSWORD"] or None,
        "dbname": "postgres",
    }
    with psycopg.connect(**server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    credentials = own["USER"] + (f":{own['PASSWORD']}" if own["PASSWORD"] else "")
    environment["DATABASE_URL"] = f"postgres://{credentials}@{own['HOST'] or 'localhost'}:{own['PORT'] or 5432}/{name}"
    try:
        yield environment
    finally:
        with psycopg.connect(**server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def restore(environment, *arguments):
    return subprocess.run(
        [sys.executable, "manage.py", "restore", *map(str, arguments)],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def records_and_a_file():
    """A council, an administrator, audit events (chained) and an evidence file."""
    council = OrganisationFactory(name="Anytown Council")
    administrator = make_user(council, Role.ADMINISTRATOR)
    for number in range(3):
        audit.record(
            None, AuditEvent.Action.VIEW, user=administrator, record_type="user list", description=f"View {number}"
        )
    evidence = Path(settings.PRIVATE_FILES_ROOT) / "evidence" / "policy.pdf"
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(b"%PDF-1.7 a supplier's policy")
    return evidence


def make_backup(folder):
    call_command("backup", str(folder) + os.sep)
    (archive,) = folder.glob("clearsight-backup-*.tar")
    return archive


def test_a_backup_restores_into_a_fresh_database_with_every_row_and_the_audit_chain(
    tmp_path, records_and_a_file, fresh_database
):
    """Given a database with records, audit events and a private file,
    when it is backed up and the backup restored into a new, empty database,
    then the restore reports every table's rows and the audit chain matching, and the file is back."""
    archive = make_backup(tmp_path / "backups")
    assert archive.stat().st_mode & 0o077 == 0  # personal data: readable by its owner only
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database"] == connection.vendor
    assert manifest["counts"]["core_organisation"] >= 1
    assert manifest["audit_head"]["events"] == AuditEvent.objects.unscoped("test").count() >= 3
    assert manifest["migrations"]["core"]

    result = restore(fresh_database, archive)

    assert result.returncode == 0, result.stderr
    assert f"Row counts match the backup in all {len(manifest['counts'])} tables." in result.stdout
    assert f"last event {manifest['audit_head']['id']}" in result.stdout and "chain intact" in result.stdout
    assert "Restore checked" in result.stdout
    restored = Path(fresh_database["CLEARSIGHT_PRIVATE_FILES"]) / "evidence" / "policy.pdf"
    assert restored.read_bytes() == records_and_a_file.read_bytes()


def test_restore_refuses_a_database_that_is_not_empty_and_fails_when_counts_differ(
    tmp_path, records_and_a_file, fresh_database
):
    """Given a backup restored once into a new database,
    when it is restored there again without --force, then it is refused (exit status 1);
    and when a backup whose manifest counts one organisation more is restored with --force,
    then the restore names the table that does not match and exits with status 1."""
    archive = make_backup(tmp_path / "backups")
    assert restore(fresh_database, archive).returncode == 0

    again = restore(fresh_database, archive)
    assert again.returncode == 1 and "Not restoring: the database has" in again.stderr

    altered = tmp_path / "altered.tar"
    with tarfile.open(archive) as source, tarfile.open(altered, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member) if member.isfile() else None
            if member.name == "manifest.json":
                manifest = json.load(data)
                manifest["counts"]["core_organisation"] += 1
                content = json.dumps(manifest).encode()
                member.size = len(content)
                data = io.BytesIO(content)
            target.addfile(member, data)
    mismatch = restore(fresh_database, altered, "--force")
    assert mismatch.returncode == 1, mismatch.stdout
    assert "does not match the backup" in mismatch.stderr and "table core_organisation" in mismatch.stderr
