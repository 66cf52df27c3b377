"""What supplier assessments put on the home pages of procurement officers and contract managers:
answers waiting for review, reassessments due or overdue, and overdue action plan actions."""

from django.urls import reverse
from django.utils import timezone

from clearsight.core.attention import Item
from clearsight.core.roles import Role

from . import services
from .models import Action, Assessment


def _plural(n, one, many):
    return one if n == 1 else many


def _items(user, organisation_ids, supplier_ids=None):
    today = timezone.localdate()
    items = []
    link = reverse("assessments:list")
    assessments = Assessment.objects.for_user(user).filter(organisation_id__in=organisation_ids)
    if supplier_ids is not None:
        assessments = assessments.filter(supplier_id__in=supplier_ids)
    waiting = assessments.filter(status=Assessment.Status.SUBMITTED).count()
    if waiting:
        items.append(Item(waiting, f"supplier {_plural(waiting, 'assessment is', 'assessments are')} waiting for review",
                          f"{link}?show=review", "Review answers"))
    schedules = services.schedules(organisation_ids, supplier_ids, today).values()
    overdue = sum(1 for s in schedules if s.status == "overdue")
    soon = sum(1 for s in schedules if s.status == "due_soon")
    if overdue:
        items.append(Item(overdue, f"{_plural(overdue, 'supplier is', 'suppliers are')} overdue for reassessment",
                          f"{link}?show=due", "See reassessments due"))
    if soon:
        items.append(Item(soon, f"{_plural(soon, 'supplier is', 'suppliers are')} due for reassessment within 30 days",
                          f"{link}?show=due", "See reassessments due"))
    actions = Action.objects.for_user(user).filter(plan__organisation_id__in=organisation_ids)
    if supplier_ids is not None:
        actions = actions.filter(plan__supplier_id__in=supplier_ids)
    late = services.overdue_actions(actions, today).count()
    if late:
        items.append(Item(late, f"action plan {_plural(late, 'action is', 'actions are')} overdue",
                          f"{link}?show=plans", "See action plans"))
    return items


def procurement_officer_items(user):
    return _items(user, user.organisation_ids_with_role(Role.PROCUREMENT_OFFICER))


def contract_manager_items(user):
    from clearsight.supply.api import Contract

    org_ids = user.organisation_ids_with_role(Role.CONTRACT_MANAGER)
    suppliers = set(Contract.objects.for_user(user).filter(organisation_id__in=org_ids, contract_manager=user,
                                                           supplier__isnull=False).values_list("supplier_id", flat=True))
    items = _items(user, org_ids, suppliers)
    mine = services.overdue_actions(Action.objects.for_user(user).filter(plan__organisation_id__in=org_ids, owner=user)
                                    .exclude(plan__supplier_id__in=suppliers)).count()
    if mine:
        items.append(Item(mine, f"action plan {_plural(mine, 'action', 'actions')} you follow up for other suppliers "
                          f"{_plural(mine, 'is', 'are')} overdue", f"{reverse('assessments:list')}?show=plans", "See action plans"))
    return items


def register():
    from clearsight.core import attention

    attention.register(Role.PROCUREMENT_OFFICER, procurement_officer_items)
    attention.register(Role.CONTRACT_MANAGER, contract_manager_items)
