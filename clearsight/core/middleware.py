import uuid
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from .scoping import request_scope

SESSION_STARTED = "clearsight_started_at"
SESSION_LAST_SEEN = "clearsight_last_seen_at"


def client_ip(request):
    # Behind a proxy, set the proxy to pass the client address as REMOTE_ADDR (e.g. with a WSGI
    # middleware you trust); X-Forwarded-For is not trusted here because anyone can send it.
    return request.META.get("REMOTE_ADDR") or None


def current_request_id(request):
    return getattr(request, "request_id", "")


class RequestContextMiddleware:
    """Gives each request an id (for the audit log) and turns on the scoping guard."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = str(uuid.uuid4())
        with request_scope():
            return self.get_response(request)


class SessionTimeoutMiddleware:
    """Signs a user out after settings.IDLE_TIMEOUT without activity, or settings.ABSOLUTE_TIMEOUT
    after signing in, whichever comes first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = timezone.now()
            started = _read_time(request.session.get(SESSION_STARTED))
            last_seen = _read_time(request.session.get(SESSION_LAST_SEEN))
            reason = None
            if started and now - started > settings.ABSOLUTE_TIMEOUT:
                hours = int(settings.ABSOLUTE_TIMEOUT.total_seconds() // 3600)
                reason = f"You were signed out because you had been signed in for {hours} hours."
            elif last_seen and now - last_seen > settings.IDLE_TIMEOUT:
                minutes = int(settings.IDLE_TIMEOUT.total_seconds() // 60)
                reason = f"You were signed out because you had not done anything for {minutes} minutes."
            if reason:
                request._clearsight_sign_out_reason = reason
                logout(request)
                messages.info(request, reason)
                return redirect(f"{reverse('core:sign-in')}")
            if not started:
                request.session[SESSION_STARTED] = now.isoformat()
            request.session[SESSION_LAST_SEEN] = now.isoformat()
        return self.get_response(request)


def _read_time(value):
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


# Pages a signed-in user may reach before completing two-factor authentication.
TWO_FACTOR_EXEMPT_URL_NAMES = {
    "core:sign-in",
    "core:sign-in-code",
    "core:two-factor-setup",
    "core:sign-out",
    "core:accessibility",
    "core:privacy",
    "core:cookies",
    "core:health",
}


class TwoFactorRequiredMiddleware:
    """Anyone holding a role that can see personal data must complete two-factor authentication
    before reaching any other page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not user.needs_two_factor or user.is_verified():
            return None
        match = request.resolver_match
        if match and match.view_name in TWO_FACTOR_EXEMPT_URL_NAMES:
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None
        from django_otp import user_has_device

        if user_has_device(user, confirmed=True):
            return redirect("core:sign-in-code")
        return redirect("core:two-factor-setup")
