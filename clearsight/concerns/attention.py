"""What the concerns context puts on people's home pages."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from clearsight.core.attention import Item
from clearsight.core.roles import Role

from .models import Action, Concern


def staff_items(user):
    drafts = Concern.objects.reported_by(user).filter(status=Concern.Status.DRAFT, draft_expires_at__gt=timezone.now()).count()
    sent = Concern.objects.reported_by(user).exclude(status=Concern.Status.DRAFT).count()
    items = []
    if drafts:
        items.append(Item(drafts, f"unfinished {'report' if drafts == 1 else 'reports'}. Unfinished reports are deleted after "
                          f"{settings.CONCERN_DRAFT_DAYS} days without changes.", reverse("concerns:my-reports"), "Continue a report"))
    if sent:
        items.append(Item(sent, f"{'report' if sent == 1 else 'reports'} sent by you", reverse("concerns:my-reports"), "See their status"))
    return items


def first_responder_items(user):
    concerns = Concern.objects.for_user(user)
    new = concerns.filter(status=Concern.Status.NEW).count()
    mine = Action.objects.for_user(user).filter(owner=user, status=Action.Status.OPEN)
    overdue = mine.filter(due_at__lt=timezone.now()).count()
    due = mine.count() - overdue
    items = []
    if new:
        items.append(Item(new, f"new {'concern' if new == 1 else 'concerns'} waiting for triage", reverse("concerns:queue") + "?status=new", "Triage concerns"))
    if overdue:
        items.append(Item(overdue, f"overdue {'action' if overdue == 1 else 'actions'} that you own", reverse("concerns:queue"), "See concerns"))
    if due:
        items.append(Item(due, f"{'action' if due == 1 else 'actions'} to do that you own, not yet due", reverse("concerns:queue"), "See concerns"))
    return items


def owned_action_items(user):
    """For people who own actions without handling concerns, such as a procurement champion."""
    mine = Action.objects.for_user(user).filter(owner=user, status=Action.Status.OPEN)
    overdue = mine.filter(due_at__lt=timezone.now()).count()
    due = mine.count() - overdue
    items = []
    if overdue:
        items.append(Item(overdue, f"overdue {'action' if overdue == 1 else 'actions'} that you own", reverse("concerns:my-actions"), "See your actions"))
    if due:
        items.append(Item(due, f"{'action' if due == 1 else 'actions'} to do that you own", reverse("concerns:my-actions"), "See your actions"))
    return items


def manager_items(user):
    overdue = Action.objects.for_user(user).filter(status=Action.Status.OPEN, due_at__lt=timezone.now()).count()
    if not overdue:
        return []
    return [Item(overdue, f"overdue {'action' if overdue == 1 else 'actions'} in your team's concerns", reverse("concerns:queue"), "See concerns")]


def register():
    from clearsight.core import attention

    attention.register(Role.STAFF, staff_items)
    attention.register(Role.FIRST_RESPONDER, first_responder_items)
    attention.register(Role.TEAM_MANAGER, manager_items)
    attention.register(Role.PROCUREMENT_OFFICER, owned_action_items)
    attention.register(Role.CONTRACT_MANAGER, owned_action_items)
