"""Victim support casework: who may work on cases, searching before creating, opening, sharing and
closing a case, where a case stands in the NRM, what needs attention, and its timeline.

Views call these. The NRM's clocks themselves are plain functions in clocks.py; here they are put
together for one case, with England and Wales bank holidays as the non-working days.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from rapidfuzz import fuzz, process

from clearsight.core import locking
from clearsight.core.dates import is_working_day, long_date
from clearsight.core.text import ascii_lower
from clearsight.core.models import Organisation, Partnership, Team, TeamMember
from clearsight.core.roles import Role

from . import clocks, nrm_events
from .models import (
    Case,
    CaseAssignment,
    CaseShare,
    MoveOnExtension,
    NrmRecord,
    OutcomeScore,
    Person,
    RiskStatus,
)

# Roles that work on cases (in any of the user's organisations).
CASE_ROLES = (Role.CASEWORKER, Role.TEAM_MANAGER, Role.FIRST_RESPONDER)

# Vulnerability markers recorded with a risk status. The children-at-risk register (register.py)
# counts and filters by the same codes, so there is one list for both.
try:
    from .register import VULNERABILITY_MARKERS as _REGISTER_MARKERS
except ImportError:  # pragma: no cover - only while the register is being written
    _REGISTER_MARKERS = None

VULNERABILITY_MARKERS = list(_REGISTER_MARKERS or [
    ("possibly-under-18", "Age not known but possibly under 18"),
    ("missing", "Has gone missing from home or care"),
    ("looked-after", "Looked-after child or care leaver"),
    ("unaccompanied", "Unaccompanied or separated child"),
    ("not-in-education", "Not in education, training or employment"),
    ("substance-use", "Drug or alcohol use"),
    ("learning-disability", "Learning disability or difficulty"),
    ("no-recourse", "No recourse to public funds"),
])
MARKER_LABELS = dict(VULNERABILITY_MARKERS)

# The categories a case can be opened with (a case becomes "no longer at risk" later, never at the start).
OPENING_CATEGORIES = [
    (RiskStatus.Category.AT_RISK, RiskStatus.Category.AT_RISK.label),
    (RiskStatus.Category.VICTIM, RiskStatus.Category.VICTIM.label),
]


def eighteen_alert_days() -> int:
    return getattr(settings, "CASE_EIGHTEEN_ALERT_DAYS", 60)


def long_cg_wait_days() -> int:
    return getattr(settings, "CASE_LONG_CG_WAIT_DAYS", clocks.LONG_CG_WAIT_DAYS)


# --- Who may do what ------------------------------------------------------------------------------

def case_organisation_ids(user) -> set:
    """Organisations where the user holds a role that works on cases."""
    return user.organisation_ids_with_role(*CASE_ROLES)


def can_work_on_cases(user) -> bool:
    """Caseworkers, team managers and first responders, in any of their organisations."""
    return bool(user.is_authenticated and user.is_active and case_organisation_ids(user))


def teams_for_opening(user):
    """The teams a user may open a case in: every team of the organisations where they work on cases."""
    return Team.objects.filter(organisation_id__in=case_organisation_ids(user), organisation__is_active=True) \
        .select_related("organisation").order_by("organisation__name", "name")


def can_open_for(user, person) -> bool:
    """A case for an existing person is opened by their own organisation, by someone who can see them
    (through a case they may see)."""
    return person.organisation_id in case_organisation_ids(user) and \
        Person.objects.for_user(user).filter(pk=person.pk).exists()


def can_manage_case(user, case) -> bool:
    """Sharing and closing: the case's assigned caseworkers and the managers of its team, in the
    case's own organisation. Partners the case is shared with may not pass it on."""
    org = case.organisation_id
    if org in user.organisation_ids_with_role(Role.CASEWORKER) and \
            case.assignments.filter(user=user, ended_at__isnull=True).exists():
        return True
    if org in user.organisation_ids_with_role(Role.TEAM_MANAGER) and \
            TeamMember.objects.filter(team_id=case.team_id, user=user, is_manager=True).exists():
        return True
    return False


