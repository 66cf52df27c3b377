"""Partnership groups, agreements and meetings, as their users rely on them (issue 6, acceptance 2 and 3)."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from clearsight.concerns.models import Concern
from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role
from clearsight.partnership import sharing
from clearsight.partnership.models import (
    GroupMember,
    InformationSharingAgreement,
    Meeting,
    PartnershipAction,
    PartnershipGroup,
)
import html

from tests.form_helpers import form_values
from tests.factories import ConcernFactory, MeetingFactory, OrganisationFactory, PartnershipActionFactory, agreement_in_force, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def emails_sent_at_once(settings):
    """Emails are queued and sent by the task worker (core/email.py, ADR 0034); here its tasks run at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def police(db):
    return OrganisationFactory(name="Anytown Police", kind="police")


@pytest.fixture
def charity(db):
    return OrganisationFactory(name="Harbour Light Refuge", kind="voluntary", is_first_responder=False)


@pytest.fixture
def coordinator(user_with):
    return user_with(Role.PARTNERSHIP_COORDINATOR, Role.STAFF)


@pytest.fixture
def police_officer(police):
    return make_user(police, Role.FIRST_RESPONDER, Role.STAFF)


@pytest.fixture
def group(anytown, police, charity, coordinator, police_officer):
    g = PartnershipGroup.objects.create(name="Anytown Operational Group", kind="operational", organisation=anytown,
                                        meeting_frequency="monthly", terms_of_reference="Share and act.")
    accepted = timezone.now()
    GroupMember.objects.create(group=g, organisation=anytown, contact_user=coordinator, accepted_at=accepted)
    GroupMember.objects.create(group=g, organisation=police, contact_user=police_officer, accepted_at=accepted)
    GroupMember.objects.create(group=g, organisation=charity, contact_name="Nadia", contact_email="nadia@refuge.example",
                               accepted_at=accepted)
    return g


def test_agenda_is_drafted_from_open_items_showing_concern_references_only(client, sign_in, coordinator, group, anytown, bexford):
    # A concern handled by a member since the last meeting is on the agenda; a non-member's is not.
    reporter = make_user(anytown, Role.STAFF)
    now = timezone.now()
    mine = ConcernFactory(reporter=reporter, reporter_organisation=anytown, handling_organisation=anytown,
                          status=Concern.Status.NEW, submitted_at=now - timedelta(days=2),
                          what_happened="Secret details about Maria at the car wash.")
    other = ConcernFactory(reporter=make_user(bexford, Role.STAFF), reporter_organisation=bexford,
                           handling_organisation=bexford, status=Concern.Status.NEW, submitted_at=now - timedelta(days=2))
    old_meeting = MeetingFactory(group=group, held_on=timezone.localdate() - timedelta(days=30))
    PartnershipActionFactory(meeting=old_meeting, description="Visit the car wash", owner_organisation=group.organisation,
                             due_on=timezone.localdate() - timedelta(days=3))
    sign_in(client, coordinator)
    response = client.post(reverse("partnership:meeting-add", kwargs={"public_id": group.public_id}), {
        "held_on-day": str(timezone.localdate().day), "held_on-month": str(timezone.localdate().month),
        "held_on-year": str(timezone.localdate().year), "location": "Room 2"})
    meeting = Meeting.objects.get(group=group, location="Room 2")
    assert response.status_code == 302
    assert mine.reference in meeting.agenda
    assert "New concerns since" in meeting.agenda and ": 1" in meeting.agenda
    assert other.reference not in meeting.agenda
    assert "Maria" not in meeting.agenda and "Secret" not in meeting.agenda
    assert "Visit the car wash" in meeting.agenda  # the overdue action
    assert "Operations being planned" in meeting.agenda
    page = client.get(reverse("partnership:meeting", kwargs={"public_id": meeting.public_id}))
    assert mine.reference in page.content.decode()


