"""Who must be trained, and whether they are: plain functions and values, no Django.

Terms used throughout:

* A **cohort** is a group of staff (all staff, frontline staff, procurement staff...). Someone is
  placed in a cohort by its rules (job title, service, Clearsight role) or by a manual override,
  which can also take them out of a cohort. Every placement carries the reason shown to users.
* A **requirement** is a training level a cohort must have, with a refresh period in months (none:
  once is enough) and a grace period in days for people new to the requirement (default 90).
* A requirement applies from the later of the person's start date and the day they joined the
  cohort, so someone who moves into a cohort gets the same grace period as a new starter.
* Training completed on D with a 12-month refresh is **due** again on the same day 12 months later.
  It is still valid on its due date and **overdue** from the day after.
* **Due soon**: valid, and due within the next 30 days (inclusive).
* **Leavers** are not required to do anything from their leaving date on; people who have not yet
  started are not required either.
"""

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from clearsight.core.dates import add_months

DUE_SOON_DAYS = 30
DEFAULT_GRACE_DAYS = 90


class Status(StrEnum):
    COMPLIANT = "compliant"
    DUE_SOON = "due_soon"
    IN_GRACE = "in_grace"
    OVERDUE = "overdue"
    NEVER_TRAINED = "never_trained"
    NOT_REQUIRED = "not_required"


STATUS_LABELS = {
    Status.COMPLIANT: "Up to date",
    Status.DUE_SOON: "Due within 30 days",
    Status.IN_GRACE: "New to this training, not yet due",
    Status.OVERDUE: "Overdue",
    Status.NEVER_TRAINED: "Never trained",
    Status.NOT_REQUIRED: "Not required",
}

# Worst first: a person's overall status is the worst of their requirements' statuses.
SEVERITY = [Status.NEVER_TRAINED, Status.OVERDUE, Status.DUE_SOON, Status.IN_GRACE, Status.COMPLIANT, Status.NOT_REQUIRED]
# Statuses that count as meeting the requirement, and those that count against it, in compliance rates.
MET = {Status.COMPLIANT, Status.DUE_SOON}
NOT_MET = {Status.OVERDUE, Status.NEVER_TRAINED}


@dataclass(frozen=True)
class Requirement:
    """One training level someone must have, with the strictest terms of the cohorts that require it."""

    level: object  # any key: a level id in the database, a string in tests
    refresh_months: int | None = None  # None: valid for ever once done
    grace_days: int = DEFAULT_GRACE_DAYS
    cohorts: tuple = ()  # the cohort keys that require it
    required_since: date | None = None  # the day the person became subject to it (cohort joined)
    # When several cohorts require the level: each cohort's own requirement, with its own date. The
    # status is worked out for each and the worst counts, so a stricter cohort joined recently
    # gets its grace period from the day it was joined.
    parts: tuple = ()


@dataclass(frozen=True)
class RequirementStatus:
    requirement: Requirement
    status: Status
    last_completed: date | None = None
    due_on: date | None = None  # when training (or refresher training) must be done by

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


def is_employed(start_date, leave_date, on: date) -> bool:
    if start_date is not None and start_date > on:
        return False
    return leave_date is None or leave_date > on


