"""URL matrix entries for single sign-on (core/views/sso.py, merged by test_url_matrix). The pages
answer anyone, as they are how one signs in; none shows personal data. Here there is no identity
provider, so each says so: no provider by that name, no pending sign-in, no address to look up."""

from .matrix_support import Expect

EXPECTATIONS = {
    "core:sso-start": Expect(
        public=True, kwargs={"slug": "no-such-provider"}, special={"anonymous": 404, "signed_in": 404}
    ),
    "core:sso-callback": Expect(public=True, special={"anonymous": 400, "signed_in": 400}),
    "core:sso-by-email": Expect(public=True, method="post", special={"anonymous": 400, "signed_in": 400}),
}
