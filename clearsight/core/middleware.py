import uuid
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import Http404
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


class PermissionsPolicyMiddleware:
    """Switches off, for every page, the browser features Clearsight never uses (camera, microphone,
    location and the like; settings.PERMISSIONS_POLICY), so a script that got in could not use them."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=({' '.join(allowed)})"
                                for feature, allowed in settings.PERMISSIONS_POLICY.items())

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


# The audit log action for a refused request (AuditEvent.Action.ACCESS_DENIED, "Refused access").
ACCESS_DENIED = "access_denied"


class RefusalAuditMiddleware:
    """Writes a refused request by a signed-in user to the audit log: a page their roles do not allow
    (PermissionDenied, 403, as raised by ``requires``), or a record they may not see (Http404, as a
    lookup through ``for_user`` raises for someone else's record). The entry names the page (its URL
    name, as the record type) and the record's random public id, never the path, query string or
    anything typed, so it holds no personal data. Addresses that match no page are not recorded."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            description = f"Refused (403): {request.method}"
        elif isinstance(exception, Http404):
            description = f"Not found or not theirs (404): {request.method}"
        else:
            return None
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        if user is None or not user.is_authenticated or match is None:
            return None
        record_id = match.kwargs.get("public_id", "")
        from . import audit

        audit.record(request, ACCESS_DENIED, record_type=(match.view_name or "")[:60],
                     record_id=record_id if isinstance(record_id, uuid.UUID) else "", description=description)
        return None


# Pages a user who works for several organisations may reach before choosing which they act for.
ACTING_EXEMPT_URL_NAMES = TWO_FACTOR_EXEMPT_URL_NAMES | {"core:choose-organisation"}


class ActingOrganisationMiddleware:
    """A person in several organisations acts for one at a time (core/acting.py): their roles for the
    request are those in the organisation chosen after sign-in; until they choose, every page but the
    choice itself (and sign-in, sign-out and the public pages) sends them to choose."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from . import acting

        if not request.user.is_authenticated or acting.resolve(request):
            return None
        match = request.resolver_match
        if (match and match.view_name in ACTING_EXEMPT_URL_NAMES) or request.path.startswith(settings.STATIC_URL):
            return None
        from urllib.parse import urlencode

        return redirect(f"{reverse('core:choose-organisation')}?{urlencode({'next': request.get_full_path()})}")
