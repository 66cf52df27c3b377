"""The URL matrix: every URL name's access expectation (EXPECTATIONS), how to make the record a URL
is about (RECORDS), and the users who try them (the ``world`` fixture). ``test_url_matrix.py``
checks every URL, for every role, for anonymous visitors and for a user of another organisation.

Each URL name needs an entry in EXPECTATIONS (admin URLs share one rule): a new URL without an
expectation fails ``test_every_url_has_an_expectation``. Later contexts add their entries in their
own modules, ``matrix_<context>.py``, merged here.
"""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from clearsight.core.roles import Capability, Role

from ..factories import AddressFlagFactory, CaseAssignmentFactory, CaseFactory, CaseShareFactory, ConcernFactory, ConcernPersonFactory, CourseFactory, NrmRecordFactory, PersonFactory, SafetyPlanFactory, ServiceReferralFactory, SupportTaskFactory, make_user

from .matrix_support import Expect, roles_with

HANDLERS = roles_with(Capability.HANDLE_CONCERNS)
REPORTERS = roles_with(Capability.REPORT_CONCERN)
# Roles that can report but do not handle concerns reach the action page's scoping, which says 404.
NOT_HANDLERS_404 = {role: 404 for role in REPORTERS - HANDLERS}

EXPECTATIONS = {
    "core:home": Expect(),
    "core:account": Expect(),
    "core:choose-organisation": Expect(),
    "core:sign-in": Expect(public=True, special={"signed_in": 302}),
    # Reached during sign-in; a fully signed-in user is sent on, an anonymous one to sign in.
    "core:sign-in-code": Expect(public=True, special={"anonymous": 302, "signed_in": 302}),
    "core:two-factor-setup": Expect(public=True, special={"anonymous": 302, "signed_in": 302}),
    "core:sign-out": Expect(public=True, special={"anonymous": 405, "signed_in": 405}),
    "core:accessibility": Expect(public=True),
    "core:privacy": Expect(public=True),
    "core:cookies": Expect(public=True),
    "core:health": Expect(public=True),
    "core:organisations": Expect(roles=roles_with(Capability.VIEW_DIRECTORY)),
    "core:audit-log": Expect(roles=roles_with(Capability.VIEW_AUDIT_LOG)),
    "core:people": Expect(roles=roles_with(Capability.MANAGE_PEOPLE)),
    "core:scheduled-runs": Expect(roles=roles_with(Capability.MANAGE_PEOPLE)),
    "core:person-detail": Expect(roles=roles_with(Capability.MANAGE_PEOPLE), record="person"),
    "core:person-edit": Expect(roles=roles_with(Capability.MANAGE_PEOPLE), record="person"),
    # Letting a person sign in now: a POST that goes back to their page (another's person: tests/security).
    "core:person-clear-sign-in-delay": Expect(roles=frozenset(), method="post", record="person",
                                              status={role: 302 for role in roles_with(Capability.MANAGE_PEOPLE)}),
    # Reporting a concern: anyone who can report, only their own drafts.
    "concerns:report-start": Expect(roles=REPORTERS),
    "concerns:report-step": Expect(roles=REPORTERS, record="draft", kwargs={"step": "what"}),
    "concerns:report-person": Expect(roles=REPORTERS, record="draft", kwargs={"position": 1}),
    "concerns:report-remove-person": Expect(roles=REPORTERS, record="draft", kwargs={"position": 1}),
    "concerns:report-more-people": Expect(roles=REPORTERS, record="draft"),
    "concerns:report-check": Expect(roles=REPORTERS, record="draft"),
    "concerns:report-sent": Expect(roles=REPORTERS, record="sent"),
    "concerns:my-actions": Expect(roles=REPORTERS),
    "concerns:report-delete": Expect(roles=REPORTERS, record="draft", special={"anonymous": 405, "signed_in": 405}),
    "concerns:my-reports": Expect(roles=REPORTERS),
    # Handling concerns: first responders and team managers of the handling organisation.
    "concerns:queue": Expect(roles=HANDLERS),
    "concerns:concern": Expect(roles=HANDLERS, record="concern"),
    "concerns:triage": Expect(roles=roles_with(Capability.TRIAGE_CONCERNS), record="concern"),
    "concerns:action": Expect(roles=HANDLERS, record="action", status=NOT_HANDLERS_404),
    # NRM referral and Duty to Notify records: handlers of the concern (and the action's owner).
    "concerns:referral": Expect(roles=HANDLERS, record="referral", status=NOT_HANDLERS_404),
    "concerns:referral-page": Expect(roles=HANDLERS, record="referral", status=NOT_HANDLERS_404, kwargs={"step": "what-happened"}),
    "concerns:referral-ready": Expect(roles=HANDLERS, record="referral", status=NOT_HANDLERS_404),
    "concerns:referral-pdf": Expect(roles=HANDLERS, record="referral", status=NOT_HANDLERS_404),
    "concerns:referral-submitted": Expect(roles=HANDLERS, record="referral", status=NOT_HANDLERS_404),
    "concerns:referral-mark-ready": Expect(roles=frozenset(), record="referral", status={r: 405 for r in REPORTERS}, audited=False),
}

