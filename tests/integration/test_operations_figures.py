"""Acceptance 1: operations entered through the pages, with potential victims linked to their
concerns (adults and children, NRM referrals and Duty to Notify reports) and a support case; every
figure checked, per operation and in total, on the page and in the CSV exports."""

import csv
import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from clearsight.concerns.models import ExploitationType
from clearsight.core.roles import Role
from clearsight.operations.models import Operation

from ..concern_helpers import triaged_concern
from ..factories import CaseAssignmentFactory, CaseFactory, NrmRecordFactory, OperationFactory, OperationVictimFactory, OrganisationFactory, PersonFactory, PremisesFactory, TeamFactory, make_user
from ..form_helpers import form_values


def _csv(client, table):
    response = client.get(reverse("operations:figures-export", kwargs={"table": table}))
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]


@pytest.fixture
def partners(anytown):
    police = OrganisationFactory(name="Anytown Police", kind="police", is_first_responder=False)
    return police


@pytest.mark.django_db
def test_operations_with_linked_victims_give_every_figure(client, sign_in, anytown, partners):
    police = partners
    coordinator = make_user(anytown, Role.PARTNERSHIP_COORDINATOR)
    responder = make_user(anytown, Role.FIRST_RESPONDER, Role.CASEWORKER)
    reporter = make_user(anytown, Role.STAFF)
    car_wash = PremisesFactory(organisation=anytown, address="1 Mill Lane", postcode="AT1 1AA", premises_type="hand_car_wash")
    nails = PremisesFactory(organisation=anytown, address="14 High Street", postcode="AT1 2BB", premises_type="nail_bar")
    labour, sexual = ExploitationType.objects.order_by("position")[:2]

    # Two operations planned through the page.
    sign_in(client, coordinator)
    refs = []
    for name, premises, types, agencies in [("Operation Alpha", [car_wash], [labour, sexual], [police]),
                                            ("Operation Bravo", [car_wash, nails], [labour], [])]:
        response = client.post(reverse("operations:add"), {
            "name": name, "date-day": "3", "date-month": "3", "date-year": "2026", "status": "done",
            "lead_agency": str(anytown.public_id), "participating_agencies": [str(a.public_id) for a in agencies],
            "target_premises": [str(p.public_id) for p in premises], "exploitation_types": [t.code for t in types],
            "powers": "Licensing powers of entry", "reception_arrangements": "Town hall", "version": "0"})
        assert response.status_code == 302, response.content.decode()[:2000]
        refs.append(Operation.objects.get(name=name))
    alpha, bravo = refs

    # Outcomes and interventions.
    for op, counts in [(alpha, {"arrests_modern_slavery": 2, "arrests_immigration": 3, "arrests_other": 1, "closures": 1,
                                "prohibition_notices": 2, "prevention_orders": 1, "risk_orders": 0, "intelligence_reports": 4}),
                       (bravo, {"arrests_modern_slavery": 0, "arrests_immigration": 1, "arrests_other": 0, "closures": 0,
                                "prohibition_notices": 1, "prevention_orders": 0, "risk_orders": 1, "intelligence_reports": 1})]:
        response = client.post(reverse("operations:outcomes", kwargs={"public_id": op.public_id}),
                               {**counts, "intelligence_gained": "Links to a second address", "version": "1"})
        assert response.status_code == 302
    for op, agency, kind, count in [(alpha, anytown, "licensing", 3), (alpha, police, "welfare", 5), (bravo, anytown, "fire", 2)]:
        response = client.post(reverse("operations:intervention-add", kwargs={"public_id": op.public_id}),
                               {"agency": str(agency.public_id), "kind": kind, "count": str(count)})
        assert response.status_code == 302

    # Victims, linked by a first responder who can see the concerns and the case.
    three = triaged_concern(reporter, [("adult", "given"), ("adult", "refused"), ("child", "unable")])  # NRM, DtN, NRM (child)
    # Age not known: treated as a child by the routing rules (NRM without consent, front door referral).
    one = triaged_concern(reporter, [("unknown", "refused")])
    team = TeamFactory(organisation=anytown, name="Exploitation team")
    person = PersonFactory(organisation=anytown, date_of_birth=date(1990, 1, 1))
    case = CaseFactory(person=person, organisation=anytown, team=team, created_by=responder)

    CaseAssignmentFactory(case=case, user=responder)
    NrmRecordFactory(case=case, referred_on=date(2026, 3, 4), rg_decision="positive")
    case.placements.create(kind="safe_house", starts_on=date(2026, 3, 4))
    sign_in(client, responder)
    for op, reference, number in [(alpha, three.reference, 1), (alpha, three.reference, 2), (alpha, three.reference, 3),
                                  (bravo, one.reference, None), (bravo, case.reference, None)]:
        data = {"reference": reference}
        if number:
            data["person"] = str(number)
        response = client.post(reverse("operations:victim-add", kwargs={"public_id": op.public_id}), data)
        assert response.status_code == 302, response.content.decode()[:3000]
    # Linking the same person twice is refused with a clear message.
    response = client.post(reverse("operations:victim-add", kwargs={"public_id": alpha.public_id}),
                           {"reference": three.reference, "person": "1"})
    assert "already linked" in response.content.decode()

    sign_in(client, coordinator)
    page = client.get(reverse("operations:figures")).content.decode()
    assert "can add up to more than the number of operations" in page

    assert _csv(client, "summary") == [["Operations carried out", "2"], ["Agencies taking part", "2"],
                                       ["Interventions", "10"], ["Arrests", "7"], ["Potential victims identified", "5"]]
    types = _csv(client, "exploitation-types")
    assert [labour.label, "2"] in types and [sexual.label, "1"] in types
    assert types[-2:] == [["Total of the counts above (an operation can have several types)", "3"], ["Operations carried out", "2"]]
    assert _csv(client, "premises-types") == [["Hand car wash", "2", "2"], ["Nail bar", "1", "1"]]
    assert _csv(client, "agencies") == [["Anytown Council", "2"], ["Anytown Police", "1"]]
    assert _csv(client, "interventions") == [["Anytown Council", "5"], ["Anytown Police", "5"], ["Total", "10"]]
    assert _csv(client, "intervention-kinds") == [["Welfare check of workers", "5"], ["Licensing inspection", "3"],
                                                  ["Fire safety inspection", "2"]]
    assert _csv(client, "arrests") == [["Modern Slavery Act 2015", "2"], ["Immigration offences", "4"],
                                       ["Other offences", "1"], ["Total", "7"]]
    assert _csv(client, "enforcement") == [["Closure orders", "1"], ["Prohibition notices", "3"],
                                           ["Slavery and trafficking prevention orders", "1"],
                                           ["Slavery and trafficking risk orders", "1"], ["Intelligence reports submitted", "5"]]
    # In total: 5 victims; adults: two on the concern and the case's 36-year-old; one child; one of unknown age.
    victims = dict(_csv(client, "victims"))
    assert victims["Potential victims identified"] == "5"
    assert victims["Adults"] == "3"
    assert victims["Children"] == "1"
    assert victims["Age not known"] == "1"
    # NRM: the adult who agreed, the child, the person of unknown age, and the case's NRM record.
    assert victims["Referred to the NRM"] == "4"
    assert victims["Duty to Notify report made"] == "1"  # the adult who did not agree
    assert victims["Neither NRM referral nor Duty to Notify yet"] == "0"
    # The child and the person of unknown age (front door referral done), the case (safe house).
    assert victims["With at least one support pathway"] == "3"
    per_operation = {row[0]: row[3:] for row in _csv(client, "per-operation")}
    # victims, adults, children, unknown, NRM, children referred to the NRM, DtN, with a pathway
    assert per_operation["Operation Alpha"] == ["3", "2", "1", "0", "2", "1", "1", "1"]
    assert per_operation["Operation Bravo"] == ["2", "1", "0", "1", "2", "0", "0", "2"]
    assert dict(_csv(client, "pathways")) == {"Children's social care referral": "2", "Safe house (Victim Care Contract)": "1"}
    assert dict(_csv(client, "outcomes")) == {
        "Referred to the NRM, no support case recorded": "3",
        "Duty to Notify report only, no support case recorded": "1",
        "Reasonable Grounds decision: positive, Conclusive Grounds awaited": "1"}


