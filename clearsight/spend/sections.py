"""The spend section of the supplier page: what the organisation paid the supplier, year by year."""

from clearsight.core.roles import Capability


def supplier_spend_context(request, supplier):
    from .summary import supplier_spend_by_year

    if not request.user.can(Capability.VIEW_SUPPLIERS):
        return None
    years = supplier_spend_by_year(supplier)
    return {"spend_years": years, "spend_total": sum((total for _, total, _ in years), start=0),
            "spend_lines": sum(count for _, _, count in years)}
