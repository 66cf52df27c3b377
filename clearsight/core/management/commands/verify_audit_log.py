"""Check the audit log's hash chain (ADR 0024). Run daily and keep the last line of each run: it
names the newest event and its hash, which a later run can be asked to find unchanged (--expect)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from clearsight.core import audit_chain
from clearsight.core.models import AuditEvent

REASON = "verifying the audit log's hash chain reads every event (ids, times and hashes are all it prints)"
CHUNK = 2000


class Command(BaseCommand):
    help = ("Walk the audit log in id order and check every event's hash and its link to the one before. "
            "Prints 'N events, chain intact' or names the first broken event (id and time only) and exits "
            "non-zero. Run daily.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--expect", action="append", default=[], metavar="ID:HASH",
            help="an event id and hash printed by an earlier run: fail unless that event is still in the log with "
                 "that hash (catches events removed from the end of the log, and a chain rebuilt before it). "
                 "May be given more than once.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):
        events = AuditEvent.objects.db_manager(options["database"]).unscoped(REASON)
        expected = [_parse_expectation(value) for value in options["expect"]]
        self._warn_if_the_log_is_not_protected(connections[options["database"]])

        rows = events.order_by("id").values("id", "previous_hash", "hash", *audit_chain.FIELDS).iterator(CHUNK)

        def find_by_hash(value):
            return events.filter(hash=value).values_list("id", "at").first()

        result = audit_chain.first_break(rows, find_by_hash)
        if isinstance(result, audit_chain.Break):
            raise CommandError(result.describe())
        count, last = result

        for event_id, digest in expected:
            found = events.filter(pk=event_id).values_list("hash", flat=True).first()
            if found is None:
                raise CommandError(f"Audit log: event {event_id}, seen by an earlier check, is no longer in the log "
                                   "(events at the end of the log were deleted).")
            if found != digest:
                raise CommandError(f"Audit log: event {event_id} no longer has the hash an earlier check saw (the chain "
                                   "up to it was rebuilt).")

        if last is None:
            self.stdout.write("0 events, chain intact")
        else:
            self.stdout.write(f"{count} events, chain intact; last event {last['id']} at "
                              f"{audit_chain.timestamp(last['at'])}, hash {last['hash']} (check it later with "
                              f"--expect {last['id']}:{last['hash']})")

    def _warn_if_the_log_is_not_protected(self, connection):
        """On PostgreSQL, say so when the role this runs as could change the log (it owns the table,
        or may update, delete or truncate it): the application should connect as the runtime role."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_get_userbyid(c.relowner) = current_user OR r.rolsuper, "
                "has_table_privilege(c.oid, 'UPDATE, DELETE, TRUNCATE') "
                "FROM pg_class c, pg_roles r WHERE c.oid = %s::regclass AND r.rolname = current_user",
                [AuditEvent._meta.db_table])
            row = cursor.fetchone()
        if row and (row[0] or row[1]):
            self.stderr.write("Warning: the database role this runs as can change or empty the audit table (it owns "
                              "it, is a superuser, or holds UPDATE, DELETE or TRUNCATE). The application should connect "
                              "as the runtime role: see bin/postgres-roles.")


def _parse_expectation(value):
    event_id, _, digest = value.partition(":")
    if not event_id.isdigit() or len(digest) != 64:
        raise CommandError(f"--expect takes ID:HASH as printed by an earlier run, not {value!r}")
    return int(event_id), digest.lower()
