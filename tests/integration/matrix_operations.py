"""URL matrix entries for disruption operations (merged by test_url_matrix)."""

from datetime import date

from clearsight.core.roles import Capability

from ..factories import OperationFactory
from .matrix_support import Expect, roles_with

WORKERS = roles_with(Capability.WORK_IN_PARTNERSHIP)
RUNNERS = roles_with(Capability.RUN_PARTNERSHIP)
AGGREGATES = roles_with(Capability.VIEW_AGGREGATES)
POST_ONLY = {"anonymous": 405, "signed_in": 405}


def _operation(organisation, creator):
    return OperationFactory(name="Operation Matrix", date=date(2026, 3, 1), lead_agency=organisation,
                            created_by=creator)


EXPECTATIONS = {
    "operations:list": Expect(roles=WORKERS),
    "operations:add": Expect(roles=RUNNERS),
    "operations:figures": Expect(roles=WORKERS | AGGREGATES),
    "operations:figures-export": Expect(roles=WORKERS | AGGREGATES, kwargs={"table": "summary"}),
    "operations:operation": Expect(roles=WORKERS, record="operation"),
    "operations:edit": Expect(roles=RUNNERS, record="operation"),
    "operations:outcomes": Expect(roles=RUNNERS, record="operation"),
    "operations:victim-add": Expect(roles=WORKERS, record="operation"),
    "operations:intervention-add": Expect(roles=RUNNERS, record="operation"),
    # POST only: a GET is refused before anything else.
    "operations:victim-remove": Expect(roles=frozenset(), record="operation", special=POST_ONLY, audited=False,
                                       kwargs={"victim_id": 1}),
    "operations:intervention-remove": Expect(roles=frozenset(), record="operation", special=POST_ONLY, audited=False,
                                             kwargs={"intervention_id": 1}),
}

RECORDS = {
    "operation": lambda w, user: (_operation(w["anytown_person"].primary_organisation, w["anytown_person"]),
                                  _operation(w["bexford_person"].primary_organisation, w["bexford_person"])),
}
