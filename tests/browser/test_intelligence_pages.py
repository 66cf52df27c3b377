"""The intelligence, premises and business pages in Debian's Chromium, checked with axe against
WCAG 2.2 AA.

Given Anytown Police sharing intelligence with the council under an active agreement, premises with a
business that is also a council supplier, and graded reports (one restricted with handling code C,
one suspected false from an unreliable source), when a council coordinator who also works on
suppliers and handles concerns signs in by keyboard and goes through the reports, a report, the
forms (with their error states), the premises page and the business profile, then every page passes
the accessibility check."""

import datetime
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clearsight.core.roles import Role

from ..factories import BusinessFactory, IntelligenceReportFactory, OrganisationFactory, PremisesFactory, SupplierFactory, agreement_in_force, make_user
from ..spend_helpers import make_spend
from .conftest import focus_on


@pytest.fixture
def intelligence_world(transactional_db):
    council = OrganisationFactory(name="Anytown Council")
    police = OrganisationFactory(name="Anytown Police", kind="police", is_first_responder=True)
    today = timezone.localdate()
    agreement_in_force(council, police, kinds=["intelligence"], title="Anytown modern slavery information sharing",
                       starts_on=today - timedelta(days=30), review_on=today + timedelta(days=300))
    place = PremisesFactory(organisation=police, address="Unit 3, Station Yard\nMill Lane", postcode="AN4 3CW",
                            premises_type="hand_car_wash")
    supplier = SupplierFactory(organisation=council, name="Anytown Hand Car Wash", postcode="AN4 3CW")
    make_spend(council, supplier, "1200.00", datetime.date(2025, 6, 1))
    business = BusinessFactory(organisation=police, name="Anytown Hand Carwash", postcode="AN4 3CW",
                               supplier=supplier)
    business.premises.add(place)
    restricted = IntelligenceReportFactory(
        organisation=police, date=today - timedelta(days=10), subject_kind="premises", text="Six men live behind the wash bays.",
        source_evaluation="2", assessment="B", handling_code="C", handling_conditions="Do not disclose to the owner.")
    restricted.conditions_organisations.add(council)
    restricted.premises.add(place)
    restricted.businesses.add(business)
    doubtful = IntelligenceReportFactory(
        organisation=police, date=today - timedelta(days=2), subject_kind="vehicle", text="A white van moves workers.",
        source_evaluation="3", assessment="E", handling_code="P")
    user = make_user(council, Role.PARTNERSHIP_COORDINATOR, Role.PROCUREMENT_OFFICER, Role.FIRST_RESPONDER, Role.STAFF)
    return user, place, business, restricted, doubtful


def test_intelligence_pages_are_accessible(page, live_server, axe, sign_in_with_keyboard, intelligence_world):
    user, place, business, restricted, doubtful = intelligence_world
    base = live_server.url
    sign_in_with_keyboard(page, user)

    page.goto(f"{base}/intelligence")
    expect(page.get_by_role("heading", level=1)).to_have_text("Intelligence reports")
    expect(page.get_by_role("link", name=restricted.reference)).to_be_visible()
    axe(page)

    page.goto(f"{base}/intelligence/{restricted.public_id}")
    expect(page.get_by_text("Do not disclose to the owner.")).to_be_visible()
    axe(page)
    page.goto(f"{base}/intelligence/{doubtful.public_id}")
    expect(page.locator(".govuk-warning-text").first).to_contain_text("suspected to be false")
    axe(page)

    # Recording intelligence by keyboard: the error state first.
    page.goto(f"{base}/intelligence/new")
    focus_on(page, "#id_text")
    page.keyboard.type("Workers seen sleeping in the van.")
    focus_on(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator("#id_text")).to_have_value("Workers seen sleeping in the van.")
    axe(page)

    page.goto(f"{base}/premises")
    expect(page.get_by_role("link", name="Unit 3, Station Yard, AN4 3CW")).to_be_visible()
    axe(page)
    page.goto(f"{base}/premises/{place.public_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Unit 3, Station Yard, AN4 3CW")
    expect(page.get_by_role("link", name=restricted.reference)).to_be_visible()
    axe(page)
    # Linking a concern that does not exist: the error state.
    focus_on(page, "#id_reference")
    page.keyboard.type("MS-NOPE-NOPE")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)

    page.goto(f"{base}/premises/new")
    focus_on(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the address of the premises")
    axe(page)

    page.goto(f"{base}/businesses")
    expect(page.get_by_role("link", name="Anytown Hand Carwash")).to_be_visible()
    axe(page)
    page.goto(f"{base}/businesses/{business.public_id}")
    expect(page.get_by_role("heading", name="As a supplier to Anytown Council")).to_be_visible()
    expect(page.locator("#supplier-spend")).to_contain_text("£1,200")
    axe(page)
    page.goto(f"{base}/businesses/new")
    focus_on(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the name of the business")
    axe(page)