@pytest.mark.django_db
def test_board_members_see_small_numbers_hidden_and_no_names(client, sign_in, anytown):
    board = make_user(anytown, Role.BOARD_MEMBER)
    op = OperationFactory(name="Operation Quiet", date=date(2026, 2, 1), status="done", lead_agency=anytown,
                          created_by=board, arrests_modern_slavery=7, arrests_other=2)
    sign_in(client, board)
    page = client.get(reverse("operations:figures")).content.decode()
    assert "fewer than 5" in page
    assert reverse("operations:operation", kwargs={"public_id": op.public_id}) not in page
    arrests = _csv(client, "arrests")
    assert arrests == [["Modern Slavery Act 2015", "7"], ["Immigration offences", "fewer than 5"],
                       ["Other offences", "fewer than 5"], ["Total", "9"]]
    # Board members do not reach operations themselves.
    assert client.get(reverse("operations:operation", kwargs={"public_id": op.public_id})).status_code == 403


@pytest.mark.django_db
def test_a_second_edit_is_not_silently_overwritten(client, sign_in, anytown):
    coordinator = make_user(anytown, Role.PARTNERSHIP_COORDINATOR)
    op = OperationFactory(name="Operation Calm", date=date(2026, 2, 1), lead_agency=anytown, created_by=coordinator)
    sign_in(client, coordinator)
    url = reverse("operations:outcomes", kwargs={"public_id": op.public_id})
    counts = {k: "0" for k in ("arrests_modern_slavery", "arrests_immigration", "arrests_other", "closures",
                               "prohibition_notices", "prevention_orders", "risk_orders", "intelligence_reports")}
    assert client.post(url, {**counts, "arrests_other": "1", "version": "1"}).status_code == 302
    response = client.post(url, {**counts, "arrests_other": "5", "version": "1"})
    assert response.status_code == 200
    assert "Someone else changed this record while you were editing it" in response.content.decode()
    op.refresh_from_db()
    assert op.arrests_other == 1