def test_each_agency_receives_only_its_own_actions(client, sign_in, coordinator, police_officer, group, anytown, police, charity):
    meeting = MeetingFactory(group=group, held_on=timezone.localdate(), status="held")
    due = timezone.localdate() + timedelta(days=7)
    PartnershipActionFactory(meeting=meeting, description="Police: plan the visit", owner_organisation=police, owner=police_officer, due_on=due)
    PartnershipActionFactory(meeting=meeting, description="Police: check the vehicle", owner_organisation=police, due_on=due)
    PartnershipActionFactory(meeting=meeting, description="Refuge: hold two beds", owner_organisation=charity, due_on=due)
    PartnershipActionFactory(meeting=meeting, description="Council: order leaflets", owner_organisation=anytown, due_on=due)
    PartnershipActionFactory(meeting=meeting, description="Council: done already", owner_organisation=anytown, due_on=due, status="done")
    sign_in(client, coordinator)
    response = client.post(reverse("partnership:send-actions", kwargs={"public_id": meeting.public_id}))
    assert response.status_code == 302
    assert len(mail.outbox) == 3
    by_to = {m.to[0]: m.body for m in mail.outbox}
    assert set(by_to) == {police_officer.email, coordinator.email, "nadia@refuge.example"}
    assert "plan the visit" in by_to[police_officer.email] and "check the vehicle" in by_to[police_officer.email]
    assert "Refuge" not in by_to[police_officer.email] and "Council" not in by_to[police_officer.email]
    assert by_to["nadia@refuge.example"].count("Refuge:") == 1 and "Police" not in by_to["nadia@refuge.example"]
    assert "order leaflets" in by_to[coordinator.email] and "done already" not in by_to[coordinator.email]
    meeting.refresh_from_db()
    assert meeting.actions_sent_at is not None


def test_agency_without_a_contact_is_reported_not_emailed(client, sign_in, coordinator, group, police):
    GroupMember.objects.filter(group=group, organisation=police).update(contact_user=None)
    meeting = MeetingFactory(group=group, held_on=timezone.localdate())
    PartnershipActionFactory(meeting=meeting, description="Plan", owner_organisation=police, due_on=timezone.localdate())
    sign_in(client, coordinator)
    response = client.post(reverse("partnership:send-actions", kwargs={"public_id": meeting.public_id}), follow=True)
    assert len(mail.outbox) == 0
    assert "Not sent to Anytown Police" in response.content.decode()


def test_overdue_actions_show_on_their_owners_home_page(client, sign_in, police_officer, group):
    meeting = MeetingFactory(group=group, held_on=timezone.localdate() - timedelta(days=20))
    PartnershipActionFactory(meeting=meeting, description="Late", owner_organisation=group.members.get(contact_user=police_officer).organisation,
                             owner=police_officer, due_on=timezone.localdate() - timedelta(days=1))
    sign_in(client, police_officer)
    page = client.get(reverse("core:home")).content.decode()
    assert "partnership action of yours is overdue" in page
    assert page.count("partnership action of yours is overdue") == 1  # once, although they hold two roles


def test_partner_sees_expired_agreement_with_sharing_stopped(client, sign_in, police_officer, anytown, police):
    ended = timezone.localdate() - timedelta(days=10)
    a = agreement_in_force(anytown, police, kinds=["intelligence"], title="Pilot", review_on=date(2024, 6, 1), ends_on=ended)
    assert not sharing.may_see(anytown.id, police.id, "intelligence")
    assert sharing.may_see(anytown.id, police.id, "intelligence", on=ended)
    sign_in(client, police_officer)
    listing = client.get(reverse("partnership:agreements")).content.decode()
    assert "govuk-tag--red" in listing and "Expired: sharing stopped after" in listing
    page = client.get(reverse("partnership:agreement", kwargs={"public_id": a.public_id})).content.decode()
    assert "Expired: sharing stopped after" in page
    assert AuditEvent.objects.filter(record_id=str(a.public_id), action="view").exists()


