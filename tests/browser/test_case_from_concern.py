"""Opening a case from a concern, then recording the NRM referral and the Reasonable Grounds decision
each on its own short form from the case's timeline, by keyboard, with axe on every page (issue 17).

Given a first responder who is also a caseworker, and a concern about a child they have triaged,
when they open a case from the concern page and record the referral and then a decision that came
after its due date, then each form asks only about its own event, the timeline shows both events
and flags the late decision, and offers what can happen next."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clearsight.cases.models import Case, NrmRecord
from clearsight.concerns.models import ExploitationType, Indicator
from clearsight.concerns.reference_data import load as load_reference
from clearsight.core.roles import Role

from ..concern_helpers import make_concern, triage
from ..factories import OrganisationFactory, TeamFactory, TeamMemberFactory, make_user
from .conftest import focus_on


@pytest.fixture
def responder_and_concern(transactional_db):
    load_reference(Indicator, ExploitationType)  # the transactional database starts empty
    council = OrganisationFactory(name="Anytown Council")
    team = TeamFactory(organisation=council, name="Children's exploitation team")
    responder = make_user(council, Role.FIRST_RESPONDER, Role.CASEWORKER, Role.STAFF)
    TeamMemberFactory(team=team, user=responder)
    concern = make_concern(make_user(council, Role.STAFF), people=[("Jamie Rivers", "child")])
    triage(concern, responder, age="child")
    return responder, concern


def type_date(page, group, day):
    """Fill a GOV.UK date input by keyboard: Tab to its day box, then type each part."""
    fieldset = page.get_by_role("group", name=group)
    focus_on(page, f"#{fieldset.get_by_label('Day').get_attribute('id')}")
    page.keyboard.type(str(day.day))
    page.keyboard.press("Tab")
    page.keyboard.type(str(day.month))
    page.keyboard.press("Tab")
    page.keyboard.type(str(day.year))


def press_link(page, name):
    """Tab to the link (or link styled as a button) and press Enter, as a keyboard user would."""
    link = page.get_by_role("link", name=name, exact=True).first
    link.evaluate("(el) => el.setAttribute('data-test-target', '1')")
    focus_on(page, "[data-test-target]")
    link.evaluate("(el) => el.removeAttribute('data-test-target')")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_open_a_case_from_a_concern_and_record_nrm_events_by_keyboard(
    page, live_server, axe, sign_in_with_keyboard, responder_and_concern
):
    responder, concern = responder_and_concern
    today = timezone.localdate()
    referred, decided = today - timedelta(days=30), today  # 5 working days after the referral is long past
    sign_in_with_keyboard(page, responder)

    # The concern page offers to open a case
    page.goto(f"{live_server.url}/concerns/{concern.public_id}")
    expect(page.get_by_role("link", name="Open a case", exact=True)).to_be_visible()
    axe(page)
    press_link(page, "Open a case")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search for the person first")
    expect(page.locator("#id_name")).to_have_value("Jamie Rivers")
    axe(page)
    focus_on(page, "#id_name")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    focus_on(page, "button:has-text('Record a new person')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a new person and open a case")
    expect(page.get_by_label("First name")).to_have_value("Jamie")
    axe(page)
    focus_on(page, "input[name=category]")  # Tab reaches the first choice; the arrow key moves to the next
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Thought to be a victim of exploitation")).to_be_checked()
    focus_on(page, "button:has-text('Open the case')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview")
    case = Case.objects.get(source_concern=concern.public_id)
    expect(page.get_by_role("link", name=f"Concern {concern.reference}")).to_be_visible()
    axe(page)

    # Back on the concern page, the case is linked instead of offered again
    page.goto(f"{live_server.url}/concerns/{concern.public_id}")
    expect(page.get_by_role("link", name=f"case {case.reference}")).to_be_visible()
    expect(page.get_by_role("link", name="Open a case", exact=True)).to_have_count(0)
    axe(page)

    # The timeline offers the referral: its own short form
    page.goto(f"{live_server.url}/cases/{case.public_id}")
    focus_on(page, "nav[aria-label='Case sections'] a:has-text('Timeline')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Timeline")
    axe(page)
    press_link(page, "Record an NRM referral")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record an NRM referral")
    expect(page.get_by_role("group", name="What was the Reasonable Grounds decision?")).to_have_count(0)
    axe(page)
    focus_on(page, "button:has-text('Save')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date they were referred to the NRM")
    expect(page).to_have_title(re.compile("^Error: "))
    axe(page)
    type_date(page, "Date referred to the NRM", referred)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Timeline")
    expect(page.get_by_role("heading", name="Referred to the NRM")).to_be_visible()
    axe(page)

    # Then the Reasonable Grounds decision, on its own form; it came after its due date
    press_link(page, "Record the Reasonable Grounds decision")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the Reasonable Grounds decision")
    expect(page.get_by_role("group", name="Date referred to the NRM")).to_have_count(0)
    axe(page)
    focus_on(page, "input[name=decision][value=positive]")
    page.keyboard.press("Space")
    type_date(page, "Date of the decision", decided)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Timeline")
    item = page.locator(".moj-timeline__item", has_text="Positive Reasonable Grounds decision")
    expect(item.locator(".govuk-tag--red")).to_have_text("Late decision")
    expect(page.get_by_role("link", name="Record the Conclusive Grounds decision")).to_be_visible()
    axe(page)
    record = NrmRecord.objects.get(case=case)
    assert (record.referred_on, record.rg_decision, record.rg_decided_on) == (referred, "positive", decided)

    # The case page flags it too
    page.goto(f"{live_server.url}/cases/{case.public_id}")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Late decision")
    axe(page)
