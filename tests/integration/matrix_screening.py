"""URL matrix entries for risk screening (merged by test_url_matrix)."""

from clearsight.core.roles import Capability

from ..factories import SupplierFactory
from .matrix_support import Expect, roles_with

VIEWERS = roles_with(Capability.VIEW_SUPPLIERS)
MANAGERS = roles_with(Capability.MANAGE_SUPPLY_DATA)


def _supplier(organisation):
    return SupplierFactory(organisation=organisation, name="Matrix Cleaning Ltd")


EXPECTATIONS = {
    "screening:overview": Expect(roles=VIEWERS),
    "screening:export": Expect(roles=VIEWERS, kwargs={"table": "tiers"}),
    "screening:reference": Expect(roles=VIEWERS),
    # POST only: a GET is refused (405) once the capability check has passed.
    "screening:screen-again": Expect(roles=frozenset(), record="screening_supplier",
                                     status={role: 405 for role in MANAGERS}, audited=False),
}

RECORDS = {
    "screening_supplier": lambda w, user: (_supplier(w["anytown_person"].primary_organisation),
                                           _supplier(w["bexford_person"].primary_organisation)),
}