# --- Search before create -------------------------------------------------------------------------

NAME_SIMILARITY = 0.8


def normalise(text: str) -> str:
    """Lower case ASCII, punctuation as spaces: "Zoë O'Neill" -> "zoe o neill", and names in other
    alphabets in Latin letters, so "Олег" is found by "Oleg" (core.text.ascii_lower)."""
    text = ascii_lower(text)
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def _name_score(query: str, name: str, **_) -> float:
    """How alike two normalised names are, from 0 to 100 (a rapidfuzz scorer), whatever the order of
    their parts: the best of the names with their words sorted (token sort ratio: "Smith Alex" and
    "Alex Smyth"), the whole names without spaces ("Anna Maria" and "Annamaria"), and each word of
    the query matched with the most alike word of the name, averaged (so a surname alone, "Smith",
    finds "Alex Smith")."""
    if not query or not name:
        return 0.0
    words, asked = name.split(), query.split()
    per_word = sum(max(fuzz.ratio(word, known) for known in words) for word in asked) / len(asked)
    return max(fuzz.token_sort_ratio(query, name), fuzz.ratio(query.replace(" ", ""), name.replace(" ", "")), per_word)


def name_similarity(query: str, name: str) -> float:
    """How alike two names are, from 0 to 1 (see _name_score)."""
    return _name_score(normalise(query), normalise(name)) / 100


@dataclass
class PossibleDuplicate:
    person: Person
    reasons: list = field(default_factory=list)
    score: float = 0.0
    same_date_of_birth: bool = False


def person_names(person) -> list:
    """(kind, name) for every name a person is known by: their name, then each alias."""
    names = []
    full = " ".join(filter(None, [person.first_name, person.last_name]))
    if full:
        names.append(("name", full))
    for alias in (person.aliases or "").splitlines():
        if alias.strip():
            names.append(("alias", alias.strip()))
    return names


def find_possible_duplicates(people, *, name: str = "", date_of_birth: date | None = None, limit: int = 50) -> list:
    """People who may be the person searched for: a similar name or alias, or the same date of birth
    (or an estimated date of birth in the same year). Nothing is ever merged: the user chooses.
    ``people`` is what the user may see (``Person.objects.for_user(user)``): only they are compared."""
    people = [person for person in people if not person.anonymised_at]
    query = normalise(name)
    best = {}  # person's place in people -> (score, -place of the name among theirs, kind, name)
    if query:
        choices = {(i, j, kind, known_as): normalise(known_as)
                   for i, person in enumerate(people) for j, (kind, known_as) in enumerate(person_names(person))}
        for _, score, (i, j, kind, known_as) in process.extract(query, choices, scorer=_name_score, limit=None,
                                                                score_cutoff=NAME_SIMILARITY * 100):
            best[i] = max(best.get(i, (0.0,)), (score, -j, kind, known_as))  # their first name of the best
    found = []
    for i, person in enumerate(people):
        match = PossibleDuplicate(person)
        if i in best:
            score, _, kind, known_as = best[i]
            match.score = score / 100
            same = normalise(known_as) == query
            if kind == "alias":
                label = "Known as" if same else "Similar alias"
            else:
                label = "Same name" if same else "Similar name"
            match.reasons.append(f"{label}: {known_as}")
        if date_of_birth and person.date_of_birth:
            if person.date_of_birth == date_of_birth:
                match.same_date_of_birth = True
                match.reasons.append("Same date of birth")
            elif person.date_of_birth_estimated and person.date_of_birth.year == date_of_birth.year:
                match.reasons.append("Estimated date of birth in the same year")
        if match.reasons:
            found.append(match)
    found.sort(key=lambda m: (-(len(m.reasons)), not m.same_date_of_birth, -m.score, m.person.last_name, m.person.first_name))
    return found[:limit]


