"""URL matrix entries for supplier matching: the review queue is for people who manage supply data
(procurement officers), each seeing only their own organisations' matches."""

from clearsight.core.roles import Capability

from .matrix_support import Expect, roles_with

MANAGERS = roles_with(Capability.MANAGE_SUPPLY_DATA)

EXPECTATIONS = {
    "matching:queue": Expect(roles=MANAGERS),
    "matching:review": Expect(roles=MANAGERS, record="supplier_match"),
}


def _supplier_match(organisation):
    from clearsight.matching.resolve import resolve_supplier_names
    from clearsight.matching.models import MatchReview
    from clearsight.supply.models import Supplier

    Supplier.objects.get_or_create(organisation=organisation, name="Socotec UK Limited")
    resolve_supplier_names(organisation, ["Socotec - Aecom"])
    return MatchReview.objects.filter(organisation=organisation).latest("pk")


RECORDS = {
    "supplier_match": lambda w, user: (_supplier_match(w["anytown_person"].primary_organisation),
                                       _supplier_match(w["bexford_person"].primary_organisation)),
}
