"""URL matrix entries for the supplier and contract registers (see test_url_matrix.py)."""

from clearsight.core.roles import Capability

from ..factories import ContractFactory, SupplierFactory
from .matrix_support import Expect, roles_with

VIEWERS = roles_with(Capability.VIEW_SUPPLIERS)
MANAGERS = roles_with(Capability.MANAGE_SUPPLY_DATA)
HANDLERS = roles_with(Capability.HANDLE_CONCERNS)

EXPECTATIONS = {
    "supply:suppliers": Expect(roles=VIEWERS),
    "supply:supplier-add": Expect(roles=MANAGERS),
    "supply:supplier": Expect(roles=VIEWERS, record="supplier"),
    "supply:supplier-edit": Expect(roles=MANAGERS, record="supplier"),
    "supply:item-add": Expect(roles=MANAGERS, record="supplier", kwargs={"kind": "licences"}),
    "supply:item-edit": Expect(roles=MANAGERS, record="supplier",
                               kwargs=lambda s: {"kind": "contacts", "item_id": s.contacts.first().id}),
    "supply:item-remove": Expect(roles=MANAGERS, record="supplier",
                                 kwargs=lambda s: {"kind": "statements", "item_id": s.statements.first().id}),
    "supply:contracts": Expect(roles=VIEWERS),
    "supply:contract-add": Expect(roles=MANAGERS),
    "supply:contract-import": Expect(roles=MANAGERS),
    "supply:contract": Expect(roles=VIEWERS, record="contract"),
    "supply:contract-edit": Expect(roles=MANAGERS, record="contract"),
    # Linking a concern to a supplier: the concern's handlers, on concerns they can see.
    "supply:concern-supplier": Expect(roles=HANDLERS, record="concern"),
    "supply:concern-supplier-remove": Expect(roles=frozenset(), record="concern", kwargs={"link_id": 1},
                                             status={r: 405 for r in HANDLERS}, audited=False),
}


def _supplier(organisation):
    from clearsight.supply.models import Supplier

    supplier = SupplierFactory(organisation=organisation, name=f"Matrix Supplier {Supplier.objects.count()}")
    supplier.licences.create(kind="glaa", number="G1")
    supplier.statements.create(year=2026)
    supplier.contacts.create(name="A Contact")
    return supplier


def _contract(organisation):
    return ContractFactory(organisation=organisation, supplier=_supplier(organisation), title="Matrix contract")


RECORDS = {
    "supplier": lambda w, user: (_supplier(w["anytown_person"].primary_organisation),
                                 _supplier(w["bexford_person"].primary_organisation)),
    "contract": lambda w, user: (_contract(w["anytown_person"].primary_organisation),
                                 _contract(w["bexford_person"].primary_organisation)),
}
