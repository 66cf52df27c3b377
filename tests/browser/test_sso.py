"""Single sign-on in Debian's Chromium, by keyboard, against the test suite's real OpenID provider
(tests/oidc/provider.mjs): the sign-in page's provider button and email field, the way back, signing
out of both, with axe on Clearsight's pages. Chromium applies the Content Security Policy's
'form-action' to where a form's answer redirects, which the HTTP tests cannot show."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from clearsight.core.roles import Role
from tests.factories import OrganisationFactory, make_user
from tests.oidc.server import SECRET_VARIABLE, oidc_provider  # noqa: F401  (the fixture)

from .conftest import focus_on


@pytest.fixture
def anytown_provider(oidc_provider, transactional_db, monkeypatch):  # noqa: F811
    monkeypatch.setenv(SECRET_VARIABLE, oidc_provider.client_secret)
    anytown = OrganisationFactory(name="Anytown Council")
    call_command(
        "add_identity_provider",
        oidc_provider.discovery_url(),
        name="Anytown Council account",
        slug="anytown",
        organisation="Anytown Council",
        domains=["anytown.example"],
        client_id=oidc_provider.client_id,
        secret_variable=SECRET_VARIABLE,
    )
    return anytown


def sign_in_at_the_provider(page, account):
    expect(page.locator("h1")).to_have_text("Sign in to the test identity provider")
    page.fill("#login", account)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_signing_in_and_out_with_the_organisations_account_by_keyboard(page, live_server, axe, anytown_provider):
    """Given Amira has a Clearsight account at Anytown, whose provider is offered on the sign-in page,
    when she Tabs to 'Sign in with Anytown Council account', presses Enter and signs in there,
    then she is on her home page; and when she signs out, she is signed out of the provider too and
    back on Clearsight's sign-in page; every Clearsight page on the way passes axe."""
    make_user(anytown_provider, Role.CASEWORKER, email="amira.khan@anytown.example")
    page.goto(f"{live_server.url}/sign-in")
    axe(page)

    focus_on(page, "text=Sign in with Anytown Council account")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    sign_in_at_the_provider(page, "amira")

    assert page.url == f"{live_server.url}/"
    expect(page.locator("body")).to_contain_text("Anytown Council")
    axe(page)

    page.goto(f"{live_server.url}/account")
    focus_on(page, "button:has-text('Sign out')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("button[name=logout]")).to_be_visible()
    with page.expect_navigation():
        page.click("button[name=logout]")
    assert page.url == f"{live_server.url}/sign-in"
    expect(page.locator("body")).to_contain_text("You have signed out")
    axe(page)


def test_the_provider_is_found_from_the_email_address_typed(page, live_server, axe, anytown_provider):
    """Given an address of no provider's domain, the sign-in page says so by the field (checked with axe);
    given Amira's work address, she is taken to Anytown's provider and signed in."""
    make_user(anytown_provider, Role.STAFF, email="amira.khan@anytown.example")
    page.goto(f"{live_server.url}/sign-in")
    focus_on(page, "#sso-email")
    page.keyboard.type("sam.lee@elsewhere.example")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_contain_text("ending @elsewhere.example")
    axe(page)

    page.fill("#sso-email", "amira.khan@anytown.example")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#login")).to_have_value("amira.khan@anytown.example")
    sign_in_at_the_provider(page, "amira")
    assert page.url == f"{live_server.url}/"


def test_a_refusal_is_explained_on_an_accessible_page(page, live_server, axe, anytown_provider):
    """Given Dana's Clearsight account is suspended, when she signs in with the provider, then the page
    says she cannot sign in and why, and passes axe."""
    dana = make_user(anytown_provider, Role.STAFF, email="dana.cole@anytown.example")
    dana.is_active = False
    dana.save(update_fields=["is_active"])
    page.goto(f"{live_server.url}/sign-in/with/anytown")
    sign_in_at_the_provider(page, "dana")

    expect(page.locator("h1")).to_have_text("You cannot sign in with Anytown Council account")
    expect(page.locator("#sign-in-refused")).to_contain_text("Your Clearsight account is suspended")
    axe(page)
