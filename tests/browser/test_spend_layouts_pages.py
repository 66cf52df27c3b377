"""Issue 16, acceptance 4, in Debian's Chromium: a remembered layout is shown for checking, changed and
forgotten; an import is undone. Every page is checked with axe against WCAG 2.2 AA, and the
procurement officer works by keyboard (the file itself is chosen as in the system's dialog)."""

import re

import pytest
from playwright.sync_api import expect

from clearsight.core.roles import Role
from clearsight.spend import importer
from clearsight.spend.models import SpendImport, SpendLine, SpendMapping
from clearsight.spend.tasks import import_spend_file

from ..factories import OrganisationFactory, make_user
from ..spend_helpers import csv_bytes
from .conftest import focus_on

REPORT_URL = re.compile(r"/spend/imports/[0-9a-f-]+$")
COLUMNS_URL = re.compile(r"/spend/imports/[0-9a-f-]+/columns$")
LAYOUTS_URL = re.compile(r"/spend/layouts/$")
HEADER = ["Supplier Name", "Paid Date", "Amount", "Net Amount"]


def rows(*lines):
    return csv_bytes([HEADER, *lines])


@pytest.fixture
def officer(transactional_db, settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    council = OrganisationFactory(name="Anytown Council")
    user = make_user(council, Role.PROCUREMENT_OFFICER, Role.STAFF)
    user.full_name = "Pat Jones"
    user.save()
    # An earlier file whose columns Pat confirmed: the layout is remembered
    first = importer.receive_file(council, "Anytown Council", "april.csv",
                                  rows(["Acme Ltd", "07/04/2015", "120.00", "100.00"]), user)
    importer.confirm_mapping(first, {"payee_name": 0, "paid_on": 1, "amount": 2}, user)
    assert importer.run_import(first.pk).status == "imported"
    return user


def press_enter_on(page, selector):
    focus_on(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_remembered_layout_is_checked_changed_and_forgotten_and_an_import_is_undone(
        page, live_server, axe, sign_in_with_keyboard, officer, tmp_path):
    may = tmp_path / "may.csv"
    may.write_bytes(rows(["Bolt Ltd", "07/05/2015", "240.00", "200.00"], ["Crane Ltd", "08/05/2015", "60.00", "50.00"]))
    sign_in_with_keyboard(page, officer)

    # Upload the publisher's next file, by keyboard
    page.goto(f"{live_server.url}/spend/imports/upload")
    focus_on(page, "#id_publisher")
    page.keyboard.type("Anytown Council")
    focus_on(page, "#id_file")
    page.locator("#id_file").set_input_files(str(may))
    press_enter_on(page, "button.govuk-button")
    import_spend_file.call(SpendImport.objects.get(file_name="may.csv").pk)  # as the background worker would
    page.wait_for_url(COLUMNS_URL, timeout=15000)

    # The columns page shows the remembered layout for checking, and whose it is
    expect(page.locator("#remembered")).to_contain_text(
        "These are the columns confirmed for Anytown Council's files on")
    expect(page.locator("#remembered")).to_contain_text("by Pat Jones. Check them, then import.")
    expect(page.get_by_label("Amount", exact=True)).to_have_value("2")
    axe(page)
    press_enter_on(page, "button.govuk-button")
    importer.run_import(SpendImport.objects.get(file_name="may.csv").pk)  # as the background worker would
    page.wait_for_url(REPORT_URL, timeout=15000)
    expect(page.locator("#total")).to_have_text("£300.00")
    expect(page.locator("#what-next")).to_be_visible()
    axe(page)
    report_url = page.url

    # The remembered layouts, reached from the imports list
    page.goto(f"{live_server.url}/spend/imports/")
    press_enter_on(page, "a[href='/spend/layouts/']")
    expect(page.get_by_role("heading", level=1)).to_have_text("Remembered layouts")
    card = page.locator(".govuk-summary-card")
    expect(card).to_contain_text("Supplier Name, Paid Date, Amount, Net Amount")
    expect(card).to_contain_text("Pat Jones")
    axe(page)

    # Change it: the amount is the net amount
    press_enter_on(page, ".govuk-summary-card__action a:text('Change')")
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the remembered layout")
    axe(page)
    focus_on(page, "#id_col_amount")
    page.locator("#id_col_amount").select_option(label="Net Amount")
    press_enter_on(page, "button.govuk-button")
    expect(page).to_have_url(LAYOUTS_URL)
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("were changed")
    expect(page.locator(".govuk-summary-card")).to_contain_text("Net Amount")
    axe(page)
    assert SpendMapping.objects.get().mapping["amount"] == 3

    # Forget it, after a confirmation page
    press_enter_on(page, ".govuk-summary-card__action a:text('Forget')")
    expect(page.get_by_role("heading", level=1)).to_have_text("Are you sure you want to forget this layout?")
    axe(page)
    press_enter_on(page, "button.govuk-button--warning")
    expect(page.locator("#no-layouts")).to_be_visible()
    axe(page)
    assert not SpendMapping.objects.exists()

    # Undo May's import, after a confirmation page that says what goes
    page.goto(report_url)
    press_enter_on(page, "#undo-link")
    expect(page.get_by_role("heading", level=1)).to_have_text("Are you sure you want to undo this import?")
    expect(page.locator("#undo-removes")).to_contain_text("2 payment lines totalling £300.00")
    expect(page.locator("#undo-removes")).to_contain_text("may.csv")
    axe(page)
    press_enter_on(page, "button.govuk-button--warning")
    expect(page).to_have_url(report_url)
    expect(page.locator("#undone")).to_contain_text("This import was undone")
    expect(page.locator("#undone")).to_contain_text("Pat Jones")
    axe(page)
    assert SpendLine.objects.filter(spend_import__file_name="may.csv").count() == 0
    assert SpendLine.objects.count() == 1  # April's line stays

    # The overview by publisher counts only what is still imported
    page.goto(f"{live_server.url}/spend/")
    expect(page.locator("#spend-by-publisher")).to_contain_text("£120.00")
    axe(page)
    press_enter_on(page, "#spend-by-publisher a")
    expect(page.locator("#publisher-filter")).to_contain_text("Anytown Council")
    axe(page)