def _two_coordinators(client, sign_in, anytown):
    coordinator = make_user(anytown, Role.PARTNERSHIP_COORDINATOR)
    op = OperationFactory(name="Operation Calm", date=date(2026, 2, 1), lead_agency=anytown, created_by=coordinator)
    sign_in(client, coordinator)
    colleague = Client()
    sign_in(colleague, make_user(anytown, Role.PARTNERSHIP_COORDINATOR))
    return op, colleague


@pytest.mark.django_db
def test_a_plan_changed_by_two_coordinators_at_once_keeps_both_changes(client, sign_in, anytown):
    """Given an operation's plan open by two coordinators, when one sets the powers to be used and the
    other the reception arrangements, then the second save is refused and merged: the form shows the
    powers and keeps the arrangements typed, and saving again keeps both (before, it put the old powers
    back)."""
    op, colleague = _two_coordinators(client, sign_in, anytown)
    url = reverse("operations:edit", kwargs={"public_id": op.public_id})
    mine, theirs = client.get(url).content.decode(), colleague.get(url).content.decode()
    assert colleague.post(url, form_values(theirs, powers="Licensing powers of entry")).status_code == 302
    refused = client.post(url, form_values(mine, reception_arrangements="Town hall, interpreters on call"))
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "The form now shows their change to the powers to be used." in page
    assert "<title>Error: Change the plan – Operation Calm" in page  # said once
    assert client.post(url, form_values(page)).status_code == 302
    op.refresh_from_db()
    assert (op.powers, op.reception_arrangements) == ("Licensing powers of entry", "Town hall, interpreters on call")


