"""What the training context puts on people's home pages."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from clearsight.core.attention import Item
from clearsight.core.roles import Role

from . import compliance as c
from . import services
from .models import StaffMember


def _counts(staff):
    today = timezone.localdate()
    staff = staff.filter(Q(leave_date__isnull=True) | Q(leave_date__gt=today))
    return services.status_counts(services.person_rows(staff, today))


def _items(counts, href, link_text, whose):
    items = []
    overdue = counts[c.Status.OVERDUE] + counts[c.Status.NEVER_TRAINED]
    due = counts[c.Status.DUE_SOON]
    if overdue:
        items.append(Item(overdue, f"{'person' if overdue == 1 else 'people'} {whose} overdue or never trained", href, link_text))
    if due:
        items.append(Item(due, f"{'person' if due == 1 else 'people'} {whose} due for training within 30 days", href, link_text))
    return items


def line_manager_items(user):
    staff = StaffMember.objects.for_user(user).filter(manager__user=user)
    return _items(_counts(staff), reverse("training:my-team"), "See your team's training", "you manage")


def training_manager_items(user):
    staff = StaffMember.objects.for_user(user).filter(organisation_id__in=user.organisation_ids_with_role(Role.TRAINING_MANAGER))
    return _items(_counts(staff), reverse("training:staff"), "See staff training", "in your organisation")


def register():
    from clearsight.core import attention

    attention.register(Role.LINE_MANAGER, line_manager_items)
    attention.register(Role.TRAINING_MANAGER, training_manager_items)
