"""What other contexts may use of assessments (ADR 0027; `lint-imports` keeps everything else
private). Risk screening learns which suppliers have a current assessment through the slot it
declares (assessments fills it in ``AppConfig.ready``); an intelligence profile shows a supplier's
assessments (``assessments_for_user``). No model is exported: no other context names one."""

from .status import current_assessment_supplier_ids



def assessments_for_user(user):
    """The assessments the user may see (scoped as the assessment pages are)."""
    from .models import Assessment

    return Assessment.objects.for_user(user)


__all__ = ["assessments_for_user", "current_assessment_supplier_ids"]