@pytest.mark.django_db
def test_outcomes_recorded_by_two_coordinators_at_once_keep_both_changes(client, sign_in, anytown):
    """Given an operation's outcomes open by two coordinators, when one records an arrest and the other a
    closure order, then the second save is refused and merged, and saving again keeps both (before, it
    put the arrest back to 0). A count both changed keeps this coordinator's and says what is saved now."""
    op, colleague = _two_coordinators(client, sign_in, anytown)
    url = reverse("operations:outcomes", kwargs={"public_id": op.public_id})
    mine, theirs = client.get(url).content.decode(), colleague.get(url).content.decode()
    assert colleague.post(url, form_values(theirs, arrests_other="1")).status_code == 302
    refused = client.post(url, form_values(mine, closures="2"))
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "The form now shows their change to the arrests for other offences." in page
    assert "<title>Error: Record outcomes – Operation Calm" in page  # said once
    assert client.post(url, form_values(page)).status_code == 302
    op.refresh_from_db()
    assert (op.arrests_other, op.closures) == (1, 2)
    mine, theirs = client.get(url).content.decode(), colleague.get(url).content.decode()
    assert colleague.post(url, form_values(theirs, closures="3")).status_code == 302
    page = client.post(url, form_values(mine, closures="4")).content.decode()
    assert page.count("Someone else changed the closure orders to “3” since you opened the page") == 2
    op.refresh_from_db()
    assert op.closures == 3


@pytest.mark.django_db
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(client, sign_in, anytown):
    coordinator = make_user(anytown, Role.PARTNERSHIP_COORDINATOR)
    sign_in(client, coordinator)
    response = client.post(reverse("operations:add"), {"name": "Operation Typed", "date-day": "31", "date-month": "2",
                                                       "date-year": "2026", "status": "planned", "version": "0"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "must be a real date" in page
    assert 'value="Operation Typed"' in page


@pytest.mark.django_db
def test_a_victim_linked_by_case_gets_the_facts_of_the_concern_the_case_came_from(anytown):
    """Linked only to the case, an adult who refused the NRM still counts as a Duty to Notify report
    (from the concern the case was opened from); linked only to the concern, the case's NRM record counts."""
    from clearsight.operations import figures

    coordinator = make_user(anytown, Role.PARTNERSHIP_COORDINATOR)
    reporter = make_user(anytown, Role.STAFF)
    team = TeamFactory(organisation=anytown, name="Exploitation team")
    refused = triaged_concern(reporter, [("adult", "refused")])
    agreed = triaged_concern(reporter, [("adult", "given")])
    person = PersonFactory(organisation=anytown, first_name="A", last_name="B")
    case_refused = CaseFactory(person=person, organisation=anytown, team=team, created_by=coordinator,
                               source_concern=refused.public_id)
    other = PersonFactory(organisation=anytown, first_name="C", last_name="D")
    case_agreed = CaseFactory(person=other, organisation=anytown, team=team, created_by=coordinator,
                              source_concern=agreed.public_id)
    NrmRecordFactory(case=case_agreed, referred_on=date(2026, 5, 2))
    operation = OperationFactory(name="Lather", date=date(2026, 5, 1), lead_agency=anytown, created_by=coordinator)
    OperationVictimFactory(operation=operation, case=case_refused, added_by=coordinator)
    OperationVictimFactory(operation=operation, concern_person=agreed.people.get(), added_by=coordinator)
    (record,) = figures.load([operation])
    by_case, by_concern = record.victims
    assert (by_case.age_group, by_case.nrm, by_case.dtn) == ("adult", False, True)
    assert by_concern.nrm and by_concern.outcome == "Reasonable Grounds decision awaited"  # from the case


@pytest.mark.django_db
def test_a_person_linked_by_concern_and_again_by_case_counts_once(anytown):
    from clearsight.operations import figures

    coordinator = make_user(anytown, Role.PARTNERSHIP_COORDINATOR)
    concern = triaged_concern(make_user(anytown, Role.STAFF), [("child", "")])
    team = TeamFactory(organisation=anytown, name="Children's team")
    person = PersonFactory(organisation=anytown, first_name="A", last_name="B")
    case = CaseFactory(person=person, organisation=anytown, team=team, created_by=coordinator,
                       source_concern=concern.public_id)
    operation = OperationFactory(name="Lather", date=date(2026, 5, 1), lead_agency=anytown, created_by=coordinator)
    OperationVictimFactory(operation=operation, concern_person=concern.people.get(), added_by=coordinator)
    OperationVictimFactory(operation=operation, case=case, added_by=coordinator)
    (record,) = figures.load([operation])
    assert len(record.victims) == 1 and record.victims[0].age_group == "child"
