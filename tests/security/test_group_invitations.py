"""Issue 14, H2: a coordinator cannot put another organisation into a group and read its planned
operations, new intelligence and staff from the agenda and the pickers. Membership is an invitation
the other organisation accepts, and even then agendas list its items only under an agreement in
force covering that kind of data. Played through the sign-in pages."""

import html
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clearsight.core.roles import Role
from clearsight.partnership.models import GroupMember, PartnershipGroup

from ..factories import IntelligenceReportFactory, MeetingFactory, OperationFactory, OrganisationFactory, agreement_in_force, make_user
from .conftest import sign_in_through_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    attacker = OrganisationFactory(name="Bexford Borough Council")
    victim = OrganisationFactory(name="Anytown Police", kind="police", is_first_responder=True)
    victim_staff = make_user(victim, Role.FIRST_RESPONDER, email="dc.secret@police.example")
    victim_staff.full_name = "Detective Constable Secret"
    victim_staff.save()
    operation = OperationFactory(name="Operation Nightjar", date=timezone.localdate() + timedelta(days=5), lead_agency=victim,
                                 created_by=victim_staff)
    report = IntelligenceReportFactory(organisation=victim, date=timezone.localdate(), subject_kind="premises",
                                       text="Workers sleep at the car wash.", source_evaluation="2",
                                       assessment="B", handling_code="P")
    return attacker, victim, victim_staff, report, operation


def _group_with(client, attacker, victim):
    response = client.post(reverse("partnership:group-add"), {
        "name": "Rogue group", "kind": "operational", "organisation": str(attacker.public_id),
        "members": [str(victim.public_id)], "meeting_frequency": "weekly", "terms_of_reference": ""})
    assert response.status_code == 302
    group = PartnershipGroup.objects.get(name="Rogue group")
    meeting = MeetingFactory(group=group, held_on=timezone.localdate() + timedelta(days=1))
    return group, meeting


def _leaks(page, world):
    _, victim, victim_staff, report, operation = world
    return [marker for marker in ("Operation Nightjar", operation.reference, report.reference, victim_staff.email,
                                  victim_staff.full_name)
            if marker in page]


def test_h2_an_invited_organisation_shows_nothing_until_it_accepts(world):
    attacker, victim, victim_staff, report, operation = world
    coordinator = make_user(attacker, Role.PARTNERSHIP_COORDINATOR)
    client = sign_in_through_pages(coordinator)
    group, meeting = _group_with(client, attacker, victim)
    assert not GroupMember.objects.get(group=group, organisation=victim).is_accepted

    pages = [
        client.get(reverse("partnership:meeting-open-items", kwargs={"public_id": meeting.public_id})),
        client.get(reverse("partnership:meeting", kwargs={"public_id": meeting.public_id})),
        client.get(reverse("partnership:action-add", kwargs={"public_id": meeting.public_id})),
        client.get(reverse("partnership:group", kwargs={"public_id": group.public_id})),
    ]
    for page in pages:
        assert page.status_code == 200
        assert _leaks(html.unescape(page.content.decode()), world) == []
    # The contact picker for the invited organisation does not open at all
    contact = reverse("partnership:member-contact", kwargs={"public_id": group.public_id, "organisation_id": victim.public_id})
    assert client.get(contact).status_code == 404
    # The drafted agenda is empty of the victim's items too
    from clearsight.partnership import agenda

    assert _leaks(agenda.draft(meeting), world) == []


def test_h2_after_accepting_agendas_list_a_members_items_only_under_an_agreement_covering_them(world):
    attacker, victim, victim_staff, report, operation = world
    coordinator = make_user(attacker, Role.PARTNERSHIP_COORDINATOR)
    client = sign_in_through_pages(coordinator)
    group, meeting = _group_with(client, attacker, victim)
    # The police accept the invitation (their coordinator, through the groups page)
    police_coordinator = make_user(victim, Role.PARTNERSHIP_COORDINATOR)
    police = sign_in_through_pages(police_coordinator)
    assert "Rogue group" in police.get(reverse("partnership:groups")).content.decode()
    answer = reverse("partnership:invitation-answer", kwargs={"public_id": group.public_id, "organisation_id": victim.public_id})
    assert police.post(answer, {"answer": "accept"}).status_code == 302

    from clearsight.partnership import agenda

    # A member now: its staff may be chosen as contacts, but with no agreement its operations and intelligence stay off the agenda
    assert _leaks(agenda.draft(meeting), world) == []
    open_items = html.unescape(client.get(reverse("partnership:meeting-open-items", kwargs={"public_id": meeting.public_id})).content.decode())
    assert operation.reference not in open_items and report.reference not in open_items

    agreement_in_force(attacker, victim, kinds=["operations", "intelligence"], starts_on=date(2024, 1, 1))
    drafted = agenda.draft(meeting)
    assert operation.reference in drafted and report.reference in drafted


def test_h2_a_declined_invitation_leaves_no_membership(world):
    attacker, victim, victim_staff, report, operation = world
    client = sign_in_through_pages(make_user(attacker, Role.PARTNERSHIP_COORDINATOR))
    group, meeting = _group_with(client, attacker, victim)
    police = sign_in_through_pages(make_user(victim, Role.DATA_PROTECTION_OFFICER))
    answer = reverse("partnership:invitation-answer", kwargs={"public_id": group.public_id, "organisation_id": victim.public_id})
    assert police.post(answer, {"answer": "decline"}).status_code == 302
    assert not GroupMember.objects.filter(group=group, organisation=victim).exists()
    # Nobody else can answer for the police
    assert client.post(answer, {"answer": "accept"}).status_code == 404
