"""What the partnership context puts on people's home pages: their own overdue partnership actions
(shown once, in the section of the first role they hold), and agreements due for review for
coordinators."""

from django.urls import reverse
from django.utils import timezone

from clearsight.core.attention import Item
from clearsight.core.roles import Role

from . import actions, sharing
from .models import InformationSharingAgreement, running_org_ids


def _first_role(user):
    roles = sorted(user.roles, key=lambda r: list(Role).index(Role(r)))
    return Role(roles[0]) if roles else None


def overdue_action_items(role):
    def source(user):
        if _first_role(user) != role:
            return []
        count = actions.overdue_for(user).count()
        if not count:
            return []
        return [Item(count, f"partnership {'action' if count == 1 else 'actions'} of yours {'is' if count == 1 else 'are'} overdue",
                     reverse("partnership:my-actions"), "See your partnership actions")]

    source.__name__ = f"partnership_overdue_actions_{role.value}"
    return source


def agreement_review_items(user):
    today = timezone.localdate()
    orgs = running_org_ids(user)
    if not orgs:
        return []
    agreements = InformationSharingAgreement.objects.for_user(user).filter(parties__in=orgs)
    due = [a for a in agreements if sharing.agreement_status(a, today) == sharing.REVIEW_OVERDUE]
    if not due:
        return []
    return [Item(len(due), f"information sharing {'agreement is' if len(due) == 1 else 'agreements are'} past the review date",
                 reverse("partnership:agreements"), "See the agreements")]


_SOURCES = {role: overdue_action_items(role) for role in Role}


def register():
    from clearsight.core import attention

    for role, source in _SOURCES.items():
        attention.register(role, source)
    attention.register(Role.PARTNERSHIP_COORDINATOR, agreement_review_items)