def requirement_status(requirement: Requirement, completions, *, start_date=None, leave_date=None, today: date,
                       due_soon_days: int = DUE_SOON_DAYS) -> RequirementStatus:
    """Where someone stands on one requirement on ``today``.

    ``completions`` are the dates they completed this level (any order; later dates are ignored)."""
    if requirement.parts:
        applying = [p for p in requirement.parts if p.required_since is None or p.required_since <= today]
        results = [requirement_status(p, completions, start_date=start_date, leave_date=leave_date, today=today,
                                      due_soon_days=due_soon_days) for p in (applying or requirement.parts)]
        worst = min(results, key=lambda r: (SEVERITY.index(r.status), r.due_on or date.max))
        return replace(worst, requirement=requirement)
    if not is_employed(start_date, leave_date, today):
        return RequirementStatus(requirement, Status.NOT_REQUIRED)
    done = sorted(d for d in completions if d <= today)
    last = done[-1] if done else None
    if last is not None:
        if requirement.refresh_months is None:
            return RequirementStatus(requirement, Status.COMPLIANT, last, None)
        due_on = add_months(last, requirement.refresh_months)
        if today <= due_on:
            soon = (due_on - today).days <= due_soon_days
            return RequirementStatus(requirement, Status.DUE_SOON if soon else Status.COMPLIANT, last, due_on)
    # Not trained, or the training has run out: new starters (and people new to the requirement)
    # have their grace period from the day it started to apply to them.
    since = max(d for d in (start_date, requirement.required_since) if d is not None) if (
        start_date or requirement.required_since) else None
    if since is not None:
        grace_due = since + timedelta(days=requirement.grace_days)
        if last is None or last < since:
            if today <= grace_due:
                return RequirementStatus(requirement, Status.IN_GRACE, last, grace_due)
    if last is None:
        return RequirementStatus(requirement, Status.NEVER_TRAINED, None, None)
    return RequirementStatus(requirement, Status.OVERDUE, last, add_months(last, requirement.refresh_months))


def overall(statuses) -> Status:
    """A person's overall status: the worst of their requirements' (``NOT_REQUIRED`` when none)."""
    statuses = [s.status if isinstance(s, RequirementStatus) else s for s in statuses]
    relevant = [s for s in statuses if s != Status.NOT_REQUIRED]
    if not relevant:
        return Status.NOT_REQUIRED
    return min(relevant, key=SEVERITY.index)


# --- cohorts -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CohortRule:
    """How staff are placed in a cohort. A person matches when any rule matches."""

    key: object
    name: str
    everyone: bool = False
    job_title_words: tuple = ()  # matched case-insensitively anywhere in the job title
    services: tuple = ()  # exact service names, case-insensitive
    roles: tuple = ()  # Clearsight roles (values), held by the person's linked user


@dataclass(frozen=True)
class Person:
    job_title: str = ""
    service: str = ""
    roles: frozenset = frozenset()


@dataclass(frozen=True)
class Override:
    cohort: object
    include: bool  # True: put in the cohort; False: take out of it
    reason: str


@dataclass(frozen=True)
class Placement:
    cohort: object
    reason: str
    manual: bool = False


def rule_reason(rule: CohortRule, person: Person, role_labels=None) -> str | None:
    """Why the rules put ``person`` in the cohort, or None if they do not."""
    if rule.everyone:
        return "Everyone is in this cohort"
    title = (person.job_title or "").casefold()
    for word in rule.job_title_words:
        if word and word.casefold() in title:
            return f"Job title contains “{word}”"
    service = (person.service or "").strip().casefold()
    for name in rule.services:
        if name and name.strip().casefold() == service:
            return f"Works in {name}"
    for role in rule.roles:
        if role in person.roles:
            label = (role_labels or {}).get(role, role)
            return f"Has the Clearsight role {label}"
    return None


def placements(person: Person, rules, overrides=(), role_labels=None) -> list[Placement]:
    """The cohorts a person is in, with reasons. A manual override wins over the rules; the latest
    override for a cohort counts."""
    latest = {}
    for override in overrides:
        latest[override.cohort] = override
    result = []
    for rule in rules:
        override = latest.get(rule.key)
        if override is not None:
            if override.include:
                result.append(Placement(rule.key, f"Added by hand: {override.reason}", manual=True))
            continue
        reason = rule_reason(rule, person, role_labels)
        if reason:
            result.append(Placement(rule.key, reason))
    return result


def excluded_by_override(person: Person, rules, overrides=(), role_labels=None) -> list[Placement]:
    """Cohorts the rules would put someone in but an override takes them out of, with its reason."""
    latest = {o.cohort: o for o in overrides}
    return [Placement(rule.key, f"Taken out by hand: {latest[rule.key].reason}", manual=True)
            for rule in rules
            if rule.key in latest and not latest[rule.key].include and rule_reason(rule, person, role_labels)]


