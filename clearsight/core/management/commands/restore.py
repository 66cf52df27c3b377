"""manage.py restore: a backup made by manage.py backup, into an empty database, then checked: the
row counts against the manifest and the audit log's hash chain up to the head it names (ADR 0036,
core/backups.py). Exits non-zero when anything does not match.

On PostgreSQL run it as the owner role (the one that runs migrations; DATABASE_URL as for migrate),
never as the runtime role, which may not create tables and may only add to the audit log (ADR 0024);
then run bin/postgres-roles again so the runtime role has its privileges on the restored tables."""

import json
import shutil
import sqlite3
import tarfile
import tempfile
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from clearsight.core import backups


class Command(BaseCommand):
    help = (
        "Restore a backup archive made by manage.py backup into an empty database (refuses one with tables "
        "unless --force), and the private files; then compare every table's rows with the backup's manifest "
        "and verify the audit log's hash chain. On PostgreSQL run it as the owner role."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--force", action="store_true", help="replace a database that has tables, and private files already there"
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, archive, force, database, **options):
        connection = connections[database]
        files_root = Path(settings.PRIVATE_FILES_ROOT)
        with tempfile.TemporaryDirectory(prefix="clearsight-restore-") as work:
            work = Path(work)
            try:
                with tarfile.open(archive) as tar:
                    tar.extractall(work, filter="data")
                manifest = json.loads((work / backups.MANIFEST).read_text(encoding="utf-8"))
            except (OSError, tarfile.TarError, ValueError) as error:
                raise CommandError(f"{archive} is not a Clearsight backup ({error}).") from error
            if manifest.get("format") != backups.FORMAT:
                raise CommandError(f"{archive} is not a Clearsight backup this version can restore.")
            if manifest["database"] != connection.vendor:
                raise CommandError(
                    f"This backup is of a {manifest['database']} database; the database to restore "
                    f"into is {connection.vendor}."
                )
            self._refuse_unless_empty(connection, files_root, force)
            if connection.vendor == "postgresql":
                self._restore_postgresql(connection, work / backups.PG_DUMP, force)
            else:
                self._restore_sqlite(connection, work / backups.SQLITE_COPY)
            restored_files = self._restore_files(work / backups.FILES, files_root, force)
        self.stdout.write(
            f"Restored the {connection.vendor} database and {restored_files} private "
            f"{'file' if restored_files == 1 else 'files'} from the backup made at "
            f"{manifest['created_at']} (Clearsight {manifest['clearsight_version']})."
        )
        self._check(connection, manifest, database)

    # ------------------------------------------------------------ before

    def _refuse_unless_empty(self, connection, files_root, force):
        with connection.cursor() as cursor:
            present = backups.existing_tables(cursor, connection.vendor)
        has_files = files_root.is_dir() and any(files_root.iterdir())
        if (present or has_files) and not force:
            what = " and ".join(
                filter(
                    None,
                    [
                        f"the database has {len(present)} tables" if present else "",
                        f"{files_root} holds files" if has_files else "",
                    ],
                )
            )
            raise CommandError(
                f"Not restoring: {what}. Restore into an empty database (createdb, no migrate), or "
                "give --force to replace what is there."
            )

    # ------------------------------------------------------------ the database

    def _restore_postgresql(self, connection, dump, force):
        if not shutil.which("pg_restore"):
            raise CommandError("pg_restore is not installed (Debian: apt-get install postgresql-client).")
        connection.close()  # pg_restore uses connections of its own
        arguments = [
            "pg_restore",
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
        ]
        if force:
            arguments += ["--clean", "--if-exists"]
        result = backups.run_tool([*arguments, str(dump)], connection.settings_dict)
        if result.returncode != 0:
            hint = (
                " Run restore as the owner role (the one that runs migrations), not the runtime role."
                if "permission denied" in result.stderr or "must be owner" in result.stderr
                else ""
            )
            raise CommandError(f"pg_restore failed: {result.stderr.strip()}{hint}")

    def _restore_sqlite(self, connection, copy):
        connection.close()
        connection.ensure_connection()
        source = sqlite3.connect(str(copy))
        try:
            source.backup(connection.connection)  # replaces the whole database, pages and all
        finally:
            source.close()
        connection.close()

    # ------------------------------------------------------------ the files

    def _restore_files(self, unpacked, files_root, force):
        if not unpacked.is_dir():
            return 0
        files_root.mkdir(parents=True, exist_ok=True)
        count = 0
        for file in sorted(unpacked.rglob("*")):
            if file.is_file():
                target = files_root / file.relative_to(unpacked)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(file, target)
                target.chmod(0o600)
                count += 1
        return count

    # ------------------------------------------------------------ after

    def _check(self, connection, manifest, database):
        with connection.cursor() as cursor:
            found = backups.describe(cursor, connection.vendor)
        problems = []
        comparison = backups.compare_counts(manifest["counts"], found["counts"])
        for table, expected, now in comparison.mismatches:
            problems.append(
                f"table {table}: {expected if expected is not None else 'not in the backup'} rows in "
                f"the backup, {now if now is not None else 'no table'} after the restore"
            )
        if found["migrations"] != manifest["migrations"]:
            problems.append("the migrations recorded after the restore are not those in the backup")
        if comparison.matches:
            self.stdout.write(f"Row counts match the backup in all {len(manifest['counts'])} tables.")

        head = manifest["audit_head"]
        arguments = ["--database", database] + (["--expect", f"{head['id']}:{head['hash']}"] if head else [])
        out, err = StringIO(), StringIO()
        try:
            call_command("verify_audit_log", *arguments, stdout=out, stderr=err)
        except CommandError as error:
            problems.append(str(error))
        else:
            self.stdout.write(f"Audit log: {out.getvalue().strip()}")
        if head and (found["audit_head"] or {}).get("events") != head["events"]:
            problems.append(
                f"the audit log holds {(found['audit_head'] or {}).get('events', 0)} events, the backup "
                f"{head['events']}"
            )

        if problems:
            raise CommandError("The restored data does not match the backup:\n- " + "\n- ".join(problems))
        self.stdout.write(self.style.SUCCESS("Restore checked: every table's rows and the audit log match the backup."))
        if connection.vendor == "postgresql":
            self.stdout.write(
                "Now run bin/postgres-roles on this database so the runtime role may use the restored "
                "tables (and only add to the audit log)."
            )
