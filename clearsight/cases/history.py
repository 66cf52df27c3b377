"""What the children-at-risk register needs to be shown "as recorded on a date": each time a case's
dates, its person's date of birth or its NRM record are saved, the values are kept with the time.

Every creation or change of a case is written to the audit log (core.audit), whichever page or
service made it, and many changes are saved with ``QuerySet.update`` (no model signal). So the
values are kept when the audit event about the case (or its person) is written: ``snapshot`` compares
what the records hold now with the latest kept values and adds a row only for a part that changed.
Risk statuses need nothing here: each is its own row with the time it was recorded.

``initial_values`` is used by the migration that began this history: it keeps what the records held
then, with no time (``recorded_at`` empty), meaning "already recorded when history began".
"""

from django.db.models.signals import post_save
from django.utils import timezone

CASE, PERSON, NRM = "case", "person", "nrm"


def _iso(value):
    return value.isoformat() if value is not None else None


def case_values(case) -> dict:
    return {"opened_on": _iso(case.opened_on), "closed_on": _iso(case.closed_on)}


def person_values(person) -> dict:
    return {"date_of_birth": _iso(person.date_of_birth)}


def nrm_values(record) -> dict:
    """The NRM record's register facts; ``{"exists": False}`` when there is none."""
    if record is None:
        return {"exists": False}
    return {
        "exists": True,
        "referred_on": _iso(record.referred_on),
        "rg_decision": record.rg_decision,
        "rg_decided_on": _iso(record.rg_decided_on),
        "cg_decision": record.cg_decision,
        "cg_decided_on": _iso(record.cg_decided_on),
        "withdrawn_on": _iso(record.withdrawn_on),
    }


def current_parts(case, record) -> dict:
    return {CASE: case_values(case), PERSON: person_values(case.person), NRM: nrm_values(record)}


def snapshot(cases, at=None):
    """Keep the register facts of ``cases`` (Case rows) that differ from the latest kept values."""
    from .models import NrmRecord, RegisterHistory

    cases = list(cases)
    if not cases:
        return
    at = at or timezone.now()
    ids = [c.pk for c in cases]
    records = {r.case_id: r for r in NrmRecord.objects.filter(case_id__in=ids)}
    latest = {}
    for row in RegisterHistory.objects.filter(case_id__in=ids).order_by("recorded_at", "pk"):
        latest[(row.case_id, row.part)] = row.values  # nulls (before history began) sort first
    rows = []
    for case in cases:
        for part, values in current_parts(case, records.get(case.pk)).items():
            if latest.get((case.pk, part)) != values:
                rows.append(RegisterHistory(case_id=case.pk, part=part, values=values, recorded_at=at))
    RegisterHistory.objects.bulk_create(rows)


def _after_audit(sender, instance, created, **kwargs):
    """An audit event of a creation or change of a case or a person keeps the case's register facts."""
    if not created or instance.action not in ("create", "change") or instance.record_type not in ("case", "person"):
        return
    from .models import Case

    cases = Case.objects.unscoped("register history: dates and decisions kept for the register as recorded")
    if instance.record_type == "case":
        cases = cases.filter(public_id=instance.record_id)
    else:
        cases = cases.filter(person__public_id=instance.record_id)
    try:
        snapshot(cases.select_related("person"), at=instance.at)
    except (ValueError, TypeError):  # a record id that is not a public id: nothing to keep
        return


def connect():
    from clearsight.core.models import AuditEvent

    post_save.connect(_after_audit, sender=AuditEvent, dispatch_uid="cases-register-history")