def known_to_other_teams(user, *, name: str = "", date_of_birth: date | None = None) -> list:
    """Teams that know a person with a similar name and the same date of birth whom the user cannot
    see, as ``[(team name, organisation name)]``: nothing about the person is returned, so search
    before create can warn of a duplicate without revealing who it is. Only the organisations where
    the user works on cases are checked, and only when both a name and a date of birth are given
    (a name or a date of birth alone would let someone fish for who is known)."""
    if not name or not date_of_birth:
        return []
    reason = "duplicate check"
    candidates = Person.objects.unscoped(reason).filter(
        organisation_id__in=case_organisation_ids(user), anonymised_at__isnull=True,
    ).filter(
        Q(date_of_birth=date_of_birth) | Q(date_of_birth_estimated=True, date_of_birth__year=date_of_birth.year)
    ).exclude(pk__in=Person.objects.for_user(user).values("pk")).only(
        "pk", "first_name", "last_name", "aliases", "date_of_birth", "date_of_birth_estimated", "anonymised_at")
    ids = [m.person.pk for m in find_possible_duplicates(candidates, name=name, date_of_birth=date_of_birth)
           if m.score >= NAME_SIMILARITY]
    if not ids:
        return []
    return list(Case.objects.unscoped(reason).filter(person_id__in=ids, anonymised_at__isnull=True)
                .values_list("team__name", "organisation__name").distinct().order_by("organisation__name", "team__name"))


# --- Opening a case -------------------------------------------------------------------------------

CONCERN_GENDERS = {"female": Person.Gender.FEMININE, "male": Person.Gender.MASCULINE}


def split_name(name: str) -> tuple:
    """A reported name into first and last name: "Alex Smith" -> ("Alex", "Smith")."""
    parts = (name or "").split()
    if not parts:
        return "", ""
    if len(parts) == 1:
        return parts[0], ""
    return parts[0], " ".join(parts[1:])


def person_from_concern(concern_person) -> dict:
    """What a concern's person tells us, as initial values for a new person."""
    first, last = split_name(concern_person.name)
    return {
        "first_name": first,
        "last_name": last,
        "gender": CONCERN_GENDERS.get((concern_person.gender or "").lower(), Person.Gender.UNKNOWN),
        "nationalities": concern_person.nationality,
    }


def open_case(*, user, team, category, exploitation_types=(), markers=(), person=None, new_person=None,
              source_concern=None, today=None) -> Case:
    """Open a case for an existing person (``person``) or a new one (``new_person``: Person fields).
    The opener is assigned as caseworker when they are a caseworker in the team's organisation. The
    first risk status is recorded from today."""
    today = today or timezone.localdate()
    if (person is None) == (new_person is None):
        raise ValueError("Give either a person or a new person")
    with transaction.atomic():
        if person is None:
            person = Person.objects.create(organisation=team.organisation, **new_person)
        case = Case.objects.create(person=person, organisation=team.organisation, team=team, created_by=user,
                                   opened_on=today, source_concern=source_concern)
        if team.organisation_id in user.organisation_ids_with_role(Role.CASEWORKER):
            CaseAssignment.objects.create(case=case, user=user)
        RiskStatus.objects.create(case=case, category=category, exploitation_types=list(exploitation_types),
                                  vulnerability_markers=list(markers), valid_from=today, recorded_by=user)
    return case


# --- Assigning caseworkers -------------------------------------------------------------------------

def current_assignments(case):
    return case.assignments.filter(ended_at__isnull=True).select_related("user").order_by("assigned_at", "pk")


def assignable_caseworkers(case):
    """Members of the case's team who are caseworkers in the case's organisation, are active and are
    not assigned already."""
    from clearsight.core.models import User

    assigned = case.assignments.filter(ended_at__isnull=True).values("user_id")
    return User.objects.filter(
        is_active=True, team_memberships__team_id=case.team_id,
        memberships__organisation_id=case.organisation_id, memberships__role=Role.CASEWORKER,
    ).exclude(pk__in=assigned).distinct().order_by("full_name", "pk")


