"""Choosing which training reminders to send: before expiry (within 30 days) and when overdue,
once for each requirement period."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from . import compliance as c
from . import services
from .models import ReminderSent, StaffMember


def due_reminders(today=None):
    """[(staff, level id, kind, period, due date)] for reminders not yet sent."""
    today = today or timezone.localdate()
    staff = (StaffMember.objects.unscoped("reminders are sent to everyone whose training is due")
             .filter(Q(leave_date__isnull=True) | Q(leave_date__gt=today)).select_related("manager"))
    sent = set(ReminderSent.objects.values_list("staff_id", "level_id", "kind", "period"))
    wanted = []
    for row in services.person_rows(staff, today):
        for st in row.statuses:
            if st.status == c.Status.DUE_SOON:
                kind = ReminderSent.Kind.DUE
            elif st.status in (c.Status.OVERDUE, c.Status.NEVER_TRAINED):
                kind = ReminderSent.Kind.OVERDUE
            elif st.status == c.Status.IN_GRACE and (st.due_on - today).days <= c.DUE_SOON_DAYS:
                kind = ReminderSent.Kind.DUE
            else:
                continue
            period = st.due_on.isoformat() if st.due_on else "never"
            if (row.staff.pk, st.requirement.level, kind, period) not in sent:
                wanted.append((row.staff, st.requirement.level, kind, period, st.due_on))
    return wanted


def send_reminders(today=None):
    from .tasks import email_training_reminder

    count = 0
    for staff, level_id, kind, period, due_on in due_reminders(today):
        try:
            with transaction.atomic():
                ReminderSent.objects.create(staff=staff, level_id=level_id, kind=kind, period=period)
        except IntegrityError:
            continue  # another run sent it
        email_training_reminder.enqueue(staff.pk, level_id, kind, due_on.strftime("%d/%m/%Y") if due_on else "")
        count += 1
    return count
