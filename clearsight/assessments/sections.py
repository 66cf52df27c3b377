"""The assessments section of the supplier page."""

from django.utils import timezone

from clearsight.core.roles import Capability

from . import services
from .models import ActionPlan, Assessment
from .status import current_assessment_supplier_ids
from .views.council import RESULT_COLOURS, STATUS_COLOURS


def supplier_section(request, supplier):
    user = request.user
    if not user.can(Capability.ASSESS_SUPPLIERS):
        return None
    assessments = list(Assessment.objects.for_user(user).filter(supplier=supplier).select_related("sent_by")[:20])
    schedule = services.schedules({supplier.organisation_id}, [supplier.pk]).get(supplier.pk)
    today = timezone.localdate()
    current = supplier.pk in current_assessment_supplier_ids(supplier.organisation_id, today)
    return {
        "supplier": supplier, "assessments": assessments, "schedule": schedule, "current": current,
        "open_plan": ActionPlan.objects.for_user(user).filter(supplier=supplier, status=ActionPlan.Status.OPEN).first(),
        "in_progress": any(a.status in (*services.OPEN, Assessment.Status.SUBMITTED) for a in assessments),
        "result_colours": RESULT_COLOURS, "status_colours": STATUS_COLOURS,
    }
