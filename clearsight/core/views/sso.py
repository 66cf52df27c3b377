"""Signing in with an organisation's identity provider (OpenID Connect; core/oidc.py, ADR 0035).

The sign-in page offers a 'Sign in with <provider>' button for each provider, and finds the provider
from the email domain typed in. The state sent to the provider carries which provider it was, so
the answer is checked with that provider's keys and rules.
"""

import logging
from urllib.parse import parse_qs, urlsplit

import requests
from django.contrib.auth import login
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from .. import audit, oidc
from ..forms import SignInForm
from ..models import IdentityProvider
from .auth import NEXT_KEY, _confirmed_device, _safe_next

logger = logging.getLogger(__name__)

LOGIN_HINT_KEY = "clearsight_sso_login_hint"


class _StartView(OIDCAuthenticationRequestView):
    """mozilla-django-oidc's authentication request, for the provider named in the address."""

    def __init__(self, provider, **kwargs):
        self.provider = provider
        self.OIDC_OP_AUTH_ENDPOINT = provider.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = provider.client_id

    def get_settings(self, attr, *args):
        return oidc.IdentityProviderBackend.SETTINGS.get(attr) or super().get_settings(attr, *args)

    def get_extra_params(self, request):
        hint = request.session.pop(LOGIN_HINT_KEY, "")
        return {"login_hint": hint} if hint else {}


def _active_provider(slug):
    provider = IdentityProvider.objects.filter(slug=slug, is_active=True).select_related("organisation").first()
    if provider is None:
        raise Http404
    return provider


@never_cache
@require_GET
def start(request, slug):
    """Send the browser to the provider to sign in."""
    provider = _active_provider(slug)
    if request.GET.get("next"):
        request.session[NEXT_KEY] = _safe_next(request, request.GET["next"])
    view = _StartView(provider)
    view.setup(request)
    response = view.get(request)
    state = parse_qs(urlsplit(response.url).query)["state"][0]
    request.session["oidc_states"][state]["provider"] = str(provider.public_id)
    request.session.modified = True
    return response


@never_cache
@require_POST
def by_email(request):
    """The person typed their work email address: send them to their organisation's provider."""
    email = request.POST.get("sso_email", "").strip()
    provider = oidc.provider_for_email(email)
    if provider is None:
        if not email:
            error = "Enter your work email address"
        elif "@" not in email:
            error = "Enter an email address in the correct format, like name@example.org"
        else:
            error = (
                f"Your organisation does not sign in to Clearsight with its own accounts for email addresses "
                f"ending @{oidc.email_domain(email)}. Sign in with your email address and password"
            )
        return render(
            request,
            "core/sign_in.html",
            {
                "form": SignInForm(request),
                "providers": providers(),
                "sso_email": email,
                "sso_error": error,
            },
            status=400,
        )
    request.session[LOGIN_HINT_KEY] = email
    return redirect("core:sso-start", slug=provider.slug)


def providers():
    return list(IdentityProvider.objects.filter(is_active=True).order_by("name"))


def _refused(request, provider, message, reason, email="", status=403):
    audit.record_sign_in_problem(request, audit.Action.SIGN_IN_FAILED, email)
    logger.info("Single sign-on refused by Clearsight: %s", reason)
    return render(request, "core/sign_in_refused.html", {"provider": provider, "message": message}, status=status)


@never_cache
@require_GET
def callback(request):
    """The provider sends the browser back here with a code (or an error) and the state."""
    state = request.GET.get("state", "")
    pending = (request.session.get("oidc_states") or {}).pop(state, None)
    request.session.modified = True
    provider = None
    if pending and pending.get("provider"):
        provider = IdentityProvider.objects.filter(public_id=pending["provider"], is_active=True).first()
    if pending is None or provider is None:
        return _refused(
            request,
            None,
            "Your sign-in took too long or was started in another window. Try again.",
            "unknown or expired state",
            status=400,
        )
    if request.GET.get("error") or not request.GET.get("code"):
        return _refused(
            request,
            provider,
            f"{provider.name} did not sign you in. Try again, or sign in with your email address and password.",
            "provider returned an error",
        )
    backend = oidc.IdentityProviderBackend()
    try:
        user = backend.authenticate(
            request, identity_provider=provider, nonce=pending.get("nonce"), code_verifier=pending.get("code_verifier")
        )
    except oidc.SignInRefused as refusal:
        return _refused(request, provider, refusal.message, refusal.reason, email=refusal.email)
    except (SuspiciousOperation, requests.RequestException, ValueError, ImproperlyConfigured) as problem:
        logger.warning("Single sign-on with provider %s failed: %s", provider.slug, type(problem).__name__)
        return _refused(
            request,
            provider,
            f"Clearsight could not complete your sign-in with {provider.name}. Try "
            "again later, or sign in with your email address and password.",
            "the provider's answer could not be checked",
            status=502,
        )
    if user is None or backend.outcome is None:
        return _refused(request, provider, f"{provider.name} did not sign you in. Try again.", "no user")
    outcome = backend.outcome
    next_url = request.session.get(NEXT_KEY)
    request._clearsight_sign_in_how = f"Single sign-on with {provider.name}" + (
        ", multi-factor by the provider" if outcome.multi_factor else ""
    )
    login(request, user, backend=oidc.BACKEND)
    request.session[oidc.SESSION_KEY] = {
        "provider": str(provider.public_id),
        "id_token": outcome.id_token,
        "end_session_origin": oidc.origin(provider.end_session_endpoint) if provider.end_session_endpoint else "",
    }
    request.session[NEXT_KEY] = _safe_next(request, next_url)
    if user.needs_two_factor:
        if outcome.multi_factor:
            otp_login(request, oidc.second_factor_device(user, provider))
        else:
            return redirect("core:sign-in-code" if _confirmed_device(user) else "core:two-factor-setup")
    return redirect(request.session.pop(NEXT_KEY, reverse("core:home")))


def end_session_url(request):
    """Before signing out: where the provider the person signed in with ends its own session, or None."""
    signed_in_with = request.session.get(oidc.SESSION_KEY)
    if not signed_in_with:
        return None
    provider = IdentityProvider.objects.filter(public_id=signed_in_with.get("provider")).first()
    if provider is None:
        return None
    return oidc.end_session_url(
        provider, signed_in_with.get("id_token", ""), request.build_absolute_uri(reverse("core:sign-in"))
    )


class FormActionMiddleware:
    """The Content Security Policy lets forms lead only to Clearsight ('form-action'), and browsers apply
    it to where a form's answer redirects. Signing in by email address and signing out of a provider
    leave through a form, so those providers' addresses are allowed: every provider's on the sign-in
    page, and the one the person signed in with on their pages (the header's 'Sign out')."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        origins = set()
        signed_in_with = getattr(request, "session", None) and request.session.get(oidc.SESSION_KEY)
        if signed_in_with and signed_in_with.get("end_session_origin"):
            origins.add(signed_in_with["end_session_origin"])
        match = getattr(request, "resolver_match", None)
        if match and match.view_name in ("core:sign-in", "core:sso-by-email"):
            origins |= {oidc.origin(p.authorization_endpoint) for p in providers()}
        if origins:
            response._csp_update = {"form-action": sorted(origins)}
        return response
