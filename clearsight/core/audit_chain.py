"""The audit log's hash chain (ADR 0024).

Every ``AuditEvent`` stores the hash of the event before it (``previous_hash``) and its own
``hash``: SHA-256 over a canonical serialisation of its fields and that previous hash. Changing,
removing or inserting an event afterwards breaks the chain at that point, which
``manage.py verify_audit_log`` finds. This module has no models, so the data migration that chained
the existing rows uses exactly the same serialisation; version 1 of it must never change (a new
serialisation would need a new version tag and a verifier that knows both).
"""

import hashlib
import ipaddress
import json
from dataclasses import dataclass
from datetime import UTC, datetime

GENESIS = "0" * 64  # the "previous hash" of the first event
VERSION = "clearsight-audit-v1"
# The fields an event's hash covers, in this order. ``id`` is left out: an event's place in the
# chain is fixed by the hash of the event before it.
FIELDS = ("at", "actor_id", "actor_label", "organisation_id", "action", "record_type", "record_id",
          "description", "ip_address", "request_id")
# pg_advisory_xact_lock key that serialises appends on PostgreSQL (any fixed 64-bit number).
LOCK_KEY = 0x436C_6561_7253_6967  # "ClearSig"


def timestamp(value: datetime) -> str:
    """An event time as the hash and the messages write it: UTC, to the microsecond."""
    if value.tzinfo is None:
        raise ValueError("Audit event times must be timezone-aware.")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _ip(value) -> str | None:
    if value in (None, ""):
        return None
    try:
        return ipaddress.ip_address(str(value)).compressed
    except ValueError:  # SQLite keeps whatever was given; hash it as it is
        return str(value)


def _id(value) -> int | None:
    return None if value is None else int(value)


def canonical(values: dict, previous_hash: str) -> bytes:
    """The bytes an event's hash is taken over: its fields (``FIELDS``, as read from the database
    or about to be written) and the previous event's hash, as compact JSON."""
    return json.dumps([
        VERSION, previous_hash, timestamp(values["at"]), _id(values["actor_id"]), str(values["actor_label"]),
        _id(values["organisation_id"]), str(values["action"]), str(values["record_type"]), str(values["record_id"]),
        str(values["description"]), _ip(values["ip_address"]), str(values["request_id"]),
    ], ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def event_hash(values: dict, previous_hash: str) -> str:
    return hashlib.sha256(canonical(values, previous_hash)).hexdigest()


def lock_and_read_head(connection, table="core_auditevent") -> str:
    """Called inside the transaction that appends an event: waits for any other append to commit,
    then returns the hash of the last event (or ``GENESIS``).

    On PostgreSQL a transaction-level advisory lock serialises appends until commit; it is taken in
    a statement of its own so that the read after it sees whatever the previous holder committed
    (under READ COMMITTED each statement takes a fresh snapshot). Both go in one round trip. On
    SQLite the transaction is BEGIN IMMEDIATE (settings), which already holds the database's write
    lock. Whatever happens, the unique ``previous_hash`` makes a fork fail rather than be stored."""
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT pg_advisory_xact_lock({LOCK_KEY}); "
                           f"SELECT hash FROM {quoted} ORDER BY id DESC LIMIT 1")
            cursor.nextset()
        else:
            cursor.execute(f"SELECT hash FROM {quoted} ORDER BY id DESC LIMIT 1")
        row = cursor.fetchone()
    return row[0] if row else GENESIS


@dataclass(frozen=True)
class Break:
    """The first place where the chain does not hold: which event, when, and what is wrong."""

    event_id: int
    at: datetime
    problem: str
    checked: int  # events before it that were in order

    def describe(self) -> str:
        return (f"Audit log chain broken at event {self.event_id} ({timestamp(self.at)}): {self.problem}. "
                f"The {self.checked} events before it are intact.")


def first_break(rows, find_by_hash):
    """Walk events in id order and return the first ``Break``, or ``(count, last_row)`` when intact.

    ``rows`` yields dicts with ``id``, ``previous_hash``, ``hash`` and ``FIELDS``; ``find_by_hash(h)``
    returns the row (id, at) whose stored hash is ``h``, or None. Only ids and times go into the
    message, never an event's content."""
    previous = None
    count = 0
    for row in rows:
        if event_hash(row, row["previous_hash"]) != row["hash"]:
            return Break(row["id"], row["at"], "its content has changed since it was written (its stored hash "
                         "no longer matches its fields)", count)
        expected = previous["hash"] if previous else GENESIS
        if row["previous_hash"] != expected:
            return Break(row["id"], row["at"], _link_problem(row, previous, find_by_hash), count)
        previous = row
        count += 1
    return count, previous


def _link_problem(row, previous, find_by_hash):
    if previous is None:
        return ("it is the first event in the log but it follows another event: the events before it are "
                "missing (deleted)")
    if row["previous_hash"] == GENESIS:
        return f"it claims to be the first event in the log, but event {previous['id']} comes before it (inserted)"
    claimed = find_by_hash(row["previous_hash"])
    if claimed is None:
        return (f"the link to the previous event is broken: it does not follow event {previous['id']} "
                f"({timestamp(previous['at'])}); an event between them was deleted, this event was inserted, or event "
                f"{previous['id']} was rewritten with a new hash")
    claimed_id, claimed_at = claimed
    if claimed_id < previous["id"]:
        return (f"it follows event {claimed_id} ({timestamp(claimed_at)}), so the events after that one up to event "
                f"{previous['id']} ({timestamp(previous['at'])}) were inserted afterwards")
    return (f"the link to the previous event is broken: it follows event {claimed_id} ({timestamp(claimed_at)}), "
            f"not event {previous['id']} (events were reordered)")