# Casework: caseworkers (assigned), team managers (of the case's team) and first responders (through
# a share) see a case; everyone else is refused; the same roles get 404 for cases they cannot see.
CASE_ROLES = roles_with(Capability.WORK_ON_CASES)
CASE_OWNERS = frozenset({Role.CASEWORKER, Role.TEAM_MANAGER})  # may close and stop sharing; partners may not
EXPECTATIONS.update({
    "cases:list": Expect(roles=CASE_ROLES),
    "cases:open": Expect(roles=CASE_ROLES),
    "cases:register": Expect(roles=CASE_ROLES),
    "cases:outcomes-summary": Expect(roles=CASE_ROLES),
    **{f"cases:{name}": Expect(roles=CASE_ROLES, record="case") for name in (
        "case", "person", "person-edit", "contact-add", "nrm", "nrm-extension-add", "timeline", "sharing",
        "support", "support-task-add", "service-referral-add", "placement-add", "safety", "safety-plan-add",
        "address-flag-add", "outcomes", "outcome-add")},
    "cases:support-task-edit": Expect(roles=CASE_ROLES, record="case", kwargs=lambda c: {"task_id": c.support_tasks.first().id}),
    "cases:service-referral-edit": Expect(roles=CASE_ROLES, record="case", kwargs=lambda c: {"referral_id": c.service_referrals.first().id}),
    "cases:safety-plan-review": Expect(roles=CASE_ROLES, record="case", kwargs=lambda c: {"plan_id": c.safety_plans.first().id}),
    "cases:address-flag-remove": Expect(roles=CASE_ROLES, record="case", kwargs=lambda c: {"flag_id": c.address_flags.first().id}),
    "cases:close": Expect(roles=CASE_OWNERS, record="case"),
    "cases:caseworkers": Expect(roles=CASE_OWNERS, record="case"),
    "cases:risk-status-add": Expect(roles=CASE_OWNERS, record="case"),
    "cases:caseworker-end": Expect(roles=CASE_OWNERS, record="case",
                                   kwargs=lambda c: {"assignment_id": c.assignments.filter(ended_at__isnull=True).first().id}),
    "cases:placement-edit": Expect(roles=CASE_ROLES, record="case", kwargs=lambda c: {"placement_id": c.placements.first().id}),
    "cases:sharing-end": Expect(roles=CASE_OWNERS, record="case", kwargs=lambda c: {"share_id": c.shares.filter(ended_at__isnull=True).first().id}),
    "cases:subject-access-export": Expect(roles=CASE_ROLES, record="case", kwargs=lambda c: {"person_id": c.person.public_id, "public_id": None}),
    "cases:subject-access-preview": Expect(roles=CASE_ROLES, record="case", kwargs=lambda c: {"person_id": c.person.public_id, "public_id": None}),
})

# Django admin: administrators only. The admin index, app list and each model's list are checked
# to open for administrators; every admin URL is checked to be closed to everyone else.
ADMIN_OPEN_FOR_ADMINISTRATORS = {"admin:index", "admin:app_list", "admin:concerns_routesetting_changelist"}


def all_url_names(patterns=None, prefix=""):
    names = {}
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names.update(all_url_names(entry.url_patterns, ns))
        elif isinstance(entry, URLPattern) and entry.name:
            names[f"{prefix}{entry.name}"] = entry
    return names


