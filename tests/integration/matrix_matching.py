"""URL matrix entries for supplier matching: the review queue is for people who manage supply data
(procurement officers), each seeing only their own organisations' matches."""

from clearsight.core.roles import Capability

from .matrix_support import Expect, roles_with

MANAGERS = roles_with(Capability.MANAGE_SUPPLY_DATA)

EXPECTATIONS = {
    "matching:queue": Expect(roles=MANAGERS),
    "matching:review": Expect(roles=MANAGERS, record="supplier_match"),
    # Saying the company number matching gave a supplier is not its company (the page that asks).
    "matching:not-this-company": Expect(roles=MANAGERS, record="matched_supplier"),
    # Saying a supplier is the same organisation as another (the page that offers them).
    "matching:same-as": Expect(roles=MANAGERS, record="matched_supplier"),
}


def _supplier_match(organisation):
    from clearsight.matching.resolve import resolve_supplier_names
    from clearsight.matching.models import MatchReview
    from clearsight.supply.models import Supplier

    Supplier.objects.get_or_create(organisation=organisation, name="Socotec UK Limited")
    resolve_supplier_names(organisation, ["Socotec - Aecom"])
    return MatchReview.objects.filter(organisation=organisation).latest("pk")


def _matched_supplier(organisation):
    from clearsight.matching.models import CompanyNumberSource
    from clearsight.supply.models import Supplier

    supplier, _ = Supplier.objects.get_or_create(organisation=organisation, name="Hire Station Ltd",
                                                 defaults={"company_number": "04043223"})
    CompanyNumberSource.objects.get_or_create(supplier=supplier, defaults={
        "company_number": "04043223", "register_label": "Test register 1", "method": "matched", "probability": 0.97})
    return supplier


RECORDS = {
    "supplier_match": lambda w, user: (_supplier_match(w["anytown_person"].primary_organisation),
                                       _supplier_match(w["bexford_person"].primary_organisation)),
    "matched_supplier": lambda w, user: (_matched_supplier(w["anytown_person"].primary_organisation),
                                         _matched_supplier(w["bexford_person"].primary_organisation)),
}
