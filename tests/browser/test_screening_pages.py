"""The risk screening pages in Debian's Chromium, checked with axe against WCAG 2.2 AA.

Given a procurement officer whose council has screened suppliers with spend, when they sign in by
keyboard, open the supply chain risk overview, choose a financial year, follow a supplier to its
page, screen it again by keyboard and read how risk is worked out, then every page passes the
accessibility check and the risk is explained in words."""

from datetime import date

import pytest
from playwright.sync_api import expect

from clearsight.core.roles import Role
from clearsight.screening.reference_data import ensure_loaded
from clearsight.screening.services import screen_suppliers

from ..factories import OrganisationFactory, SupplierFactory, make_user
from ..spend_helpers import make_spend
from .conftest import focus_on


@pytest.fixture
def risk_world(transactional_db):
    ensure_loaded()  # a live server test flushes the database, so put the reference data back
    council = OrganisationFactory(name="Anytown Council")
    user = make_user(council, Role.PROCUREMENT_OFFICER, Role.STAFF)
    builder = SupplierFactory(organisation=council, name="Northgate Build Ltd", sic_codes=["41201"],
                              operating_countries=["GB"], sourcing_countries=["ER"])
    stationer = SupplierFactory(organisation=council, name="Anytown Office Supplies", sic_codes=["47620"],
                                operating_countries=["GB"], sourcing_countries=["GB"])
    cleaner = SupplierFactory(organisation=council, name="Sparkle Cleaning Services", operating_countries=["GB"],
                              uses_agency_labour=True)
    make_spend(council, builder, "120000.00", paid_on=date(2024, 6, 1))
    make_spend(council, stationer, "8000.00", paid_on=date(2024, 6, 1))
    make_spend(council, cleaner, "45000.00", paid_on=date(2023, 6, 1))
    screen_suppliers(council)
    return user, builder


def test_risk_pages_are_accessible(page, live_server, axe, sign_in_with_keyboard, risk_world):
    user, builder = risk_world
    sign_in_with_keyboard(page, user)

    page.goto(f"{live_server.url}/supply-risk")
    expect(page.get_by_role("heading", level=1)).to_have_text("Supply chain risk")
    expect(page.locator("#tiers-table")).to_contain_text("£120,000")
    expect(page.locator("#next-table")).to_contain_text("Northgate Build Ltd")
    expect(page.get_by_role("img", name="Spend by risk tier")).to_be_visible()
    axe(page)

    # Choose a financial year by keyboard
    focus_on(page, "#year")
    page.keyboard.press("ArrowDown")
    page.select_option("#year", "2025")
    focus_on(page, "button:has-text('Show')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#ranked-table")).to_contain_text("Northgate Build Ltd")
    expect(page.locator("#ranked-table")).not_to_contain_text("Sparkle Cleaning")
    axe(page)

    # The supplier's page explains its risk; screen it again by keyboard
    page.get_by_role("link", name="Northgate Build Ltd").first.click()
    expect(page.locator("#risk-factors")).to_contain_text("Sources from Eritrea: Tier 3 in the US Trafficking in Persons report")
    axe(page)
    focus_on(page, "button:has-text('Screen again')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("has been screened again")).to_be_visible()
    axe(page)

    page.goto(f"{live_server.url}/supply-risk/reference-data")
    expect(page.get_by_role("heading", level=1)).to_have_text("How supplier risk is worked out")
    axe(page)
