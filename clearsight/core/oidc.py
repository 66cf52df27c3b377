"""Single sign-on with OpenID Connect (ADR 0035): the rules for who may sign in through an identity
provider, and the relying party, mozilla-django-oidc's backend made to work with several providers.

A provider only vouches for who the person is. Whether they may sign in, and with which roles, is
Clearsight's: the person must already have an active account here, matched by email address, in the
provider's organisation, with an address in one of the provider's email domains. If the provider says
the person used multi-factor authentication, that stands for Clearsight's second factor; otherwise
Clearsight asks for its own security code.
"""

import os
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from .models import IdentityProvider, IdentityProviderDevice, Membership

BACKEND = "clearsight.core.oidc.IdentityProviderBackend"
SESSION_KEY = "clearsight_sso"

# Authentication method references (RFC 8176) that mean more than one factor was used.
MULTI_FACTOR_AMR = frozenset({"mfa", "mca", "otp", "hwk", "sms", "tel", "fpt", "face", "iris", "retina", "sc", "vbm"})


class SignInRefused(Exception):
    """Why a person the provider vouched for may not sign in to Clearsight; ``message`` is shown to them."""

    def __init__(self, reason, message, email=""):
        super().__init__(reason)
        self.reason = reason
        self.message = message
        self.email = email  # the address the provider gave, for the audit log


# --- rules ---------------------------------------------------------------------------------------


def email_domain(email):
    return (email or "").rsplit("@", 1)[-1].strip().lower() if "@" in (email or "") else ""


def provider_for_email(email):
    """The active identity provider for an email address's domain, or None."""
    domain = email_domain(email)
    if not domain:
        return None
    for provider in IdentityProvider.objects.filter(is_active=True).select_related("organisation"):
        if domain in provider.domains:
            return provider
    return None


def says_multi_factor(provider, claims):
    """Whether the provider's claims say the person used multi-factor authentication, and the
    provider's word on it is accepted."""
    if not provider.trusts_mfa:
        return False
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = amr.split()
    if MULTI_FACTOR_AMR & {str(value).lower() for value in amr}:
        return True
    acr_values = set(provider.mfa_acr_values.split())
    return bool(acr_values) and str(claims.get("acr", "")) in acr_values


def person_for(provider, claims):
    """The Clearsight account the provider's claims name, if they may sign in with this provider;
    otherwise SignInRefused saying why."""
    email = (claims.get("email") or "").strip()
    name = provider.name
    if not email or claims.get("email_verified") is False:
        raise SignInRefused(
            "no verified email",
            f"{name} did not tell Clearsight a confirmed email address for your account, so you cannot sign in "
            "with it. Ask your IT team to check your account's email address.",
        )
    domain = email_domain(email)
    if domain not in provider.domains:
        raise SignInRefused(
            "email domain not accepted",
            f"You cannot sign in with {name} using an email address ending @{domain}. Sign in with the account "
            "your organisation gave you, or with your email address and password.",
        )
    users = list(get_user_model().objects.filter(email__iexact=email)[:2])
    if len(users) != 1:
        raise SignInRefused(
            "no account",
            "There is no Clearsight account for your email address. Ask an administrator in your organisation "
            "to add you.",
        )
    user = users[0]
    if not user.is_active:
        raise SignInRefused(
            "account suspended",
            "Your Clearsight account is suspended, so you cannot sign in. Ask an administrator in your "
            "organisation if you need it back.",
        )
    in_organisation = Membership.objects.filter(
        user=user, organisation=provider.organisation, organisation__is_active=True
    ).exists()
    if not in_organisation:
        raise SignInRefused(
            "not in the provider's organisation",
            f"Your Clearsight account is not in {provider.organisation.name}, so you cannot sign in with {name}. "
            "Sign in with your email address and password, or ask an administrator in your organisation.",
        )
    return user