def placement_dates(previous: dict, current_cohorts, *, today: date, start_date=None, first_time=False) -> dict:
    """{cohort: since} after a change of placements. Cohorts kept keep their date; new ones date
    from today (from the start date the first time someone is placed, or when they start later)."""
    result = {}
    for cohort in current_cohorts:
        if cohort in previous:
            result[cohort] = previous[cohort]
        elif first_time and start_date is not None:
            result[cohort] = start_date
        else:
            result[cohort] = max(today, start_date) if start_date else today
    return result


@dataclass(frozen=True)
class CohortRequirement:
    cohort: object
    level: object
    refresh_months: int | None = None
    grace_days: int = DEFAULT_GRACE_DAYS


def requirements_for(cohort_since: dict, cohort_requirements) -> list[Requirement]:
    """Merge the requirements of the cohorts someone is in (``{cohort: since}``): when several
    cohorts require the same level, the merged requirement shows the shortest refresh period and grace
    period and the earliest date any of those cohorts applied, and keeps each cohort's own terms and
    date in ``parts``: its status is the worst of theirs."""
    merged = {}
    for cr in cohort_requirements:
        if cr.cohort not in cohort_since:
            continue
        since = cohort_since[cr.cohort]
        existing = merged.get(cr.level)
        own = Requirement(cr.level, cr.refresh_months, cr.grace_days, (cr.cohort,), since)
        if existing is None:
            merged[cr.level] = own
            continue
        refresh = [m for m in (existing.refresh_months, cr.refresh_months) if m is not None]
        dates = [d for d in (existing.required_since, since) if d is not None]
        merged[cr.level] = Requirement(
            cr.level,
            min(refresh) if refresh else None,
            min(existing.grace_days, cr.grace_days),
            existing.cohorts + (cr.cohort,),
            min(dates) if dates else None,
            (existing.parts or (existing,)) + (own,),
        )
    return list(merged.values())


# --- rates ------------------------------------------------------------------------------------------


@dataclass
class Rate:
    met: int = 0
    not_met: int = 0
    in_grace: int = 0

    @property
    def counted(self) -> int:
        return self.met + self.not_met

    @property
    def percent(self) -> int | None:
        """Whole per cent of the people counted who meet their requirements (None if nobody counted)."""
        if not self.counted:
            return None
        return round(100 * self.met / self.counted)

    def add(self, status: Status):
        if status in MET:
            self.met += 1
        elif status in NOT_MET:
            self.not_met += 1
        elif status == Status.IN_GRACE:
            self.in_grace += 1


@dataclass(frozen=True)
class StaffFacts:
    """What the rate calculation needs about one person: no names."""

    key: object
    directorate: str
    start_date: date | None
    leave_date: date | None
    requirements: tuple  # Requirement
    completions: dict = field(default_factory=dict)  # level -> [dates]


def person_status(facts: StaffFacts, on: date, cohort=None) -> Status:
    """Overall status on a date, for all requirements or for one cohort's."""
    reqs = [r for r in facts.requirements if cohort is None or cohort in r.cohorts]
    # Requirements that did not yet apply on that date do not count.
    reqs = [r for r in reqs if r.required_since is None or r.required_since <= on]
    return overall(
        requirement_status(r, facts.completions.get(r.level, ()), start_date=facts.start_date,
                           leave_date=facts.leave_date, today=on)
        for r in reqs
    )


def rates(staff, on: date, *, cohort=None, group=lambda f: f.directorate) -> tuple[Rate, dict]:
    """(overall rate, {group: rate}) on a date. People in their grace period, leavers, people who
    have not started and people with no requirement are not counted in the percentage."""
    total, groups = Rate(), {}
    for facts in staff:
        status = person_status(facts, on, cohort)
        if status == Status.NOT_REQUIRED:
            continue
        total.add(status)
        groups.setdefault(group(facts), Rate()).add(status)
    return total, groups


def month_ends(today: date, count: int = 12) -> list[date]:
    """The last day of each of the ``count`` - 1 previous months, then today: the dates a chart shows."""
    result = [today]
    day = today.replace(day=1) - timedelta(days=1)
    while len(result) < count:
        result.append(day)
        day = day.replace(day=1) - timedelta(days=1)
    return list(reversed(result))
