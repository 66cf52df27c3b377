"""Background work for training, run by the django-tasks worker."""

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from clearsight.core import email


@task()
def email_training_reminder(staff_id: int, level_id: int, kind: str, due_on: str):
    """Remind someone (copying their manager) that training is due soon or overdue. The email names
    only the training and the date, with a link to sign in."""
    from .models import StaffMember, TrainingLevel

    staff = StaffMember.objects.select_related("manager").get(pk=staff_id)
    level = TrainingLevel.objects.get(pk=level_id)
    manager = staff.manager if staff.manager_id else None
    today = timezone.localdate()
    if manager is not None and manager.leave_date is not None and manager.leave_date <= today:
        manager = None  # a manager who has left is not copied in
    recipients = sorted({e for e in (staff.email, manager.email if manager else "") if e})
    if not recipients:
        return 0
    if kind == "overdue":
        subject = f"Overdue: {level.name} training"
        when = f"was due on {due_on}" if due_on else "has not been completed"
        opening = f"{staff.full_name}'s {level.name} training {when} and is now overdue."
    else:
        subject = f"Due soon: {level.name} training"
        opening = f"{staff.full_name}'s {level.name} training is due by {due_on}."
    body = (
        f"{opening}\n\nPlease book or complete it through the learning system. "
        f"Line managers can see their team's training in Clearsight:\n{settings.SITE_URL}/training/team\n\n"
        "You are getting this email because the training is yours, or because you manage the person it is for."
    )
    # One email each, queued (core/email.py): the task may run twice, and the key sends it once a day.
    key = email.message_key("training-reminder", staff.pk, level.pk, kind, due_on, today.isoformat())
    return len([email.queue(key, to, subject, body, organisation=staff.organisation) for to in recipients])
