"""Partnership actions: which are overdue, and sending each agency only its own actions."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from clearsight.core import email
from clearsight.core.dates import long_date


@dataclass
class Sent:
    organisation: object
    to: str  # empty when the agency has no contact: nothing was sent
    count: int


def overdue_for(user, on: date | None = None):
    from .models import PartnershipAction

    on = on or timezone.localdate()
    return PartnershipAction.objects.for_user(user).filter(owner=user, status=PartnershipAction.Status.OPEN, due_on__lt=on)


def actions_by_agency(actions) -> dict:
    grouped = defaultdict(list)
    for action in actions:
        grouped[action.owner_organisation].append(action)
    return dict(sorted(grouped.items(), key=lambda kv: kv[0].name))


def email_body(meeting, organisation, actions) -> str:
    link = settings.SITE_URL + reverse("partnership:meeting", kwargs={"public_id": meeting.public_id})
    lines = [f"Actions for {organisation.name} from the {meeting.group.name} meeting on {long_date(meeting.held_on)}:", ""]
    for number, action in enumerate(actions, 1):
        owner = action.owner.full_name if action.owner_id else "Not yet given to anyone"
        lines += [f"{number}. {action.description}", f"   Owner: {owner}", f"   Due: {long_date(action.due_on)}", ""]
    lines += ["When an action is done, tell the group's coordinator or update it in Clearsight:", link, "",
              "This email was sent by Clearsight. Only your organisation's actions are listed."]
    return "\n".join(lines)


def send_actions(meeting) -> list[Sent]:
    """Send each agency's single point of contact ONE email listing only that agency's open actions
    from this meeting. Agencies without a contact are reported, not emailed."""
    contacts = {m.organisation_id: m.email for m in meeting.group.members.filter(accepted_at__isnull=False).select_related("contact_user")}
    actions = meeting.actions.filter(status="open").select_related("owner", "owner_organisation").order_by("due_on", "id")
    results = []
    for organisation, items in actions_by_agency(actions).items():
        to = contacts.get(organisation.id, "")
        if to:  # queued, sent by the task worker (core/email.py); sending again sends the actions again
            email.queue(email.message_key("meeting-actions", meeting.public_id, organisation.pk, timezone.now().isoformat()),
                        to, f"Your actions from the {meeting.group.name} meeting on {long_date(meeting.held_on)}",
                        email_body(meeting, organisation, items), organisation=organisation)
        results.append(Sent(organisation, to, len(items)))
    meeting.actions_sent_at = timezone.now()
    type(meeting).objects.unscoped("recording when actions were sent, meeting already checked").filter(
        pk=meeting.pk).update(actions_sent_at=meeting.actions_sent_at)
    return results
