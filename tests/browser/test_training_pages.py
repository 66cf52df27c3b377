"""The training pages in Debian's Chromium, checked with axe against WCAG 2.2 AA.

Given a training manager who also manages a team, with a staff list, completions, cohorts and a
session with partner attendees, when they sign in by keyboard and go through their team, a staff
record, a cohort override (with its error state), the compliance dashboard, both imports (with
rejected rows), and the session pages, then every page passes the accessibility check."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clearsight.core.roles import Role
from clearsight.training import imports
from clearsight.training.models import Attendance, Session, StaffMember

from ..factories import CourseFactory, OrganisationFactory, make_user, setup_training
from .conftest import focus_on


@pytest.fixture
def training_world(transactional_db):
    council = OrganisationFactory(name="Anytown Council")
    police = OrganisationFactory(name="Anytown Police", kind="police", is_first_responder=True)
    t = setup_training(council)
    user = make_user(council, Role.TRAINING_MANAGER, Role.LINE_MANAGER, Role.STAFF)
    today = timezone.localdate()
    ago = lambda days: (today - timedelta(days=days)).strftime("%d/%m/%Y")  # noqa: E731
    csv = ("Employee number,Name,Job title,Service,Directorate,Manager,Email,Start date\n"
           f"M1,Sofia Costa,Team leader,Workforce development,Resources,,{user.email},{ago(3000)}\n"
           f"A1,Anna Current,Housing officer,Housing,Place,M1,,{ago(2000)}\n"
           f"A2,Ben Overdue,Procurement officer,Procurement,Resources,M1,,{ago(2000)}\n"
           f"A3,Cai New,Buyer,Procurement,Resources,M1,,{ago(10)}\n")
    assert imports.import_staff(council, csv.encode()).ok
    assert imports.import_completions(council, (
        "Employee number,Course code,Completion date\n"
        f"A1,MS-AWARE,{ago(100)}\nA2,MS-AWARE,{ago(1080)}\nA2,ETH-PROC,{ago(400)}\n").encode()).ok
    course = CourseFactory(organisation=council, title="Spotting the signs", kind="classroom", level=t["aware"])
    session = Session.objects.create(course=course, held_on=today - timedelta(days=5), capacity=20, venue="Civic Centre",
                                     facilitators="Anytown Police")
    session.agencies.set([police])
    Attendance.objects.create(session=session, staff=StaffMember.objects.get(employee_number="A1"), role="Housing officer",
                              feedback_score=5)
    Attendance.objects.create(session=session, name="PC Jo Lane", agency=police, role="Police constable", feedback_score=4)
    return user, session


def test_training_pages_are_accessible(page, live_server, axe, sign_in_with_keyboard, training_world, tmp_path):
    user, session = training_world
    base = f"{live_server.url}/training"
    sign_in_with_keyboard(page, user)

    # A line manager's team
    page.goto(f"{base}/team")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your team's training")
    expect(page.get_by_role("link", name="Ben Overdue")).to_be_visible()
    axe(page)

    # Their record, by keyboard
    focus_on(page, "a:has-text('Ben Overdue')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ben Overdue")
    expect(page.get_by_text("Job title contains “procurement”")).to_be_visible()
    axe(page)

    # A cohort override: first without a reason, then with one
    page.get_by_role("link", name="Change cohorts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change cohorts")
    axe(page)
    page.get_by_label("Procurement staff").check()
    page.get_by_label("Take them out of this cohort").check()
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_role("link", name="Enter the reason")).to_be_visible()
    axe(page)
    focus_on(page, "#id_reason")
    page.keyboard.type("Buys stationery only")
    focus_on(page, "button:has-text('Save the change')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Taken out by hand: Buys stationery only")).to_be_visible()
    axe(page)

    # Staff list
    page.goto(f"{base}/staff")
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff training")
    axe(page)

    # The compliance dashboard: chart then table
    page.goto(f"{base}/compliance")
    expect(page.get_by_role("heading", level=1)).to_have_text("Training compliance rates")
    expect(page.locator("#history-table")).to_be_visible()
    axe(page)
    page.get_by_label("Compare with a directorate").select_option("Resources")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("svg[role=img] path")).to_have_count(2)
    axe(page)

    # Imports: a file with rejected rows, then one that imports
    page.goto(f"{base}/import/staff")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a staff list")
    axe(page)
    bad = tmp_path / "staff.csv"
    bad.write_text("Employee number,Name\nA9,\n,Nobody\n")
    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("Nothing was imported: 2 problems found")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Import").click()  # no file chosen
    expect(page.get_by_role("link", name="Select a CSV file")).to_be_visible()
    axe(page)
    good = tmp_path / "completions.csv"
    good.write_text("Employee number,Course code,Completion date\nA3,MS-AWARE,01/01/2020\n")
    page.goto(f"{base}/import/completions")
    page.get_by_label("CSV file").set_input_files(str(good))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("1 row imported")).to_be_visible()
    axe(page)

    # Sessions
    page.goto(f"{base}/sessions")
    expect(page.get_by_role("heading", level=1)).to_have_text("Training sessions")
    axe(page)
    page.get_by_role("link", name="Add a session").click()
    page.get_by_role("button", name="Add the session").click()
    expect(page.get_by_role("link", name="Select the course")).to_be_visible()
    axe(page)
    page.goto(f"{base}/sessions/{session.public_id}")
    expect(page.get_by_role("cell", name="PC Jo Lane")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Add an attendee").click()
    page.get_by_role("button", name="Add the attendee").click()
    expect(page.get_by_role("link", name="Enter an employee number, or a partner attendee's name")).to_be_visible()
    axe(page)
    page.get_by_label("Employee number (staff only)").fill("A2")
    page.get_by_role("button", name="Add the attendee").click()
    expect(page.get_by_role("cell", name="Ben Overdue")).to_be_visible()
    page.get_by_role("link", name="Session report").click()
    expect(page.locator("#average-score")).to_have_text("4.5")
    axe(page)


def test_a_board_member_sees_the_rates_page_without_names(page, live_server, axe, sign_in_with_keyboard, training_world):
    user, session = training_world
    board = make_user(user.primary_organisation, Role.BOARD_MEMBER)
    sign_in_with_keyboard(page, board)
    page.goto(f"{live_server.url}/training/compliance")
    expect(page.get_by_role("heading", level=1)).to_have_text("Training compliance rates")
    expect(page.get_by_text("Ben Overdue")).to_have_count(0)
    axe(page)