def assign_caseworker(case, user) -> CaseAssignment:
    return CaseAssignment.objects.create(case=case, user=user)


def end_assignment(assignment) -> CaseAssignment:
    assignment.ended_at = timezone.now()
    assignment.save(update_fields=["ended_at"])
    return assignment


# --- Recording a change of risk status ----------------------------------------------------------

def record_risk_status(case, *, user, category, exploitation_types=(), markers=(), valid_from) -> RiskStatus:
    """Append a risk status from ``valid_from`` on. Earlier statuses are kept as they are, so the
    register can still say how things stood on any past date."""
    return RiskStatus.objects.create(case=case, category=category, exploitation_types=list(exploitation_types),
                                     vulnerability_markers=list(markers), valid_from=valid_from, recorded_by=user)


def risk_history(case):
    """Every risk status of the case, most recent first."""
    return list(case.risk_history.select_related("recorded_by").order_by("-valid_from", "-recorded_at", "-pk"))


# --- Sharing and closing --------------------------------------------------------------------------

def partner_organisations(case):
    """Organisations in a partnership with the case's organisation, other than itself."""
    return Organisation.objects.filter(partnerships__members=case.organisation_id, is_active=True) \
        .exclude(pk=case.organisation_id).distinct().order_by("name")


def default_agreement(case, organisation) -> str:
    """The information sharing agreement of a partnership both organisations belong to, if it has one."""
    both = Partnership.objects.filter(members=organisation).filter(members=case.organisation_id).distinct()
    for partnership in both.order_by("name"):
        if partnership.information_sharing_agreement:
            return partnership.information_sharing_agreement
    return ""


def current_shares(case):
    return case.shares.filter(ended_at__isnull=True).select_related("organisation", "shared_by").order_by("shared_at")


def share_case(case, organisation, *, agreement, reason, user) -> CaseShare:
    return CaseShare.objects.create(case=case, organisation=organisation, agreement=agreement, reason=reason, shared_by=user)


def end_share(share):
    share.ended_at = timezone.now()
    share.save(update_fields=["ended_at"])
    return share


def close_case(cases, case, *, reason, version, today=None) -> bool:
    """Close the case if nobody changed it since the form was loaded. ``cases`` is the user's scoped
    queryset. Returns False (and changes nothing) if the case changed in the meantime."""
    today = today or timezone.localdate()
    return locking.save_if_unchanged(cases, case.pk, version,
                                     status=Case.Status.CLOSED, closed_on=today, closure_reason=reason)


# --- Where a case stands in the NRM --------------------------------------------------------------

@dataclass
class NrmPosition:
    """Where an NRM referral stands on ``today``, with every clock worked out."""

    record: NrmRecord
    today: date
    stage: str
    colour: str  # GOV.UK tag colour
    rg_due: date
    rg_overdue: bool = False
    rg_days_waited: int | None = None
    rg_late_days: int = 0  # working days after its due date that the Reasonable Grounds decision was made
    recovery_ends: date | None = None
    in_recovery: bool = False
    cg_pending: bool = False
    cg_wait_days: int | None = None
    cg_wait_long: bool = False
    move_on_base_ends: date | None = None
    move_on_ends: date | None = None
    in_move_on: bool = False
    extension_days: int = 0
    eighteenth_birthday: date | None = None
    turning_18: date | None = None  # the 18th birthday, if it falls within the alert window or has passed
    # without consent to remain in the NRM (see turned_18)

    @property
    def turned_18(self) -> bool:
        """They turned 18 while waiting for a Conclusive Grounds decision and no consent to remain in
        the NRM (nor withdrawal) is recorded yet."""
        return bool(self.turning_18 and self.turning_18 < self.today)

    @property
    def days_to_18(self):
        return (self.turning_18 - self.today).days if self.turning_18 else None

    @property
    def move_on_days_left(self):
        return (self.move_on_ends - self.today).days if self.move_on_ends and self.in_move_on else None


