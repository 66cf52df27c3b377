"""What the action plan puts on people's home pages: year-end review responses due from them and
their own overdue plan actions (shown once, in the section of the first role they hold, since
action owners may hold any role), and for statement owners the reviews waiting to be closed."""

from django.urls import reverse
from django.utils import timezone

from clearsight.core.attention import Item
from clearsight.core.roles import Role

from . import rules
from .models import PlanAction, PlanYear


def _first_role(user):
    roles = sorted(user.roles, key=lambda r: list(Role).index(Role(r)))
    return Role(roles[0]) if roles else None


def responses_due(user) -> int:
    """Actions the user owns in plans under review that have no response yet."""
    return (PlanAction.objects.for_user(user).filter(owner=user, plan__status=PlanYear.Status.IN_REVIEW,
                                                     review__isnull=True).count())


def overdue_count(user, on) -> int:
    return (PlanAction.objects.for_user(user).filter(owner=user, plan__status=PlanYear.Status.OPEN, due_on__lt=on)
            .exclude(status__in=rules.FINISHED).count())


def own_action_items(role):
    def source(user):
        if _first_role(user) != role:
            return []
        items = []
        due = responses_due(user)
        if due:
            items.append(Item(due, f"action plan {'action needs' if due == 1 else 'actions need'} your year-end review response",
                              reverse("actionplan:my-actions"), "Say what was done"))
        overdue = overdue_count(user, timezone.localdate())
        if overdue:
            items.append(Item(overdue, f"action plan {'action of yours is' if overdue == 1 else 'actions of yours are'} overdue",
                              reverse("actionplan:my-actions"), "See your action plan actions"))
        return items

    source.__name__ = f"actionplan_own_actions_{role.value}"
    return source


def review_items(user):
    """Statement owners: overdue actions in the running plans they own, and plans under review with
    how many actions still have no response."""
    items = []
    today = timezone.localdate()
    for plan in PlanYear.objects.for_user(user).filter(status=PlanYear.Status.OPEN,
                                                       organisation_id__in=rules.managed_org_ids(user)):
        overdue = plan.actions.filter(due_on__lt=today).exclude(status__in=rules.FINISHED).count()
        if overdue:
            items.append(Item(overdue, f"{'action is' if overdue == 1 else 'actions are'} overdue in action plan {plan.title}",
                              reverse("actionplan:plan", kwargs={"public_id": plan.public_id}), "See the plan"))
    for plan in PlanYear.objects.for_user(user).filter(status=PlanYear.Status.IN_REVIEW,
                                                       organisation_id__in=rules.managed_org_ids(user)):
        missing = plan.actions.filter(review__isnull=True).count()
        text = (f"{'action has' if missing == 1 else 'actions have'} no year-end review response yet in action plan {plan.title}"
                if missing else f"actions answered: action plan {plan.title} is ready to close")
        items.append(Item(missing or plan.actions.count(), text,
                          reverse("actionplan:review-status", kwargs={"public_id": plan.public_id}), "See the review"))
    return items


_SOURCES = {role: own_action_items(role) for role in Role}


def register():
    from clearsight.core import attention

    for role, source in _SOURCES.items():
        attention.register(role, source)
    attention.register(Role.STATEMENT_OWNER, review_items)
