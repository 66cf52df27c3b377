"""The statement builder's pages in Debian's Chromium, checked with axe against WCAG 2.2 AA.

Given a statement owner whose council has closed its 2025/26 action plan and started 2026/27, when
they start a statement by keyboard, write a section (first marking it complete while empty), look at
the task list, preview it, save a version, add the sign-off, are told what is left before it can be
approved (the review of last year, with a link) and nothing offers approval, approve it once that is
done (through the check page) and
edit the registry summary, then every page passes the accessibility check and the approved statement
says it can no longer be changed."""

import re

import pytest
from playwright.sync_api import expect

from clearsight.core.roles import Role

from ..factories import OrganisationFactory, make_user
from ..integration.matrix_statements import make_plans
from .conftest import focus_on


@pytest.fixture
def owner(transactional_db):
    council = OrganisationFactory(name="Anytown Council")
    user = make_user(council, Role.STATEMENT_OWNER)
    make_plans(council, user)
    return user


def _press(page, selector):
    focus_on(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_statement_pages_are_accessible(page, live_server, axe, sign_in_with_keyboard, owner):
    sign_in_with_keyboard(page, owner)
    page.goto(f"{live_server.url}/statements")
    expect(page.get_by_role("heading", level=1)).to_have_text("Modern Slavery Statements")
    axe(page)

    # Start a statement by keyboard: the plans and periods are suggested
    _press(page, "a:has-text('Start a statement')")
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a statement")
    expect(page.locator("#id_covers_from-year")).to_have_value("2026")
    axe(page)
    _press(page, "button:has-text('Start the statement')")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anytown Council Modern Slavery Statement 2026/27")
    expect(page.locator(".govuk-task-list")).to_contain_text("Not yet started")
    axe(page)

    # A section: marked complete while empty gives an error, and keeps the choice
    _press(page, "a.govuk-task-list__link:has-text('Introduction and scope')")
    expect(page.get_by_role("heading", level=1)).to_have_text("Introduction and scope")
    axe(page)
    focus_on(page, "#id_completed")
    page.keyboard.press("Space")
    _press(page, "button:has-text('Save and continue')")
    expect(page.get_by_role("link", name="Write the section before marking it as completed")).to_be_visible()
    expect(page.locator("#id_completed")).to_be_checked()
    axe(page)
    focus_on(page, "#id_text")
    page.keyboard.type("This statement covers the council's own services and what it buys.")
    _press(page, "button:has-text('Save and continue')")
    expect(page.get_by_text("‘Introduction and scope’ has been saved.")).to_be_visible()
    expect(page.locator("#section-introduction-status")).to_have_text("Completed")

    # Preview
    page.get_by_role("link", name="Preview the statement").click()
    expect(page.get_by_role("heading", name="Review of activity set out in the 2025/26 statement")).to_be_visible()
    expect(page.get_by_role("cell", name="A risk map was published to all directorates")).to_be_visible()
    axe(page)
    page.go_back()

    # Save a version, then the versions list
    page.get_by_role("link", name="Save a version").click()
    axe(page)
    page.get_by_label("Note about this version").fill("For the partnership")
    page.get_by_role("button", name="Save the version").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Saved versions")
    expect(page.get_by_role("cell", name="For the partnership")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Back").click()

    # The other sections and the sign-off
    for name in ("Responsibilities", "Review process", "The council’s services"):
        page.locator("a.govuk-task-list__link", has_text=name).click()
        textarea = page.locator("#id_text")
        if not textarea.input_value():
            textarea.fill(f"Our words about {name.lower()}.")
        page.get_by_label("Yes, I’ve completed this section").check()
        page.get_by_role("button", name="Save and continue").click()
    # A section of our own, added then removed through the "are you sure" page
    page.get_by_role("link", name="Add another section of text").click()
    axe(page)
    page.get_by_label("Heading").fill("Working with partners")
    page.locator("#id_text").fill("Our words about partners.")
    page.get_by_label("Yes, I’ve completed this section").check()
    page.get_by_role("button", name="Save and continue").click()
    page.locator("a.govuk-task-list__link", has_text="Working with partners").click()
    page.get_by_role("link", name="Remove this section").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Are you sure you want to remove ‘Working with partners’?")
    axe(page)
    page.get_by_role("button", name="Yes, remove the section").click()
    expect(page.locator("a.govuk-task-list__link", has_text="Working with partners")).to_have_count(0)

    page.locator("a.govuk-task-list__link", has_text="Sign-off").click()
    axe(page)
    page.locator("#id_name_1").fill("Sam Leader")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("link", name="Enter the role of Sam Leader")).to_be_visible()
    axe(page)
    page.locator("#id_role_1").fill("Leader of the Council")
    page.get_by_role("button", name="Save and continue").click()

    # Not approved while a task is unfinished: the page says what is left, with a link, and offers no approval
    expect(page.locator("#not-ready")).to_contain_text("1 task is not finished")
    expect(page.locator("#left-to-do")).to_contain_text("Get a response from every action owner")
    expect(page.locator("#left-to-do a")).to_have_attribute("href", re.compile(r"/action-plan/.+/review/"))
    expect(page.get_by_role("button", name="Approve the statement")).to_have_count(0)
    axe(page)
    # The last action owner says what was done
    from clearsight.actionplan.models import PlanAction, ReviewResponse

    for action in PlanAction.objects.filter(plan__title="2025/26", review__isnull=True):
        ReviewResponse.objects.create(action=action, undertaken="The pathway was agreed", done=True, continues=False,
                                      responded_by=owner)
    page.reload()
    expect(page.locator("#not-ready")).to_have_count(0)

    # Approve, through the check page
    page.get_by_role("button", name="Approve the statement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Approve the statement")
    axe(page)
    page.locator("#id_approved_on-day").fill("14")
    page.locator("#id_approved_on-month").fill("7")
    page.locator("#id_approved_on-year").fill("2026")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Are you sure you want to approve the statement?")
    axe(page)
    page.get_by_role("button", name="Yes, approve the statement").click()
    expect(page.get_by_text("It can no longer be changed")).to_be_visible()
    expect(page.get_by_role("link", name="Download the approved statement (PDF)")).to_be_visible()
    axe(page)

    # The registry summary, filled from the data (read-only once approved)
    page.get_by_role("link", name="Summary for the statement registry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Summary for the statement registry")
    expect(page.get_by_text("Goals and key performance indicators")).to_be_visible()
    axe(page)


def test_registry_summary_form_is_accessible(page, live_server, axe, sign_in_with_keyboard, owner):
    from ..integration.matrix_statements import make_statement
    from clearsight.actionplan.models import PlanYear

    reviewed, plan = PlanYear.objects.order_by("starts_on")
    statement = make_statement(owner.primary_organisation, owner, plans=(reviewed, plan))
    sign_in_with_keyboard(page, owner)
    page.goto(f"{live_server.url}/statements/{statement.public_id}/registry-summary")
    axe(page)
    page.get_by_label("Training").fill("x" * 5001)
    page.get_by_role("button", name="Save the summary").click()
    expect(page.get_by_role("link", name="Training must be 5,000 characters or fewer")).to_be_visible()
    axe(page)