def nrm_position(record, *, date_of_birth=None, today=None, extensions=None, working_day=is_working_day,
                 alert_days=None, long_wait_days=None) -> NrmPosition:
    """Every NRM clock for one referral. ``extensions`` is a list of extra move-on days (the
    record's extensions are read if it is not given)."""
    today = today or timezone.localdate()
    alert_days = eighteen_alert_days() if alert_days is None else alert_days
    long_wait_days = long_cg_wait_days() if long_wait_days is None else long_wait_days
    if extensions is None:
        extensions = [e.days for e in record.extensions.all()] if record.pk else []
    Decision = NrmRecord.Decision
    rg_due = clocks.reasonable_grounds_due(record.referred_on, working_day)
    pos = NrmPosition(record=record, today=today, stage="", colour="grey", rg_due=rg_due)
    withdrawn = record.withdrawn_on is not None
    if date_of_birth:
        pos.eighteenth_birthday = clocks.eighteenth_birthday(date_of_birth)

    if record.rg_decision == Decision.PENDING:
        pos.rg_days_waited = (today - record.referred_on).days
        pos.rg_overdue = not withdrawn and today > rg_due
        pos.stage, pos.colour = "Waiting for a Reasonable Grounds decision", ""
        if pos.rg_overdue:
            pos.colour = "red"
    else:
        pos.rg_late_days = rg_late_days(record, working_day)
    if record.rg_decision == Decision.NEGATIVE:
        pos.stage, pos.colour = "Negative Reasonable Grounds decision", "grey"
        if record.rg_reconsidered:
            pos.stage = "Negative Reasonable Grounds decision after reconsideration"
        elif nrm_events.reconsideration_pending(record, nrm_events.REASONABLE_GROUNDS):
            pos.stage, pos.colour = "Negative Reasonable Grounds decision: reconsideration requested", "orange"
    elif record.rg_decision == Decision.POSITIVE:
        if record.rg_decided_on:
            pos.recovery_ends = clocks.recovery_period_ends(record.rg_decided_on)
        if record.cg_decision == Decision.PENDING:
            pos.cg_pending = not withdrawn
            pos.in_recovery = pos.cg_pending and pos.recovery_ends is not None and today <= pos.recovery_ends
            if record.rg_decided_on:
                pos.cg_wait_days = clocks.conclusive_grounds_wait(record.rg_decided_on, today)
                pos.cg_wait_long = pos.cg_pending and clocks.conclusive_grounds_wait_is_long(
                    record.rg_decided_on, today, long_wait_days)
            if pos.in_recovery:
                pos.stage, pos.colour = "Recovery period", "turquoise"
            else:
                pos.stage = "Waiting for a Conclusive Grounds decision"
                pos.colour = "red" if pos.cg_wait_long else ""
        elif record.cg_decision == Decision.NEGATIVE:
            pos.stage, pos.colour = "Negative Conclusive Grounds decision", "grey"
            if record.cg_reconsidered:
                pos.stage = "Negative Conclusive Grounds decision after reconsideration"
            elif nrm_events.reconsideration_pending(record, nrm_events.CONCLUSIVE_GROUNDS):
                pos.stage, pos.colour = "Negative Conclusive Grounds decision: reconsideration requested", "orange"
        else:
            if record.cg_decided_on:
                pos.move_on_base_ends = clocks.move_on_support_ends(record.cg_decided_on)
                pos.move_on_ends = clocks.move_on_support_ends(record.cg_decided_on, extensions)
                pos.extension_days = sum(extensions)
                pos.in_move_on = today <= pos.move_on_ends
            if pos.in_move_on or pos.move_on_ends is None:
                pos.stage, pos.colour = "Move-on support", "green"
            else:
                pos.stage, pos.colour = "Move-on support has ended", "grey"
    if withdrawn:
        pos.stage, pos.colour = "Withdrawn from the NRM", "grey"
        pos.in_recovery = pos.in_move_on = False

    awaiting_cg = record.cg_decision == Decision.PENDING and not withdrawn and (
        record.rg_decision != Decision.NEGATIVE or record.reconsideration_requested_on)
    if awaiting_cg:
        pos.turning_18 = clocks.turning_18_alert(date_of_birth, today, cg_decided=False, alert_days=alert_days,
                                                 referred_on=record.referred_on, consented=bool(record.consent_to_remain_on),
                                                 withdrawn=withdrawn)
    return pos


