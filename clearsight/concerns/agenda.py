"""New concerns on a partnership meeting's agenda: counts, references, dates and statuses, never
names or free text, because the agenda is read by every agency at the table. Added to partnership's
agenda sources in ``ConcernsConfig.ready``."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone


@dataclass
class AgendaConcern:
    reference: str
    reported_on: date
    status: str
    organisation: str


def new_concerns(org_ids, since: date, until: date) -> list[AgendaConcern]:
    from .models import Concern

    start = timezone.make_aware(datetime.combine(since, time.min))
    end = timezone.make_aware(datetime.combine(until, time.max))
    rows = (Concern.objects.unscoped("meeting agenda: references, dates and statuses only of member organisations' concerns")
            .filter(handling_organisation_id__in=list(org_ids), submitted_at__gte=start, submitted_at__lte=end)
            .exclude(status=Concern.Status.DRAFT)
            .order_by("submitted_at")
            .values_list("reference", "submitted_at", "status", "handling_organisation__name"))
    labels = dict(Concern.Status.choices)
    return [AgendaConcern(ref, timezone.localtime(at).date(), labels.get(status, status), org) for ref, at, status, org in rows]
