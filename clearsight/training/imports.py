"""Importing staff lists (from HR) and completions (from the learning system) as CSV files.

Both imports are all or nothing: every row is checked first, and if any row is rejected nothing is
saved and every rejected row is reported with its row number (the header is row 1, as in a
spreadsheet) and the reason. Importing the same rows again adds nothing. Files are read by
``clearsight.core.tabular`` (UTF-8, with or without a byte order mark, or Windows-1252), and so are
dates (31/01/2026, 2026-01-31 and the other spellings listed there); the column names are training's.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from clearsight.core.models import Membership, User
from clearsight.core.tabular import CellError, FileError, ImportResult, Rejection, parse_date, read_records

from .models import Completion, StaffMember, TrainingLevel
from .services import place

ImportFileError = FileError  # the file as a whole cannot be read (core.tabular's error, as views name it)


Result = ImportResult


WRITE_DATES = "Write dates as 31/01/2026 or 2026-01-31"


def _date(value: str) -> date:
    """The date in a cell, by core.tabular's rules; ValueError says how to write one."""
    try:
        day = parse_date(value)
    except CellError as error:
        raise ValueError(f"{error.plain}. {WRITE_DATES}") from None
    if not day:  # a time with no date
        raise ValueError(f"“{value.strip()}” is not a date. {WRITE_DATES}")
    return day


STAFF_COLUMNS = {
    "employee_number": ["employee_number", "employee_no", "employee_id", "staff_number", "payroll_number"],
    "full_name": ["name", "full_name", "employee_name"],
    "job_title": ["job_title", "title", "post", "position"],
    "service": ["service", "team", "department"],
    "directorate": ["directorate"],
    "manager": ["manager", "manager_employee_number", "line_manager", "manager_number"],
    "email": ["email", "email_address", "work_email"],
    "start_date": ["start_date", "started", "date_started"],
    "leave_date": ["leave_date", "leaving_date", "end_date", "left"],
}

STAFF_FIELDS = ["full_name", "job_title", "service", "directorate", "email", "start_date", "leave_date"]


def import_staff(organisation, data: bytes, *, today=None) -> Result:
    """Add and update staff of ``organisation`` from an HR list. Managers are given by employee number."""
    rows, present = read_records(data, STAFF_COLUMNS, ["employee_number", "full_name"], with_columns=True)
    # Only the columns the file has are saved: a column left out of the file keeps what is stored.
    fields = [key for key in STAFF_FIELDS if key in present]
    has_manager = "manager" in present
    result = Result()
    existing = {s.employee_number: s for s in
                StaffMember.objects.unscoped("import checks every employee number").filter(organisation=organisation)}
    seen, parsed = {}, []
    for number, row in rows:
        reasons = []
        employee_number = row.get("employee_number", "")
        if not employee_number:
            reasons.append("The employee number is missing")
        elif len(employee_number) > 40:
            reasons.append("The employee number must be 40 characters or fewer")
        elif employee_number in seen:
            reasons.append(f"Employee number {employee_number} is also on row {seen[employee_number]}")
        if not row.get("full_name"):
            reasons.append("The name is missing")
        for key in ("full_name", "job_title", "service", "directorate"):
            if len(row.get(key, "")) > 200:
                reasons.append(f"The {key.replace('_', ' ')} must be 200 characters or fewer")
        if row.get("_extra"):
            reasons.append("The row has more values than the first row has column names")
        values = {key: row.get(key, "") for key in fields}
        for key in ("start_date", "leave_date"):
            if key not in values:
                continue
            if values[key]:
                try:
                    values[key] = _date(values[key])
                except ValueError as error:
                    reasons.append(f"{key.replace('_', ' ').capitalize()}: {error}")
                    values[key] = None
            else:
                values[key] = None
        if values.get("start_date") and values.get("leave_date") and values["leave_date"] < values["start_date"]:
            reasons.append("The leave date is before the start date")
        if values.get("email"):
            try:
                validate_email(values["email"])
                values["email"] = values["email"].lower()
            except ValidationError:
                reasons.append(f"“{values['email']}” is not an email address")
        manager = row.get("manager", "")
        if manager and manager == employee_number:
            reasons.append("Someone cannot be their own manager")
        if employee_number and employee_number not in seen:
            seen[employee_number] = number
        parsed.append((number, employee_number, values, manager, reasons))
    for number, _employee_number, _values, manager, reasons in parsed:
        if manager and manager not in seen and manager not in existing:
            reasons.append(f"The manager's employee number {manager} is not in this file or in Clearsight")
        for reason in reasons:
            result.rejected.append(Rejection(number, reason))
    if result.rejected:
        return result

    users = {u.email.lower(): u for u in User.objects.filter(
        pk__in=Membership.objects.filter(organisation=organisation).values("user_id"))}
    touched = []
    with transaction.atomic():
        records = {}
        for _number, employee_number, values, _manager, _reasons in parsed:
            staff = existing.get(employee_number)
            user = users.get(values["email"]) if values.get("email") else None
            if staff is None:
                staff = StaffMember.objects.create(organisation=organisation, employee_number=employee_number,
                                                   user=user, **values)
                result.created += 1
                touched.append(staff)
            else:
                changes = {k: v for k, v in values.items() if getattr(staff, k) != v}
                if user is not None and staff.user_id != user.pk:
                    changes["user"] = user
                if changes:
                    for k, v in changes.items():
                        setattr(staff, k, v)
                    staff.save()
                    result.updated += 1
                    touched.append(staff)
                else:
                    result.unchanged += 1
            records[employee_number] = staff
        for _number, employee_number, _values, manager, _reasons in parsed:
            if not has_manager:
                continue  # no manager column: managers are left as they are
            staff = records[employee_number]
            boss = records.get(manager) or existing.get(manager) if manager else None
            if (staff.manager_id or None) != (boss.pk if boss else None):
                staff.manager = boss
                staff.save(update_fields=["manager"])
                if staff not in touched:
                    touched.append(staff)
                    result.unchanged -= 1
                    result.updated += 1
        place(touched, today=today, organisation_id=organisation.pk)
    return result


