"""URL matrix entries for the session pages that session-timeout.js asks (merged by test_url_matrix).
Neither holds personal data: how long is left, and staying signed in."""

from .matrix_support import Expect

EXPECTATIONS = {
    # Answers anyone ({"signed_in": false} when not signed in); asking is not activity.
    "core:session-status": Expect(public=True),
    # "Stay signed in": without a script, it goes back to the page (home here, with no Referer).
    "core:session-extend": Expect(public=True, method="post", special={"anonymous": 302, "signed_in": 302}),
}
