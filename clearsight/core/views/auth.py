"""Sign in, two-factor authentication and sign out."""

import base64
import math

import segno
from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .. import audit
from ..forms import SecurityCodeForm, SignInForm
from ..middleware import safe_path

NEXT_KEY = "clearsight_next"


def _safe_next(request, url):
    """Where to go after signing in: a page on this site, by its path only (middleware.safe_path), or home."""
    return safe_path(url) or reverse("core:home")


@never_cache
@sensitive_post_parameters("password")
def sign_in(request):
    if request.user.is_authenticated and (not request.user.needs_two_factor or request.user.is_verified()):
        return redirect("core:home")
    form = SignInForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        next_url = request.session.get(NEXT_KEY) or request.GET.get("next")
        login(request, form.user)
        request.session[NEXT_KEY] = _safe_next(request, next_url)
        if form.user.needs_two_factor:
            response = redirect("core:sign-in-code" if _confirmed_device(form.user) else "core:two-factor-setup")
        else:
            response = redirect(request.session.pop(NEXT_KEY))
        return form.attempt.succeeded(response)
    if request.GET.get("next"):
        request.session[NEXT_KEY] = _safe_next(request, request.GET["next"])
    if form.refusal is not None:
        # Too many failures: refused at once without checking the password (core/throttle.py).
        audit.record_sign_in_problem(request, audit.Action.LOCKED_OUT, form.cleaned_data.get("email"))
        response = render(request, "core/sign_in.html", {"form": form}, status=429)
        response["Retry-After"] = str(math.ceil(form.refusal.wait.total_seconds()))
        return response
    return render(request, "core/sign_in.html", {"form": form})


def _confirmed_device(user):
    """The authenticator app that gives security codes (not the stand-in for an identity provider's
    multi-factor authentication, core/oidc.py, which gives none)."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


@never_cache
@sensitive_post_parameters("otp_token")
def sign_in_code(request):
    if not request.user.is_authenticated:
        return redirect("core:sign-in")
    if request.user.is_verified():
        return redirect("core:home")
    device = _confirmed_device(request.user)
    if device is None:
        return redirect("core:two-factor-setup")
    form = SecurityCodeForm(device, data=request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            otp_login(request, device)
            return redirect(request.session.pop(NEXT_KEY, reverse("core:home")))
        if form.wait:
            # A code came too soon after a wrong one and was not checked (django-otp's wait).
            response = render(request, "core/sign_in_code.html", {"form": form}, status=429)
            response["Retry-After"] = str(math.ceil(form.wait.total_seconds()))
            return response
        if "otp_token" in form.errors and request.POST.get("otp_token"):
            audit.record(request, audit.Action.TWO_FACTOR_FAILED, record_type="user", record_id=request.user.public_id)
    return render(request, "core/sign_in_code.html", {"form": form})


SETUP_KEY = "clearsight_totp_setup_device"


@never_cache
@sensitive_post_parameters("otp_token")
def two_factor_setup(request):
    """Set up an authenticator app: show a QR code and the key, then check one code from the app."""
    if not request.user.is_authenticated:
        return redirect("core:sign-in")
    if _confirmed_device(request.user):
        return redirect("core:sign-in-code" if not request.user.is_verified() else "core:account")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False, pk=request.session.get(SETUP_KEY)).first()
    if device is None:
        TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=request.user, name="Authenticator app", confirmed=False)
        request.session[SETUP_KEY] = device.pk
    form = SecurityCodeForm(device, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        request.session.pop(SETUP_KEY, None)
        otp_login(request, device)
        audit.record(request, audit.Action.TWO_FACTOR_SET_UP, record_type="user", record_id=request.user.public_id)
        messages.success(request, "Two-factor authentication is set up. You will need a code from your app each time you sign in.")
        return redirect(request.session.pop(NEXT_KEY, reverse("core:home")))
    secret = base64.b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR code for your authenticator app")
    return render(
        request,
        "core/two_factor_setup.html",
        {"form": form, "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)), "qr": qr},
    )


@require_POST
def sign_out(request):
    from .sso import end_session_url

    # Signed in with an identity provider: its session ends too (RP-initiated logout, ADR 0035).
    provider_sign_out = end_session_url(request)
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect(provider_sign_out or "core:sign-in")