COMPLETION_COLUMNS = {
    "employee_number": ["employee_number", "employee_no", "employee_id", "staff_number", "payroll_number", "user_id"],
    "level": ["level", "course_code", "course", "training", "training_level", "module"],
    "completed_on": ["completed_on", "completion_date", "completed", "date_completed", "date"],
}


def import_completions(organisation, data: bytes, *, today=None) -> Result:
    """Add completions from a learning-system export; completions already recorded are left alone."""
    today = today or timezone.localdate()
    rows = read_records(data, COMPLETION_COLUMNS, ["employee_number", "level", "completed_on"])
    result = Result()
    staff = {s.employee_number: s for s in
             StaffMember.objects.unscoped("import checks every employee number").filter(organisation=organisation)}
    levels = {}
    for level in TrainingLevel.objects.filter(organisation=organisation):
        levels[level.code.casefold()] = level
        levels[level.name.casefold()] = level
    wanted, seen = [], set()
    for number, row in rows:
        reasons = []
        person = staff.get(row.get("employee_number", ""))
        if not row.get("employee_number"):
            reasons.append("The employee number is missing")
        elif person is None:
            reasons.append(f"No one with employee number {row['employee_number']} is in the staff list. Import the staff list first")
        level = levels.get(row.get("level", "").casefold())
        if not row.get("level"):
            reasons.append("The training level or course code is missing")
        elif level is None:
            reasons.append(f"“{row['level']}” is not a training level or course code set up in Clearsight")
        completed_on = None
        if not row.get("completed_on"):
            reasons.append("The completion date is missing")
        else:
            try:
                completed_on = _date(row["completed_on"])
                if completed_on > today:
                    reasons.append("The completion date is in the future")
            except ValueError as error:
                reasons.append(f"Completion date: {error}")
        for reason in reasons:
            result.rejected.append(Rejection(number, reason))
        if not reasons:
            key = (person.pk, level.pk, completed_on)
            if key in seen:
                result.unchanged += 1
                continue
            seen.add(key)
            wanted.append(key)
    if result.rejected:
        return result
    existing = set(Completion.objects.filter(staff__organisation=organisation).values_list("staff_id", "level_id", "completed_on"))
    new = [Completion(staff_id=s, level_id=lv, completed_on=d, source=Completion.Source.IMPORT)
           for s, lv, d in wanted if (s, lv, d) not in existing]
    with transaction.atomic():
        Completion.objects.bulk_create(new)
    result.created = len(new)
    result.unchanged += len(wanted) - len(new)
    return result
