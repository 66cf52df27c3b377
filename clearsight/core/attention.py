"""What needs each user's attention, for the home page. One section for each role they hold."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from .roles import ROLES, Role, roles_requiring_two_factor


@dataclass
class Item:
    count: int
    text: str
    href: str = ""
    link_text: str = ""


@dataclass
class Section:
    role: Role
    heading: str
    description: str
    items: list = field(default_factory=list)
    empty: str = ""


# What each role will see here as Clearsight grows; said plainly while there is nothing to show.
EMPTY_STATES = {
    Role.STAFF: "You have not reported any concerns. If you see something that is not right, report it: "
    "you do not need to be sure. If someone is in immediate danger, call 999.",
    Role.FIRST_RESPONDER: "There are no new concerns waiting for triage and you have no actions to do.",
    Role.CASEWORKER: "You have no cases assigned to you, and no support tasks or safety plan reviews due.",
    Role.TEAM_MANAGER: "Nothing in your team is overdue.",
    Role.PARTNERSHIP_COORDINATOR: "There are no partnership actions or operations due.",
    Role.PROCUREMENT_OFFICER: "There are no suppliers waiting for a risk assessment.",
    Role.CONTRACT_MANAGER: "None of your suppliers has an assessment or action plan due.",
    Role.TRAINING_MANAGER: "No one's modern slavery training is overdue.",
    Role.LINE_MANAGER: "No one you manage has overdue training.",
    Role.STATEMENT_OWNER: "No action plan items are due and no statement is being drafted.",
    Role.AUDITOR: "",
    Role.BOARD_MEMBER: "There are no new figures for the board yet.",
    Role.ADMINISTRATOR: "",
}


def _administrator_items(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .models import User

    people = User.people.for_user(user).filter(is_active=True, memberships__role__in=roles_requiring_two_factor()).distinct()
    with_device = TOTPDevice.objects.filter(confirmed=True).values("user_id")
    without_2fa = people.exclude(pk__in=with_device).count()
    items = []
    if without_2fa:
        items.append(Item(without_2fa, "people have not set up two-factor authentication yet. "
                          "They will be asked to the next time they sign in.", reverse("core:people"), "See people"))
    return items


def _auditor_items(user):
    from .models import AuditEvent

    since = timezone.now() - timedelta(hours=24)
    failed = AuditEvent.objects.for_user(user).filter(
        at__gte=since, action__in=[AuditEvent.Action.SIGN_IN_FAILED, AuditEvent.Action.LOCKED_OUT]
    ).count()
    items = []
    if failed:
        items.append(Item(failed, "failed sign-ins or lockouts in the last 24 hours", reverse("core:audit-log"), "Search the audit log"))
    return items


EMPTY_STATES[Role.ADMINISTRATOR] = "No one needs your help to sign in."
EMPTY_STATES[Role.DATA_PROTECTION_OFFICER] = "No information sharing agreement is waiting for your organisation's acceptance."
EMPTY_STATES[Role.AUDITOR] = "There have been no failed sign-ins or lockouts in the last 24 hours."

# Functions that list what needs a role's attention. Each context registers its own in its AppConfig.ready.
ITEM_SOURCES = {Role.ADMINISTRATOR: [_administrator_items], Role.AUDITOR: [_auditor_items]}


def register(role, source):
    ITEM_SOURCES.setdefault(Role(role), [])
    if source not in ITEM_SOURCES[Role(role)]:
        ITEM_SOURCES[Role(role)].append(source)


def attention_for(user):
    sections = []
    for role in sorted(user.roles, key=lambda r: list(Role).index(Role(r))):
        role = Role(role)
        info = ROLES[role]
        items = [item for source in ITEM_SOURCES.get(role, []) for item in source(user)]
        sections.append(Section(role, info.label, info.description, items, EMPTY_STATES[role]))
    return sections
