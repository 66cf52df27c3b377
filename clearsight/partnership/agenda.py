"""Drafting a meeting's agenda from what is open for the group's member organisations.

Concerns appear only as counts, references, dates and statuses: never names or free text, because
the agenda is read by every agency at the table."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from clearsight.core.dates import long_date

DEFAULT_LOOKBACK_DAYS = 28  # a group's first meeting looks back four weeks


@dataclass(frozen=True)
class AgendaSource:
    """Where the items of one kind on an agenda come from. ``kind`` is a data kind of information
    sharing agreements ("concerns", "intelligence", "operations"); ``items(org_ids, since, until)``
    returns references, dates and statuses only: an agenda goes to every agency at the table."""

    kind: str
    items: Callable


class AgendaSources:
    """The contexts whose records go on agendas add their source here in ``AppConfig.ready``
    (partnership sits below them and does not import them: ADR 0027)."""

    def __init__(self):
        self._by_kind = {}

    def add(self, source: AgendaSource) -> None:
        self._by_kind[source.kind] = source

    def items(self, kind, org_ids, since: date, until: date) -> tuple[bool, list]:
        """(whether any context provides this kind, its items)."""
        source = self._by_kind.get(kind)
        if source is None:
            return False, []
        return True, list(source.items(org_ids, since, until) or [])


agenda_sources = AgendaSources()


@dataclass
class OpenItems:
    since: date
    concerns: list = field(default_factory=list)
    intelligence: list = field(default_factory=list)
    overdue_actions: list = field(default_factory=list)
    operations: list = field(default_factory=list)
    intelligence_available: bool = False
    operations_available: bool = False


def since_for(meeting) -> date:
    """The date of the group's previous meeting, or four weeks before this one."""
    from .models import Meeting

    previous = (Meeting.objects.unscoped("agenda: the previous meeting of a group already checked")
                .filter(group_id=meeting.group_id, held_on__lt=meeting.held_on).order_by("-held_on").first())
    return previous.held_on if previous else meeting.held_on - timedelta(days=DEFAULT_LOOKBACK_DAYS)


def item_text(item) -> str:
    if isinstance(item, dict):
        return str(item.get("text") or item.get("title") or item.get("reference") or item)
    return str(getattr(item, "agenda_text", None) or item)


def overdue_actions(group, on: date) -> list:
    from .models import PartnershipAction

    return list(PartnershipAction.objects.unscoped("agenda: a group's actions, group already checked")
                .filter(meeting__group=group, status=PartnershipAction.Status.OPEN, due_on__lt=on)
                .select_related("owner", "owner_organisation").order_by("due_on", "id"))


def open_items(meeting) -> OpenItems:
    group = meeting.group
    org_ids = group.member_org_ids()
    since = since_for(meeting)
    items = OpenItems(since=since)
    # Concerns only of members that share concerns with the group's organisation under an agreement
    # in force on the meeting's date (the agenda goes to every member).
    from .sharing import organisations_sharing_with

    def agreed(kind):
        # Members (accepted ones: org_ids) whose records of this kind the group's organisation may see
        # under an agreement in force on the meeting's date.
        return set(org_ids) & organisations_sharing_with({group.organisation_id}, kind, on=meeting.held_on)

    _, items.concerns = agenda_sources.items("concerns", agreed("concerns"), since, meeting.held_on)
    items.intelligence_available, items.intelligence = agenda_sources.items(
        "intelligence", agreed("intelligence"), since, meeting.held_on)
    items.operations_available, items.operations = agenda_sources.items(
        "operations", agreed("operations"), since, meeting.held_on)
    items.overdue_actions = overdue_actions(group, meeting.held_on)
    return items


def agenda_text(meeting, items: OpenItems) -> str:
    """The draft agenda, as plain text the coordinator then edits."""
    lines = ["1. Welcome, introductions and apologies", ""]
    lines.append(f"2. Actions from previous meetings: {len(items.overdue_actions)} overdue")
    for action in items.overdue_actions:
        owner = f" ({action.owner.full_name})" if action.owner_id else ""
        lines.append(f"   - Due {long_date(action.due_on)}, {action.owner_organisation.name}{owner}: {action.description}")
    lines.append("")
    lines.append(f"3. New concerns since {long_date(items.since)}: {len(items.concerns)}")
    for concern in items.concerns:
        lines.append(f"   - {concern.reference}, {long_date(concern.reported_on)}, {concern.organisation}, {concern.status}")
    lines.append("")
    lines.append(f"4. New intelligence: {len(items.intelligence) if items.intelligence else 'none yet'}")
    lines += [f"   - {item_text(i)}" for i in items.intelligence]
    lines.append("")
    lines.append(f"5. Operations being planned: {len(items.operations) if items.operations else 'none yet'}")
    lines += [f"   - {item_text(i)}" for i in items.operations]
    lines += ["", "6. Any other business", "", "7. Date of the next meeting"]
    return "\n".join(lines)


def draft(meeting) -> str:
    return agenda_text(meeting, open_items(meeting))
