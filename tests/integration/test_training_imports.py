"""Importing staff lists and completions: repeatable, all or nothing, every rejected row reported."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role
from clearsight.training import imports
from clearsight.training.models import Completion, Placement, StaffMember

from ..factories import MembershipFactory, setup_training

pytestmark = pytest.mark.django_db

STAFF_HEADER = "Employee number,Name,Job title,Service,Directorate,Manager,Email,Start date,Leave date\n"
STAFF_CSV = STAFF_HEADER + (
    "E1,Alex Boss,Head of housing,Housing,Place,,alex.boss@anytown.example,01/02/2015,\n"
    "E2,Bea Worker,Housing officer,Housing,Place,E1,bea.worker@anytown.example,2019-03-04,\n"
    "E3,Cal Buyer,Procurement officer,Procurement,Resources,E4,cal.buyer@anytown.example,15/06/2020,\n"
    "E4,Dee Lead,Team leader,Procurement,Resources,E1,,01/01/2018,\n"
)


def staff_of(organisation):
    return StaffMember.objects.filter(organisation=organisation)


@pytest.fixture
def training(anytown):
    return setup_training(anytown)


def test_importing_a_staff_list_adds_people_with_their_managers_and_cohorts(anytown, training):
    result = imports.import_staff(anytown, STAFF_CSV.encode())
    assert result.ok and (result.created, result.updated, result.unchanged) == (4, 0, 0)
    bea = staff_of(anytown).get(employee_number="E2")
    assert (bea.full_name, bea.job_title, bea.start_date, bea.manager.employee_number) == (
        "Bea Worker", "Housing officer", date(2019, 3, 4), "E1")
    assert staff_of(anytown).get(employee_number="E3").manager.employee_number == "E4"  # manager later in the file
    cal = staff_of(anytown).get(employee_number="E3")
    reasons = dict(Placement.objects.filter(staff=cal).values_list("cohort__name", "reason"))
    assert reasons == {"All staff": "Everyone is in this cohort", "Procurement staff": "Job title contains “procurement”"}
    assert Placement.objects.get(staff=cal, cohort=training["everyone"]).since == date(2020, 6, 15)


def test_importing_the_same_staff_list_again_adds_nothing(anytown, training):
    imports.import_staff(anytown, STAFF_CSV.encode())
    counts = (staff_of(anytown).count(), Placement.objects.count())
    result = imports.import_staff(anytown, STAFF_CSV.encode())
    assert result.ok and (result.created, result.updated, result.unchanged) == (0, 0, 4)
    assert (staff_of(anytown).count(), Placement.objects.count()) == counts


def test_a_changed_row_updates_the_person_and_their_cohorts_from_today(anytown, training):
    imports.import_staff(anytown, STAFF_CSV.encode())
    moved = STAFF_CSV.replace("E2,Bea Worker,Housing officer,Housing", "E2,Bea Worker,Procurement officer,Procurement")
    result = imports.import_staff(anytown, moved.encode(), today=date(2026, 5, 1))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 3)
    bea = staff_of(anytown).get(employee_number="E2")
    assert Placement.objects.get(staff=bea, cohort=training["procurement"]).since == date(2026, 5, 1)
    assert Placement.objects.get(staff=bea, cohort=training["everyone"]).since == date(2019, 3, 4)


def test_leavers_are_recorded_from_the_leave_date(anytown, training):
    imports.import_staff(anytown, STAFF_CSV.encode())
    left = STAFF_CSV.replace("bea.worker@anytown.example,2019-03-04,", "bea.worker@anytown.example,2019-03-04,31/03/2026")
    imports.import_staff(anytown, left.encode())
    assert staff_of(anytown).get(employee_number="E2").leave_date == date(2026, 3, 31)


def test_malformed_rows_are_reported_by_row_number_and_nothing_is_saved(anytown, training):
    bad = STAFF_HEADER + (
        "E1,Alex Boss,Head of housing,Housing,Place,,alex.boss@anytown.example,01/02/2015,\n"
        ",No Number,Officer,Housing,Place,,,01/02/2015,\n"
        "E3,,Officer,Housing,Place,,,01/02/2015,\n"
        "E4,Bad Date,Officer,Housing,Place,,,31/02/2020,\n"
        "E5,Bad Email,Officer,Housing,Place,,not-an-email,01/02/2020,\n"
        "E1,Duplicate,Officer,Housing,Place,,,01/02/2020,\n"
        "E7,No Manager,Officer,Housing,Place,E99,,01/02/2020,\n"
        "E8,Left Early,Officer,Housing,Place,,,01/02/2020,01/01/2019\n"
        "E9,Self Managed,Officer,Housing,Place,E9,,01/02/2020,\n"
    )
    result = imports.import_staff(anytown, bad.encode())
    assert not result.ok
    rejected = {(r.row, r.reason) for r in result.rejected}
    assert (3, "The employee number is missing") in rejected
    assert (4, "The name is missing") in rejected
    assert any(row == 5 and "31/02/2020" in reason for row, reason in rejected)
    assert (6, "“not-an-email” is not an email address") in rejected
    assert (7, "Employee number E1 is also on row 2") in rejected
    assert (8, "The manager's employee number E99 is not in this file or in Clearsight") in rejected
    assert (9, "The leave date is before the start date") in rejected
    assert (10, "Someone cannot be their own manager") in rejected
    assert 2 not in {row for row, _ in rejected}
    assert not staff_of(anytown).exists()


def test_windows_1252_files_and_utf8_files_with_a_byte_order_mark_are_read(anytown, training):
    text = STAFF_HEADER + "E1,Zoë O’Brien,Housing officer,Housing,Place,,,01/02/2015,\n"
    assert imports.import_staff(anytown, text.encode("cp1252")).ok
    assert staff_of(anytown).get().full_name == "Zoë O’Brien"
    result = imports.import_staff(anytown, b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert (result.created, result.unchanged) == (0, 1)


def test_a_file_without_the_needed_columns_is_refused(anytown, training):
    with pytest.raises(imports.ImportFileError, match="Missing: employee number"):
        imports.import_staff(anytown, b"Name,Job title\nAlex,Officer\n")
    with pytest.raises(imports.ImportFileError, match="empty"):
        imports.import_staff(anytown, b"")


COMPLETIONS = "Employee number,Course code,Completion date\nE2,MS-AWARE,01/03/2026\nE3,ETH-PROC,2026-01-15\nE3,Modern slavery awareness,15/01/2026\n"


def test_importing_completions_twice_adds_nothing_the_second_time(anytown, training):
    imports.import_staff(anytown, STAFF_CSV.encode())
    result = imports.import_completions(anytown, COMPLETIONS.encode(), today=date(2026, 6, 1))
    assert result.ok and result.created == 3
    again = imports.import_completions(anytown, COMPLETIONS.encode(), today=date(2026, 6, 1))
    assert again.ok and (again.created, again.unchanged) == (0, 3)
    assert Completion.objects.count() == 3
    assert Completion.objects.filter(staff__employee_number="E3", level=training["ethical"], completed_on=date(2026, 1, 15)).exists()


def test_rejected_completion_rows_are_all_reported_and_nothing_is_saved(anytown, training):
    imports.import_staff(anytown, STAFF_CSV.encode())
    bad = ("Employee number,Course code,Completion date\n"
           "E2,MS-AWARE,01/03/2026\n"
           "E99,MS-AWARE,01/03/2026\n"
           "E2,FIRE-SAFETY,01/03/2026\n"
           "E2,MS-AWARE,yesterday\n"
           "E2,MS-AWARE,01/03/2030\n"
           ",,\n"
           "E3,,01/03/2026\n")
    result = imports.import_completions(anytown, bad.encode(), today=date(2026, 6, 1))
    rejected = [(r.row, r.reason) for r in result.rejected]
    assert rejected[0] == (3, "No one with employee number E99 is in the staff list. Import the staff list first")
    assert (4, "“FIRE-SAFETY” is not a training level or course code set up in Clearsight") in rejected
    assert any(row == 5 and "yesterday" in reason for row, reason in rejected)
    assert (6, "The completion date is in the future") in rejected
    assert (8, "The training level or course code is missing") in rejected
    assert 7 not in {row for row, _ in rejected}  # blank rows are skipped
    assert not Completion.objects.exists()


def test_other_organisations_staff_are_not_matched(anytown, bexford, training):
    imports.import_staff(anytown, STAFF_CSV.encode())
    setup_training(bexford)
    result = imports.import_completions(bexford, COMPLETIONS.encode())
    assert not result.ok and len(result.rejected) == 3


# --- through the pages ---------------------------------------------------------------------------

def upload(client, name, content, filename="staff.csv"):
    return client.post(reverse(f"training:import-{name}"), {"file": SimpleUploadedFile(filename, content, "text/csv")})


def test_a_training_manager_imports_through_the_page_and_sees_the_result(client, sign_in, user_with, anytown, training):
    sign_in(client, user_with(Role.TRAINING_MANAGER))
    assert client.get(reverse("training:import-staff")).status_code == 200
    page = upload(client, "staff", STAFF_CSV.encode()).content.decode()
    assert "4 rows imported" in page and 'data-count="created">4<' in page
    page = upload(client, "staff", STAFF_CSV.encode()).content.decode()
    assert 'data-count="created">0<' in page and 'data-count="unchanged">4<' in page
    assert AuditEvent.objects.filter(record_type="training staff import", action="create").count() == 2


def test_the_page_lists_every_rejected_row_and_saves_nothing(client, sign_in, user_with, anytown, training):
    sign_in(client, user_with(Role.TRAINING_MANAGER))
    bad = STAFF_HEADER + "E1,Alex,Officer,Housing,Place,,,01/02/2015,\n,Nobody,,,,,,,\nE3,Someone,,,,,,32/01/2020,\n"
    page = upload(client, "staff", bad.encode()).content.decode()
    assert "Nothing was imported: 2 problems found" in page
    assert "The employee number is missing" in page and "32/01/2020" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">3</td>' in page
    assert not StaffMember.objects.exists()


def test_the_page_refuses_files_that_are_not_csv(client, sign_in, user_with, anytown, training):
    sign_in(client, user_with(Role.TRAINING_MANAGER))
    page = upload(client, "staff", b"hello", filename="staff.pdf").content.decode()
    assert "The selected file must be a CSV" in page
    page = upload(client, "completions", b"Name\nx\n").content.decode()
    assert "Missing: employee number, level, completed on" in page or "Missing:" in page


@pytest.mark.parametrize("role", [Role.LINE_MANAGER, Role.BOARD_MEMBER, Role.STAFF, Role.ADMINISTRATOR])
def test_only_training_managers_may_import(client, sign_in, user_with, anytown, training, role):
    sign_in(client, user_with(role))
    assert client.get(reverse("training:import-staff")).status_code == 403
    assert upload(client, "completions", COMPLETIONS.encode()).status_code == 403
    assert not StaffMember.objects.exists()


def test_completion_dates_default_to_today_for_future_checks(anytown, training):
    imports.import_staff(anytown, STAFF_CSV.encode())
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
    result = imports.import_completions(anytown, f"Employee number,Course code,Completion date\nE2,MS-AWARE,{tomorrow}\n".encode())
    assert [r.reason for r in result.rejected] == ["The completion date is in the future"]


def test_columns_left_out_of_a_file_keep_what_is_stored(anytown, training):
    imports.import_staff(anytown, STAFF_CSV.encode())
    partial = "Employee number,Name,Job title\nE2,Bea Worker,Senior housing officer\nE9,New Person,Clerk\n"
    result = imports.import_staff(anytown, partial.encode())
    assert result.ok and (result.created, result.updated) == (1, 1)
    bea = staff_of(anytown).get(employee_number="E2")
    assert (bea.job_title, bea.service, bea.directorate, bea.email, bea.start_date, bea.manager.employee_number) == (
        "Senior housing officer", "Housing", "Place", "bea.worker@anytown.example", date(2019, 3, 4), "E1")
    new = staff_of(anytown).get(employee_number="E9")
    assert (new.job_title, new.service, new.start_date, new.leave_date, new.manager) == ("Clerk", "", None, None, None)


def test_a_training_manager_of_two_organisations_imports_for_the_one_they_act_for(client, sign_in, user_with, anytown, bexford, training):
    from clearsight.training.models import StaffMember

    manager = user_with(Role.TRAINING_MANAGER)
    MembershipFactory(user=manager, organisation=bexford, role=Role.TRAINING_MANAGER)
    from ..factories import act_for

    sign_in(client, manager)
    act_for(client, bexford)  # a person in two organisations acts for one at a time
    client.post(reverse("training:import-staff"), {"organisation": str(anytown.public_id),
                                                    "file": SimpleUploadedFile("staff.csv", STAFF_CSV.encode(), "text/csv")})
    assert StaffMember.objects.filter(organisation=bexford).count() == 4
    assert not StaffMember.objects.filter(organisation=anytown).exists()
