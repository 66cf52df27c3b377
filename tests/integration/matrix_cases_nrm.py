"""URL matrix entries for the NRM events of a case, each on its own form (issue 17): the same people
as the case's other pages (its caseworkers, its team's managers, partners it is shared with)."""

from clearsight.core.roles import Capability

from .matrix_support import Expect, roles_with

CASE_ROLES = roles_with(Capability.WORK_ON_CASES)

EXPECTATIONS = {
    f"cases:{name}": Expect(roles=CASE_ROLES, record="case")
    for name in (
        "nrm-referral",
        "nrm-reasonable-grounds",
        "nrm-conclusive-grounds",
        "nrm-reconsideration",
        "nrm-withdrawal",
        "nrm-consent",
    )
}
