"""manage.py backup: the database and the private files in one archive, with a manifest (ADR 0036,
core/backups.py). The archive holds personal data: it is written readable by its owner only; keep
it encrypted and away from the database server."""

import os
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from clearsight.core import backups


class Command(BaseCommand):
    help = (
        "Back up the database (PostgreSQL: pg_dump --format=custom; SQLite: the online backup API) and the "
        "private files into one tar archive with a manifest of row counts and the audit log's head. Give a "
        "folder (the archive is named by the time) or a file name."
    )

    def add_arguments(self, parser):
        parser.add_argument("target", help="a folder to write the archive into, or the archive's file name")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, target, database, **options):
        connection = connections[database]
        now = timezone.now()
        path = Path(target)
        if path.is_dir() or target.endswith(os.sep):
            path.mkdir(parents=True, exist_ok=True)
            path = path / f"clearsight-backup-{timezone.localtime(now):%Y%m%d-%H%M%S}.tar"
        if path.exists():
            raise CommandError(f"{path} already exists: give another name.")
        with tempfile.TemporaryDirectory(prefix="clearsight-backup-") as work:
            work = Path(work)
            if connection.vendor == "postgresql":
                described = self._dump_postgresql(connection, work / backups.PG_DUMP)
            elif connection.vendor == "sqlite":
                described = self._copy_sqlite(connection, work / backups.SQLITE_COPY)
            else:
                raise CommandError(f"Backups of a {connection.vendor} database are not supported.")
            manifest = {
                "format": backups.FORMAT,
                "created_at": now.isoformat(),
                "database": connection.vendor,
                "clearsight_version": backups.clearsight_version(),
                **described,
            }
            backups.write_manifest(work / backups.MANIFEST, manifest)
            files = Path(settings.PRIVATE_FILES_ROOT)
            file_count = self._write_archive(path, work, files)
        head = manifest["audit_head"]
        rows = sum(count or 0 for count in manifest["counts"].values())
        self.stdout.write(
            f"Backup written to {path}: {rows} rows in {len(manifest['counts'])} tables, {file_count} private "
            f"{'file' if file_count == 1 else 'files'}; audit log "
            + (f"{head['events']} events, last event {head['id']} hash {head['hash']}" if head else "empty")
        )

    def _dump_postgresql(self, connection, dump_path):
        """pg_dump in the snapshot the counts are read in, so the manifest describes the dump exactly."""
        if not shutil.which("pg_dump"):
            raise CommandError("pg_dump is not installed (Debian: apt-get install postgresql-client).")
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                described = backups.describe(cursor, connection.vendor)
            result = backups.run_tool(
                ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={dump_path}"],
                connection.settings_dict,
            )
        if result.returncode != 0:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        return described

    def _copy_sqlite(self, connection, copy_path):
        import sqlite3

        connection.ensure_connection()
        backups.sqlite_copy(connection.connection, copy_path)
        copy = sqlite3.connect(str(copy_path))
        try:
            return backups.describe(copy.cursor(), "sqlite")
        finally:
            copy.close()

    def _write_archive(self, path, work, files):
        partial = path.with_name(path.name + ".partial")
        count = 0
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as handle, tarfile.open(fileobj=handle, mode="w") as archive:
                for name in sorted(os.listdir(work)):
                    archive.add(work / name, arcname=name)
                archive.add(work, arcname=backups.FILES, recursive=False)
                if files.is_dir():
                    for file in sorted(files.rglob("*")):
                        if file.is_file():
                            archive.add(file, arcname=f"{backups.FILES}/{file.relative_to(files).as_posix()}")
                            count += 1
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return count
