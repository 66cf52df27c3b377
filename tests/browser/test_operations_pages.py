"""The disruption operation pages in Debian's Chromium, checked with axe against WCAG 2.2 AA.

Given a partnership coordinator who is also a first responder, with a triaged concern about a
child, when they plan an operation (first with a mistake), record its outcomes, link the child by the
concern's reference and open the figures, then every page passes the accessibility check and the
figures count the child."""

import pytest
from playwright.sync_api import expect

from clearsight.concerns.models import ExploitationType
from clearsight.core.roles import Role

from ..concern_helpers import triaged_concern
from ..factories import OrganisationFactory, PremisesFactory, make_user
from .conftest import focus_on


@pytest.fixture
def operations_world(transactional_db):
    council = OrganisationFactory(name="Anytown Council")
    OrganisationFactory(name="Anytown Police", kind="police", is_first_responder=True)
    if not ExploitationType.objects.exists():
        ExploitationType.objects.create(code="forced-to-work", label="Forced to work", home_office_key="x", source="test",
                                        version="1")
    PremisesFactory(organisation=council, address="Unit 3, Station Yard", postcode="AN4 3CW", premises_type="hand_car_wash")
    user = make_user(council, Role.PARTNERSHIP_COORDINATOR, Role.FIRST_RESPONDER, Role.STAFF)
    concern = triaged_concern(make_user(council, Role.STAFF), [("child", "unable")])
    return user, concern


def test_operation_pages_are_accessible(page, live_server, axe, sign_in_with_keyboard, operations_world):
    user, concern = operations_world
    sign_in_with_keyboard(page, user)

    page.goto(f"{live_server.url}/operations")
    expect(page.get_by_role("heading", level=1)).to_have_text("Disruption operations")
    axe(page)

    # Plan an operation by keyboard: first without a date
    focus_on(page, "a:has-text('Plan an operation')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan an operation")
    axe(page)
    focus_on(page, "#id_name")
    page.keyboard.type("Operation Lather")
    page.get_by_role("button", name="Save the operation").click()
    expect(page.get_by_role("link", name="Enter the date of the operation")).to_be_visible()
    expect(page.locator("#id_name")).to_have_value("Operation Lather")
    axe(page)
    page.locator("#id_date-day").fill("3")
    page.locator("#id_date-month").fill("3")
    page.locator("#id_date-year").fill("2026")
    page.get_by_label("Anytown Police").check()
    page.get_by_label("Unit 3, Station Yard").check()
    page.locator("input[name=exploitation_types]").first.check()
    page.get_by_label("Carried out").check()
    focus_on(page, "button:has-text('Save the operation')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Operation Lather")
    axe(page)

    # Outcomes, with a mistake first
    page.get_by_role("link", name="Record outcomes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record outcomes")
    axe(page)
    page.get_by_label("Arrests under the Modern Slavery Act 2015").fill("two")
    page.get_by_role("button", name="Save the outcomes").click()
    expect(page.get_by_role("link", name="Arrests under the Modern Slavery Act 2015 must be a whole number, like 2")).to_be_visible()
    axe(page)
    page.get_by_label("Arrests under the Modern Slavery Act 2015").fill("2")
    page.get_by_role("button", name="Save the outcomes").click()
    expect(page.get_by_text("The outcomes have been saved.")).to_be_visible()

    # Link the child found, by the concern's reference
    page.get_by_role("link", name="Link a potential victim").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Link a potential victim")
    axe(page)
    page.get_by_label("Concern or case reference").fill("MS-0000-0000")
    page.get_by_role("button", name="Link the potential victim").click()
    expect(page.get_by_role("link", name="No concern with that reference is open to you")).to_be_visible()
    axe(page)
    page.get_by_label("Concern or case reference").fill(concern.reference)
    page.get_by_role("button", name="Link the potential victim").click()
    expect(page.locator("#victims")).to_contain_text(f"Concern {concern.reference}")
    axe(page)

    # Record an intervention
    page.get_by_role("link", name="Record an intervention").click()
    axe(page)
    page.get_by_label("Agency").select_option(label="Anytown Police")
    page.get_by_label("Welfare check of workers").check()
    page.get_by_label("How many").fill("4")
    page.get_by_role("button", name="Save the intervention").click()
    expect(page.locator("#interventions")).to_contain_text("Welfare check of workers")

    # Figures: a chart and its table for each
    page.goto(f"{live_server.url}/operations/figures")
    expect(page.get_by_role("heading", level=1)).to_have_text("What disruption operations achieved")
    expect(page.locator("#victims-table")).to_contain_text("Children")
    expect(page.locator("#per-operation-table")).to_contain_text("Operation Lather")
    expect(page.locator("#victims-table")).to_contain_text("Children referred to the NRM")
    axe(page)

    # The figures for the financial year the operation fell in (3 March 2026: 2025 to 2026)
    page.get_by_label("Period").select_option(label="2025 to 2026 (financial year)")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("main")).to_contain_text("in the financial year 2025 to 2026")
    expect(page.locator("#per-operation-table")).to_contain_text("Operation Lather")
    axe(page)
