"""URL matrix entries for the reporting journey's pages added by issue 17: an adult's consent and
wishes (a draft's), and the reporter's own sent report with its 'Add information' form."""

from clearsight.core.roles import Capability

from .matrix_support import Expect, roles_with

REPORTERS = roles_with(Capability.REPORT_CONCERN)

EXPECTATIONS = {
    "concerns:report-wishes": Expect(roles=REPORTERS, record="draft", kwargs={"position": 1}),
    "concerns:my-report": Expect(roles=REPORTERS, record="sent"),
    "concerns:my-report-add": Expect(roles=REPORTERS, record="sent"),
}
