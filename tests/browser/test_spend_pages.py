"""The spend pages in Debian's Chromium, checked with axe against WCAG 2.2 AA.

A procurement officer signs in by keyboard, uploads a spend file by keyboard (the GOV.UK file
upload), waits while the worker reads it, checks the columns, watches the progress bar (the background worker runs meanwhile) until
the script takes them to the report, then sees the imports list and the spend overview; a file with
bad lines shows its rejected rows."""

import re

import pytest
from playwright.sync_api import expect

from clearsight.core.roles import Role
from clearsight.spend import importer
from clearsight.spend.models import SpendImport
from clearsight.spend.tasks import import_spend_file

from ..factories import OrganisationFactory, make_user
from .conftest import focus_on

REPORT_URL = re.compile(r"/spend/imports/[0-9a-f-]+$")
COLUMNS_URL = re.compile(r"/spend/imports/[0-9a-f-]+/columns$")
CSV = ("Supplier Name,Paid Date,Amount,Expenditure Category\r\n"
       "Acme Cleaning Ltd,07/04/2015,\"1,450.18\",Cleaning\r\n"
       "Redacted personal data,08/04/2015,600.00,Grants\r\n"
       "Bolt Builders,00:00:00,(50.00),Building\r\n")


@pytest.fixture
def officer(transactional_db, settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    council = OrganisationFactory(name="Anytown Council")
    return make_user(council, Role.PROCUREMENT_OFFICER, Role.STAFF)


def test_spend_pages_are_accessible_and_the_upload_works_by_keyboard(page, live_server, axe, sign_in_with_keyboard,
                                                                    officer, tmp_path):
    good = tmp_path / "spend-apr-jun-2015.csv"
    good.write_text(CSV)
    sign_in_with_keyboard(page, officer)

    page.goto(f"{live_server.url}/spend/imports/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Spend imports")
    axe(page)
    focus_on(page, "a.govuk-button")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Upload, keyboard only: an error first, then the file
    expect(page.get_by_role("heading", level=1)).to_have_text("Upload a spend file")
    axe(page)
    focus_on(page, "#id_publisher")
    page.keyboard.type("Anytown Council")
    focus_on(page, "button.govuk-button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a spend file")
    expect(page.locator("#id_publisher")).to_have_value("Anytown Council")
    axe(page)
    focus_on(page, "#id_file")  # reachable by keyboard; the file itself is chosen in the system's dialog
    page.locator("#id_file").set_input_files(str(good))
    focus_on(page, "button.govuk-button")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Reading the file: the upload only stored it, and the worker has not run yet
    expect(page.get_by_role("heading", level=1)).to_have_text("Reading your file")
    expect(page.locator("#spend-progress-text")).to_have_attribute("aria-live", "polite")
    axe(page)
    import_spend_file.call(SpendImport.objects.get().pk)  # as the background worker would
    page.wait_for_url(COLUMNS_URL, timeout=15000)

    # Check the columns
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the columns")
    expect(page.locator("#preview")).to_contain_text("Acme Cleaning Ltd")
    axe(page)
    expect(page.get_by_label("Amount")).to_have_value("2")
    expect(page.get_by_label("Credits in a column of their own")).to_have_value("")  # not a ledger's file
    focus_on(page, "button.govuk-button")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Progress: the worker has not run yet
    expect(page.get_by_role("heading", level=1)).to_have_text("Importing the spend file")
    expect(page.locator("#spend-progress-text")).to_have_attribute("aria-live", "polite")
    axe(page)
    spend_import = SpendImport.objects.get()
    importer.run_import(spend_import.pk)  # as the background worker would
    page.wait_for_url(REPORT_URL, timeout=15000)

    # The report
    expect(page.get_by_role("heading", level=1)).to_contain_text("Import report")
    expect(page.locator("#line-count")).to_have_text("3")
    expect(page.locator(".govuk-warning-text").first).to_contain_text("no date")
    axe(page)

    page.goto(f"{live_server.url}/spend/")
    expect(page.locator("#top-suppliers")).to_contain_text("Acme Cleaning Ltd")
    axe(page)

    # A file with bad lines: nothing imported, every row named
    bad = tmp_path / "bad.csv"
    bad.write_text(CSV.replace("600.00", "6.0.0").replace("07/04/2015", "31/02/2015"))
    page.goto(f"{live_server.url}/spend/imports/upload")
    page.get_by_label("Who published the file?").fill("Anytown Council")
    page.get_by_label("Upload a spend file").set_input_files(str(bad))
    page.get_by_role("button", name="Upload and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reading your file")
    # The layout is known now: the worker reads the file, and the remembered columns are shown for checking
    bad_import = SpendImport.objects.filter(file_name="bad.csv").get()
    import_spend_file.call(bad_import.pk)
    page.wait_for_url(COLUMNS_URL, timeout=15000)
    expect(page.locator("#remembered")).to_contain_text("These are the columns confirmed for Anytown Council")
    axe(page)
    page.get_by_role("button", name="Import with these columns").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Importing the spend file")
    importer.run_import(bad_import.pk)  # as the background worker would
    page.wait_for_url(REPORT_URL, timeout=15000)
    expect(page.locator("#rejected-rows")).to_contain_text("Row 2 has a date that does not exist")
    expect(page.locator("#rejected-rows")).to_contain_text("Row 3 has an amount that is not a number")
    axe(page)


def test_a_quarter_saved_by_libreoffice_with_a_sheet_a_month_imports_as_one_file(page, live_server, axe,
                                                                                sign_in_with_keyboard,
                                                                                officer, tmp_path):
    # Given a quarter's payments as an OpenDocument spreadsheet, a sheet a month
    from ..ods_helpers import day, money, ods, row, sheet, text

    header = row(text("Supplier Name"), text("Payment Date"), text("Amount"))
    months = [sheet(title, row(text(f"Payments over £500: {title} 2025")), header,
                    *[row(text(f"Supplier {n} Ltd"), day(f"2025-{month:02d}-{n:02d}", "x"), money(f"{100 * n}.50", "x"))
                      for n in range(1, 4)])
              for title, month in (("April", 4), ("May", 5), ("June", 6))]
    quarter = tmp_path / "spend-q1-2025.ods"
    quarter.write_bytes(ods(*months))
    sign_in_with_keyboard(page, officer)

    # When it is uploaded, the columns page says the sheets will be imported together
    page.goto(f"{live_server.url}/spend/imports/upload")
    page.get_by_label("Who published the file?").fill("Anytown Council")
    page.get_by_label("Upload a spend file").set_input_files(str(quarter))
    page.get_by_role("button", name="Upload and continue").click()
    import_spend_file.call(SpendImport.objects.get().pk)  # as the background worker would
    page.wait_for_url(COLUMNS_URL, timeout=15000)
    expect(page.locator("#sheets-together")).to_contain_text("3 sheets with the same columns (“April”, “May” and “June”)")
    axe(page)
    page.get_by_role("button", name="Confirm columns and import").click()
    importer.run_import(SpendImport.objects.get().pk)
    page.wait_for_url(REPORT_URL, timeout=15000)

    # Then every month's lines are imported once, and the report says which sheets they came from
    expect(page.locator("#line-count")).to_have_text("9")
    expect(page.locator("#total")).to_have_text("£1,804.50")
    expect(page.get_by_text("OpenDocument spreadsheet (.ods), sheets “April”, “May” and “June”")).to_be_visible()
    expect(page.get_by_text("“April” (3 lines), “May” (3 lines), “June” (3 lines)")).to_be_visible()
    axe(page)
