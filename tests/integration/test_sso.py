"""Single sign-on with OpenID Connect, against a real OpenID provider (panva's oidc-provider, started by
tests/oidc/server.py on 127.0.0.1) and Clearsight's live server, over HTTP as a browser would go."""

import html
import re
from urllib.parse import urlsplit

import pytest
import requests
from django.core.management import call_command

from clearsight.core.models import AuditEvent, IdentityProvider, Membership
from clearsight.core.roles import Role
from tests.factories import OrganisationFactory, UserFactory, current_code, make_user
from tests.oidc.server import SECRET_VARIABLE, oidc_provider  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def plain_http_cookies(settings):
    # The live test server speaks plain HTTP, so its cookies cannot be marked Secure.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False


@pytest.fixture
def anytown(transactional_db):
    return OrganisationFactory(name="Anytown Council")


@pytest.fixture
def provider(oidc_provider, anytown, monkeypatch):  # noqa: F811
    """Anytown's identity provider, added as an administrator would, from its discovery document."""
    monkeypatch.setenv(SECRET_VARIABLE, oidc_provider.client_secret)
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
    return IdentityProvider.objects.get(slug="anytown")


@pytest.fixture
def web():
    with requests.Session() as session:
        yield session


def csrf_token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def sign_in_at_provider(web, live_server, account, *, via_email=None):
    """Start single sign-on from Clearsight's sign-in page and sign in at the provider as ``account``;
    returns the page the web ends on."""
    sign_in_page = web.get(f"{live_server.url}/sign-in")
    if via_email:
        provider_page = web.post(
            f"{live_server.url}/sign-in/organisation-account",
            data={"csrfmiddlewaretoken": csrf_token(sign_in_page), "sso_email": via_email},
        )
    else:
        assert "Sign in with Anytown Council account" in sign_in_page.text
        provider_page = web.get(f"{live_server.url}/sign-in/with/anytown")
    assert provider_page.status_code == 200 and "Sign in to the test identity provider" in provider_page.text
    action = html.unescape(re.search(r'<form method="post" action="([^"]+)"', provider_page.text).group(1))
    return web.post(urlsplit(provider_page.url)._replace(path=action, query="").geturl(), data={"login": account})


def test_a_person_signs_in_with_their_organisations_account_and_lands_on_their_home_page(
    web, live_server, provider, anytown
):
    """Given Amira has a Clearsight account at Anytown with a role that needs two factors, and Anytown's
    provider says she used multi-factor authentication,
    when she chooses 'Sign in with Anytown Council account' and signs in there,
    then she is on her home page as a member of Anytown, without being asked for Clearsight's code,
    and the audit log says she signed in with single sign-on."""
    amira = make_user(anytown, Role.CASEWORKER, email="Amira.Khan@anytown.example")

    home = sign_in_at_provider(web, live_server, "amira")

    assert home.status_code == 200
    assert urlsplit(home.url).path == "/"
    assert "Anytown Council" in home.text
    event = AuditEvent.objects.unscoped("test").filter(actor=amira, action=AuditEvent.Action.SIGN_IN).get()
    assert "Single sign-on with Anytown Council account" in event.description
    assert "multi-factor by the provider" in event.description
    # Her roles are Clearsight's, untouched by the sign-in.
    assert set(Membership.objects.filter(user=amira).values_list("role", flat=True)) == {Role.CASEWORKER}


def test_without_a_multi_factor_claim_clearsight_asks_for_its_own_code(web, live_server, provider, anytown):
    """Given Ben needs two factors and the provider says he used a password only,
    when he signs in with the provider,
    then Clearsight asks for its own security code, and only with it does he reach his home page."""
    ben = make_user(anytown, Role.CASEWORKER, email="ben.jones@anytown.example")

    code_page = sign_in_at_provider(web, live_server, "ben")

    assert urlsplit(code_page.url).path == "/sign-in/security-code"
    assert urlsplit(web.get(f"{live_server.url}/").url).path == "/sign-in/security-code"
    home = web.post(
        code_page.url, data={"csrfmiddlewaretoken": csrf_token(code_page), "otp_token": current_code(ben.test_device)}
    )
    assert urlsplit(home.url).path == "/"
    assert "Anytown Council" in home.text


def test_the_provider_is_found_from_the_email_domain_typed_on_the_sign_in_page(web, live_server, provider, anytown):
    """Given Amira types her work email address under 'Sign in with your organisation's account',
    then she is sent to Anytown's provider (which is told her address) and back to her home page."""
    make_user(anytown, Role.STAFF, email="amira.khan@anytown.example")

    home = sign_in_at_provider(web, live_server, "amira", via_email="amira.khan@anytown.example")

    assert urlsplit(home.url).path == "/"


