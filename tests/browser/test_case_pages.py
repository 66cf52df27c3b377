"""The casework pages in Debian's Chromium, checked with axe against WCAG 2.2 AA.

Given a caseworker with a case (a child waiting a long time for a Conclusive Grounds decision and
about to turn 18, shared with a refuge), when they sign in by keyboard and go through their cases,
search before opening a case, and visit each section of the case, then every page, its error states
and its "are you sure" pages pass the accessibility check with the GOV.UK and MoJ scripts running."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clearsight.cases import services
from clearsight.cases.models import RiskStatus
from clearsight.concerns.models import ExploitationType, Indicator
from clearsight.concerns.reference_data import load as load_reference
from clearsight.core.roles import Role

from ..factories import ContactChannelFactory, NrmRecordFactory, OrganisationFactory, PartnershipFactory, TeamFactory, TeamMemberFactory, make_user
from .conftest import focus_on




@pytest.fixture
def caseworker_and_case(transactional_db):
    load_reference(Indicator, ExploitationType)  # the transactional database starts empty
    council = OrganisationFactory(name="Anytown Council")
    refuge = OrganisationFactory(name="Harbour Light Refuge", kind="voluntary", is_first_responder=False)
    charity = OrganisationFactory(name="Open Door Migrant Support", kind="voluntary", is_first_responder=False)
    partnership = PartnershipFactory(name="Anytown Safeguarding Partnership", kind="safeguarding",
                                     information_sharing_agreement="Anytown partnership agreement")
    partnership.members.set([council, refuge, charity])
    team = TeamFactory(organisation=council, name="Children's exploitation team")
    caseworker = make_user(council, Role.CASEWORKER, Role.STAFF)
    TeamMemberFactory(team=team, user=caseworker)
    today = timezone.localdate()
    birthday = today + timedelta(days=30)
    try:
        dob = birthday.replace(year=birthday.year - 18)
    except ValueError:
        dob = birthday.replace(year=birthday.year - 18, day=28)
    case = services.open_case(
        user=caseworker, team=team, category=RiskStatus.Category.VICTIM,
        exploitation_types=["child-criminal-exploitation", "county-lines"], markers=["missing"],
        new_person={"first_name": "Alex", "last_name": "Smith", "date_of_birth": dob},
    )
    person = case.person
    person.aliases = "Lexi"
    person.save()
    ContactChannelFactory(person=person, kind="phone", value="07700 900123", safe_to_contact=True, notes="Text first")
    ContactChannelFactory(person=person, kind="address", value="14 Fernhill Road", safe_to_contact=False)
    NrmRecordFactory(case=case, referred_on=today - timedelta(days=150), rg_decision="positive",
                     rg_decided_on=today - timedelta(days=141))
    share = services.share_case(case, refuge, agreement="Anytown partnership agreement",
                                reason="The refuge gives him a place of safety.", user=caseworker)
    colleague = make_user(council, Role.CASEWORKER, Role.STAFF)  # in the same team: may be assigned
    TeamMemberFactory(team=team, user=colleague)
    # A person known only to another team: found by search before create, without their details
    adults = TeamFactory(organisation=council, name="Adult safeguarding team")
    adult_worker = make_user(council, Role.CASEWORKER, Role.STAFF)
    TeamMemberFactory(team=adults, user=adult_worker)
    services.open_case(user=adult_worker, team=adults, category=RiskStatus.Category.VICTIM,
                       new_person={"first_name": "Jordan", "last_name": "Price", "date_of_birth": date(1990, 2, 3)})
    return caseworker, case, share


def test_case_pages_are_accessible(page, live_server, axe, sign_in_with_keyboard, caseworker_and_case):
    caseworker, case, share = caseworker_and_case
    base = f"{live_server.url}/cases/{case.public_id}"
    sign_in_with_keyboard(page, caseworker)

    # Your cases
    page.goto(f"{live_server.url}/cases/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your cases")
    expect(page.get_by_role("link", name="Alex Smith")).to_be_visible()
    axe(page)

    # Open a case: search first, by keyboard, then the possible matches
    page.get_by_role("link", name="Open a case").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Search for the person first")
    axe(page)
    focus_on(page, "#id_name")
    page.keyboard.type("Alex Smyth")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="1 possible match")).to_be_visible()
    expect(page.get_by_text("Similar name: Alex Smith")).to_be_visible()
    axe(page)
    # The search is sent in the form, never in the address
    assert "Smyth" not in page.url
    # Someone known only to another team: a warning, and nothing about them
    page.goto(f"{live_server.url}/cases/open")
    page.locator("#id_name").fill("Jordan Price")
    page.locator("#id_date_of_birth-day").fill("3")
    page.locator("#id_date_of_birth-month").fill("2")
    page.locator("#id_date_of_birth-year").fill("1990")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".govuk-warning-text")).to_contain_text(
        "A person with a similar name and date of birth is already known to Adult safeguarding team at Anytown Council.")
    expect(page.locator(".govuk-summary-card")).to_have_count(0)
    axe(page)
    page.get_by_role("button", name="Record a new person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a new person and open a case")
    expect(page.get_by_label("Last name")).to_have_value("Price")
    axe(page)
    page.get_by_role("button", name="Open the case").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page).to_have_title(re.compile("^Error: "))
    axe(page)

    # The overview: identity bar, sub navigation and what needs attention
    page.goto(base)
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview")
    expect(page.locator(".moj-identity-bar")).to_contain_text(case.reference)
    expect(page.get_by_role("navigation", name="Case sections").get_by_role("link", name="Overview")).to_have_attribute("aria-current", "page")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("before a Conclusive Grounds decision")
    axe(page)

    # Caseworkers: assigning one, and the "are you sure" page for ending an assignment
    page.get_by_role("link", name="Change caseworkers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseworkers")
    axe(page)
    page.get_by_role("button", name="Assign caseworker").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the caseworker to assign")
    expect(page).to_have_title(re.compile("^Error: "))
    axe(page)
    page.locator("input[name=caseworker]").first.check()
    page.get_by_role("button", name="Assign caseworker").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("is now a caseworker on this case")
    axe(page)
    page.get_by_role("link", name=re.compile("^End assignment")).last.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Are you sure you want to end")
    axe(page)

    # Recording a change of exploitation status, and its error state
    page.goto(base)
    page.get_by_role("link", name="Record a change of exploitation status").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a change of exploitation status")
    axe(page)
    page.get_by_role("button", name="Record status").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date this status applies from")
    expect(page).to_have_title(re.compile("^Error: "))
    axe(page)
    today = timezone.localdate()
    for part, value in (("Day", today.day), ("Month", today.month), ("Year", today.year)):
        page.get_by_role("group", name="From what date?").get_by_label(part).fill(str(value))
    page.get_by_label("At risk of exploitation").check()
    page.get_by_role("button", name="Record status").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview")
    expect(page.get_by_role("table", name="Exploitation status history, most recent first")).to_contain_text("At risk of exploitation")
    axe(page)

    # The person, changing their details, and the error state
    page.get_by_role("navigation", name="Case sections").get_by_role("link", name="Person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Person")
    expect(page.get_by_role("cell", name="Not safe")).to_be_visible()
    axe(page)
    # The subject access export, checked on a page before it is downloaded
    page.get_by_role("link", name="See everything held about this person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Subject access export")
    expect(page.get_by_role("heading", name="Who has viewed or changed these records")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as PDF").click()
    assert download.value.suggested_filename.startswith("subject-access-")
    axe(page)
    page.goto(f"{base}/person/edit")
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the person's details")
    axe(page)
    page.locator("#id_date_of_birth-day").fill("31")
    page.locator("#id_date_of_birth-month").fill("2")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The date of birth must be a real date")
    expect(page).to_have_title(re.compile("^Error: "))
    axe(page)
    page.goto(f"{base}/person/contacts/add")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a contact")
    axe(page)

    # The NRM decision tracker and its form
    page.goto(f"{base}/nrm")
    expect(page.get_by_role("heading", level=1)).to_have_text("NRM decisions")
    expect(page.get_by_text("Waiting 141 days since the Reasonable Grounds decision")).to_be_visible()
    axe(page)
    page.goto(f"{base}/nrm/conclusive-grounds")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the Conclusive Grounds decision")
    axe(page)
    page.goto(f"{base}/nrm/referral")
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the referral details")
    axe(page)
    page.goto(f"{base}/nrm/extensions/add")
    expect(page.get_by_role("heading", level=1)).to_have_text("Extend move-on support")
    axe(page)

    # The timeline
    page.goto(f"{base}/timeline")
    expect(page.get_by_role("heading", level=1)).to_have_text("Timeline")
    expect(page.locator(".moj-timeline__item").first).to_be_visible()
    axe(page)

    # Sharing, its error state, and the "are you sure" page for ending a share
    page.goto(f"{base}/sharing")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sharing")
    axe(page)
    page.get_by_role("button", name="Share the case").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why you are sharing this case")
    axe(page)
    page.goto(f"{base}/sharing/{share.pk}/end")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Are you sure you want to stop sharing this case with Harbour Light Refuge?")
    axe(page)

    # Closing: the "are you sure" page
    page.goto(f"{base}/close")
    expect(page.get_by_role("heading", level=1)).to_have_text("Are you sure you want to close this case?")
    expect(page.get_by_role("button", name="Close the case")).to_be_visible()
    axe(page)
