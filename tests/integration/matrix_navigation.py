"""URL matrix entries for the navigation: the "All areas" page is open to every signed-in person and
lists only what their roles reach (tests/integration/test_navigation_areas.py)."""

from .matrix_support import Expect

EXPECTATIONS = {
    "core:areas": Expect(),
}
