import pytest
from axe_playwright_python.sync_playwright import Axe

from clearsight.core.roles import Role

from ..factories import PASSWORD, OrganisationFactory, current_code, make_user

CHROMIUM = "/usr/bin/chromium"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium: nothing is downloaded. Background networking off, as the machine has no internet.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"],
    }


@pytest.fixture(autouse=True)
def live_server_settings(settings):
    # The live test server serves static files from the source folders, under their plain names.
    # The live test server speaks plain HTTP on localhost, so cookies cannot be marked Secure there.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False


@pytest.fixture
def axe():
    checker = Axe()

    def check(page):
        results = checker.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check


@pytest.fixture
def sign_in_with_keyboard(live_server):
    """Sign in using only the keyboard: Tab to each field, type, press Enter."""

    def do(page, user):
        page.goto(f"{live_server.url}/sign-in")
        page.keyboard.press("Tab")  # skip link
        focus_on(page, "#id_email")
        page.keyboard.type(user.email)
        page.keyboard.press("Tab")
        page.keyboard.type(PASSWORD)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        if "/security-code" in page.url:
            page.keyboard.press("Tab")
            focus_on(page, "#id_otp_token")
            page.keyboard.type(current_code(user.test_device))
            with page.expect_navigation():
                page.keyboard.press("Enter")

    return do


def focus_on(page, selector, limit=150):
    """Press Tab until ``selector`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if page.locator(selector).first.evaluate("(el) => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach {selector} with the Tab key")


@pytest.fixture
def everything_user(transactional_db):
    org = OrganisationFactory(name="Anytown Council")
    return make_user(org, Role.ADMINISTRATOR, Role.AUDITOR, Role.STAFF)
