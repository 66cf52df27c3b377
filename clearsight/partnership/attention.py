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
    agreements = InformationSharingAgreement.objects.for_user(user).filter(parties__in=orgs).select_related("in_force_version")
    due = [a for a in agreements if a.status_on(today) == sharing.REVIEW_OVERDUE]
    if not due:
        return []
    return [Item(len(due), f"information sharing {'agreement is' if len(due) == 1 else 'agreements are'} past the review date",
                 reverse("partnership:agreements"), "See the agreements")]


def waiting_for_acceptance_items(role):
    """For a signatory: agreements whose latest terms wait for their organisation's acceptance (shown
    once, in the section of the first signing role they hold)."""
    from clearsight.core.roles import ROLES, Capability

    from .agreements import signing_org_ids

    def source(user):
        signing_roles = [r for r in sorted(user.roles, key=lambda r: list(Role).index(Role(r)))
                         if Capability.SIGN_AGREEMENTS in ROLES[Role(r)].capabilities]
        if not signing_roles or Role(signing_roles[0]) != role:
            return []
        mine = signing_org_ids(user)
        waiting = 0
        for agreement in (InformationSharingAgreement.objects.for_user(user)
                          .exclude(status=InformationSharingAgreement.Status.ENDED)):
            latest = agreement.latest_version()
            if latest is None:
                continue
            parties = set(latest.parties.values_list("id", flat=True)) & mine
            if parties - set(latest.acceptances.values_list("organisation_id", flat=True)):
                waiting += 1
        if not waiting:
            return []
        return [Item(waiting, f"information sharing {'agreement is' if waiting == 1 else 'agreements are'} waiting for "
                              "your organisation's acceptance", reverse("partnership:agreements"), "See the agreements")]

    source.__name__ = f"partnership_waiting_for_acceptance_{role.value}"
    return source


_SOURCES = {role: overdue_action_items(role) for role in Role}


def register():
    from clearsight.core import attention

    for role, source in _SOURCES.items():
        attention.register(role, source)
    attention.register(Role.PARTNERSHIP_COORDINATOR, agreement_review_items)
    for role in (Role.DATA_PROTECTION_OFFICER, Role.ADMINISTRATOR):
        attention.register(role, waiting_for_acceptance_items(role))
