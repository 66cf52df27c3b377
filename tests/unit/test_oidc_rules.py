"""The rules of single sign-on (core/oidc.py): who an identity provider may sign in, and when its
word stands for Clearsight's second factor."""

import pytest

from clearsight.core import oidc
from clearsight.core.models import IdentityProvider
from clearsight.core.roles import Role
from tests.factories import OrganisationFactory, make_user


@pytest.fixture
def provider(anytown):
    return IdentityProvider.objects.create(
        name="Anytown account",
        slug="anytown",
        organisation=anytown,
        email_domains="anytown.example, @Anytown.gov.uk",
        issuer="https://id.example",
        authorization_endpoint="https://id.example/auth",
        token_endpoint="https://id.example/token",
        userinfo_endpoint="https://id.example/me",
        jwks_uri="https://id.example/jwks",
        end_session_endpoint="https://id.example/end",
        client_id="clearsight",
        client_secret_variable="ANYTOWN_SECRET",
    )


def test_domains_are_read_from_spaces_or_commas_in_any_case(provider):
    assert provider.domains == ["anytown.example", "anytown.gov.uk"]


def test_the_provider_is_found_by_the_domain_of_an_email_address(provider):
    assert oidc.provider_for_email("Amira@ANYTOWN.GOV.UK") == provider
    assert oidc.provider_for_email("amira@elsewhere.example") is None
    assert oidc.provider_for_email("not an address") is None
    provider.is_active = False
    provider.save()
    assert oidc.provider_for_email("amira@anytown.example") is None


def test_a_person_in_the_providers_organisation_is_matched_by_email_in_any_case(provider, anytown):
    amira = make_user(anytown, Role.STAFF, email="amira@anytown.example")
    assert oidc.person_for(provider, {"email": "AMIRA@anytown.example", "email_verified": True}) == amira


@pytest.mark.parametrize(
    "claims, reason",
    [
        ({"email": "amira@anytown.example", "email_verified": False}, "no verified email"),
        ({}, "no verified email"),
        ({"email": "amira@elsewhere.example"}, "email domain not accepted"),
        ({"email": "nobody@anytown.example"}, "no account"),
    ],
)
def test_who_is_refused(provider, anytown, claims, reason):
    make_user(anytown, Role.STAFF, email="amira@elsewhere.example")
    with pytest.raises(oidc.SignInRefused) as refused:
        oidc.person_for(provider, claims)
    assert refused.value.reason == reason


def test_a_suspended_account_and_one_in_another_organisation_are_refused(provider, anytown):
    dana = make_user(anytown, Role.STAFF, email="dana@anytown.example")
    dana.is_active = False
    dana.save()
    make_user(OrganisationFactory(), Role.STAFF, email="sam@anytown.example")
    with pytest.raises(oidc.SignInRefused) as suspended:
        oidc.person_for(provider, {"email": "dana@anytown.example"})
    assert "Your Clearsight account is suspended" in suspended.value.message
    with pytest.raises(oidc.SignInRefused) as elsewhere:
        oidc.person_for(provider, {"email": "sam@anytown.example"})
    assert "Your Clearsight account is not in Anytown Council" in elsewhere.value.message


@pytest.mark.parametrize(
    "claims, multi_factor",
    [
        ({"amr": ["pwd", "mfa"]}, True),
        ({"amr": ["pwd", "otp"]}, True),
        ({"amr": ["hwk"]}, True),
        ({"amr": ["pwd"]}, False),
        ({}, False),
        ({"acr": "urn:example:mfa"}, True),
        ({"acr": "urn:example:password"}, False),
    ],
)
def test_when_the_providers_word_stands_for_the_second_factor(provider, claims, multi_factor):
    provider.mfa_acr_values = "urn:example:mfa"
    assert oidc.says_multi_factor(provider, claims) is multi_factor


def test_a_provider_not_trusted_for_multi_factor_never_stands_for_the_second_factor(provider):
    provider.trusts_mfa = False
    assert oidc.says_multi_factor(provider, {"amr": ["mfa"]}) is False


def test_signing_out_of_the_provider_sends_the_token_hint_and_the_way_back(provider):
    url = oidc.end_session_url(provider, "TOKEN", "https://clearsight.example/sign-in")
    assert url == (
        "https://id.example/end?id_token_hint=TOKEN&post_logout_redirect_uri="
        "https%3A%2F%2Fclearsight.example%2Fsign-in&client_id=clearsight"
    )
    provider.end_session_endpoint = ""
    assert oidc.end_session_url(provider, "TOKEN", "https://clearsight.example/sign-in") is None


def test_the_client_secret_comes_from_the_named_variable(provider, monkeypatch):
    monkeypatch.setenv("ANYTOWN_SECRET", "s3cret")
    assert oidc.client_secret(provider) == "s3cret"
    monkeypatch.delenv("ANYTOWN_SECRET")
    with pytest.raises(Exception, match="ANYTOWN_SECRET"):
        oidc.client_secret(provider)
