"""Victim support casework: search before create, opening a case (also from a concern), who may see
a case, sharing with a partner and ending it, the audit log, concurrent edits of a person and of the
NRM record, the NRM tracker's clocks, closing a case, the home page items and the demo data."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from clearsight.cases import attention, services
from clearsight.cases.models import Case, CaseAssignment, CaseShare, NrmRecord, Person, RiskStatus
from clearsight.core.dates import long_date
from clearsight.core.models import AuditEvent, Organisation, Team
from clearsight.core.roles import Role

from ..concern_helpers import make_concern
from ..factories import CaseAssignmentFactory, CaseShareFactory, ContactChannelFactory, NrmRecordFactory, OrganisationFactory, PartnershipFactory, SafetyPlanFactory, TeamFactory, TeamMemberFactory, make_user
from ..form_helpers import form_values


pytestmark = pytest.mark.django_db

CASE_PAGES = ["cases:case", "cases:person", "cases:person-edit", "cases:contact-add", "cases:nrm", "cases:nrm-referral",
              "cases:nrm-reasonable-grounds", "cases:nrm-extension-add", "cases:timeline", "cases:sharing", "cases:close"]


@pytest.fixture
def w(anytown, bexford):
    """Anytown Council with two teams, a partner refuge, and the people who work with them."""
    children = TeamFactory(organisation=anytown, name="Children's exploitation team")
    adults = TeamFactory(organisation=anytown, name="Adult safeguarding team")
    refuge = OrganisationFactory(name="Lighthouse Refuge", kind=Organisation.Kind.VOLUNTARY, is_first_responder=False)
    partnership = PartnershipFactory(name="Anytown Safeguarding Partnership", kind="safeguarding",
                                     information_sharing_agreement="Anytown partnership information sharing agreement")
    partnership.members.set([anytown, refuge])
    people = {
        "caseworker": make_user(anytown, Role.CASEWORKER, Role.STAFF),
        "other_caseworker": make_user(anytown, Role.CASEWORKER, Role.STAFF),
        "manager": make_user(anytown, Role.TEAM_MANAGER, Role.STAFF),
        "board": make_user(anytown, Role.BOARD_MEMBER),
        "staff": make_user(anytown, Role.STAFF),
        "responder": make_user(anytown, Role.FIRST_RESPONDER, Role.CASEWORKER, Role.STAFF),
        "bexford_caseworker": make_user(bexford, Role.CASEWORKER, Role.STAFF),
        "partner": make_user(refuge, Role.CASEWORKER, Role.STAFF),
    }
    TeamMemberFactory(team=children, user=people["caseworker"])
    TeamMemberFactory(team=adults, user=people["other_caseworker"])
    TeamMemberFactory(team=children, user=people["manager"], is_manager=True)
    case = services.open_case(
        user=people["caseworker"], team=children, category=RiskStatus.Category.VICTIM, exploitation_types=["county-lines"],
        markers=["missing"], new_person={"first_name": "Alex", "last_name": "Smith", "date_of_birth": date(2008, 5, 1)},
    )
    return {"org": anytown, "children": children, "adults": adults, "refuge": refuge, "case": case, **people}


def url(name, case, **kwargs):
    return reverse(name, kwargs={"public_id": case.public_id, **kwargs})


# --- Search before create ----------------------------------------------------------------------

def test_search_shows_a_possible_duplicate_and_never_merges(client, sign_in, w):
    sign_in(client, w["caseworker"])
    existing = w["case"].person
    response = client.post(reverse("cases:open"), {"step": "search", "name": "Alex Smyth"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 possible match" in page and "Alex Smith" in page and "Similar name: Alex Smith" in page
    assert "None of these: record a new person" in page
    assert "Alex" not in response.request["PATH_INFO"] and not response.request.get("QUERY_STRING")  # nothing in the URL
    assert AuditEvent.objects.filter(actor=w["caseworker"], action="search", description__contains=str(existing.public_id)).exists()

    # By date of birth alone
    page = client.post(reverse("cases:open"), {"step": "search", "date_of_birth-day": "1", "date_of_birth-month": "5",
                                               "date_of_birth-year": "2008"}).content.decode()
    assert "Same date of birth" in page and "Alex Smith" in page

    # Someone quite different is not offered
    page = client.post(reverse("cases:open"), {"step": "search", "name": "Jordan Price"}).content.decode()
    assert "No possible matches" in page and "Alex Smith" not in page and "Record a new person" in page

    # "None of these": the new person's form starts from what was searched for
    page = client.post(reverse("cases:open"), {"step": "choose", "person": "new", "search_name": "Alex Smyth",
                                               "search_dob": "2008-05-01"}).content.decode()
    assert 'value="Alex"' in page and 'value="Smyth"' in page

    response = client.post(reverse("cases:open"), {
        "step": "open", "person": "new", "new-first_name": "Alex", "new-last_name": "Smyth", "new-gender": "unknown",
        "new-date_of_birth-day": "1", "new-date_of_birth-month": "5", "new-date_of_birth-year": "2008",
        "team": str(w["children"].public_id), "category": "at_risk", "exploitation_types": ["county-lines"],
        "vulnerability_markers": ["missing"],
    })
    assert response.status_code == 302
    assert Person.objects.count() == 2
    existing.refresh_from_db()
    assert (existing.first_name, existing.last_name) == ("Alex", "Smith")
    new_case = Case.objects.exclude(pk=w["case"].pk).get()
    assert response["Location"] == url("cases:case", new_case)
    assert new_case.person != existing and new_case.person.last_name == "Smyth"
    assert new_case.assignments.get().user == w["caseworker"]
    status = new_case.risk_history.get()
    assert (status.category, status.exploitation_types, status.vulnerability_markers) == ("at_risk", ["county-lines"], ["missing"])
    assert AuditEvent.objects.filter(action="create", record_id=str(new_case.public_id)).exists()
    assert AuditEvent.objects.filter(action="create", record_id=str(new_case.person.public_id)).exists()


def test_open_a_case_for_a_person_found_by_the_search(client, sign_in, w):
    sign_in(client, w["caseworker"])
    existing = w["case"].person
    page = client.post(reverse("cases:open"), {"step": "choose", "person": str(existing.public_id)}).content.decode()
    assert "Open a case for Alex Smith" in page and "already has an open case" in page
    response = client.post(reverse("cases:open"), {"step": "open", "person": str(existing.public_id),
                                                   "team": str(w["adults"].public_id), "category": "victim"})
    assert response.status_code == 302
    assert Person.objects.count() == 1
    assert Case.objects.filter(person=existing).count() == 2


def _search(client, name="", dob=None):
    data = {"step": "search", "name": name}
    if dob:
        data.update({"date_of_birth-day": dob.day, "date_of_birth-month": dob.month, "date_of_birth-year": dob.year})
    return client.post(reverse("cases:open"), data).content.decode()


def test_another_teams_person_is_not_shown_but_the_duplicate_is_flagged(client, sign_in, w):
    person = w["case"].person
    ContactChannelFactory(person=person, kind="phone", value="07700 900555")
    assert set(Person.objects.for_user(w["other_caseworker"])) == set()
    assert set(Person.objects.for_user(w["caseworker"])) == {person}
    sign_in(client, w["other_caseworker"])  # a caseworker of the council's adult team
    page = _search(client, "Alex Smyth", date(2008, 5, 1))
    assert "Alex Smith" not in page and str(person.public_id) not in page and "No possible matches" in page
    assert ("A person with a similar name and date of birth is already known to Children&#x27;s exploitation team at "
            "Anytown Council. Ask that team's manager before opening a new case.") in page
    assert AuditEvent.objects.filter(actor=w["other_caseworker"], action="search", description__contains="known to 1 other teams").exists()
    # A name alone, or a date of birth alone, reveals nothing
    for page in (_search(client, "Alex Smith"), _search(client, dob=date(2008, 5, 1))):
        assert "already known to" not in page and "No possible matches" in page and "govuk-summary-card" not in page
    # Someone quite different is not flagged
    assert "already known to" not in _search(client, "Jordan Price", date(2008, 5, 1))
    # They cannot open a case for the person they cannot see, nor read the person's record
    response = client.post(reverse("cases:open"), {"step": "choose", "person": str(person.public_id)})
    assert response.status_code == 404
    response = client.post(reverse("cases:open"), {"step": "open", "person": str(person.public_id),
                                                   "team": str(w["adults"].public_id), "category": "victim"})
    assert response.status_code == 404 and Case.objects.count() == 1
    assert client.get(url("cases:person", w["case"])).status_code == 404
    # Another organisation's caseworker is not told anything
    sign_in(client, w["bexford_caseworker"])
    assert "already known to" not in _search(client, "Alex Smith", date(2008, 5, 1))
    # Once assigned to the case, the person is visible and offered as a match
    CaseAssignmentFactory(case=w["case"], user=w["other_caseworker"])
    sign_in(client, w["other_caseworker"])
    page = _search(client, "Alex Smyth", date(2008, 5, 1))
    assert "Alex Smith" in page and "already known to" not in page


def test_opening_needs_answers(client, sign_in, w):
    sign_in(client, w["caseworker"])
    response = client.post(reverse("cases:open"), {"step": "search"})
    assert "Enter a name or alias, or a date of birth" in response.content.decode()
    response = client.post(reverse("cases:open"), {"step": "open", "person": "new", "new-gender": "unknown"})
    page = response.content.decode()
    assert "Enter their first name or last name" in page
    assert "Select the team that will hold the case" in page
    assert "Select whether you think they are at risk of exploitation or a victim" in page
    assert Case.objects.count() == 1


def test_opening_a_case_from_a_concern(client, sign_in, w):
    responder = w["responder"]
    concern = make_concern(w["staff"], people=[("Jamie Rivers", "child")])
    person = concern.people.get()
    person.gender, person.nationality = "female", "Albanian"
    person.save()
    sign_in(client, responder)
    start = f"{reverse('cases:open')}?concern={concern.public_id}"
    page = client.get(start).content.decode()
    assert concern.reference in page and 'value="Jamie Rivers"' in page
    page = client.post(start, {"step": "choose", "person": "new"}).content.decode()
    assert 'value="Jamie"' in page and 'value="Rivers"' in page and 'value="Albanian"' in page and "under 18" in page
    response = client.post(start, {"step": "open", "person": "new", "new-first_name": "Jamie", "new-last_name": "Rivers",
                                   "new-gender": "feminine", "new-nationalities": "Albanian", "team": str(w["children"].public_id), "category": "at_risk"})
    case = Case.objects.get(source_concern=concern.public_id)
    assert response["Location"] == url("cases:case", case)
    assert case.person.first_name == "Jamie" and case.person.gender == "feminine"
    assert case.person.nationalities == "Albanian"
    assert case.created_by == responder and case.assignments.get().user == responder
    overview = client.get(url("cases:case", case)).content.decode()
    assert f"Concern {concern.reference}" in overview


def test_a_concern_the_user_does_not_handle_is_not_found(client, sign_in, w, bexford):
    concern = make_concern(make_user(bexford, Role.STAFF))
    sign_in(client, w["responder"])
    assert client.get(f"{reverse('cases:open')}?concern={concern.public_id}").status_code == 404


# --- Who may see a case ------------------------------------------------------------------------

def _statuses(client, case, names=CASE_PAGES):
    return {name: client.get(url(name, case)).status_code for name in names}


def test_the_assigned_caseworker_and_the_team_manager_see_the_case(client, sign_in, w):
    for who in ("caseworker", "manager"):
        sign_in(client, w[who])
        assert set(_statuses(client, w["case"]).values()) == {200}, who
        assert client.get(reverse("cases:list")).status_code == 200
        client.logout()


@pytest.mark.parametrize("who, status", [
    ("other_caseworker", 404),    # a caseworker of another team of the same council
    ("bexford_caseworker", 404),  # a caseworker of another organisation
    ("partner", 404),             # a partner the case is not shared with
    ("board", 403),               # board members never see personal data
    ("staff", 403),               # staff report concerns; they do not work on cases
])
def test_everyone_else_is_refused(client, sign_in, w, who, status):
    sign_in(client, w[who])
    assert set(_statuses(client, w["case"]).values()) == {status}
    if status == 403:
        assert client.get(reverse("cases:list")).status_code == 403
        assert client.get(reverse("cases:open")).status_code == 403
    else:
        assert w["case"].reference not in client.get(reverse("cases:list")).content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, w):
    response = client.get(url("cases:case", w["case"]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("core:sign-in"))


def test_a_partner_sees_a_shared_case_until_the_sharing_ends(client, sign_in, w):
    case, partner = w["case"], w["partner"]
    sign_in(client, w["caseworker"])
    page = client.get(url("cases:sharing", case)).content.decode()
    assert "Lighthouse Refuge" in page and "Anytown partnership information sharing agreement" in page
    response = client.post(url("cases:sharing", case), {"organisation": str(w["refuge"].public_id),
                                                         "agreement": "Anytown partnership information sharing agreement",
                                                         "reason": "The refuge gives her a place of safety."})
    assert response.status_code == 302
    share = CaseShare.objects.get(case=case)
    assert share.shared_by == w["caseworker"] and share.ended_at is None
    client.logout()

    sign_in(client, partner)
    assert client.get(url("cases:case", case)).status_code == 200
    assert client.get(url("cases:person", case)).status_code == 200
    assert case.reference in client.get(reverse("cases:list")).content.decode()
    # The partner may not pass the case on, stop the sharing or close the case.
    page = client.get(url("cases:sharing", case)).content.decode()
    assert "Only the case's caseworkers and the manager of its team can share it" in page and "Stop sharing" not in page
    assert client.post(url("cases:sharing", case), {"organisation": str(w["refuge"].public_id), "agreement": "x",
                                                     "reason": "y"}).status_code == 403
    assert client.get(url("cases:sharing-end", case, share_id=share.pk)).status_code == 403
    assert client.post(url("cases:sharing-end", case, share_id=share.pk)).status_code == 403
    assert client.get(url("cases:close", case)).status_code == 403
    client.logout()

    sign_in(client, w["caseworker"])
    page = client.get(url("cases:sharing-end", case, share_id=share.pk)).content.decode()
    assert "Are you sure you want to stop sharing this case with Lighthouse Refuge?" in page
    assert "govuk-button--warning" in page
    assert client.post(url("cases:sharing-end", case, share_id=share.pk)).status_code == 302
    share.refresh_from_db()
    assert share.ended_at is not None
    assert client.get(url("cases:sharing-end", case, share_id=share.pk)).status_code == 404
    client.logout()

    sign_in(client, partner)
    assert client.get(url("cases:case", case)).status_code == 404


def test_a_team_manager_may_share_but_a_caseworker_not_assigned_may_not(client, sign_in, w):
    sign_in(client, w["manager"])
    response = client.post(url("cases:sharing", w["case"]), {"organisation": str(w["refuge"].public_id),
                                                              "agreement": "ISA", "reason": "Support"})
    assert response.status_code == 302
    assert CaseShare.objects.filter(case=w["case"], shared_by=w["manager"]).exists()
    # A caseworker whose assignment has ended no longer sees the case at all.
    CaseAssignment.objects.filter(case=w["case"]).update(ended_at=timezone.now())
    sign_in(client, w["caseworker"])
    assert client.get(url("cases:sharing", w["case"])).status_code == 404


def test_sharing_only_with_partner_organisations(client, sign_in, w, bexford):
    sign_in(client, w["caseworker"])
    response = client.post(url("cases:sharing", w["case"]), {"organisation": str(bexford.public_id), "agreement": "ISA",
                                                              "reason": "Support"})
    assert response.status_code == 200
    assert "Select the organisation to share the case with" in response.content.decode()
    assert not CaseShare.objects.exists()


# --- Caseworkers ---------------------------------------------------------------------------------

def test_the_team_manager_assigns_a_caseworker_and_ends_an_assignment(client, sign_in, w):
    case = w["case"]
    newcomer = make_user(w["org"], Role.CASEWORKER, Role.STAFF)
    TeamMemberFactory(team=w["children"], user=newcomer)
    not_caseworker = make_user(w["org"], Role.STAFF)
    TeamMemberFactory(team=w["children"], user=not_caseworker)
    sign_in(client, w["manager"])
    overview = client.get(url("cases:case", case)).content.decode()
    assert url("cases:caseworkers", case) in overview
    page = client.get(url("cases:caseworkers", case)).content.decode()
    assert str(newcomer.public_id) in page
    assert str(not_caseworker.public_id) not in page  # not a caseworker
    assert str(w["other_caseworker"].public_id) not in page  # not in the case's team
    assert str(w["caseworker"].public_id) not in page  # already assigned
    # Only caseworkers of the case's team can be chosen
    response = client.post(url("cases:caseworkers", case), {"caseworker": str(w["other_caseworker"].public_id)})
    assert response.status_code == 200 and "Select the caseworker to assign" in response.content.decode()
    response = client.post(url("cases:caseworkers", case), {"caseworker": str(newcomer.public_id)})
    assert response.status_code == 302
    assignment = CaseAssignment.objects.get(case=case, user=newcomer, ended_at__isnull=True)
    assert AuditEvent.objects.filter(action="change", record_id=str(case.public_id),
                                     description=f"Caseworker assigned: user {newcomer.public_id}").exists()
    assert newcomer.full_name in client.get(url("cases:case", case)).content.decode()
    client.logout()

    sign_in(client, newcomer)
    assert client.get(url("cases:case", case)).status_code == 200
    client.logout()

    sign_in(client, w["manager"])
    page = client.get(url("cases:caseworker-end", case, assignment_id=assignment.pk)).content.decode()
    assert f"Are you sure you want to end {newcomer.full_name}" in page and "govuk-button--warning" in page
    assert client.post(url("cases:caseworker-end", case, assignment_id=assignment.pk)).status_code == 302
    assignment.refresh_from_db()
    assert assignment.ended_at is not None
    assert AuditEvent.objects.filter(action="change", record_id=str(case.public_id),
                                     description=f"Caseworker no longer assigned: user {newcomer.public_id}").exists()
    assert client.get(url("cases:caseworker-end", case, assignment_id=assignment.pk)).status_code == 404
    client.logout()

    # The ended assignment removes access
    sign_in(client, newcomer)
    assert client.get(url("cases:case", case)).status_code == 404
    assert case.reference not in client.get(reverse("cases:list")).content.decode()


def test_an_assigned_caseworker_may_assign_but_a_partner_may_not(client, sign_in, w):
    case = w["case"]
    CaseShareFactory(case=case, organisation=w["refuge"], agreement="ISA", reason="r", shared_by=w["caseworker"])
    mine = CaseAssignment.objects.get(case=case, user=w["caseworker"])
    sign_in(client, w["partner"])
    assert client.get(url("cases:case", case)).status_code == 200
    assert url("cases:caseworkers", case) not in client.get(url("cases:case", case)).content.decode()
    assert client.get(url("cases:caseworkers", case)).status_code == 403
    assert client.post(url("cases:caseworkers", case), {"caseworker": str(w["partner"].public_id)}).status_code == 403
    assert client.get(url("cases:caseworker-end", case, assignment_id=mine.pk)).status_code == 403
    assert client.post(url("cases:caseworker-end", case, assignment_id=mine.pk)).status_code == 403
    assert client.get(url("cases:risk-status-add", case)).status_code == 403
    client.logout()
    for who in ("other_caseworker", "bexford_caseworker"):
        sign_in(client, w[who])
        assert client.get(url("cases:caseworkers", case)).status_code == 404
        client.logout()

    # The assigned caseworker may end their own assignment, and then loses access
    sign_in(client, w["caseworker"])
    assert client.get(url("cases:caseworkers", case)).status_code == 200
    response = client.post(url("cases:caseworker-end", case, assignment_id=mine.pk))
    assert response.status_code == 302 and response["Location"] == reverse("cases:list")
    assert client.get(url("cases:case", case)).status_code == 404
    assert CaseAssignment.objects.filter(case=case, ended_at__isnull=True).count() == 0


# --- Recording a change of risk status -------------------------------------------------------------

def test_a_new_risk_status_is_appended_and_changes_the_register_from_its_date(client, sign_in, w):
    from clearsight.cases import register as reg

    case = w["case"]
    Case.objects.filter(pk=case.pk).update(opened_on=date(2026, 1, 5))
    Person.objects.filter(pk=case.person.pk).update(date_of_birth=date(2012, 1, 1))
    RiskStatus.objects.filter(case=case).update(valid_from=date(2026, 1, 5))
    first = RiskStatus.objects.get(case=case)
    sign_in(client, w["caseworker"])

    def register_total(on):
        facts = [reg.case_facts(c) for c in Case.objects.select_related("person", "nrm").prefetch_related("risk_history")]
        return reg.figures_at(on, facts).total

    assert register_total(date(2026, 1, 20)) == register_total(date(2026, 3, 1)) == 1
    overview = client.get(url("cases:case", case)).content.decode()
    assert url("cases:risk-status-add", case) in overview and "Exploitation status history" in overview

    def post(day, month, year, category="not_at_risk"):
        return client.post(url("cases:risk-status-add", case), {
            "category": category, "valid_from-day": day, "valid_from-month": month, "valid_from-year": year})

    page = post(1, 1, 2026).content.decode()
    assert "The date must be on or after the day the case was opened, 5 January 2026" in page
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert "The date must be today or in the past" in post(tomorrow.day, tomorrow.month, tomorrow.year).content.decode()
    assert "Select whether you think they are a victim" in post(1, 2, 2026, category="").content.decode()
    assert RiskStatus.objects.filter(case=case).count() == 1

    response = post(1, 2, 2026)
    assert response.status_code == 302
    assert RiskStatus.objects.filter(case=case).count() == 2
    first.refresh_from_db()
    assert (first.category, first.valid_from) == ("victim", date(2026, 1, 5))  # never overwritten
    added = RiskStatus.objects.filter(case=case).exclude(pk=first.pk).get()
    assert (added.category, added.valid_from, added.recorded_by) == ("not_at_risk", date(2026, 2, 1), w["caseworker"])
    assert AuditEvent.objects.filter(action="change", record_id=str(case.public_id),
                                     description="Risk status recorded: not_at_risk from 2026-02-01").exists()
    # The register as at a date before the change still counts the child; after it, not
    assert register_total(date(2026, 1, 20)) == 1 and register_total(date(2026, 3, 1)) == 0
    before = client.get(reverse("cases:register"), {"on-day": "20", "on-month": "1", "on-year": "2026"}).content.decode()
    after = client.get(reverse("cases:register"), {"on-day": "1", "on-month": "3", "on-year": "2026"}).content.decode()
    assert case.reference in before and case.reference not in after
    # The history shows on the overview and the timeline
    overview = client.get(url("cases:case", case)).content.decode()
    assert "No longer thought to be at risk, since 1 February 2026" in overview
    assert overview.count("govuk-table__row") >= 3
    assert "Risk status: no longer thought to be at risk" in client.get(url("cases:timeline", case)).content.decode()


# --- The audit log -------------------------------------------------------------------------------

def test_every_view_of_a_case_is_audited(client, sign_in, w):
    case = w["case"]
    sign_in(client, w["caseworker"])
    for name in CASE_PAGES:
        before = AuditEvent.objects.count()
        assert client.get(url(name, case)).status_code == 200
        assert AuditEvent.objects.filter(actor=w["caseworker"], record_id=str(case.public_id)).count() > 0, name
        assert AuditEvent.objects.count() > before, f"{name} was not audited"
    for name in ("cases:person", "cases:person-edit", "cases:contact-add"):
        before = AuditEvent.objects.filter(record_id=str(case.person.public_id)).count()
        client.get(url(name, case))
        assert AuditEvent.objects.filter(record_id=str(case.person.public_id), action="view").count() == before + 1, name
    client.get(reverse("cases:list"))
    assert AuditEvent.objects.filter(actor=w["caseworker"], record_type="case list").exists()


# --- Concurrent edits -----------------------------------------------------------------------------

def _person_form(person, **changes):
    data = {
        "first_name": person.first_name, "last_name": person.last_name, "aliases": person.aliases,
        "date_of_birth-day": str(person.date_of_birth.day), "date_of_birth-month": str(person.date_of_birth.month),
        "date_of_birth-year": str(person.date_of_birth.year), "gender": person.gender, "nationalities": person.nationalities,
        "languages": person.languages, "interpreter_needed": "no", "immigration_status": person.immigration_status,
        "no_recourse_to_public_funds": "no", "version": str(person.version),
    }
    data.update(changes)
    return data


def test_two_edits_of_the_same_person_the_second_is_told_and_loses_nothing(client, sign_in, w):
    case = w["case"]
    person = case.person
    first = _person_form(person, languages="Albanian")
    second = _person_form(person, aliases="Lexi\nAl", nationalities="British, Albanian")  # loaded at the same version

    sign_in(client, w["caseworker"])
    assert client.post(url("cases:person-edit", case), first).status_code == 302
    person.refresh_from_db()
    assert person.languages == "Albanian" and person.version == 2

    sign_in(client, w["manager"])
    response = client.post(url("cases:person-edit", case), second)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this record while you were editing it" in page
    assert "Lexi\nAl" in page and 'value="British, Albanian"' in page  # what they typed is kept
    assert 'name="version" value="2"' in page
    person.refresh_from_db()
    assert person.languages == "Albanian" and person.aliases == "" and person.version == 2  # nothing overwritten

    # Saving again, now against the current version, keeps both changes
    second["version"], second["languages"] = "2", "Albanian"
    assert client.post(url("cases:person-edit", case), second).status_code == 302
    person.refresh_from_db()
    assert (person.languages, person.aliases, person.nationalities, person.version) == ("Albanian", "Lexi\nAl", "British, Albanian", 3)
    assert AuditEvent.objects.filter(action="change", record_id=str(person.public_id), description__contains="aliases").exists()



def test_a_person_changed_in_two_tabs_keeps_both_changes(client, sign_in, w):
    """Given the person's details open in two tabs, when the languages are changed in one and the
    nationalities in the other, then the second save is refused and merged: the form shows the new
    languages and keeps the nationalities typed, and saving again keeps both (before, it put the old
    languages back)."""
    case = w["case"]
    sign_in(client, w["caseworker"])
    edit = url("cases:person-edit", case)
    tab_1, tab_2 = client.get(edit).content.decode(), client.get(edit).content.decode()
    assert client.post(edit, form_values(tab_1, languages="Albanian")).status_code == 302
    page = client.post(edit, form_values(tab_2, nationalities="British, Albanian")).content.decode()
    assert "The form now shows their change to the languages they speak." in page
    assert client.post(edit, form_values(page)).status_code == 302
    person = case.person
    person.refresh_from_db()
    assert (person.languages, person.nationalities) == ("Albanian", "British, Albanian")

def test_person_edit_errors_keep_what_was_typed(client, sign_in, w):
    case = w["case"]
    sign_in(client, w["caseworker"])
    response = client.post(url("cases:person-edit", case), _person_form(
        case.person, **{"date_of_birth-day": "31", "date_of_birth-month": "2", "gender": "", "languages": "Tigrinya"}))
    page = response.content.decode()
    assert "There is a problem" in page and "The date of birth must be a real date" in page
    assert "Select their gender" in page and 'value="Tigrinya"' in page
    assert "<title>Error: " in page


def test_contacts_record_whether_they_are_safe(client, sign_in, w):
    case = w["case"]
    sign_in(client, w["caseworker"])
    response = client.post(url("cases:contact-add", case), {"kind": "phone", "value": "07700 900123", "safe_to_contact": "no",
                                                             "notes": "His controller answers"})
    assert response.status_code == 302
    contact = case.person.contacts.get()
    assert contact.safe_to_contact is False
    page = client.get(url("cases:person", case)).content.decode()
    assert "07700 900123" in page and "Not safe" in page and "Safe to contact here" in page


# --- The NRM tracker ---------------------------------------------------------------------------

def _nrm_form(**values):
    """What one of the NRM event forms posts: dates as their three boxes, the version the form was loaded at."""
    data = {"version": "0"}
    for name, value in values.items():
        if isinstance(value, date):
            data.update({f"{name}-day": value.day, f"{name}-month": value.month, f"{name}-year": value.year})
        else:
            data[name] = value
    return data


@time_machine.travel(date(2026, 4, 14), tick=False)
def test_nrm_tracker_shows_the_reasonable_grounds_due_date(client, sign_in, w):
    case = w["case"]
    sign_in(client, w["caseworker"])
    page = client.get(url("cases:nrm", case)).content.decode()
    assert "No referral to the National Referral Mechanism (NRM) is recorded" in page
    response = client.post(url("cases:nrm-referral", case), _nrm_form(referred_on=date(2026, 4, 1), nrm_reference="NRM-1",
                                                                      competent_authority="sca"))
    assert response.status_code == 302
    page = client.get(url("cases:nrm", case)).content.decode()
    # Referred Wednesday 1 April 2026; Good Friday and Easter Monday are not working days.
    assert "10 April 2026" in page
    assert "Overdue" in page and "The Reasonable Grounds decision was due on 10 April 2026" in page
    assert AuditEvent.objects.filter(action="create", record_id=str(case.public_id), description="NRM referral recorded").exists()


@time_machine.travel(date(2026, 6, 1), tick=False)
def test_nrm_tracker_shows_the_conclusive_grounds_wait_and_the_18th_birthday(client, sign_in, w):
    case = w["case"]  # Alex was born on 1 May 2008: 18 on 1 May 2026
    Person.objects.filter(pk=case.person.pk).update(date_of_birth=date(2008, 7, 1))  # 18 on 1 July 2026
    NrmRecordFactory(case=case, referred_on=date(2026, 1, 2), rg_decision="positive", rg_decided_on=date(2026, 1, 9))
    sign_in(client, w["caseworker"])
    page = client.get(url("cases:nrm", case)).content.decode()
    assert "Waiting 143 days since the Reasonable Grounds decision" in page and "Long wait" in page
    assert "Turns 18 on 1 July 2026, before a Conclusive Grounds decision" in page
    overview = client.get(url("cases:case", case)).content.decode()
    assert "govuk-notification-banner" in overview
    assert "Turns 18 on 1 July 2026, in 30 days, before a Conclusive Grounds decision" in overview
    assert "Waiting 143 days for a Conclusive Grounds decision" in overview
    # The same on the home page's list of what needs attention
    items = attention.case_items(w["caseworker"])
    assert [i.count for i in items] == [1, 1]
    assert "turns 18" in items[0].text and "waited more than 90 days" in items[1].text


@time_machine.travel(date(2026, 6, 1), tick=False)
def test_turned_18_while_waiting_keeps_an_alert_until_consent_is_recorded(client, sign_in, w):
    case = w["case"]  # Alex turned 18 on 1 May 2026
    NrmRecordFactory(case=case, referred_on=date(2026, 3, 2), rg_decision="positive", rg_decided_on=date(2026, 3, 9))
    sign_in(client, w["caseworker"])
    expected = "Turned 18 on 1 May 2026: record whether they consent to stay in the NRM"
    assert expected in client.get(url("cases:case", case)).content.decode()
    assert expected in client.get(url("cases:nrm", case)).content.decode()
    assert "Turned 18 on 1 May 2026: consent not recorded" in client.get(reverse("cases:list")).content.decode()
    items = attention.case_items(w["caseworker"])
    assert [i.count for i in items] == [1] and "turned 18 while waiting" in items[0].text
    NrmRecord.objects.filter(case=case).update(consent_to_remain_on=date(2026, 5, 20))
    assert "Turned 18" not in client.get(url("cases:case", case)).content.decode()
    assert attention.case_items(w["caseworker"]) == []


def test_nrm_record_edits_detect_a_conflict(client, sign_in, w):
    case = w["case"]
    sign_in(client, w["caseworker"])
    referral = _nrm_form(referred_on=date(2026, 1, 5), competent_authority="sca")
    assert client.post(url("cases:nrm-referral", case), referral).status_code == 302
    stale = _nrm_form(decision="negative", decided_on=date(2026, 1, 12), version="1")
    fresh = _nrm_form(decision="positive", decided_on=date(2026, 1, 10), version="1")
    assert client.post(url("cases:nrm-reasonable-grounds", case), fresh).status_code == 302
    page = client.post(url("cases:nrm-reasonable-grounds", case), stale).content.decode()
    assert "Someone else changed this record while you were editing it" in page
    record = NrmRecord.objects.get(case=case)
    assert (record.rg_decision, record.version) == ("positive", 2)
    # A second "first" referral, made from a form loaded before the record existed, is a conflict too
    page = client.post(url("cases:nrm-referral", case), _nrm_form(referred_on=date(2026, 1, 6), competent_authority="sca")).content.decode()
    assert "Someone else changed this record" in page
    assert NrmRecord.objects.get(case=case).referred_on == date(2026, 1, 5)


def test_nrm_decision_form_checks_the_dates_make_sense(client, sign_in, w):
    NrmRecordFactory(case=w["case"], referred_on=date(2026, 1, 5))
    sign_in(client, w["caseworker"])
    page = client.post(url("cases:nrm-reasonable-grounds", w["case"]), _nrm_form(
        decision="positive", decided_on=date(2026, 1, 1), version="1")).content.decode()
    assert "The date of the decision must be on or after the date referred, 5 January 2026" in page
    page = client.post(url("cases:nrm-reasonable-grounds", w["case"]), _nrm_form(version="1")).content.decode()
    assert "Select whether the Reasonable Grounds decision was positive or negative" in page
    assert "Enter the date of the Reasonable Grounds decision" in page
    assert NrmRecord.objects.get().rg_decision == "pending"


def test_move_on_support_extension(client, sign_in, w):
    case = w["case"]
    today = timezone.localdate()
    record = NrmRecordFactory(case=case, referred_on=today - timedelta(days=100), rg_decision="positive",
                              rg_decided_on=today - timedelta(days=95), cg_decision="positive",
                              cg_decided_on=today - timedelta(days=40))
    sign_in(client, w["caseworker"])
    page = client.get(url("cases:nrm", case)).content.decode()
    assert "5 days left" in page
    response = client.post(url("cases:nrm-extension-add", case), {
        "days": "30", "agreed_on-day": today.day, "agreed_on-month": today.month, "agreed_on-year": today.year,
        "reason": "Waiting for a tenancy"})
    assert response.status_code == 302
    assert record.extensions.get().days == 30
    page = client.get(url("cases:nrm", case)).content.decode()
    assert "35 days left" in page and "plus 30 days of extensions" in page


# --- Closing ----------------------------------------------------------------------------------

def test_closing_a_case(client, sign_in, w):
    case = w["case"]
    sign_in(client, w["caseworker"])
    page = client.get(url("cases:close", case)).content.decode()
    assert "Are you sure you want to close this case?" in page and "govuk-button--warning" in page
    response = client.post(url("cases:close", case), {"version": "1", "reason": ""})
    assert "Enter why you are closing this case" in response.content.decode()
    response = client.post(url("cases:close", case), {"version": "1", "reason": "Support has ended; she is safe and settled."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED and case.closed_on == timezone.localdate()
    assert case.closure_reason == "Support has ended; she is safe and settled."
    assert AuditEvent.objects.filter(action="change", record_id=str(case.public_id), description="Closed").exists()
    assert "is closed" in client.get(response["Location"]).content.decode()
    # Closed cases leave "open cases" but can still be found
    assert case.reference not in client.get(reverse("cases:list")).content.decode()
    assert case.reference in client.get(reverse("cases:list") + "?status=closed").content.decode()


def test_a_caseworker_of_the_team_who_is_not_assigned_cannot_close_a_shared_case(client, sign_in, w):
    CaseShareFactory(case=w["case"], organisation=w["org"], agreement="ISA", reason="r", shared_by=w["caseworker"])
    sign_in(client, w["other_caseworker"])  # sees it through the share with their own organisation
    assert client.get(url("cases:case", w["case"])).status_code == 200
    assert client.get(url("cases:close", w["case"])).status_code == 403


# --- Lists, timeline, home page --------------------------------------------------------------------

def test_list_and_its_empty_state(client, sign_in, w):
    sign_in(client, w["caseworker"])
    page = client.get(reverse("cases:list")).content.decode()
    assert "Alex Smith" in page and w["case"].reference in page
    sign_in(client, w["other_caseworker"])
    page = client.get(reverse("cases:list")).content.decode()
    assert "You have no open cases" in page and "open a case" in page


def test_timeline_lists_what_happened_most_recent_first(client, sign_in, w):
    case = w["case"]
    today = timezone.localdate()
    NrmRecordFactory(case=case, referred_on=today - timedelta(days=1))
    SafetyPlanFactory(case=case, risks="r", measures="m", responsible="p", review_on=today + timedelta(days=7))
    sign_in(client, w["caseworker"])
    page = client.get(url("cases:timeline", case)).content.decode()
    assert "moj-timeline" in page
    for title in ("Case opened", "Caseworker assigned", "Risk status: thought to be a victim of exploitation",
                  "Referred to the NRM", "Safety plan made"):
        assert title in page
    assert page.index("Safety plan made") < page.index("Case opened") < page.index("Referred to the NRM")


def test_overdue_safety_plan_review_is_an_alert(client, sign_in, w):
    case = w["case"]
    today = timezone.localdate()
    SafetyPlanFactory(case=case, risks="r", measures="m", responsible="p", review_on=today - timedelta(days=3))
    sign_in(client, w["caseworker"])
    overview = client.get(url("cases:case", case)).content.decode()
    assert f"Safety plan review overdue since {long_date(today - timedelta(days=3))}" in overview
    assert [i.count for i in attention.case_items(w["manager"])] == [1]


# --- Demo data -----------------------------------------------------------------------------------

def test_demo_cases_cover_every_nrm_stage_and_load_once(db):
    from clearsight.cases import demo
    from clearsight.core import demo as core_demo

    core_demo.load()
    demo.load()
    count = Case.objects.count()
    demo.load()
    assert Case.objects.count() == count >= 7
    today = timezone.localdate()
    stages = set()
    for case in Case.objects.select_related("person", "nrm"):
        record = services.nrm_for(case)
        if record:
            pos = services.nrm_position(record, date_of_birth=case.person.date_of_birth, today=today)
            stages.add(pos.stage)
            if pos.turning_18:
                stages.add("turning 18")
            if pos.cg_wait_long:
                stages.add("long wait")
            if pos.extension_days:
                stages.add("extended")
    assert {"Waiting for a Reasonable Grounds decision", "Recovery period", "Waiting for a Conclusive Grounds decision",
            "Move-on support", "Negative Reasonable Grounds decision", "Withdrawn from the NRM", "turning 18",
            "long wait", "extended", "Negative Conclusive Grounds decision: reconsideration requested",
            "Move-on support has ended"} <= stages
    assert CaseShare.objects.filter(organisation__name="Harbour Light Refuge", ended_at__isnull=True).count() == 1
    assert all(c.risk_history.exists() for c in Case.objects.all())
    assert Team.objects.filter(organisation__name="Anytown Council").count() == 2