def client_secret(provider):
    """The client secret, from the environment variable the provider's record names."""
    secret = os.environ.get(provider.client_secret_variable, "")
    if not secret:
        raise ImproperlyConfigured(
            f"The environment variable {provider.client_secret_variable} (the client secret of identity provider "
            f"'{provider.slug}') is not set."
        )
    return secret


def second_factor_device(user, provider):
    """The device that stands for the provider's multi-factor authentication in this sign-in's session."""
    device, _ = IdentityProviderDevice.objects.get_or_create(
        user=user,
        provider=provider,
        defaults={"name": f"Multi-factor authentication by {provider.name}", "confirmed": True},
    )
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return device


def end_session_url(provider, id_token, after_url):
    """Where to send the browser so that the provider ends its session too (RP-initiated logout), or None."""
    if not provider.end_session_endpoint:
        return None
    query = urlencode(
        {"id_token_hint": id_token, "post_logout_redirect_uri": after_url, "client_id": provider.client_id}
    )
    separator = "&" if "?" in provider.end_session_endpoint else "?"
    return f"{provider.end_session_endpoint}{separator}{query}"


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# --- the relying party ---------------------------------------------------------------------------


@dataclass
class Outcome:
    user: object
    id_token: str
    multi_factor: bool


class IdentityProviderBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend for one identity provider at a time: the views pass the provider
    the sign-in was started with. Without one it authenticates no one (so password sign-in is
    untouched); for a session it only loads the user (ModelBackend: active accounts only)."""

    SETTINGS = {
        "OIDC_RP_SCOPES": "openid email",
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": True,
        "OIDC_CREATE_USER": False,
        "OIDC_STORE_ID_TOKEN": False,
        "OIDC_STORE_ACCESS_TOKEN": False,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "core:sso-callback",
        "OIDC_TIMEOUT": 15,
    }

    def __init__(self, provider=None, *args, **kwargs):
        self.UserModel = get_user_model()
        self.provider = provider
        self.outcome = None
        if provider is not None:
            self.OIDC_OP_TOKEN_ENDPOINT = provider.token_endpoint
            self.OIDC_OP_USER_ENDPOINT = provider.userinfo_endpoint
            self.OIDC_OP_JWKS_ENDPOINT = provider.jwks_uri
            self.OIDC_RP_CLIENT_ID = provider.client_id
            self.OIDC_RP_CLIENT_SECRET = client_secret(provider)
            self.OIDC_RP_SIGN_ALGO = provider.signing_algorithm
            self.OIDC_RP_IDP_SIGN_KEY = None

    def get_settings(self, attr, *args):
        if attr in self.SETTINGS:
            return self.SETTINGS[attr]
        return import_from_settings(attr, *args)

    def authenticate(self, request, identity_provider=None, **kwargs):
        if identity_provider is None:
            return None
        self.__init__(identity_provider)
        user = super().authenticate(request, **kwargs)
        return user

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        # The library leaves the audience and issuer unchecked: an ID token for another client, or from
        # another issuer, is refused.
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.provider.client_id not in audiences:
            raise SuspiciousOperation("The ID token is not for this client.")
        if payload.get("iss") != self.provider.issuer:
            raise SuspiciousOperation("The ID token is from another issuer.")
        return payload

    def store_tokens(self, access_token, id_token):
        self._id_token = id_token

    def get_or_create_user(self, access_token, id_token, payload):
        claims = {**self.get_userinfo(access_token, id_token, payload)}
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The user information is about someone other than the ID token.")
        # The authentication methods are the ID token's (the user information need not repeat them).
        for claim in ("amr", "acr"):
            if claim in payload:
                claims[claim] = payload[claim]
        try:
            user = person_for(self.provider, claims)
        except SignInRefused as refusal:  # propagates to the view, with the address for the audit log
            refusal.email = (claims.get("email") or "")[:254]
            raise
        self.outcome = Outcome(user=user, id_token=id_token, multi_factor=says_multi_factor(self.provider, claims))
        return user
