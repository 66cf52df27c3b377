"""The risk section of the supplier page."""

from clearsight.core.roles import Capability
from clearsight.supply.api import supply_data_org_ids

from .risk import GROUPS

TIER_TAGS = {"very_high": "govuk-tag--red", "high": "govuk-tag--orange", "medium": "govuk-tag--yellow",
             "low": "govuk-tag--green"}


def supplier_risk_context(request, supplier):
    from .models import ReferenceDataset, SupplierRisk

    if not request.user.can(Capability.VIEW_SUPPLIERS):
        return None
    risk = SupplierRisk.objects.for_user(request.user).filter(supplier=supplier).first()
    groups = []
    if risk is not None:
        for key, label in GROUPS:
            factors = [f for f in risk.factors if f.get("group") == key]
            if factors:
                groups.append({"label": label, "factors": factors, "points": sum(f.get("points", 0) for f in factors)})
    titles = dict(ReferenceDataset.objects.values_list("key", "title"))
    versions = [(titles.get(key, key), version) for key, version in (risk.reference_versions.items() if risk else [])]
    return {
        "risk": risk, "risk_groups": groups, "risk_tag": TIER_TAGS.get(risk.tier, "") if risk else "",
        "risk_versions": versions, "risk_unknowns": sum(1 for f in risk.factors if f.get("unknown")) if risk else 0,
        "can_screen": supplier.organisation_id in supply_data_org_ids(request.user),
        "risk_supplier": supplier,
    }
