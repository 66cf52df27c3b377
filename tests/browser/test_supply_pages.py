"""The supplier and contract register pages in Debian's Chromium, checked with axe against WCAG 2.2 AA.

Given a procurement officer with a small register, when they sign in by keyboard, search the
supplier register, open a flagged supplier, add a supplier by keyboard (first with mistakes), add a
statement, go through the contract register, a contract, the contract form with its errors, and the
import with rejected rows and then a good file; and a first responder links a concern to a supplier,
then every page passes the accessibility check and works from the keyboard."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from clearsight.core.roles import Role
from clearsight.supply.names import normalise_name
from clearsight.supply.reference import load_sic_codes

from ..concern_helpers import make_concern, triage
from ..factories import ContractFactory, OrganisationFactory, SupplierFactory, make_user
from ..spend_helpers import make_spend
from .conftest import focus_on


def _supplier(organisation, name, **fields):
    supplier = SupplierFactory(organisation=organisation, name=name, **fields)
    supplier.aliases.create(organisation=organisation, name=name, normalised=normalise_name(name))
    return supplier


@pytest.fixture
def register(transactional_db):
    load_sic_codes()
    council = OrganisationFactory(name="Anytown Council")
    officer = make_user(council, Role.PROCUREMENT_OFFICER, Role.STAFF)
    manager = make_user(council, Role.CONTRACT_MANAGER)
    sentinel = _supplier(council, "Sentinel Security Group plc", sectors=["security"], sic_codes=["80100"],
                         annual_turnover=Decimal("52000000"), is_sme=False, uses_agency_labour=True, postcode="AN1 2SG")
    sentinel.licences.create(kind="sia", number="SIA-1")
    sentinel.statements.create(year=2019, areas_covered=["structure", "policies"], board_approved=True, signed=True)
    sentinel.contacts.create(name="Alan Pike", role="Compliance manager", email="alan@sentinel.example", is_main=True)
    cleaner = _supplier(council, "BrightClean Services Ltd", sectors=["cleaning"], postcode="AN1 8BC")
    ContractFactory(organisation=council, supplier=sentinel, title="Security guarding at the civic centre",
                    reference="AC-0204", total_value=Decimal("1640000"), contract_manager=manager)
    ContractFactory(organisation=council, supplier=cleaner, title="Window cleaning", total_value=Decimal("9600"))
    # Paid under two names and one supplier number: the spend section lists how the files name it.
    make_spend(council, sentinel, "1200.00", date(2024, 5, 1), payee_name="SENTINEL SECURITY GROUP PLC", payee_code="20001")
    make_spend(council, sentinel, "800.00", date(2025, 6, 1), payee_name="Sentinel Guarding Ltd", payee_code="20001")
    return council, officer, sentinel, cleaner


def test_supply_pages_are_accessible(page, live_server, axe, sign_in_with_keyboard, register, tmp_path):
    council, officer, sentinel, cleaner = register
    sign_in_with_keyboard(page, officer)

    # The supplier register, searched by keyboard
    page.goto(f"{live_server.url}/suppliers")
    expect(page.get_by_role("heading", level=1)).to_have_text("Supplier register")
    axe(page)
    focus_on(page, "#q")
    page.keyboard.type("sentinel")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "sentinel" not in page.url.lower()
    expect(page.get_by_role("link", name="Sentinel Security Group plc")).to_be_visible()
    expect(page.get_by_role("link", name="BrightClean Services Ltd")).to_have_count(0)
    axe(page)

    # The flagged supplier's page, by keyboard
    focus_on(page, "a:has-text('Sentinel Security Group plc')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sentinel Security Group plc")
    expect(page.get_by_text("This supplier has no current modern slavery statement")).to_be_visible()
    expect(page.get_by_text("80100 – Private security activities")).to_be_visible()
    expect(page.locator("#spend-names")).to_contain_text("Sentinel Guarding Ltd")
    axe(page)

    # Add a statement
    page.get_by_role("link", name="Add a statement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a modern slavery statement")
    axe(page)
    page.get_by_role("button", name="Add the modern slavery statement").click()
    expect(page.get_by_role("link", name="Enter the year the statement covers")).to_be_visible()
    axe(page)

    # Remove a contact: the confirmation page
    page.goto(f"{live_server.url}/suppliers/{sentinel.public_id}")
    page.get_by_role("link", name="Remove Alan Pike").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Are you sure you want to remove this contact?")
    axe(page)

    # Add a supplier by keyboard alone: first with mistakes, then correctly
    page.goto(f"{live_server.url}/suppliers/new")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a supplier")
    axe(page)
    focus_on(page, "#id_postcode")
    page.keyboard.type("not a postcode")
    focus_on(page, "button:has-text('Add the supplier')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Enter the supplier's name")).to_be_visible()
    expect(page.locator("#id_postcode")).to_have_value("not a postcode")
    axe(page)
    focus_on(page, "#id_name")
    page.keyboard.type("Pen & Paper (Anytown) Ltd")
    focus_on(page, "#id_postcode")
    page.keyboard.press("Control+A")
    page.keyboard.type("AN1 3PP")
    focus_on(page, "input[name=sectors]")
    page.keyboard.press("Space")
    focus_on(page, "button:has-text('Add the supplier')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pen & Paper (Anytown) Ltd")
    axe(page)
    page.get_by_role("link", name="Change the supplier's details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the supplier's details")
    axe(page)

    # Contracts
    page.goto(f"{live_server.url}/contracts")
    expect(page.get_by_role("heading", level=1)).to_have_text("Contract register")
    axe(page)
    page.get_by_role("link", name="Security guarding at the civic centre").click()
    expect(page.get_by_text("ethical employment code in supply chains")).to_be_visible()
    axe(page)
    page.goto(f"{live_server.url}/contracts/new")
    page.get_by_label("Supplier", exact=True).fill("Nobody Ltd")
    page.get_by_role("button", name="Add the contract").click()
    expect(page.get_by_role("link", name="Enter the contract's title")).to_be_visible()
    axe(page)

    # Import: rejected rows, then a good file
    page.goto(f"{live_server.url}/contracts/import")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a contract register")
    axe(page)
    bad = tmp_path / "bad.csv"
    bad.write_text("Contract Title,Supplier,Annual Value\n,Acme Ltd,100\nCleaning,Acme Ltd,lots\n")
    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("Nothing was imported: 2 problems found")).to_be_visible()
    axe(page)
    good = tmp_path / "good.csv"
    good.write_text('Contract Title,Supplier,Total Contract Value,Start Date\nCleaning,Acme Ltd,"£12,000",TBC\n')
    page.get_by_label("CSV file").set_input_files(str(good))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("1 contract imported")).to_be_visible()
    axe(page)


def test_linking_a_concern_to_a_supplier_is_accessible(page, live_server, axe, sign_in_with_keyboard, register):
    council, officer, sentinel, cleaner = register
    reporter = make_user(council, Role.STAFF)
    responder = make_user(council, Role.FIRST_RESPONDER, Role.STAFF)
    concern = make_concern(reporter)
    triage(concern, responder, supplier=True)
    sign_in_with_keyboard(page, responder)
    page.goto(f"{live_server.url}/concerns/{concern.public_id}")
    page.get_by_role("link", name="Link this concern to a supplier of the council").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Link the concern to a supplier")
    axe(page)
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Enter the supplier's name")).to_be_visible()
    axe(page)
    focus_on(page, "#q")
    page.keyboard.type("bright")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    focus_on(page, "#supplier-choice")
    page.keyboard.press("Space")
    focus_on(page, "button:has-text('Link the concern to this supplier')")
    axe(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("The concern has been linked to BrightClean Services Ltd.")).to_be_visible()
    expect(page.get_by_role("button", name="Remove link to BrightClean Services Ltd")).to_be_visible()
    axe(page)


def test_two_tabs_changing_a_supplier_keep_both_changes_and_show_what_both_changed(page, live_server, axe,
                                                                                   sign_in_with_keyboard, register):
    """The journey that once lost a colleague's change. Given the supplier's details open in two
    tabs, when the first saves a new turnover and the second only a new postcode, then the second is
    refused with the turnover as it is now in the form, and saving again keeps both changes; when both
    change what the supplier provides, the error summary says what it is now and links to the field."""
    council, officer, sentinel, cleaner = register
    sign_in_with_keyboard(page, officer)
    url = f"{live_server.url}/suppliers/{sentinel.public_id}/edit"
    tab_2 = page.context.new_page()
    page.goto(url)
    tab_2.goto(url)

    page.get_by_label("Annual turnover (optional)").fill("£2,000,000")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sentinel Security Group plc")

    tab_2.get_by_label("Postcode (optional)").fill("AN1 9ZZ")
    tab_2.get_by_role("button", name="Save the changes").click()
    summary = tab_2.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Someone else changed this record while you were editing it.")
    expect(summary).to_contain_text("The form now shows their change to annual turnover.")
    expect(tab_2.get_by_label("Annual turnover (optional)")).to_have_value("2000000.00")
    expect(tab_2.get_by_label("Postcode (optional)")).to_have_value("AN1 9ZZ")
    axe(tab_2)
    tab_2.get_by_role("button", name="Save the changes").click()
    expect(tab_2.get_by_role("heading", level=1)).to_have_text("Sentinel Security Group plc")
    sentinel.refresh_from_db()
    assert (sentinel.annual_turnover, sentinel.postcode) == (Decimal("2000000"), "AN1 9ZZ")

    # Both change what the supplier provides: the second sees what it is now before replacing it.
    page.goto(url)
    tab_2.goto(url)
    page.get_by_label("What they provide (optional)").fill("Guarding and CCTV")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sentinel Security Group plc")
    tab_2.get_by_label("What they provide (optional)").fill("Event stewarding")
    tab_2.get_by_role("button", name="Save the changes").click()
    message = "Someone else changed what they provide to “Guarding and CCTV” since you opened the page"
    link = tab_2.locator(".govuk-error-summary").get_by_role("link", name=message)
    expect(link).to_be_visible()
    expect(tab_2.locator("#id_keywords-error")).to_contain_text(message)
    axe(tab_2)
    link.click()
    expect(tab_2.get_by_label("What they provide (optional)")).to_be_focused()
    expect(tab_2.get_by_label("What they provide (optional)")).to_have_value("Event stewarding")
    tab_2.get_by_role("button", name="Save the changes").click()
    expect(tab_2.get_by_role("heading", level=1)).to_have_text("Sentinel Security Group plc")
    sentinel.refresh_from_db()
    assert sentinel.keywords == "Event stewarding"
