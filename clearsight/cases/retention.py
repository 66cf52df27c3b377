"""How long case records are kept, and what happens to them afterwards.

A closed case whose ``closed_on`` is more than ``settings.CASE_RETENTION_YEARS`` years ago (6 by
default) is anonymised, or deleted when asked to. Anonymising keeps what the children-at-risk
register and the outcome figures count, and removes what identifies the person:

- the case: the reason for closing, the free text of support tasks, service referrals, placements
  (addresses), safety plans, sharing reasons and move-on extensions, and the NRM reference are
  emptied; address flags are deleted; dates, statuses, risk history and outcome scores are kept.
- the person, once every one of their cases is past retention: names, aliases and languages are
  emptied and contact details deleted. The date of birth becomes 1 January of the birth year, or
  the first of the birth month, whichever is the coarsest that leaves "under 18" unchanged on every
  day any of their cases was open, so the register's past counts stay right; if neither does (the
  person turned 18 while a case was open), the date is kept for that reason. Gender, nationality
  and immigration status are kept for the aggregate figures.

Deleting removes the case and everything recorded under it, and the person when no case of theirs
is left. Either way each case gets an audit event (by "apply_case_retention").
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from clearsight.core.dates import long_date
from clearsight.core.models import AuditEvent

from .clocks import eighteenth_birthday
from .models import Case, MoveOnExtension, NrmRecord, Person, RegisterHistory

ACTOR_LABEL = "apply_case_retention"
DEFAULT_YEARS = 6


def retention_years() -> int:
    return getattr(settings, "CASE_RETENTION_YEARS", DEFAULT_YEARS)


def cutoff(today: date, years: int) -> date:
    """Cases closed before this date are past retention."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return date(today.year - years, 3, 1)


def _child_on(dob: date, day: date) -> bool:
    return dob <= day and day < eighteenth_birthday(dob)


def _same_child_status(real: date, coarse: date, periods) -> bool:
    """Whether someone born on ``coarse`` would be a child on exactly the same days of each open
    period ``(opened_on, closed_on)`` as someone born on ``real``. Child status only changes at
    birth and at the 18th birthday, so it is enough to compare the ends of each period and those
    two days where they fall inside it."""
    for opened, closed in periods:
        last = max(opened, closed - timedelta(days=1))  # a case is open up to the day before it closes
        days = {opened, last}
        for dob in (real, coarse):
            for change in (dob, eighteenth_birthday(dob)):
                if opened <= change <= last:
                    days.add(change)
        if any(_child_on(real, d) != _child_on(coarse, d) for d in days):
            return False
    return True


def coarse_date_of_birth(dob: date | None, periods) -> date | None:
    if dob is None:
        return None
    for coarse in (date(dob.year, 1, 1), date(dob.year, dob.month, 1)):
        if _same_child_status(dob, coarse, periods):
            return coarse
    return dob


@dataclass
class Report:
    cutoff: date
    years: int
    delete: bool
    dry_run: bool
    cases: list = field(default_factory=list)  # references, in order
    people_changed: int = 0
    people_kept: list = field(default_factory=list)  # references of cases whose person has a case still kept
    contacts_deleted: int = 0
    flags_deleted: int = 0
    texts_emptied: int = 0
    not_deleted: list = field(default_factory=list)  # (reference, reason)

    def lines(self):
        verb = "deleted" if self.delete else "anonymised"
        out = [f"Case retention: closed cases closed before {long_date(self.cutoff)} "
               f"(kept for {self.years} years) are {verb}."]
        if self.dry_run:
            out.append("Dry run: nothing has been changed. Without --dry-run this would do the following.")
        if not self.cases:
            out.append(f"No cases to be {verb}.")
            return out
        out.append(f"Cases {verb}: {len(self.cases):,}")
        out += [f"  {reference}" for reference in self.cases]
        out.append(f"People {verb}: {self.people_changed:,}")
        if self.people_kept:
            out.append(f"People kept because they have another case still within retention: {len(self.people_kept):,} "
                       f"(cases {', '.join(self.people_kept)})")
        if not self.delete:
            out.append(f"Contact details deleted: {self.contacts_deleted:,}")
            out.append(f"Address flags deleted: {self.flags_deleted:,}")
            out.append(f"Free-text entries emptied: {self.texts_emptied:,}")
        for reference, reason in self.not_deleted:
            out.append(f"Not deleted: {reference}: {reason}")
        return out


def due_cases(today: date, years: int, *, delete: bool):
    """Closed cases past retention (not yet anonymised, unless deleting), oldest first. Runs outside
    any request, so no user scoping applies."""
    cases = Case.objects.filter(status=Case.Status.CLOSED, closed_on__lt=cutoff(today, years))
    if not delete:
        cases = cases.filter(anonymised_at__isnull=True)
    return cases.select_related("person", "organisation").order_by("closed_on", "reference")


