"""The partnership pages in Debian's Chromium, checked with axe against WCAG 2.2 AA.

Given the demo partnership (operational group, strategic board, an active and an expired agreement,
a past meeting with actions and the next meeting), when the coordinator signs in by keyboard and goes
through the groups, a member's contact, the agreements (with an error state), a new meeting (added by
keyboard, agenda drafted), its minutes and an action (with an error state, then by keyboard), then
every page passes the accessibility check."""

import pytest
from playwright.sync_api import expect

from clearsight.core.demo import load as load_core
from clearsight.core.models import User
from clearsight.partnership.demo import load as load_partnership
from clearsight.partnership.models import InformationSharingAgreement, Meeting, PartnershipGroup

from ..factories import make_user
from .conftest import focus_on


@pytest.fixture
def coordinator(transactional_db):
    load_core()
    load_partnership()
    demo = User.objects.get(email="coordinator@anytown.example")
    user = make_user(demo.primary_organisation, "partnership_coordinator", "staff")
    # The demo coordinator owns an overdue action; this one is the group's contact in their place.
    from clearsight.partnership.models import GroupMember, PartnershipAction

    GroupMember.objects.filter(contact_user=demo).update(contact_user=user)
    PartnershipAction.objects.filter(owner=demo).update(owner=user)
    return user


def test_partnership_pages_are_accessible(page, live_server, axe, sign_in_with_keyboard, coordinator):
    base = f"{live_server.url}/partnership"
    group = PartnershipGroup.objects.get(kind="operational")
    sign_in_with_keyboard(page, coordinator)

    # Their overdue action is on their home page
    expect(page.get_by_text("partnership action of yours is overdue")).to_be_visible()
    page.get_by_role("link", name="See your partnership actions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your partnership actions")
    axe(page)

    page.goto(f"{base}/groups/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnership groups")
    axe(page)
    focus_on(page, f"a:has-text('{group.name}')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(group.name)
    expect(page.get_by_role("cell", name="Marta Silva marta.silva@opendoor.example")).to_be_visible()
    axe(page)

    # Change the group: an error, then fixed
    page.get_by_role("link", name="Change the group's details").click()
    page.get_by_label("Name").fill("")
    page.get_by_role("button", name="Save the group").click()
    expect(page.get_by_role("link", name="Enter the group's name")).to_be_visible()
    axe(page)
    page.get_by_label("Name").fill(group.name)
    page.get_by_role("button", name="Save the group").click()
    expect(page.get_by_text("The group has been saved.")).to_be_visible()

    page.get_by_role("link", name="Change contact for Open Door Migrant Support").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Single point of contact for Open Door Migrant Support")
    axe(page)

    # Agreements: the expired one says sharing stopped
    page.goto(f"{base}/agreements/")
    expect(page.get_by_text("Expired: sharing stopped after")).to_be_visible()
    axe(page)
    expired = InformationSharingAgreement.objects.get(ends_on__isnull=False)
    page.goto(f"{base}/agreements/{expired.public_id}/")
    expect(page.locator(".govuk-warning-text")).to_contain_text("sharing stopped")
    axe(page)
    page.goto(f"{base}/agreements/add/")
    page.get_by_role("button", name="Send for acceptance").click()
    expect(page.get_by_role("link", name="Enter the agreement's title")).to_be_visible()
    axe(page)
    # Any party may suspend an agreement in force: the page asks why
    active = InformationSharingAgreement.objects.get(title__startswith="Anytown modern slavery")
    page.goto(f"{base}/agreements/{active.public_id}/suspend/")
    axe(page)
    page.get_by_role("button", name="Suspend sharing").click()
    expect(page.get_by_role("link", name="Enter why you are suspending the agreement")).to_be_visible()
    axe(page)

    # A new meeting, by keyboard: the agenda is drafted
    page.goto(f"{base}/groups/{group.public_id}/meetings/add/")
    axe(page)
    focus_on(page, "input[name='held_on-day']")
    page.keyboard.type("1")
    page.keyboard.press("Tab")
    page.keyboard.type("1")
    page.keyboard.press("Tab")
    page.keyboard.type("2030")
    focus_on(page, "button:has-text('Add the meeting')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("its agenda drafted")).to_be_visible()
    expect(page.get_by_text("Operations being planned")).to_be_visible()
    axe(page)
    meeting = Meeting.objects.get(held_on__year=2030)

    page.get_by_role("link", name="Change the agenda and minutes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda and minutes")
    axe(page)
    page.goto(f"{base}/meetings/{meeting.public_id}/open-items/")
    expect(page.get_by_role("heading", level=1)).to_have_text("What is open for the meeting")
    axe(page)

    # An action: first with nothing filled in, then by keyboard
    page.goto(f"{base}/meetings/{meeting.public_id}/actions/add/")
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_role("link", name="Enter what must be done")).to_be_visible()
    axe(page)
    focus_on(page, "#id_description")
    page.keyboard.type("Book the interpreter")
    page.get_by_label("Agency").select_option(label="Anytown Police")
    focus_on(page, "input[name='due_on-day']")
    page.keyboard.type("8")
    page.keyboard.press("Tab")
    page.keyboard.type("1")
    page.keyboard.press("Tab")
    page.keyboard.type("2030")
    focus_on(page, "button:has-text('Save the action')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Book the interpreter")).to_be_visible()
    expect(page.get_by_role("button", name="Send actions")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Book the interpreter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the action")
    axe(page)


def test_a_signatory_accepts_an_agreement_and_answers_an_invitation_by_keyboard(page, live_server, axe, sign_in_with_keyboard,
                                                                                coordinator):
    from clearsight.core.models import Organisation
    from clearsight.partnership.models import GroupMember

    refuge = Organisation.objects.get(name="Harbour Light Refuge")
    signatory = make_user(refuge, "data_protection_officer")
    outreach = InformationSharingAgreement.objects.get(title__startswith="Anytown night-time outreach")
    board = PartnershipGroup.objects.get(kind="strategic")
    GroupMember.objects.filter(group=board, organisation=refuge).update(accepted_at=None, accepted_by=None)
    base = f"{live_server.url}/partnership"
    sign_in_with_keyboard(page, signatory)

    expect(page.get_by_text("waiting for your organisation's acceptance")).to_be_visible()
    axe(page)
    page.goto(f"{base}/agreements/{outreach.public_id}/")
    expect(page.get_by_text("Waiting").first).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Accept version 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accept version 1 of the agreement")
    axe(page)
    page.get_by_role("button", name="Accept the agreement").click()
    expect(page.get_by_role("link", name="Confirm that you are authorised to accept these terms and have read them")).to_be_visible()
    axe(page)
    focus_on(page, "input[name='confirm']")
    page.keyboard.press("Space")
    focus_on(page, "button.govuk-button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Your organisation has accepted the agreement")).to_be_visible()
    axe(page)

    page.goto(f"{base}/agreements/{outreach.public_id}/end/")
    axe(page)

    page.goto(f"{base}/groups/")
    expect(page.get_by_role("heading", name="Invitations to join a group")).to_be_visible()
    axe(page)
    page.get_by_role("button", name=f"Accept the invitation to {board.name}").click()
    expect(page.get_by_text(f"Harbour Light Refuge has joined {board.name}")).to_be_visible()
    axe(page)
