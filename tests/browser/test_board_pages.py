"""Board figures in Debian's Chromium, checked with axe against WCAG 2.2 AA: the dashboard (with and
without mistakes in the period form), the period chosen by keyboard, and the printable report."""

import pytest
from playwright.sync_api import expect


from ..factories import OrganisationFactory
from ..board_helpers import build_board_world
from .conftest import focus_on


@pytest.fixture
def board_world(transactional_db):
    council = OrganisationFactory(name="Anytown Council")
    return build_board_world(council)


def test_board_pages_are_accessible_and_work_by_keyboard(page, live_server, axe, sign_in_with_keyboard, board_world):
    sign_in_with_keyboard(page, board_world["board"])
    page.goto(f"{live_server.url}/board-figures")
    expect(page.get_by_role("heading", level=1)).to_have_text("Board figures")
    axe(page)

    # Choose a financial year from the list by keyboard.
    focus_on(page, "#period")
    page.select_option("#period", label="Financial year 2025 to 2026")
    focus_on(page, "button:has-text('Show these figures')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#period-stated")).to_have_text("Figures for 1 April 2025 to 31 March 2026.")
    expect(page.locator("#concerns-table")).to_contain_text("fewer than 5")
    axe(page)

    # Dates with a mistake: the error summary, the messages, and what was typed kept.
    focus_on(page, ".govuk-details__summary")
    page.keyboard.press("Enter")
    focus_on(page, "#id_start-day")
    page.keyboard.type("31")
    page.keyboard.press("Tab")
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    page.keyboard.type("2026")
    focus_on(page, "button:has-text('Show figures for these dates')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The date the period starts must be a real date")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date the period ends")
    expect(page.locator("#id_start-day")).to_have_value("31")
    axe(page)

    page.goto(f"{live_server.url}/board-figures/report?period=fy-2025")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Modern slavery figures for 1 April 2025 to 31 March 2026")
    axe(page)
    page.emulate_media(media="print")
    expect(page.locator(".app-header")).to_be_hidden()
    expect(page.locator("#decisions-table")).to_be_visible()