def _person_is_due(person, due_ids) -> bool:
    """Every case of the person is past retention (being handled now, or handled before)."""
    return all(c.pk in due_ids or c.anonymised_at for c in person.cases.all())


TEXT_FIELDS = [  # (related name or None for the NRM record, field names)
    ("support_tasks", ("description",)),
    ("service_referrals", ("notes",)),
    ("placements", ("address",)),
    ("safety_plans", ("risks", "measures", "responsible")),
    ("shares", ("reason",)),
]


def _text_querysets(case):
    for related, names in TEXT_FIELDS:
        yield getattr(case, related).all(), names
    yield NrmRecord.objects.filter(case=case), ("nrm_reference",)
    yield MoveOnExtension.objects.filter(nrm__case=case), ("reason",)


def _count_texts(case) -> int:
    count = 1 if case.closure_reason else 0
    for queryset, names in _text_querysets(case):
        count += sum(queryset.exclude(**{name: ""}).count() for name in names)
    return count


def _audit(case, action, description):
    AuditEvent.objects.create(actor=None, actor_label=ACTOR_LABEL, organisation=case.organisation, action=action,
                              record_type="case", record_id=str(case.public_id), description=description[:500])


def _anonymise_case(case, now):
    for queryset, names in _text_querysets(case):
        queryset.update(**{name: "" for name in names})
    case.address_flags.all().delete()
    Case.objects.filter(pk=case.pk).update(closure_reason="", anonymised_at=now)


def _anonymise_person(person, now):
    periods = [(c.opened_on, c.closed_on or timezone.localdate()) for c in person.cases.all()]
    person.contacts.all().delete()
    coarse = coarse_date_of_birth(person.date_of_birth, periods)
    Person.objects.filter(pk=person.pk).update(
        first_name="", last_name="", aliases="", languages="", date_of_birth=coarse, anonymised_at=now,
    )
    # The register's history keeps dates of birth as they were saved: they are coarsened too.
    RegisterHistory.objects.filter(case__person=person, part=RegisterHistory.Part.PERSON).update(
        values={"date_of_birth": coarse.isoformat() if coarse else None})


def apply(*, today: date | None = None, years: int | None = None, delete: bool = False, dry_run: bool = False) -> Report:
    """Anonymise (or delete) every case past retention; with ``dry_run``, only report what would be
    done. The report's counts are worked out the same way in both cases."""
    today = today or timezone.localdate()
    years = retention_years() if years is None else years
    now = timezone.now()
    report = Report(cutoff=cutoff(today, years), years=years, delete=delete, dry_run=dry_run)
    cases = list(due_cases(today, years, delete=delete))
    due_ids = {c.pk for c in cases}
    people_done = set()
    for case in cases:
        person = case.person
        person_due = _person_is_due(person, due_ids)
        if not person_due:
            report.people_kept.append(case.reference)
        handle_person = person_due and person.pk not in people_done and (delete or not person.anonymised_at)
        if delete:
            if dry_run:
                report.cases.append(case.reference)
                report.people_changed += 1 if handle_person else 0
            else:
                _delete(case, person, report)
            people_done.add(person.pk)
            continue
        texts, flags = _count_texts(case), case.address_flags.count()
        contacts = person.contacts.count() if handle_person else 0
        if not dry_run:
            with transaction.atomic():
                _anonymise_case(case, now)
                if handle_person:
                    _anonymise_person(person, now)
                _audit(case, AuditEvent.Action.CHANGE, (
                    f"Anonymised under the {years}-year retention rule (closed on {case.closed_on:%Y-%m-%d}): "
                    f"{texts} free-text entries emptied, {flags} address flags deleted; "
                    + ("person anonymised" if handle_person else
                       "person kept: another case is within retention" if not person_due else "person already anonymised")))
        if handle_person:
            people_done.add(person.pk)
            report.people_changed += 1
            report.contacts_deleted += contacts
        report.texts_emptied += texts
        report.flags_deleted += flags
        report.cases.append(case.reference)
    return report


def _delete(case, person, report):
    reference, closed_on = case.reference, case.closed_on
    try:
        with transaction.atomic():
            _audit(case, AuditEvent.Action.DELETE,
                   f"Deleted under the {report.years}-year retention rule (case {reference}, closed on {closed_on:%Y-%m-%d})")
            case.delete()
            if not person.cases.exists():
                person.delete()
                report.people_changed += 1
    except ProtectedError as error:
        names = sorted({type(obj)._meta.verbose_name for obj in error.protected_objects})
        report.not_deleted.append((reference, f"other records still refer to it ({', '.join(names)})"))
        return
    report.cases.append(reference)
