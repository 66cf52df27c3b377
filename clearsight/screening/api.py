"""What other contexts may use of risk screening (ADR 0027; `lint-imports` keeps everything else
private): the supply chain risk overview (the board's supplier figures) and a supplier's risk tier
(assessments choose a questionnaire by it).

Screening sits below assessments, so it learns which suppliers have a current assessment through the
``assessed_supplier_ids`` slot, which assessments fills in its ``AppConfig.ready``."""

from clearsight.core.hooks import Slot

assessed_supplier_ids = Slot("screening.assessed_supplier_ids", default=lambda organisation, on=None: set())


def overview_for(organisation, start=None, end=None, limit=20, on=None):
    from .overview import overview_for as overview

    return overview(organisation, start=start, end=end, limit=limit, on=on)


def risk_tier_of(supplier) -> str | None:
    """The supplier's risk tier from its latest screening, or None if it has not been screened."""
    from .models import SupplierRisk

    tier = (SupplierRisk.objects.unscoped("one supplier's tier, for a caller that has checked the supplier")
            .filter(supplier_id=getattr(supplier, "pk", supplier)).values_list("tier", flat=True).first())
    return str(tier) if tier else None


__all__ = ["assessed_supplier_ids", "overview_for", "risk_tier_of"]