def test_an_email_domain_that_is_not_the_providers_is_refused(web, live_server, provider, anytown):
    """Given Sam has a Clearsight account at Anytown but an address at elsewhere.example, not one of the
    provider's domains,
    when Sam signs in with Anytown's provider,
    then Clearsight refuses, saying the domain is the reason, Sam is not signed in, and it is audited."""
    sam = make_user(anytown, Role.STAFF, email="sam.lee@elsewhere.example")

    refused = sign_in_at_provider(web, live_server, "sam")

    assert refused.status_code == 403
    assert "You cannot sign in with Anytown Council account using an email address ending @elsewhere.example" in (
        html.unescape(refused.text)
    )
    assert urlsplit(web.get(f"{live_server.url}/").url).path == "/sign-in"
    assert AuditEvent.objects.unscoped("test").filter(actor=sam, action=AuditEvent.Action.SIGN_IN_FAILED).exists()
    assert not AuditEvent.objects.unscoped("test").filter(actor=sam, action=AuditEvent.Action.SIGN_IN).exists()


def test_a_suspended_account_is_refused(web, live_server, provider, anytown):
    """Given Dana's Clearsight account is suspended, though the provider still signs her in,
    then Clearsight refuses her, saying her account is suspended."""
    dana = make_user(anytown, Role.STAFF, email="dana.cole@anytown.example")
    dana.is_active = False
    dana.save(update_fields=["is_active"])

    refused = sign_in_at_provider(web, live_server, "dana")

    assert refused.status_code == 403
    assert "Your Clearsight account is suspended" in refused.text
    assert urlsplit(web.get(f"{live_server.url}/").url).path == "/sign-in"


def test_a_person_of_another_organisation_is_refused(web, live_server, provider, anytown):
    """Given Amira's address is at Anytown's domain but her account is only in another organisation,
    then Anytown's provider cannot sign her in."""
    make_user(OrganisationFactory(name="Bexford Borough Council"), Role.STAFF, email="amira.khan@anytown.example")

    refused = sign_in_at_provider(web, live_server, "amira")

    assert refused.status_code == 403
    assert "Your Clearsight account is not in Anytown Council" in refused.text


def test_someone_without_a_clearsight_account_is_not_given_one(web, live_server, provider, anytown):
    """Given the provider knows Amira but Clearsight does not, then she is refused and no account is made."""
    refused = sign_in_at_provider(web, live_server, "amira")

    assert refused.status_code == 403
    assert "There is no Clearsight account for your email address" in refused.text
    assert not UserFactory._meta.model.objects.filter(email__iexact="amira.khan@anytown.example").exists()


def test_signing_out_ends_the_clearsight_and_the_provider_sessions(web, live_server, provider, anytown):
    """Given Amira signed in with Anytown's provider (so that, while signed in there, signing in again
    needs no password),
    when she signs out of Clearsight,
    then the provider is asked to end its session too and sends her back to Clearsight's sign-in page;
    Clearsight's pages need signing in again, and so does the provider."""
    make_user(anytown, Role.STAFF, email="amira.khan@anytown.example")
    sign_in_at_provider(web, live_server, "amira")
    # While the provider's session lasts, starting again goes straight through.
    again = web.get(f"{live_server.url}/sign-in/with/anytown")
    assert urlsplit(again.url).path == "/"

    home = web.get(f"{live_server.url}/")  # signing in again gave a new form token
    confirm = web.post(f"{live_server.url}/sign-out", data={"csrfmiddlewaretoken": csrf_token(home)})
    assert confirm.url.startswith(provider.end_session_endpoint)
    form = re.search(r'<form[^>]*action="([^"]+)"[^>]*>.*?name="xsrf" value="([^"]+)"', confirm.text, re.S)
    back = web.post(html.unescape(form.group(1)), data={"xsrf": form.group(2), "logout": "yes"})

    assert urlsplit(back.url).path == "/sign-in"
    assert "You have signed out" in back.text
    assert urlsplit(web.get(f"{live_server.url}/").url).path == "/sign-in"
    provider_page = web.get(f"{live_server.url}/sign-in/with/anytown")
    assert "Sign in to the test identity provider" in provider_page.text


def test_a_person_without_an_authenticator_app_needs_none_when_the_provider_used_multi_factor(
    web, live_server, provider, anytown
):
    """Given Amira's role needs two factors but she never set up an authenticator app for Clearsight,
    when she signs in with a provider that says she used multi-factor authentication,
    then she reaches her home page without being asked to set one up, and her account page still says
    Clearsight's own two-factor authentication is not set up."""
    make_user(anytown, Role.CASEWORKER, email="amira.khan@anytown.example", with_device=False)

    home = sign_in_at_provider(web, live_server, "amira")

    assert urlsplit(home.url).path == "/"
    account = web.get(f"{live_server.url}/account")
    assert re.search(r"Two-factor authentication</dt><dd[^>]*>Not set up<", account.text)