def rg_late_days(record, working_day=is_working_day) -> int:
    """Working days after its due date that the Reasonable Grounds decision was made (0: on time, not
    made yet, or made on reconsideration, which has no such clock)."""
    if record.rg_decision == NrmRecord.Decision.PENDING or not record.rg_decided_on or record.rg_reconsidered:
        return 0
    return clocks.working_days_late(clocks.reasonable_grounds_due(record.referred_on, working_day), record.rg_decided_on,
                                    working_day)


def nrm_for(case):
    try:
        return case.nrm
    except ObjectDoesNotExist:
        return None


def age_text(person, today=None) -> str:
    """ "3 April 2009 (aged 17)", "About 2008 (estimated, aged about 17)" or "Not known"."""
    if not person.date_of_birth:
        return "Not known"
    today = today or timezone.localdate()
    dob = person.date_of_birth
    age = clocks.age_on(dob, today)
    written = long_date(dob)
    if person.date_of_birth_estimated:
        return f"{written} (estimated, aged about {age})"
    return f"{written} (aged {age})"


# --- What needs attention ----------------------------------------------------------------------------

@dataclass
class Alert:
    kind: str  # turning_18, turned_18, cg_wait, rg_overdue, safety_review, address_flag
    heading: str
    text: str = ""
    link_name: str = ""  # URL name of the section to go to
    short: str = ""  # for lists of cases


def safety_reviews_overdue(case, today) -> list:
    """Safety plans whose review date has passed without a review since."""
    return [p for p in case.safety_plans.all()
            if p.review_on < today and (p.reviewed_on is None or p.reviewed_on < p.review_on)]


def case_alerts(case, today=None, nrm_pos=None) -> list:
    """What needs attention on a case, most pressing first."""
    today = today or timezone.localdate()
    if case.status == Case.Status.CLOSED:
        return []
    alerts = []
    record = nrm_for(case)
    if record is not None:
        pos = nrm_pos or nrm_position(record, date_of_birth=case.person.date_of_birth, today=today)
        if pos.turned_18:
            alerts.append(Alert(
                "turned_18", f"Turned 18 on {long_date(pos.turning_18)}: record whether they consent to stay in the NRM",
                "They turned 18 while waiting for a Conclusive Grounds decision, so they must now consent to stay in "
                "the NRM. Ask them, and record the date they consent (or the date they withdraw) on the NRM page.",
                "cases:nrm", f"Turned 18 on {long_date(pos.turning_18)}: consent not recorded"))
        elif pos.turning_18:
            days = pos.days_to_18
            when = "today" if days == 0 else f"in {days} {'day' if days == 1 else 'days'}"
            estimated = " (their date of birth is estimated)" if case.person.date_of_birth_estimated else ""
            alerts.append(Alert(
                "turning_18", f"Turns 18 on {long_date(pos.turning_18)}, {when}, before a Conclusive Grounds decision",
                "When they turn 18 they must consent to stay in the NRM. Talk to them about it before then, and "
                f"record the date they consent on the NRM page{estimated}.", "cases:nrm", f"Turns 18 on {long_date(pos.turning_18)}"))
        if pos.cg_wait_long:
            alerts.append(Alert(
                "cg_wait", f"Waiting {pos.cg_wait_days} days for a Conclusive Grounds decision",
                f"This is longer than {long_cg_wait_days()} days. Consider asking the competent authority for an update.",
                "cases:nrm", f"Conclusive Grounds wait: {pos.cg_wait_days} days"))
        if pos.rg_overdue:
            alerts.append(Alert(
                "rg_overdue", f"Reasonable Grounds decision overdue since {long_date(pos.rg_due)}",
                "The aim is a decision within 5 working days of the referral.", "cases:nrm",
                "Reasonable Grounds decision overdue"))
    for plan in safety_reviews_overdue(case, today):
        alerts.append(Alert("safety_review", f"Safety plan review overdue since {long_date(plan.review_on)}",
                            "Arrange the multi-agency review and record it.", "cases:safety", "Safety plan review overdue"))
    flags = [f for f in case.address_flags.all() if f.active]
    if flags:
        alerts.append(Alert("address_flag", f"{len(flags)} flagged {'address' if len(flags) == 1 else 'addresses'}",
                            "; ".join(f"{f.get_reason_display()}: {f.address.splitlines()[0] if f.address else ''}" for f in flags),
                            "cases:safety", "Flagged address"))
    return alerts


