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
    # The summary leads: each key figure and how it compares with a year earlier, on one screen.
    cards = page.locator(".app-board-card")
    expect(cards).to_have_count(8)
    expect(cards.first).to_contain_text("Concerns reported")
    expect(cards.first).to_contain_text("A year earlier: fewer than 5")
    expect(page.locator("#compared-with")).to_contain_text("1 April 2024 to 31 March 2025")
    last = cards.last.bounding_box()
    assert last["y"] + last["height"] <= page.viewport_size["height"] * 1.5  # about a screen, not 8,000 px
    expect(page.locator("table")).to_have_count(0)
    axe(page)

    # The details are a link away, and back.
    focus_on(page, ".app-board-details a:has-text('Concerns')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Concerns")
    expect(page.locator("#concerns-table")).to_contain_text("fewer than 5")
    axe(page)
    page.goto(f"{live_server.url}/board-figures/details/referrals?period=fy-2025")
    expect(page.locator("#nrm-by-category-table")).to_contain_text("Criminal exploitation")
    axe(page)
    page.get_by_role("link", name="Back to the summary").first.click()
    expect(page.locator("#period-stated")).to_have_text("Figures for 1 April 2025 to 31 March 2026.")

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