def test_agreement_form_errors_keep_what_was_typed(client, sign_in, coordinator):
    sign_in(client, coordinator)
    response = client.post(reverse("partnership:agreement-add"), {
        "title": "My agreement", "purpose": "Why", "lawful_basis": "", "data_kinds": ["intelligence"],
        "starts_on-day": "1", "starts_on-month": "4", "starts_on-year": "2026",
        "review_on-day": "1", "review_on-month": "3", "review_on-year": "2026", "status": "active"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter the lawful basis for sharing" in body
    assert "Select the organisations that are party to the agreement" in body
    assert "The review date must be the same as or after the start date" in body
    assert 'value="My agreement"' in body
    assert not InformationSharingAgreement.objects.exists()


def test_coordinator_proposes_an_agreement_and_it_shares_only_once_every_party_accepts(
        client, sign_in, coordinator, police_officer, anytown, police, mailoutbox, django_capture_on_commit_callbacks):
    from clearsight.partnership.tasks import email_agreement_signatories

    from ..factories import signatory_of

    anytown_dpo, police_dpo = signatory_of(anytown), signatory_of(police)
    sign_in(client, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("partnership:agreement-add"), {
            "title": "Anytown ISA", "purpose": "Safeguarding", "lawful_basis": "Public task",
            "parties": [str(anytown.public_id), str(police.public_id)], "data_kinds": ["intelligence", "operations"],
            "starts_on-day": "1", "starts_on-month": "1", "starts_on-year": "2026",
            "review_on-day": "1", "review_on-month": "1", "review_on-year": "2099", "status": "active"})
    assert response.status_code == 302
    a = InformationSharingAgreement.objects.get(title="Anytown ISA")
    # Proposed by one side: nothing is shared, whatever the form said about its status
    assert a.status_on() == "draft"
    assert sharing.sharing_agreement(anytown.id, police.id, "intelligence") is None
    # The signatories of both parties are told, each in their own email
    email_agreement_signatories.call(a.pk, "proposed", [anytown.id, police.id])
    assert sorted(m.to[0] for m in mailoutbox) == sorted([anytown_dpo.email, police_dpo.email])
    assert all(len(m.to) == 1 and "Anytown ISA" in m.subject for m in mailoutbox)
    sign_in(client, police_officer)
    listing = client.get(reverse("partnership:agreements")).content.decode()
    assert "Anytown ISA" in listing and "Awaiting acceptance" in listing

    accept = reverse("partnership:agreement-accept", kwargs={"public_id": a.public_id})
    for dpo, org in ((anytown_dpo, anytown), (police_dpo, police)):
        client.logout()
        sign_in(client, dpo)
        page = client.get(accept).content.decode()
        assert "Accept version 1 of the agreement" in page
        unconfirmed = client.post(accept, {"version_number": "1", "organisation": str(org.public_id)})
        assert "Confirm that you are authorised" in unconfirmed.content.decode()
        assert client.post(accept, {"version_number": "1", "organisation": str(org.public_id), "confirm": "on"}).status_code == 302
    assert sharing.sharing_agreement(anytown.id, police.id, "intelligence") == a
    page = client.get(reverse("partnership:agreement", kwargs={"public_id": a.public_id})).content.decode()
    assert f"Accepted by {anytown_dpo.full_name}" in page and f"Accepted by {police_dpo.full_name}" in page


def test_concurrent_edits_of_an_agreement_are_not_overwritten(client, sign_in, coordinator, anytown, police):
    a = agreement_in_force(anytown, police, kinds=["concerns"], status="draft", title="ISA", starts_on=date(2026, 1, 1),
                           review_on=date(2027, 1, 1))
    data = {"title": "Changed by me", "purpose": "p", "lawful_basis": "b", "parties": [str(anytown.public_id), str(police.public_id)],
            "data_kinds": ["concerns"], "starts_on-day": "1", "starts_on-month": "1", "starts_on-year": "2026",
            "review_on-day": "1", "review_on-month": "1", "review_on-year": "2027", "status": "active", "version": "1"}
    InformationSharingAgreement.objects.filter(pk=a.pk).update(version=2, title="Changed by someone else")
    sign_in(client, coordinator)
    response = client.post(reverse("partnership:agreement-edit", kwargs={"public_id": a.public_id}), data)
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert 'value="Changed by me"' in response.content.decode()
    a.refresh_from_db()
    assert a.title == "Changed by someone else"


def test_coordinator_adds_a_group_and_sets_a_contact_without_an_account(client, sign_in, coordinator, anytown, police):
    sign_in(client, coordinator)
    response = client.post(reverse("partnership:group-add"), {
        "name": "Daily briefing", "kind": "daily", "organisation": str(anytown.public_id),
        "members": [str(police.public_id)], "meeting_frequency": "daily", "terms_of_reference": ""})
    assert response.status_code == 302
    g = PartnershipGroup.objects.get(name="Daily briefing")
    # The police are invited: until their coordinator accepts, they are not a member
    assert g.member_org_ids() == {anytown.id}
    contact = reverse("partnership:member-contact", kwargs={"public_id": g.public_id, "organisation_id": police.public_id})
    assert client.get(contact).status_code == 404  # no picker of the police's staff before they accept
    police_coordinator = make_user(police, Role.PARTNERSHIP_COORDINATOR)
    client.logout()
    sign_in(client, police_coordinator)
    assert client.get(reverse("partnership:group", kwargs={"public_id": g.public_id})).status_code == 404
    assert "Daily briefing" in client.get(reverse("partnership:groups")).content.decode()  # as an invitation
    answer = reverse("partnership:invitation-answer", kwargs={"public_id": g.public_id, "organisation_id": police.public_id})
    assert client.post(answer, {"answer": "accept"}).status_code == 302
    assert g.member_org_ids() == {anytown.id, police.id}
    client.logout()
    sign_in(client, coordinator)
    url = reverse("partnership:member-contact", kwargs={"public_id": g.public_id, "organisation_id": police.public_id})
    response = client.post(url, {"version": str(g.version), "contact_user": "", "contact_name": "", "contact_email": "bad"})
    import html
    body = html.unescape(response.content.decode())
    assert "Enter the contact's name, or choose someone with an account" in body
    assert "Enter an email address in the correct format" in body
    response = client.post(url, {"version": str(g.version), "contact_user": "", "contact_name": "Sgt Lee", "contact_email": "lee@police.example"})
    assert response.status_code == 302
    assert GroupMember.objects.get(group=g, organisation=police).email == "lee@police.example"


def test_group_pages_show_only_the_users_groups(client, sign_in, group, bexford):
    outsider = make_user(bexford, Role.PARTNERSHIP_COORDINATOR)
    sign_in(client, outsider)
    assert group.name not in client.get(reverse("partnership:groups")).content.decode()
    assert client.get(reverse("partnership:group", kwargs={"public_id": group.public_id})).status_code == 404


def test_board_members_cannot_open_partnership_pages(client, sign_in, user_with):
    sign_in(client, user_with(Role.BOARD_MEMBER))
    assert client.get(reverse("partnership:groups")).status_code == 403


def test_demo_data_loads_twice(db):
    from django.apps import apps

    from clearsight.core.demo import load as load_core

    load_core()
    apps.get_app_config("partnership").load_demo_data()
    apps.get_app_config("partnership").load_demo_data()
    assert PartnershipGroup.objects.count() == 2
    statuses = {a.title: a.status_on() for a in InformationSharingAgreement.objects.all()}
    assert sorted(statuses.values()) == ["active", "draft", "expired"]
    assert PartnershipAction.objects.filter(status="open", due_on__lt=timezone.localdate()).count() == 1
    assert Meeting.objects.filter(held_on__gt=timezone.localdate()).count() == 1


def test_an_action_owner_records_progress_but_cannot_move_the_action_to_another_agency(client, sign_in, police_officer, group,
                                                                                       police, charity):
    meeting = MeetingFactory(group=group, held_on=timezone.localdate())
    due = timezone.localdate() + timedelta(days=7)
    action = PartnershipActionFactory(meeting=meeting, description="Plan the visit", owner_organisation=police,
                                      owner=police_officer, due_on=due)
    sign_in(client, police_officer)
    url = reverse("partnership:action-edit", kwargs={"public_id": action.public_id})
    response = client.post(url, {"version": action.version, "description": "Visit planned for Friday", "status": "done",
                                 "owner_organisation": str(charity.public_id), "owner": "",
                                 "due_on-day": "1", "due_on-month": "1", "due_on-year": "2030"})
    assert response.status_code == 302, response.content.decode()[:2000]
    action.refresh_from_db()
    assert (action.description, action.status) == ("Visit planned for Friday", "done")
    assert (action.owner_organisation, action.owner, action.due_on) == (police, police_officer, due)


def test_a_members_concerns_reach_the_agenda_only_under_an_agreement_covering_concerns(group, anytown, police):
    from clearsight.partnership.agenda import open_items

    now = timezone.now()
    theirs = ConcernFactory(reporter=make_user(police, Role.STAFF), reporter_organisation=police,
                            handling_organisation=police, status=Concern.Status.NEW,
                            submitted_at=now - timedelta(days=2))
    meeting = MeetingFactory(group=group, held_on=timezone.localdate())
    assert theirs.reference not in [c.reference for c in open_items(meeting).concerns]
    agreement_in_force(anytown, police, kinds=["concerns"], review_on=date(2099, 1, 1))
    assert theirs.reference in [c.reference for c in open_items(meeting).concerns]


def _two_tabs(client, url, first, second):
    """Open ``url`` in two tabs, save ``first`` changes from one, then ``second`` from the other: the
    second is refused and merged; saving it again as shown must succeed. Returns the refused page."""
    tab_1, tab_2 = client.get(url).content.decode(), client.get(url).content.decode()
    assert client.post(url, form_values(tab_1, **first)).status_code == 302
    refused = client.post(url, form_values(tab_2, **second))
    assert refused.status_code == 200
    page = refused.content.decode()
    assert client.post(url, form_values(page)).status_code == 302
    return html.unescape(page)


def test_a_group_changed_in_two_tabs_keeps_both_changes(client, sign_in, coordinator, group):
    sign_in(client, coordinator)
    page = _two_tabs(client, reverse("partnership:group-edit", kwargs={"public_id": group.public_id}),
                     {"name": "Anytown Modern Slavery Group"}, {"terms_of_reference": "Share, plan and act."})
    assert "The form now shows their change to the name." in page
    group.refresh_from_db()
    assert (group.name, group.terms_of_reference) == ("Anytown Modern Slavery Group", "Share, plan and act.")


def test_a_meetings_agenda_and_minutes_changed_in_two_tabs_keep_both_changes(client, sign_in, coordinator, group):
    meeting = MeetingFactory(group=group, held_on=timezone.localdate(), agenda="1. Welcome", decisions="")
    sign_in(client, coordinator)
    page = _two_tabs(client, reverse("partnership:meeting-edit", kwargs={"public_id": meeting.public_id}),
                     {"agenda": "1. Welcome\n2. Car washes"}, {"decisions": "Visit the car wash on Friday."})
    assert "The form now shows their change to the agenda." in page
    meeting.refresh_from_db()
    assert (meeting.agenda, meeting.decisions) == ("1. Welcome\n2. Car washes", "Visit the car wash on Friday.")


def test_an_action_changed_in_two_tabs_keeps_both_changes(client, sign_in, coordinator, group, police, police_officer):
    meeting = MeetingFactory(group=group, held_on=timezone.localdate())
    action = PartnershipActionFactory(meeting=meeting, description="Plan the visit", owner_organisation=police,
                                      owner=police_officer, due_on=timezone.localdate() + timedelta(days=7))
    sign_in(client, coordinator)
    page = _two_tabs(client, reverse("partnership:action-edit", kwargs={"public_id": action.public_id}),
                     {"description": "Plan the visit with the fire service"},
                     {"due_on-day": "1", "due_on-month": "1", "due_on-year": "2030"})
    assert "The form now shows their change to the action." in page
    action.refresh_from_db()
    assert (action.description, action.due_on) == ("Plan the visit with the fire service", date(2030, 1, 1))