def current_risk_status(case, today=None):
    today = today or timezone.localdate()
    statuses = [s for s in case.risk_history.all() if s.valid_from <= today]
    return max(statuses, key=lambda s: (s.valid_from, s.recorded_at, s.pk)) if statuses else None


# --- The timeline --------------------------------------------------------------------------------

@dataclass
class Event:
    on: date
    title: str
    text: str = ""
    by: str = ""
    at: datetime | None = None  # when the time of day is known
    flag: str = ""  # a short warning shown as a red tag, such as "Late decision"

    @property
    def sort_key(self):
        return (self.on, self.at.time() if self.at else time.min)

    @property
    def iso(self):
        return self.at.isoformat() if self.at else self.on.isoformat()


def _local(at):
    return timezone.localtime(at) if timezone.is_aware(at) else at


def _at(at) -> dict:
    local = _local(at)
    return {"on": local.date(), "at": local}


def _names(user):
    return user.full_name if user else ""


def timeline(case, exploitation_labels=None) -> list:
    """Everything that happened on a case, most recent first."""
    labels = exploitation_labels or {}
    events = [Event(case.opened_on, "Case opened", f"Team: {case.team.name}", _names(case.created_by))]
    if case.source_concern:
        events[0].text += ". Opened from a reported concern."
    if case.closed_on:
        events.append(Event(case.closed_on, "Case closed", case.closure_reason))
    for a in case.assignments.select_related("user"):
        events.append(Event(**_at(a.assigned_at), title="Caseworker assigned", text=_names(a.user)))
        if a.ended_at:
            events.append(Event(**_at(a.ended_at), title="Caseworker no longer assigned", text=_names(a.user)))
    for s in case.risk_history.select_related("recorded_by"):
        parts = []
        if s.exploitation_types:
            parts.append("Exploitation: " + "; ".join(labels.get(c, c) for c in s.exploitation_types))
        if s.vulnerability_markers:
            parts.append("Vulnerabilities: " + "; ".join(MARKER_LABELS.get(c, c) for c in s.vulnerability_markers))
        events.append(Event(s.valid_from, f"Risk status: {s.get_category_display().lower()}", ". ".join(parts),
                            _names(s.recorded_by)))
    record = nrm_for(case)
    if record is not None:
        events.append(Event(record.referred_on, "Referred to the NRM", f"Competent authority: {record.get_competent_authority_display()}"))
        if record.rg_decided_on and record.rg_decision != NrmRecord.Decision.PENDING:
            again = " after reconsideration" if record.rg_reconsidered else ""
            rg = Event(record.rg_decided_on, f"{record.get_rg_decision_display()} Reasonable Grounds decision{again}")
            late = rg_late_days(record)
            if late:
                rg.flag = "Late decision"
                rg.text = (f"Made {late} working {'day' if late == 1 else 'days'} after it was due on "
                           f"{long_date(clocks.reasonable_grounds_due(record.referred_on))}.")
            events.append(rg)
        if record.cg_decided_on and record.cg_decision != NrmRecord.Decision.PENDING:
            again = " after reconsideration" if record.cg_reconsidered else ""
            events.append(Event(record.cg_decided_on, f"{record.get_cg_decision_display()} Conclusive Grounds decision{again}"))
        if record.withdrawn_on:
            events.append(Event(record.withdrawn_on, "Withdrawn from the NRM"))
        if record.reconsideration_requested_on:
            events.append(Event(record.reconsideration_requested_on, "Reconsideration of the decision requested"))
        if record.consent_to_remain_on:
            events.append(Event(record.consent_to_remain_on, "Consented to remain in the NRM at 18"))
        for e in record.extensions.all():
            events.append(Event(e.agreed_on, f"Move-on support extended by {e.days} days", e.reason))
    for t in case.support_tasks.select_related("owner"):
        status = f" Status now: {t.get_status_display().lower()}." if t.status != "to_do" else ""
        events.append(Event(**_at(t.created_at), title=f"Support task added: {t.description}",
                            text=f"{t.get_phase_display()}. Due {long_date(t.due_on)}, owner {_names(t.owner)}.{status}"))
    for r in case.service_referrals.select_related("partner"):
        who = f" ({r.partner.name})" if r.partner else ""
        events.append(Event(r.requested_on, f"Referral to {r.service}{who} requested", r.notes))
        if r.status != r.Status.REQUESTED:
            events.append(Event(r.updated_on, f"Referral to {r.service}: {r.get_status_display().lower()}"))
    for p in case.placements.all():
        events.append(Event(p.starts_on, f"Placement started: {p.get_kind_display()}"))
        if p.ends_on:
            events.append(Event(p.ends_on, f"Placement ended: {p.get_kind_display()}"))
    for plan in case.safety_plans.all():
        events.append(Event(**_at(plan.created_at), title="Safety plan made", text=f"Review due {long_date(plan.review_on)}"))
        if plan.reviewed_on:
            events.append(Event(plan.reviewed_on, "Safety plan reviewed"))
    for flag in case.address_flags.all():
        events.append(Event(flag.created_on, f"Address flagged: {flag.get_reason_display().lower()}",
                            "" if flag.active else "No longer active"))
    scores = {}
    for s in case.outcome_scores.select_related("scored_by"):
        scores.setdefault((s.scored_on, s.scored_by_id), []).append(s)
    measure_labels = dict(OutcomeScore.Measure.choices)
    for (on, _), rows in scores.items():
        events.append(Event(on, "Outcome scores recorded",
                            "; ".join(f"{measure_labels.get(s.measure, s.measure)}: {s.score} out of 5" for s in rows),
                            _names(rows[0].scored_by)))
    for share in case.shares.select_related("organisation", "shared_by"):
        events.append(Event(**_at(share.shared_at), title=f"Shared with {share.organisation.name}",
                            text=f"Agreement: {share.agreement}. Reason: {share.reason}", by=_names(share.shared_by)))
        if share.ended_at:
            events.append(Event(**_at(share.ended_at), title=f"Sharing with {share.organisation.name} ended"))
    # Most recent first; of events on the same day with no time, the one recorded later comes first.
    order = {id(e): i for i, e in enumerate(events)}
    events.sort(key=lambda e: (e.sort_key, order[id(e)]), reverse=True)
    return events


def add_extension(record, *, days, agreed_on, reason) -> MoveOnExtension:
    return MoveOnExtension.objects.create(nrm=record, days=days, agreed_on=agreed_on, reason=reason)
