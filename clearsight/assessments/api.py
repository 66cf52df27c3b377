"""What other contexts may use of assessments (ADR 0027; `lint-imports` keeps everything else
private). Risk screening learns which suppliers have a current assessment through the slot it
declares (assessments fills it in ``AppConfig.ready``); an intelligence profile shows a supplier's
assessments."""

from .models import Assessment
from .status import current_assessment_supplier_ids

__all__ = ["Assessment", "current_assessment_supplier_ids"]
