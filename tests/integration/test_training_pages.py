"""Training pages: who sees what (a manager only their team, a board member rates but never
names), overrides, exports, sessions and attendance, reminders, and the admin."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role
from clearsight.training import imports
from clearsight.training.models import (Attendance, CohortOverride, Completion, Course, Placement, ReminderSent, Session,
                                        StaffMember)

from ..factories import CourseFactory, MembershipFactory, setup_training

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(anytown, user_with):
    """Anytown with cohorts, a line manager (Mark) with two reports, another team, a leaver, completions."""
    t = setup_training(anytown)
    mark = user_with(Role.LINE_MANAGER, Role.STAFF)
    today = timezone.localdate()
    ago = lambda days: (today - timedelta(days=days)).strftime("%d/%m/%Y")  # noqa: E731
    csv = ("Employee number,Name,Job title,Service,Directorate,Manager,Email,Start date,Leave date\n"
           f"M1,Mark Manager,Team leader,Housing,Place,,{mark.email},{ago(3000)},\n"
           f"A1,Anna Current,Housing officer,Housing,Place,M1,anna@anytown.example,{ago(2000)},\n"
           f"A2,Ben Overdue,Procurement officer,Procurement,Resources,M1,ben@anytown.example,{ago(2000)},\n"
           f"A3,Cara Leaver,Housing officer,Housing,Place,M1,,{ago(2000)},{ago(10)}\n"
           f"O1,Other Boss,Team leader,Finance,Resources,,,{ago(3000)},\n"
           f"O2,Olga Elsewhere,Accountant,Finance,Resources,O1,,{ago(2000)},\n")
    assert imports.import_staff(anytown, csv.encode()).ok
    completions = ("Employee number,Course code,Completion date\n"
                   f"A1,MS-AWARE,{ago(100)}\n"
                   f"A2,MS-AWARE,{ago(100)}\n"
                   f"A2,ETH-PROC,{ago(400)}\n")
    assert imports.import_completions(anytown, completions.encode()).ok
    return {"mark": mark, **t, "staff": {s.employee_number: s for s in StaffMember.objects.all()}}


def page(client, name, **kwargs):
    response = client.get(reverse(name, kwargs=kwargs or None))
    return response.status_code, response.content.decode() if response.status_code == 200 else ""


# --- a line manager's team -----------------------------------------------------------------------

def test_a_line_manager_sees_only_their_current_team_with_statuses(client, sign_in, org):
    sign_in(client, org["mark"])
    status, content = page(client, "training:my-team")
    assert status == 200
    assert "Anna Current" in content and "Ben Overdue" in content
    assert "Olga Elsewhere" not in content and "Cara Leaver" not in content and "Other Boss" not in content
    assert 'data-status="overdue"' in content and 'data-status="compliant"' in content
    assert AuditEvent.objects.filter(actor=org["mark"], record_type="training team", action="view").exists()


def test_a_line_manager_reaches_their_reports_records_only(client, sign_in, org):
    sign_in(client, org["mark"])
    status, content = page(client, "training:staff-record", public_id=org["staff"]["A2"].public_id)
    assert status == 200 and "Ethical procurement" in content and "Job title contains “procurement”" in content
    assert AuditEvent.objects.filter(actor=org["mark"], record_id=str(org["staff"]["A2"].public_id)).exists()
    assert page(client, "training:staff-record", public_id=org["staff"]["O2"].public_id)[0] == 404
    assert page(client, "training:override-add", public_id=org["staff"]["A2"].public_id)[0] == 403
    assert page(client, "training:staff")[0] == 403
    assert page(client, "training:dashboard")[0] == 403


def test_a_line_manager_of_another_organisation_sees_nobody(client, sign_in, org, bexford, user_with):
    other = user_with(Role.LINE_MANAGER, organisation=bexford)
    sign_in(client, other)
    status, content = page(client, "training:my-team")
    assert status == 200 and "Anna Current" not in content and "cannot find anyone who reports to you" in content
    assert page(client, "training:staff-record", public_id=org["staff"]["A1"].public_id)[0] == 404


def test_the_team_list_filters_by_status(client, sign_in, org):
    sign_in(client, org["mark"])
    content = client.get(reverse("training:my-team") + "?status=overdue").content.decode()
    assert "Ben Overdue" in content and "Anna Current" not in content


# --- the compliance dashboard: rates, never names ------------------------------------------------

@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.STATEMENT_OWNER, Role.TRAINING_MANAGER])
def test_the_dashboard_shows_rates_and_never_names(client, sign_in, org, user_with, role):
    sign_in(client, user_with(role))
    status, content = page(client, "training:dashboard")
    assert status == 200
    for s in org["staff"].values():
        assert s.full_name not in content and f">{s.employee_number}<" not in content
    # Counted today: Anna up to date; Ben, Mark, Other Boss, Olga not (Cara has left).
    assert 'id="current-rate">20%<' in content
    assert "<svg" in content and 'id="history-table"' in content and "Procurement staff" in content


def test_a_board_member_cannot_reach_names_anywhere(client, sign_in, org, user_with):
    sign_in(client, user_with(Role.BOARD_MEMBER))
    for name, kwargs in [("training:my-team", {}), ("training:staff", {}), ("training:import-staff", {}),
                         ("training:sessions", {}), ("training:my-team-export", {"fmt": "csv"})]:
        assert page(client, name, **kwargs)[0] == 403, name
    assert page(client, "training:staff-record", public_id=org["staff"]["A1"].public_id)[0] == 403
    response = client.get(reverse("training:dashboard-export", kwargs={"fmt": "csv"}))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Whole organisation" in text and "Anna" not in text and "Cohort: Procurement staff" in text


def test_the_dashboard_filters_by_cohort_and_directorate(client, sign_in, org, user_with):
    sign_in(client, user_with(Role.TRAINING_MANAGER))
    cohort = org["procurement"].public_id
    content = client.get(reverse("training:dashboard") + f"?cohort={cohort}&directorate=Resources").content.decode()
    assert "Compliance rate by month: Procurement staff" in content
    assert 'id="current-rate">0%<' in content  # Ben's ethical procurement has run out
    assert content.count('stroke-dasharray="6 4"') >= 1  # the directorate's line


def _table(content, table_id):
    start = content.index(f'id="{table_id}"')
    return content[start:content.index("</table>", start)]


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.STATEMENT_OWNER])
def test_small_groups_are_not_shown_to_board_members_and_statement_owners(client, sign_in, org, user_with, role):
    # Place has 2 people counted (Mark, Anna), Resources 3, the procurement cohort 1 (Ben): all fewer than 5.
    sign_in(client, user_with(role))
    content = page(client, "training:dashboard")[1]
    directorates = _table(content, "directorate-table")
    assert directorates.count("fewer than 5") == 2 * 4 and "%" not in directorates
    cohorts = _table(content, "cohort-table")
    procurement = cohorts[cohorts.index("Procurement staff"):]
    assert procurement[:procurement.index("</tr>")].count("fewer than 5") == 4
    assert 'id="current-rate">20%<' in content  # the whole organisation (5 people) is shown
    history = _table(content, "history-table")
    months = history.count('<th scope="row"')
    assert months >= 12 and history.count("fewer than 5") == 2 * months  # both directorates, every month
    filtered = client.get(reverse("training:dashboard") + f"?cohort={org['procurement'].public_id}").content.decode()
    assert 'id="current-rate">fewer than 5<' in filtered and 'id="current-rate">0%<' not in filtered
    text = client.get(reverse("training:dashboard-export", kwargs={"fmt": "csv"})).content.decode()
    lines = [line.split(",") for line in text.strip().splitlines()[1:]]
    for line in lines:
        if line[1] in ("Place", "Resources", "Cohort: Procurement staff"):
            assert line[2:] == ["fewer than 5"] * 4, line
    assert any(line[1] == "Whole organisation" and line[2] == "20" for line in lines)
    openpyxl = pytest.importorskip("openpyxl")
    response = client.get(reverse("training:dashboard-export", kwargs={"fmt": "xlsx"}))
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert all(list(r[2:]) == ["fewer than 5"] * 4 for r in rows[1:] if r[1] in ("Place", "Resources"))


def test_training_managers_see_small_groups(client, sign_in, org, user_with):
    sign_in(client, user_with(Role.TRAINING_MANAGER))
    content = page(client, "training:dashboard")[1]
    directorates = _table(content, "directorate-table")
    assert "fewer than 5" not in directorates and "50%" in directorates  # Place: Anna of Mark and Anna
    text = client.get(reverse("training:dashboard-export", kwargs={"fmt": "csv"})).content.decode()
    assert "fewer than 5" not in text


@pytest.mark.parametrize("role", [Role.STAFF, Role.LINE_MANAGER, Role.AUDITOR, Role.FIRST_RESPONDER])
def test_others_cannot_see_the_dashboard(client, sign_in, org, user_with, role):
    sign_in(client, user_with(role))
    assert page(client, "training:dashboard")[0] == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, org):
    response = client.get(reverse("training:my-team"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("core:sign-in"))


# --- training managers: staff, overrides ---------------------------------------------------------

def test_a_training_manager_sees_their_organisation_only(client, sign_in, org, user_with, bexford):
    sign_in(client, user_with(Role.TRAINING_MANAGER))
    status, content = page(client, "training:staff")
    assert status == 200 and "Olga Elsewhere" in content and "Cara Leaver" not in content
    content = client.post(reverse("training:staff"), {"q": "olga"}, follow=True).content.decode()
    assert "Olga Elsewhere" in content and "Anna Current" not in content
    client.logout()
    sign_in(client, user_with(Role.TRAINING_MANAGER, organisation=bexford))
    status, content = page(client, "training:staff")
    assert "Olga" not in content
    assert page(client, "training:staff-record", public_id=org["staff"]["A1"].public_id)[0] == 404


def test_staff_searches_never_put_the_search_in_a_url(client, sign_in, org, user_with, anytown):
    import re

    rows = "".join(f"S{n:02d},Zed Searchable {n:02d},Clerk,Housing,Place,,,01/01/2020,\n" for n in range(60))
    assert imports.import_staff(anytown, ("Employee number,Name,Job title,Service,Directorate,Manager,Email,"
                                          "Start date,Leave date\n" + rows).encode()).ok
    sign_in(client, user_with(Role.TRAINING_MANAGER))
    response = client.post(reverse("training:staff"), {"q": "Zed Searchable", "status": ""})
    assert response.status_code == 302 and "zed" not in response["Location"].lower()
    content = client.get(response["Location"]).content.decode()
    assert 'method="post"' in content and 'method="get"' not in content
    assert "Zed Searchable 00" in content and "Anna Current" not in content and "60 people" in content
    links = re.findall(r'(?:href|action)="([^"]*)"', content)
    assert links and not any("zed" in link.lower() or "searchable" in link.lower() or "q=" in link for link in links)
    next_link = re.search(r'href="([^"]*)" rel="next"', content).group(1).replace("&amp;", "&")
    second = client.get(reverse("training:staff") + next_link).content.decode()  # the search is kept
    assert "Page 2 of 2" in second and "Anna Current" not in second and "Zed Searchable" in second
    # A name in the URL is not read, and a plain visit drops the saved search.
    content = client.get(reverse("training:staff") + "?q=olga").content.decode()
    assert "Anna Current" in content
    content = client.post(reverse("training:staff"), {"q": "olga", "clear": "yes"}, follow=True).content.decode()
    assert "Anna Current" in content


def test_a_training_manager_overrides_a_cohort_with_a_reason(client, sign_in, org, user_with):
    manager = user_with(Role.TRAINING_MANAGER)
    sign_in(client, manager)
    anna = org["staff"]["A1"]
    url = reverse("training:override-add", kwargs={"public_id": anna.public_id})
    response = client.post(url, {"cohort": str(org["procurement"].public_id), "include": "yes", "reason": ""})
    assert "Enter the reason" in response.content.decode()
    response = client.post(url, {"cohort": str(org["procurement"].public_id), "include": "yes",
                                 "reason": "Covers buying during a secondment"})
    assert response.status_code == 302
    placement = Placement.objects.get(staff=anna, cohort=org["procurement"])
    assert placement.manual and placement.reason == "Added by hand: Covers buying during a secondment"
    assert placement.since == timezone.localdate()
    content = client.get(response["Location"]).content.decode()
    assert "Added by hand: Covers buying during a secondment" in content
    assert "New to this training, not yet due" in content  # grace period from today
    assert AuditEvent.objects.filter(actor=manager, action="change", record_id=str(anna.public_id)).exists()
    # Taken out again: the rules would not put her there, so the placement goes.
    client.post(url, {"cohort": str(org["procurement"].public_id), "include": "no", "reason": "Secondment ended"})
    assert not Placement.objects.filter(staff=anna, cohort=org["procurement"]).exists()
    assert CohortOverride.objects.filter(staff=anna).count() == 2


def test_an_override_taking_someone_out_is_shown_with_its_reason(client, sign_in, org, user_with):
    sign_in(client, user_with(Role.TRAINING_MANAGER))
    ben = org["staff"]["A2"]
    client.post(reverse("training:override-add", kwargs={"public_id": ben.public_id}),
                {"cohort": str(org["procurement"].public_id), "include": "no", "reason": "Buys stationery only"})
    content = client.get(reverse("training:staff-record", kwargs={"public_id": ben.public_id})).content.decode()
    assert "Not in Procurement staff" in content and "Taken out by hand: Buys stationery only" in content
    assert "Ethical procurement" not in content.split("Cohorts")[0]


# --- exports -------------------------------------------------------------------------------------

def test_the_team_exports_as_csv_and_xlsx(client, sign_in, org):
    sign_in(client, org["mark"])
    response = client.get(reverse("training:my-team-export", kwargs={"fmt": "csv"}))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.startswith("Employee number,Name") and "Ben Overdue" in text and "Olga" not in text
    assert AuditEvent.objects.filter(actor=org["mark"], action="export").exists()
    openpyxl = pytest.importorskip("openpyxl")
    response = client.get(reverse("training:my-team-export", kwargs={"fmt": "xlsx"}))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names == {"Anna Current", "Ben Overdue"}
    assert client.get(reverse("training:my-team-export", kwargs={"fmt": "pdf"})).status_code == 404


def test_the_rates_export_as_xlsx(client, sign_in, org, user_with):
    openpyxl = pytest.importorskip("openpyxl")
    sign_in(client, user_with(Role.BOARD_MEMBER))
    response = client.get(reverse("training:dashboard-export", kwargs={"fmt": "xlsx"}))
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Date" and any(r[1] == "Whole organisation" and r[2] == 20 for r in rows[1:])


def test_names_with_control_characters_still_export_as_xlsx(client, sign_in, org):
    openpyxl = pytest.importorskip("openpyxl")
    StaffMember.objects.filter(pk=org["staff"]["A1"].pk).update(full_name="Anna\x0bCurrent")
    sign_in(client, org["mark"])
    response = client.get(reverse("training:my-team-export", kwargs={"fmt": "xlsx"}))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"AnnaCurrent", "Ben Overdue"}
    from clearsight.core.exports import neutralise

    assert neutralise("\x0b=1") == "'=1" and neutralise("a\x00b\x1fc\td") == "abc\td"


def test_exported_cells_cannot_run_as_formulas(anytown):
    from clearsight.core.exports import neutralise

    assert neutralise("=HYPERLINK(1)") == "'=HYPERLINK(1)" and neutralise("@x") == "'@x" and neutralise(3) == 3


# --- sessions and attendance ---------------------------------------------------------------------

def test_a_session_with_staff_and_partner_attendees_and_its_report(client, sign_in, org, user_with, bexford):
    police = type(bexford).objects.create(name="Anytown Police", kind="police")
    CourseFactory(organisation=org["everyone"].organisation, title="Spotting the signs", kind="classroom",
                  level=org["aware"])
    course = Course.objects.get()
    sign_in(client, user_with(Role.TRAINING_MANAGER))
    held = timezone.localdate() - timedelta(days=3)
    response = client.post(reverse("training:session-add"), {
        "course": str(course.public_id), "held_on-day": held.day, "held_on-month": held.month, "held_on-year": held.year,
        "capacity": "3", "venue": "Civic Centre", "facilitators": "Police team", "agencies": [str(police.public_id)]})
    assert response.status_code == 302
    session = Session.objects.get()
    assert list(session.agencies.all()) == [police]
    add = reverse("training:attendance-add", kwargs={"public_id": session.public_id})
    assert client.post(add, {"employee_number": "O2", "attended": "yes", "feedback_score": "4", "role": "Accountant"}).status_code == 302
    assert Completion.objects.filter(staff=org["staff"]["O2"], level=org["aware"], completed_on=held, source="session").exists()
    assert client.post(add, {"name": "PC Jo Lane", "agency": str(police.public_id), "role": "Police constable",
                             "attended": "yes", "feedback_score": "5"}).status_code == 302
    errors = client.post(add, {"employee_number": "O2", "attended": "yes"}).content.decode()
    assert "They are already on this session" in errors
    errors = client.post(add, {"name": "Someone", "attended": "yes"}).content.decode()
    assert "Select their organisation" in errors
    client.post(add, {"employee_number": "A1", "attended": "no"})
    full = client.post(add, {"employee_number": "A2", "attended": "yes"}).content.decode()
    assert "The session is full" in full
    assert Attendance.objects.count() == 3
    status, content = page(client, "training:session-report", public_id=session.public_id)
    assert status == 200
    assert "Anytown Police" in content and "Police constable" in content and 'id="average-score">4.5<' in content
    assert "2 of 3 people booked attended" in content
    status, content = page(client, "training:session", public_id=session.public_id)
    assert "PC Jo Lane" in content and "Full" in content


def test_session_pages_are_for_the_organisations_training_managers(client, sign_in, org, user_with, bexford):
    course = CourseFactory(organisation=org["everyone"].organisation, title="Webinar", kind="webinar")
    session = Session.objects.create(course=course, held_on=date(2026, 1, 1), capacity=10)
    sign_in(client, user_with(Role.TRAINING_MANAGER, organisation=bexford))
    assert page(client, "training:session", public_id=session.public_id)[0] == 404
    assert page(client, "training:session-report", public_id=session.public_id)[0] == 404
    client.logout()
    sign_in(client, org["mark"])
    assert page(client, "training:session", public_id=session.public_id)[0] == 403


# --- reminders -----------------------------------------------------------------------------------

def test_reminders_are_sent_once_per_period_to_the_person_and_their_manager(org, settings, mailoutbox):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    call_command("send_training_reminders", stdout=io.StringIO())
    ben = org["staff"]["A2"]
    sent = ReminderSent.objects.filter(staff=ben)
    assert {(r.level.code, r.kind) for r in sent} == {("ETH-PROC", "overdue")}
    mail = next(m for m in mailoutbox if "ben@anytown.example" in m.to)
    assert mail.to == ["ben@anytown.example"] and mail.subject == "Overdue: Ethical procurement training"
    # the manager gets a copy of their own (each email has one address: ADR 0034)
    assert any(m.to == [org["mark"].email] and m.body == mail.body for m in mailoutbox)
    assert not ReminderSent.objects.filter(staff=org["staff"]["A3"]).exists()  # a leaver
    count = len(mailoutbox)
    call_command("send_training_reminders", stdout=io.StringIO())
    assert len(mailoutbox) == count


def test_a_reminder_is_sent_before_training_runs_out(org, settings, mailoutbox):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    anna = org["staff"]["A1"]
    Completion.objects.filter(staff=anna).update(completed_on=timezone.localdate() - timedelta(days=365 * 3 - 20))
    call_command("send_training_reminders", stdout=io.StringIO())
    assert ReminderSent.objects.filter(staff=anna, kind="due").exists()
    assert any(m.subject == "Due soon: Modern slavery awareness training" for m in mailoutbox)



def test_reminders_do_not_copy_a_manager_who_has_left(org, settings, mailoutbox):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    StaffMember.objects.filter(pk=org["staff"]["M1"].pk).update(leave_date=timezone.localdate() - timedelta(days=1))
    call_command("send_training_reminders", stdout=io.StringIO())
    mail = next(m for m in mailoutbox if "ben@anytown.example" in m.to)
    assert mail.to == ["ben@anytown.example"] and org["mark"].email not in mail.to

# --- home page and admin -------------------------------------------------------------------------

def test_the_home_page_tells_a_line_manager_about_overdue_training(client, sign_in, org):
    sign_in(client, org["mark"])
    content = client.get(reverse("core:home")).content.decode()
    assert "overdue or never trained" in content and reverse("training:my-team") in content


def test_administrators_edit_only_their_own_organisations_cohorts(client, sign_in, org, user_with, bexford, administrator):
    setup_training(bexford)
    sign_in(client, administrator)
    response = client.get(reverse("admin:training_cohort_changelist"))
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("Procurement staff") == 1
    cohort = org["procurement"]
    assert client.get(reverse("admin:training_cohort_change", args=[cohort.pk])).status_code == 200
    client.logout()
    sign_in(client, user_with(Role.TRAINING_MANAGER))
    assert client.get(reverse("admin:training_cohort_changelist")).status_code in (302, 403)


@pytest.mark.usefixtures("demo_mode")
def test_the_demo_has_a_few_hundred_staff_with_realistic_compliance():
    from clearsight.training import services
    from clearsight.training.compliance import Status

    call_command("load_demo_data", stdout=io.StringIO())
    staff = StaffMember.objects.filter(organisation__name="Anytown Council")
    assert staff.count() >= 250
    assert len(set(staff.values_list("directorate", flat=True))) >= 5
    mark = staff.get(user__email="line.manager@anytown.example")
    assert mark.reports.count() >= 5
    assert staff.filter(user__email="training@anytown.example").exists()
    counts = services.status_counts(services.person_rows(staff.filter(leave_date__isnull=True)))
    current = sum(counts.values())
    assert counts[Status.COMPLIANT] > current / 2
    assert counts[Status.OVERDUE] and counts[Status.NEVER_TRAINED] and counts[Status.DUE_SOON]
    assert Session.objects.filter(attendances__agency__isnull=False).exists()
    call_command("load_demo_data", stdout=io.StringIO())
    assert StaffMember.objects.count() == staff.count()


def test_a_training_manager_of_two_organisations_adds_sessions_for_the_one_they_act_for(client, sign_in, org, user_with, bexford):
    anytown = org["everyone"].organisation
    ours = CourseFactory(organisation=anytown, title="Spotting the signs", kind="classroom", level=org["aware"])
    theirs = CourseFactory(organisation=bexford, title="Spotting the signs", kind="classroom")
    manager = user_with(Role.TRAINING_MANAGER)
    MembershipFactory(user=manager, organisation=bexford, role=Role.TRAINING_MANAGER)
    from ..factories import act_for

    sign_in(client, manager)
    act_for(client, anytown)
    form = client.get(reverse("training:session-add")).content.decode()
    assert "Spotting the signs" in form and str(theirs.public_id) not in form  # only the organisation acted for
    act_for(client, bexford)
    form = client.get(reverse("training:session-add")).content.decode()
    assert str(theirs.public_id) in form and str(ours.public_id) not in form
    held = timezone.localdate()
    response = client.post(reverse("training:session-add"), {
        "course": str(theirs.public_id), "held_on-day": held.day, "held_on-month": held.month, "held_on-year": held.year,
        "capacity": "5"})
    assert response.status_code == 302
    assert Session.objects.get().course == theirs
    assert ours.sessions.count() == 0
