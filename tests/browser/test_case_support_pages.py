"""A case's support, safety and outcome pages, the outcome summary and the children-at-risk register,
in Debian's Chromium, checked with axe against WCAG 2.2 AA (including error states). Forms are
filled with the keyboard."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clearsight.cases.models import (
    OutcomeScore,
    Placement,
)
from clearsight.core.roles import Role

from .conftest import focus_on
from ..factories import AddressFlagFactory, CaseAssignmentFactory, CaseFactory, NrmRecordFactory, OrganisationFactory, PersonFactory, PlacementFactory, RiskStatusFactory, SafetyPlanFactory, ServiceReferralFactory, SupportTaskFactory, TeamFactory, make_user


@pytest.fixture
def caseworker_and_case(transactional_db):
    today = timezone.localdate()
    organisation = OrganisationFactory(name="Anytown Council")
    caseworker = make_user(organisation, Role.CASEWORKER, Role.STAFF)
    team = TeamFactory(organisation=organisation, name="Exploitation and missing team")
    person = PersonFactory(organisation=organisation, first_name="Amira", last_name="Haddad",
                           date_of_birth=today - timedelta(days=15 * 365 + 40))
    case = CaseFactory(person=person, organisation=organisation, team=team, created_by=caseworker,
                       opened_on=today - timedelta(days=120))
    CaseAssignmentFactory(case=case, user=caseworker)
    SupportTaskFactory(case=case, phase="immediate", description="Find a place of safety", owner=caseworker,
                       due_on=today - timedelta(days=110), status="done")
    SupportTaskFactory(case=case, phase="short", description="Book an interpreter", owner=caseworker,
                       due_on=today - timedelta(days=3))
    ServiceReferralFactory(case=case, service="Independent Child Trafficking Guardian", status="accepted")
    PlacementFactory(case=case, kind="emergency", address="Room 4, 12 Station Road",
                     starts_on=today - timedelta(days=120), ends_on=today - timedelta(days=100))
    SafetyPlanFactory(case=case, risks="Contact from her exploiters", measures="Safety device",
                      responsible="Foster carer; police", review_on=today - timedelta(days=1))
    AddressFlagFactory(case=case, address="22 Dock Road", reason="exploiters")
    for days_ago, score in ((100, 2), (10, 4)):
        OutcomeScore.objects.bulk_create([
            OutcomeScore(case=case, measure=code, score=score if code == "risk" else 3,
                         scored_on=today - timedelta(days=days_ago), scored_by=caseworker)
            for code, _ in OutcomeScore.Measure.choices])
    RiskStatusFactory(case=case, category="at_risk", exploitation_types=["county-lines"],
                      vulnerability_markers=["missing"], valid_from=today - timedelta(days=120), recorded_by=caseworker)
    RiskStatusFactory(case=case, category="victim", exploitation_types=["county-lines"],
                      vulnerability_markers=["missing"], valid_from=today - timedelta(days=30), recorded_by=caseworker)
    NrmRecordFactory(case=case, referred_on=today - timedelta(days=29))
    return caseworker, case


def test_support_safety_outcome_and_register_pages_are_accessible(page, live_server, axe, sign_in_with_keyboard,
                                                                  caseworker_and_case):
    caseworker, case = caseworker_and_case
    base = f"{live_server.url}/cases/{case.public_id}"
    sign_in_with_keyboard(page, caseworker)

    # The support plan, with an overdue task
    page.goto(f"{base}/support")
    expect(page.get_by_role("heading", level=1)).to_have_text("Support plan")
    expect(page.locator(".govuk-tag--red", has_text="Overdue")).to_have_count(1)
    axe(page)

    # Adding a task: the error state first, then the form filled by keyboard
    page.goto(f"{base}/support/tasks/add")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a support task")
    axe(page)
    page.get_by_role("button", name="Add task").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what needs to be done")
    expect(page).to_have_title(re.compile("^Error: "))
    axe(page)
    page.get_by_label("Medium term (place of safety)").focus()
    page.keyboard.press("Space")
    page.get_by_label("What needs to be done").focus()
    page.keyboard.type("Find a specialist foster placement")
    due = timezone.localdate() + timedelta(days=7)
    for part, value in (("Day", due.day), ("Month", due.month), ("Year", due.year)):
        page.get_by_role("group", name="Due date").get_by_label(part).focus()
        page.keyboard.type(str(value))
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base}/support#phase-medium")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("The task has been added")
    expect(page.get_by_role("cell", name="Find a specialist foster placement", exact=True)).to_be_visible()
    axe(page)

    # An offer of Victim Care Contract support that the person declined: the date is asked for, then kept
    page.goto(f"{base}/support")
    page.get_by_role("link", name="Record an offer of Victim Care Contract support").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a referral to a service or partner")
    expect(page.get_by_label("Support through the Modern Slavery Victim Care Contract (NRM support)")).to_be_checked()
    page.get_by_label("Service", exact=True).fill("Outreach support")
    page.get_by_label("Declined", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Add referral").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date it was declined")
    axe(page)
    declined = timezone.localdate()  # the form says requested today; declined the same day
    for part, value in (("Day", declined.day), ("Month", declined.month), ("Year", declined.year)):
        page.get_by_role("group", name="Date declined").get_by_label(part).fill(str(value))
    page.get_by_label("Why they declined (optional)").fill("Wants to stay near her sister")
    page.get_by_role("button", name="Add referral").click()
    expect(page).to_have_url(f"{base}/support#referrals")
    expect(page.get_by_role("table", name="Support offers and referrals")).to_contain_text("Victim Care Contract: Outreach support")
    expect(page.get_by_role("table", name="Support offers and referrals")).to_contain_text("Wants to stay near her sister")
    axe(page)

    # A placement's end date: the error state, then saved
    placement = Placement.objects.get(case=case)
    page.goto(f"{base}/support")
    page.get_by_role("link", name=re.compile("^Change end date")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("When did the placement end?")
    axe(page)
    early = placement.starts_on - timedelta(days=1)
    for part, value in (("Day", early.day), ("Month", early.month), ("Year", early.year)):
        page.get_by_role("group", name="End date").get_by_label(part).fill(str(value))
    page.get_by_role("button", name="Save placement").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The end date must be the same as or after the start date")
    expect(page).to_have_title(re.compile("^Error: "))
    axe(page)
    page.get_by_role("group", name="End date").get_by_label("Day").fill(str(placement.starts_on.day))
    page.get_by_role("group", name="End date").get_by_label("Month").fill(str(placement.starts_on.month))
    page.get_by_role("group", name="End date").get_by_label("Year").fill(str(placement.starts_on.year))
    page.get_by_role("button", name="Save placement").click()
    expect(page).to_have_url(f"{base}/support#placements")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("The placement has been saved")

    # Safety: an overdue review shows red; adding a plan; removing a flag asks first
    page.goto(f"{base}/safety")
    expect(page.locator(".govuk-tag--red", has_text="Review overdue")).to_be_visible()
    axe(page)
    page.goto(f"{base}/safety/add")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a safety plan")
    axe(page)
    page.goto(f"{base}/safety")
    page.get_by_role("link", name=re.compile("^Remove flag")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Are you sure you want to remove the flag from this address?")
    axe(page)

    # Outcomes: the charts, then the table; scoring all eight measures
    page.goto(f"{base}/outcomes")
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcomes")
    expect(page.get_by_role("img", name=re.compile("^Reduced risk of harm"))).to_be_visible()
    expect(page.locator("#outcome-table tbody tr")).to_have_count(8)
    axe(page)
    page.goto(f"{base}/outcomes/add")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add outcome scores")
    axe(page)
    page.get_by_role("button", name="Save scores").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a score for reduced risk of harm")
    axe(page)

    # Progress across cases: no personal data
    page.goto(f"{live_server.url}/cases-outcomes")
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcome progress across cases")
    expect(page.locator("#summary-table")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Amira")
    axe(page)

    # The register today, then on a past date chosen by keyboard
    page.goto(f"{live_server.url}/register")
    expect(page.get_by_role("heading", level=1)).to_have_text("Children at risk register")
    expect(page.locator('[data-figure="victims"]')).to_have_text("1")
    axe(page)
    past = timezone.localdate() - timedelta(days=60)
    for part, value in (("Day", past.day), ("Month", past.month), ("Year", past.year)):
        page.get_by_role("group", name="Show the register as it was on").get_by_label(part).focus()
        page.keyboard.type(str(value))
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-caption-l")).to_have_text(f"As at {past.day} {past:%B %Y}, as known now")
    expect(page.locator('[data-figure="victims"]')).to_have_text("0")
    expect(page.locator('[data-figure="at-risk"]')).to_have_text("1")
    axe(page)
    # The same date as the register said then: the statuses were all recorded today, after that date
    page.get_by_label("What the register said on that date").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Show the register").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-caption-l")).to_have_text(f"As at {past.day} {past:%B %Y}, as recorded on that date")
    expect(page.locator('[data-register-view="recorded"]')).to_contain_text("only what had been recorded by then")
    expect(page.locator('[data-figure="total"]')).to_have_text("0")
    axe(page)


def test_a_task_changed_in_two_tabs_is_merged_on_an_accessible_page(page, live_server, axe, sign_in_with_keyboard,
                                                                      caseworker_and_case):
    """Given a support task open in two tabs, when one tab rewrites what needs to be done and the other,
    opened before, rewrites it too and marks it in progress, then the second save is refused and merged:
    the error summary and the field say what is saved now, the page passes the check, and saving again
    by keyboard keeps the second tab's answers."""
    caseworker, case = caseworker_and_case
    task = case.support_tasks.get(description="Book an interpreter")
    sign_in_with_keyboard(page, caseworker)
    edit = f"{live_server.url}/cases/{case.public_id}/support/tasks/{task.pk}"
    page.goto(edit)
    other_tab = page.context.new_page()
    other_tab.goto(edit)

    page.fill("#id_description", "Book a Tigrinya interpreter")
    focus_on(page, "button.govuk-button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto("about:blank")

    other_tab.fill("#id_description", "Book an interpreter for Friday")
    other_tab.check("input[name=status][value=in_progress]")
    focus_on(other_tab, "button.govuk-button")
    with other_tab.expect_navigation():
        other_tab.keyboard.press("Enter")
    expect(other_tab).to_have_title(re.compile(r"^Error: (?!Error)"))
    summary = other_tab.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Book a Tigrinya interpreter")
    expect(other_tab.locator("#id_description")).to_have_value("Book an interpreter for Friday")
    axe(other_tab)

    focus_on(other_tab, "button.govuk-button")
    with other_tab.expect_navigation():
        other_tab.keyboard.press("Enter")
    task.refresh_from_db()
    assert (task.description, task.status) == ("Book an interpreter for Friday", "in_progress")
