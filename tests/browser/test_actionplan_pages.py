"""The action plan pages in Debian's Chromium, checked with axe against WCAG 2.2 AA.

Given the demo plans (2025/26 closed after its review, 2026/27 running), when the statement owner
signs in by keyboard and goes through the plan years, starting a plan year (with a mistake first),
the running plan (filtered and grouped by the 4Ps), adding and changing an action, a progress update,
last year's review tables, and starts the year-end review; and an action owner then answers for
their action using only the keyboard (with a mistake first), then every page passes the
accessibility check, and the statement owner sees the close page refusing to close while
responses are missing."""

import pytest
from playwright.sync_api import expect

from clearsight.actionplan.demo import load as load_actionplan
from clearsight.actionplan.models import PlanAction, PlanYear
from clearsight.core.demo import load as load_core
from clearsight.core.models import Organisation
from clearsight.core.roles import Role

from ..factories import MembershipFactory, make_user
from .conftest import focus_on


@pytest.fixture
def plan_world(transactional_db):
    load_core()
    load_actionplan()
    council = Organisation.objects.get(name="Anytown Council")
    owner_of_plan = make_user(council, Role.STATEMENT_OWNER)
    action_owner = make_user(council, Role.TRAINING_MANAGER, Role.STAFF)
    PlanAction.objects.filter(plan__title="2026/27", owner__email="training@anytown.example").update(owner=action_owner)
    return owner_of_plan, action_owner


def _go(page, name):
    with page.expect_navigation():
        page.get_by_role("link", name=name).first.click()


def test_action_plan_pages_are_accessible(page, live_server, axe, sign_in_with_keyboard, plan_world):
    helen, sofia = plan_world
    current = PlanYear.objects.get(title="2026/27")
    sign_in_with_keyboard(page, helen)

    page.goto(f"{live_server.url}/action-plan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Action plan")
    axe(page)

    # Start a plan year, first with a mistake
    _go(page, "Start a plan year")
    axe(page)
    page.get_by_label("Title").fill("2027/28")
    page.get_by_role("button", name="Start the plan year").click()
    expect(page.get_by_role("link", name="Enter the start date")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("2027/28")
    axe(page)

    # Owning the plan of a second organisation too, Helen first says which organisation she works for.
    from clearsight.core.models import Membership

    second = Organisation.objects.get(name="Bexford Borough Council")
    MembershipFactory(user=helen, organisation=second, role=Role.STATEMENT_OWNER)
    page.goto(f"{live_server.url}/action-plan/start/")
    # She goes on acting for Anytown until she changes organisation from the header
    page.get_by_role("link", name="Change organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Which organisation are you working for?")
    axe(page)
    page.get_by_label("Bexford Borough Council").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/action-plan/start/")
    expect(page.locator(".app-signed-in").first).to_contain_text("Bexford Borough Council")
    axe(page)
    Membership.objects.filter(user=helen, organisation=second).delete()

    # The running plan, filtered and grouped by the 4Ps
    page.goto(f"{live_server.url}/action-plan/{current.public_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Action plan 2026/27")
    expect(page.get_by_text("Overdue").first).to_be_visible()
    axe(page)
    page.get_by_label("Group by").select_option("four-ps")
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_role("button", name="Show actions").click()
    expect(page.get_by_role("heading", name="Pursue")).to_be_visible()
    axe(page)

    # Add an action (a mistake first), see it, change it
    page.goto(f"{live_server.url}/action-plan/{current.public_id}/")
    _go(page, "Add an action")
    axe(page)
    page.get_by_label("Short name").fill("Modern slavery in school transport contracts")
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_role("link", name="Enter what will be done")).to_be_visible()
    expect(page.get_by_label("Short name")).to_have_value("Modern slavery in school transport contracts")
    axe(page)
    page.get_by_label("What will be done").fill("Check drivers' and escorts' employers on school transport contracts.")
    page.get_by_label("Detection").check()
    page.get_by_label("Owner").select_option(index=1)
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_text("The action has been added.")).to_be_visible()
    _go(page, "Modern slavery in school transport contracts")
    axe(page)
    _go(page, "Change the action")
    axe(page)
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_text("The action has been saved.")).to_be_visible()
    _go(page, "Add a progress update")
    axe(page)
    page.get_by_role("button", name="Add the update").click()
    expect(page.get_by_role("link", name="Enter what has happened")).to_be_visible()
    axe(page)
    page.get_by_label("What has happened").fill("First contracts checked.")
    page.get_by_role("button", name="Add the update").click()
    expect(page.locator(".moj-timeline")).to_contain_text("First contracts checked.")
    axe(page)

    # Last year's review tables
    last = PlanYear.objects.get(title="2025/26")
    page.goto(f"{live_server.url}/action-plan/{last.public_id}/")
    axe(page)
    _go(page, "Review tables: proposed against undertaken")
    expect(page.get_by_role("heading", level=1)).to_have_text("Review of action plan 2025/26")
    axe(page)

    # Start the year-end review of the running plan (a mistake first)
    page.goto(f"{live_server.url}/action-plan/{current.public_id}/")
    _go(page, "Start the year-end review")
    axe(page)
    page.get_by_role("button", name="Start the review and email the owners").click()
    expect(page.get_by_role("link", name="Enter the date owners must reply by")).to_be_visible()
    axe(page)
    page.locator("#id_review_due_on-day").fill("31")
    page.locator("#id_review_due_on-month").fill("12")
    page.locator("#id_review_due_on-year").fill("2099")
    page.get_by_role("button", name="Start the review and email the owners").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Year-end review")
    axe(page)
    _go(page, "Close the year")
    expect(page.get_by_text("no response", exact=False).first).to_be_visible()
    axe(page)
    page.context.clear_cookies()

    # The action owner answers by keyboard only
    sign_in_with_keyboard(page, sofia)
    expect(page.get_by_text("year-end review response")).to_be_visible()
    axe(page)
    focus_on(page, "a:has-text('Say what was done')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your action plan actions")
    axe(page)
    focus_on(page, "td a:has-text('Say what was done')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page)
    focus_on(page, "#id_undertaken")
    page.keyboard.type("Completion reached 91% by March.")
    focus_on(page, "button:has-text('Save the response')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Select yes if the action was completed")).to_be_visible()
    expect(page.locator("#id_undertaken")).to_have_value("Completion reached 91% by March.")
    axe(page)
    focus_on(page, "#id_done")
    page.keyboard.press("ArrowDown")  # No
    focus_on(page, "#id_continues")  # Yes
    page.keyboard.press("Space")
    focus_on(page, "#id_next_year_description")
    page.keyboard.type("Keep completion above 95%.")
    focus_on(page, "button:has-text('Save the response')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Your response has been saved.")).to_be_visible()
    axe(page)
    response = PlanAction.objects.filter(plan=current, owner=sofia).first().review
    assert (response.done, response.continues, response.next_year_description) == (False, True, "Keep completion above 95%.")
