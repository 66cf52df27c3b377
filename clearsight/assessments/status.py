"""Which suppliers have a current assessment. Other contexts (risk screening's coverage figure,
the supplier page) call this rather than reading assessment rows themselves."""

from django.db.models import Q
from django.utils import timezone

from .schedule import earliest_completion_still_current


def current_assessments(organisation, on=None):
    """Completed (reviewed) assessments of the organisation's suppliers that are still current on
    ``on`` (today if not given): completed within the last twelve months and not superseded by a
    later assessment completed by then. Not scoped to a user: callers scope by organisation."""
    from .models import Assessment

    on = on or timezone.localdate()
    organisation_id = getattr(organisation, "pk", organisation)
    return (
        Assessment.objects.unscoped("the caller has already chosen the organisation")
        .filter(organisation_id=organisation_id, status=Assessment.Status.REVIEWED,
                completed_on__lte=on, completed_on__gte=earliest_completion_still_current(on))
        .filter(Q(superseded_by__isnull=True) | Q(superseded_by__completed_on__gt=on))
    )


def current_assessment_supplier_ids(organisation, on=None) -> set[int]:
    """Ids of the organisation's suppliers with a completed assessment still current on ``on``."""
    return set(current_assessments(organisation, on).values_list("supplier_id", flat=True))
