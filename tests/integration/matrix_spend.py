"""URL matrix entries for spend (see test_url_matrix.py)."""

from clearsight.core.roles import Capability

from .matrix_support import Expect, roles_with

VIEWERS = roles_with(Capability.VIEW_SUPPLIERS)
MANAGERS = roles_with(Capability.MANAGE_SUPPLY_DATA)

EXPECTATIONS = {
    "spend:overview": Expect(roles=VIEWERS),
    "spend:imports": Expect(roles=VIEWERS),
    "spend:upload": Expect(roles=MANAGERS),
    "spend:mapping": Expect(roles=MANAGERS, record="spend_import_waiting"),
    "spend:progress": Expect(roles=VIEWERS, record="spend_import_waiting"),
    # polled by the progress page's script every second; the progress page itself is audited
    "spend:status": Expect(roles=VIEWERS, record="spend_import_waiting", audited=False),
    "spend:report": Expect(roles=VIEWERS, record="spend_import_done"),
    # the confirmation page of undoing an import (its POST removes the lines)
    "spend:undo": Expect(roles=MANAGERS, record="spend_import_done"),
    # remembered layouts: the list, one layout's change page, and the confirmation page of forgetting it
    "spend:layouts": Expect(roles=MANAGERS),
    "spend:layout": Expect(roles=MANAGERS, record="spend_layout"),
    "spend:forget-layout": Expect(roles=MANAGERS, record="spend_layout"),
}


def _spend_import(organisation, status):
    from clearsight.spend.models import SpendImport

    return SpendImport.objects.create(organisation=organisation, publisher="Test council", file_name="spend.csv",
                                      file_sha256=f"matrix-{status}", status=status, header=["Supplier", "Amount"],
                                      mapping={"columns": {"payee_name": 0, "amount": 1}})


def _pair(status):
    return lambda w, user: (_spend_import(w["anytown_person"].primary_organisation, status),
                            _spend_import(w["bexford_person"].primary_organisation, status))


def _layout(organisation):
    import uuid

    from clearsight.spend.models import SpendMapping

    return SpendMapping.objects.create(organisation=organisation, publisher="Test council", publisher_key="test council",
                                       header_signature=uuid.uuid4().hex[:32], header=["Supplier", "Amount"],
                                       mapping={"payee_name": 0, "amount": 1})


RECORDS = {
    "spend_layout": lambda w, user: (_layout(w["anytown_person"].primary_organisation),
                                     _layout(w["bexford_person"].primary_organisation)),
    "spend_import_waiting": _pair("needs_mapping"),
    "spend_import_done": _pair("imported"),
}