TRAINING_MANAGERS = roles_with(Capability.MANAGE_TRAINING)
LINE_MANAGERS = roles_with(Capability.VIEW_TEAM_TRAINING)
RATES = roles_with(Capability.VIEW_TRAINING_RATES)
EXPECTATIONS.update({
    "training:my-team": Expect(roles=LINE_MANAGERS),
    "training:my-team-export": Expect(roles=LINE_MANAGERS, kwargs={"fmt": "csv"}),
    "training:staff": Expect(roles=TRAINING_MANAGERS),
    "training:staff-record": Expect(roles=TRAINING_MANAGERS | LINE_MANAGERS, record="training_staff"),
    "training:override-add": Expect(roles=TRAINING_MANAGERS, record="training_staff"),
    "training:dashboard": Expect(roles=RATES),
    "training:dashboard-export": Expect(roles=RATES, kwargs={"fmt": "csv"}),
    "training:import-staff": Expect(roles=TRAINING_MANAGERS),
    "training:import-completions": Expect(roles=TRAINING_MANAGERS),
    "training:sessions": Expect(roles=TRAINING_MANAGERS),
    "training:session-add": Expect(roles=TRAINING_MANAGERS),
    "training:session": Expect(roles=TRAINING_MANAGERS, record="training_session"),
    "training:attendance-add": Expect(roles=TRAINING_MANAGERS, record="training_session"),
    "training:session-report": Expect(roles=TRAINING_MANAGERS, record="training_session"),
})
ADMIN_OPEN_FOR_ADMINISTRATORS |= {"admin:training_cohort_changelist", "admin:training_traininglevel_changelist",
                                  "admin:training_course_changelist"}


def _training_staff(organisation, user, number):
    from clearsight.training.models import StaffMember

    boss, _ = StaffMember.objects.get_or_create(organisation=organisation, employee_number=f"U{user.pk}",
                                                defaults={"full_name": str(user), "user": user})
    return StaffMember.objects.create(organisation=organisation, employee_number=f"S{number}-{StaffMember.objects.count()}",
                                      full_name="Test Staff", manager=boss)


def _training_session(organisation):
    from datetime import date

    from clearsight.training.models import Session

    course = CourseFactory(organisation=organisation, title="Course", kind="classroom")
    return Session.objects.create(course=course, held_on=date(2026, 1, 1), capacity=10)


def _draft(user, **fields):
    organisation = user.primary_organisation
    concern = ConcernFactory(reporter=user, reporter_organisation=organisation, what_happened="Seen.", **fields)
    concern.renew_draft()
    concern.save()
    ConcernPersonFactory(concern=concern, position=1, age_group="adult")
    return concern


def _sent(user):
    from clearsight.concerns import services

    concern = _draft(user)
    services.submit(concern)
    return concern


def _action(user):
    from clearsight.concerns import services

    concern = _sent(user)
    responder = make_user(concern.handling_organisation, Role.FIRST_RESPONDER)
    services.triage(concern, responder, outcome="potential_victims", reasoning="r", immediate_danger=True,
                    supplier_involved=False, people_facts={concern.people.get(): ("child", "", False, True)})
    return concern.actions.get(kind="police")


def _referral(user):
    from clearsight.concerns import services

    concern = _sent(user)
    responder = make_user(concern.handling_organisation, Role.FIRST_RESPONDER)
    services.triage(concern, responder, outcome="potential_victims", reasoning="r", immediate_danger=False,
                    supplier_involved=False, people_facts={concern.people.get(): ("adult", "given", False, True)})
    return concern.actions.get(kind="nrm_referral").referral


def _case(organisation, user, creator, team_name="Exploitation team"):
    from datetime import date

    from clearsight.core.models import Team, TeamMember

    team, _ = Team.objects.get_or_create(organisation=organisation, name=team_name)
    person = PersonFactory(organisation=organisation, first_name="Test", last_name="Person", date_of_birth=date(2010, 5, 1))
    case = CaseFactory(person=person, organisation=organisation, team=team, created_by=creator)
    NrmRecordFactory(case=case, referred_on=date(2026, 11, 2))
    SupportTaskFactory(case=case, phase="immediate", description="Emergency placement", owner=creator, due_on=date(2026, 11, 30))
    ServiceReferralFactory(case=case, service="Counselling")
    SafetyPlanFactory(case=case, risks="r", measures="m", responsible="p", review_on=date(2026, 12, 1))
    AddressFlagFactory(case=case, address="1 Elm Road", reason="missing")
    case.placements.create(kind="housing", starts_on=date(2026, 11, 3))
    CaseAssignmentFactory(case=case, user=creator)  # a caseworker whose assignment can be ended
    partner = type(organisation).objects.get_or_create(name=f"Partner of {organisation.name}", defaults={"kind": "voluntary"})[0]
    CaseShareFactory(case=case, organisation=partner, agreement="ISA 2026", reason="Support", shared_by=creator)
    roles = user.roles if user is not None else set()
    if Role.CASEWORKER in roles:
        CaseAssignmentFactory(case=case, user=user)
    if Role.TEAM_MANAGER in roles:
        TeamMember.objects.get_or_create(team=team, user=user, defaults={"is_manager": True})
    if Role.FIRST_RESPONDER in roles:
        CaseShareFactory(case=case, organisation=user.primary_organisation, agreement="ISA", reason="r", shared_by=creator)
    return case


