"""The spend section of the supplier page: what the organisation paid the supplier, year by year, and
how the spend files name it (each publisher's supplier number and the names paid under it)."""

from clearsight.core.roles import Capability


def supplier_spend_context(request, supplier):
    from .summary import lines_without_date, supplier_names_in_files, supplier_spend_by_year

    if not request.user.can(Capability.VIEW_SUPPLIERS):
        return None
    years = supplier_spend_by_year(supplier)
    names = supplier_names_in_files(supplier)
    # Every line counts in the total, dated or not, as on the spend overview.
    return {"spend_years": years, "spend_total": sum((total for _, total, _ in years), start=0),
            "spend_lines": sum(count for _, _, count in years),
            "spend_undated": lines_without_date(supplier.organisation_id, supplier),
            "spend_year_unknown": any(year is None for year, _, _ in years),
            # Worth a table only when the files name the supplier more than one way.
            "spend_names": names if len(names) > 1 else [],
            "spend_numbers": any(number for _, number, *_ in names)}
