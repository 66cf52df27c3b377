"""Working out placements and statuses from the database, using the rules in compliance.py."""

from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from clearsight.core.models import Membership
from clearsight.core.roles import role_label

from . import compliance as c
from .models import Cohort, CohortOverride, CohortRequirement, Completion, Placement, StaffMember, TrainingLevel


def _roles_by_user(organisation_id, user_ids):
    roles = {}
    for user_id, role in Membership.objects.filter(user_id__in=user_ids, organisation_id=organisation_id).values_list(
            "user_id", "role"):
        roles.setdefault(user_id, set()).add(role)
    return roles


def _role_labels():
    from clearsight.core.roles import Role

    return {r.value: role_label(r) for r in Role}


def place(staff_members, *, today=None, organisation_id=None):
    """Work out the cohorts of ``staff_members`` (of one organisation) again, keeping the date each
    person joined a cohort they stay in. Returns the number of people whose cohorts changed."""
    staff_members = list(staff_members)
    if not staff_members:
        return 0
    today = today or timezone.localdate()
    organisation_id = organisation_id or staff_members[0].organisation_id
    rules = [cohort.rule() for cohort in Cohort.objects.filter(organisation_id=organisation_id)]
    roles = _roles_by_user(organisation_id, [s.user_id for s in staff_members if s.user_id])
    labels = _role_labels()
    ids = [s.pk for s in staff_members]
    overrides = {}
    for o in CohortOverride.objects.filter(staff_id__in=ids).order_by("created_at", "pk"):
        overrides.setdefault(o.staff_id, []).append(c.Override(o.cohort_id, o.include, o.reason))
    existing = {}
    for p in Placement.objects.filter(staff_id__in=ids):
        existing.setdefault(p.staff_id, {})[p.cohort_id] = p
    changed = 0
    with transaction.atomic():
        for staff in staff_members:
            person = c.Person(staff.job_title, staff.service, frozenset(roles.get(staff.user_id, ())))
            now = {p.cohort: p for p in c.placements(person, rules, overrides.get(staff.pk, ()), labels)}
            before = existing.get(staff.pk, {})
            dates = c.placement_dates({k: v.since for k, v in before.items()}, now, today=today,
                                      start_date=staff.start_date, first_time=staff.placed_at is None)
            if set(before) != set(now):
                changed += 1
            Placement.objects.filter(staff=staff).exclude(cohort_id__in=list(now)).delete()
            for cohort_id, placement in now.items():
                old = before.get(cohort_id)
                if old is None:
                    Placement.objects.create(staff=staff, cohort_id=cohort_id, since=dates[cohort_id],
                                             reason=placement.reason[:300], manual=placement.manual)
                elif old.reason != placement.reason[:300] or old.manual != placement.manual:
                    old.reason, old.manual = placement.reason[:300], placement.manual
                    old.save(update_fields=["reason", "manual"])
            staff.placed_at = timezone.now()
            staff.save(update_fields=["placed_at"])
    return changed


def place_organisation(organisation_id, today=None):
    staff = StaffMember.objects.unscoped("placing everyone in cohorts").filter(organisation_id=organisation_id)
    return place(staff, today=today, organisation_id=organisation_id)


def _requirements_by_cohort(organisation_ids):
    return [r.facts() for r in CohortRequirement.objects.filter(cohort__organisation_id__in=organisation_ids)]


def facts_for(staff_members, organisation_ids=None):
    """StaffFacts for each person (placements, requirements and completions), keyed by staff id."""
    source = staff_members
    staff_members = list(staff_members)
    # A queryset is passed on as a subquery: thousands of ids as parameters are slow to send.
    ids = source.values("pk") if isinstance(source, models.QuerySet) else [s.pk for s in staff_members]
    org_ids = organisation_ids or {s.organisation_id for s in staff_members}
    cohort_reqs = _requirements_by_cohort(org_ids)
    since = {}
    for staff_id, cohort_id, day in Placement.objects.filter(staff_id__in=ids).values_list("staff_id", "cohort_id", "since"):
        since.setdefault(staff_id, {})[cohort_id] = day
    done = {}
    for staff_id, level_id, day in Completion.objects.filter(staff_id__in=ids).values_list("staff_id", "level_id", "completed_on"):
        done.setdefault(staff_id, {}).setdefault(level_id, []).append(day)
    return {
        s.pk: c.StaffFacts(s.pk, s.directorate or "No directorate", s.start_date, s.leave_date,
                           tuple(c.requirements_for(since.get(s.pk, {}), cohort_reqs)), done.get(s.pk, {}))
        for s in staff_members
    }


@dataclass
class PersonRow:
    """One person's training, for the team list and the staff record."""

    staff: StaffMember
    statuses: list  # RequirementStatus
    status: c.Status
    levels: dict

    @property
    def status_label(self):
        return c.STATUS_LABELS[self.status]

    @property
    def next_due(self):
        dates = [s.due_on for s in self.statuses if s.due_on]
        return min(dates) if dates else None

    @property
    def requirement_rows(self):
        return [{"level": self.levels.get(s.requirement.level), "status": s} for s in self.statuses]


def person_rows(staff_members, today=None):
    today = today or timezone.localdate()
    staff_members = list(staff_members)
    facts = facts_for(staff_members)
    levels = TrainingLevel.objects.in_bulk({r.level for f in facts.values() for r in f.requirements})
    rows = []
    for s in staff_members:
        f = facts[s.pk]
        statuses = [c.requirement_status(r, f.completions.get(r.level, ()), start_date=s.start_date,
                                         leave_date=s.leave_date, today=today) for r in f.requirements]
        statuses.sort(key=lambda st: (c.SEVERITY.index(st.status), str(levels.get(st.requirement.level))))
        rows.append(PersonRow(s, statuses, c.overall(statuses), levels))
    return rows


def status_counts(rows):
    counts = {status: 0 for status in c.SEVERITY}
    for row in rows:
        counts[row.status] += 1
    return counts