# How to make the record a URL is about: (own record for this subject, someone else's record).
RECORDS = {
    "person": lambda w, user: (w["anytown_person"], w["bexford_person"]),
    "draft": lambda w, user: (_draft(user), _draft(w["other_reporter"])),
    "sent": lambda w, user: (_sent(user), _sent(w["other_reporter"])),
    "concern": lambda w, user: (_sent(w["anytown_reporter"]), _sent(w["bexford_reporter"])),
    "action": lambda w, user: (_action(w["anytown_reporter"]), _action(w["bexford_reporter"])),
    "referral": lambda w, user: (_referral(w["anytown_reporter"]), _referral(w["bexford_reporter"])),
    # Someone else's case here is another team's case in the same council (users of another
    # organisation are checked against this council's cases separately).
    "training_staff": lambda w, user: (_training_staff(w["anytown_person"].primary_organisation, user, 1),
                                       _training_staff(w["bexford_person"].primary_organisation, w["bexford_person"], 2)),
    "training_session": lambda w, user: (_training_session(w["anytown_person"].primary_organisation),
                                         _training_session(w["bexford_person"].primary_organisation)),
    "case": lambda w, user: (_case(w["anytown_person"].primary_organisation, user, w["anytown_person"]),
                             _case(w["anytown_person"].primary_organisation, None, w["anytown_person"], team_name="Another team")),
}


# Later contexts contribute their own modules: tests/integration/matrix_<context>.py
for _module in pkgutil.iter_modules([__file__.rsplit("/", 1)[0]]):
    if _module.name.startswith("matrix_") and _module.name != "matrix_support":
        _contributed = importlib.import_module(f"{__package__}.{_module.name}")
        EXPECTATIONS.update(_contributed.EXPECTATIONS)
        RECORDS.update(getattr(_contributed, "RECORDS", {}))
        ADMIN_OPEN_FOR_ADMINISTRATORS |= set(getattr(_contributed, "ADMIN_OPEN", set()))


def build_world(anytown, bexford):
    """One user for each role at Anytown, the same for a user of Bexford, and people to own records."""
    users = {role: make_user(anytown, role) for role in Role}
    other = {role: make_user(bexford, role) for role in Role}
    extras = {
        "anytown_person": make_user(anytown, Role.STAFF),
        "bexford_person": make_user(bexford, Role.STAFF),
        "anytown_reporter": make_user(anytown, Role.STAFF),
        "bexford_reporter": make_user(bexford, Role.STAFF),
        "other_reporter": make_user(anytown, Role.STAFF),
    }
    return users, other, extras


@pytest.fixture(scope="module")
def url_matrix_world(django_db_setup, django_db_blocker):
    """The world, built once per test module (and xdist worker) inside a transaction that is rolled
    back when the module is done. Each test runs in a savepoint within it (as with Django's
    ``TestCase.setUpTestData``), so what a test changes is undone before the next one. Its two
    organisations are not the ``anytown``/``bexford`` fixtures: a test asking for both gets two
    Anytown Councils."""
    from django.db import transaction
    from django.test import override_settings

    from ..factories import OrganisationFactory

    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
                built = build_world(OrganisationFactory(name="Anytown Council"),
                                    OrganisationFactory(name="Bexford Borough Council"))
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(url_matrix_world, db):
    """(users by role at Anytown, users by role at Bexford, extras): fresh copies for each test, so
    that nothing a test does to them in memory reaches the next (the rows are rolled back anyway).
    A test module using it imports both fixtures: ``from .url_matrix import url_matrix_world, world``."""
    import copy

    return copy.deepcopy(url_matrix_world)


def _url(name, entry, expect, record):
    kwargs = {"public_id": record.public_id} if record is not None else {}
    kwargs.update(expect.kwargs(record) if callable(expect.kwargs) else expect.kwargs)
    return reverse(name, kwargs={k: v for k, v in kwargs.items() if v is not None} or None)


def _expected(expect, subject, role):
    if subject in expect.special:
        return expect.special[subject]
    if expect.public:
        return 200
    if subject == "anonymous":
        return 302
    if role in expect.roles:
        return 200
    return expect.status.get(role, 403)


def _admin_url(name, entry, world):
    from django.urls import NoReverseMatch

    sample = {"app_label": "core", "object_id": "1", "content_type_id": "1", "path": "x"}
    kwargs = {k: sample.get(k, "1") for k in entry.pattern.regex.groupindex}
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None
