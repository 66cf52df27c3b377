"""A spend file's columns confirmed in two tabs, in Debian's Chromium, checked with axe.

Given a file with Net Amount, VAT and Gross Amount columns waiting for its columns to be checked, when
the officer confirms the proposed columns in one tab and then chooses Gross Amount in another and
confirms, then the second tab says the columns were already confirmed, shows the column used beside
the one chosen, and says how to put it right; the page passes the check."""

import re

import pytest
from playwright.sync_api import expect

from clearsight.core.roles import Role
from clearsight.spend import importer
from clearsight.spend.models import SpendImport
from clearsight.spend.tasks import import_spend_file

from ..factories import OrganisationFactory, make_user
from .conftest import focus_on

VAT_CSV = (b"Supplier Name,Paid Date,Net Amount,VAT,Gross Amount\r\n"
           b"Acme Cleaning Ltd,07/04/2015,100.00,20.00,120.00\r\n"
           b"Bolt Engineering Ltd,08/04/2015,500.00,100.00,600.00\r\n")

@pytest.fixture
def waiting_file(transactional_db, settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    council = OrganisationFactory(name="Anytown Council")
    spend_import = importer.receive_file(council, "Anytown Council", "vat.csv", VAT_CSV)
    assert spend_import.status == SpendImport.Status.NEEDS_MAPPING
    return spend_import, make_user(council, Role.PROCUREMENT_OFFICER, Role.STAFF)

def test_columns_confirmed_in_two_tabs_say_which_were_used(page, live_server, axe, sign_in_with_keyboard, waiting_file):
    spend_import, officer = waiting_file
    sign_in_with_keyboard(page, officer)
    url = f"{live_server.url}/spend/imports/{spend_import.public_id}/columns"
    page.goto(url)
    other_tab = page.context.new_page()
    other_tab.goto(url)
    expect(other_tab.get_by_role("heading", level=1)).to_have_text("Check the columns")

    focus_on(page, "button.govuk-button")  # the first tab confirms what was proposed
    with page.expect_navigation():
        page.keyboard.press("Enter")
    import_spend_file.call(spend_import.pk)  # as the background worker would
    # The first tab follows the import to its report, then is left: no request of its own (the
    # progress page polls) runs alongside the second tab's, as the test database takes one at a time.
    page.wait_for_url(re.compile(r"/spend/imports/[0-9a-f-]+$"), timeout=15000)
    page.goto("about:blank")

    other_tab.locator("#id_col_amount").select_option("4")  # Gross Amount, the fifth column
    focus_on(other_tab, "button.govuk-button")
    with other_tab.expect_navigation():
        other_tab.keyboard.press("Enter")
    expect(other_tab.get_by_role("heading", level=1)).to_have_text("The columns were already confirmed")
    expect(other_tab.get_by_text("Your choice was not used.")).to_be_visible()
    expect(other_tab.get_by_text("Gross Amount").first).to_be_visible()
    axe(other_tab)
    spend_import.refresh_from_db()
    assert spend_import.total_amount == 600  # the net amounts, as the first tab confirmed
