"""URL matrix entries for board figures (merged by test_url_matrix)."""

from clearsight.core.roles import Capability

from .matrix_support import Expect, roles_with

AGGREGATES = roles_with(Capability.VIEW_AGGREGATES)

EXPECTATIONS = {
    "board:dashboard": Expect(roles=AGGREGATES),
    "board:report": Expect(roles=AGGREGATES),
    "board:details": Expect(roles=AGGREGATES, kwargs={"section": "referrals"}),
    "board:export-xlsx": Expect(roles=AGGREGATES),
    "board:export-csv": Expect(roles=AGGREGATES, kwargs={"table": "summary"}),
}
