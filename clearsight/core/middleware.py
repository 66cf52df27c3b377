import uuid
from datetime import datetime, timedelta
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

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
    """Turns on the scoping guard, and gives the request an id for the audit log if
    RequestIdMiddleware (core/request_id.py, first in the stack) has not already."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = getattr(request, "request_id", "") or str(uuid.uuid4())
        with request_scope():
            return self.get_response(request)


class SessionTimeoutMiddleware:
    """Signs a user out after settings.IDLE_TIMEOUT without activity, or settings.ABSOLUTE_TIMEOUT
    after signing in, whichever comes first, and sends them to sign in again with the page they were
    on to come back to (``return_path``). Asking how long is left (the session-status page, which
    session-timeout.js polls) is not activity, so it never keeps a session alive."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = timezone.now()
            left, reason = time_left(request.session, now)
            if left is not None and left < timedelta(0):
                message = _sign_out_message(reason)
                request._clearsight_sign_out_reason = message
                # Read before logout(), which forgets the session.
                back_to = return_path(request)
                logout(request)
                messages.info(request, message)
                if request.path == reverse("core:session-status"):
                    return JsonResponse({"signed_in": False, "remaining": 0}, headers={"Cache-Control": "no-store"})
                return redirect(sign_in_url(back_to))
            if not request.session.get(SESSION_STARTED):
                request.session[SESSION_STARTED] = now.isoformat()
            if request.path != reverse("core:session-status"):
                request.session[SESSION_LAST_SEEN] = now.isoformat()
        return self.get_response(request)


def time_left(session, now):
    """How long the session has before it is signed out (negative once it is over), and which limit
    ends it ("idle" or "absolute"); (None, None) before the session has started its clocks."""
    started = _read_time(session.get(SESSION_STARTED))
    last_seen = _read_time(session.get(SESSION_LAST_SEEN))
    candidates = []
    if started:
        candidates.append((started + settings.ABSOLUTE_TIMEOUT - now, "absolute"))
    if last_seen:
        candidates.append((last_seen + settings.IDLE_TIMEOUT - now, "idle"))
    if not candidates:
        return None, None
    return min(candidates, key=lambda c: c[0])


def _sign_out_message(reason):
    if reason == "absolute":
        hours = int(settings.ABSOLUTE_TIMEOUT.total_seconds() // 3600)
        return f"You were signed out because you had been signed in for {hours} hours."
    minutes = int(settings.IDLE_TIMEOUT.total_seconds() // 60)
    if minutes:
        return f"You were signed out because you had not done anything for {minutes} minutes."
    return "You were signed out because you had not done anything for a while."


def return_path(request):
    """The page to come back to after signing in again: the path of the page asked for, or, for a
    form sent (POST), of the page the form was on (its Referer on this site), so a person comes back
    to the form rather than to where it was sent. Only the path: a query string could hold what was
    typed into a search, and nothing typed is put in a URL. None if there is no such page."""
    if request.method in ("GET", "HEAD"):
        candidate = request.path
    else:
        referer = request.META.get("HTTP_REFERER", "")
        if not referer or not url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
            return None
        candidate = urlsplit(referer).path
    return safe_path(candidate)


def safe_path(url):
    """``url`` reduced to a path on this site ("/cases/…"), or None if it is not one: no scheme, host
    or query string, and not a sign-in page or a page that only answers scripts."""
    if not url:
        return None
    parts = urlsplit(url)
    path = parts.path
    if parts.scheme or parts.netloc or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return None
    if not url_has_allowed_host_and_scheme(path, allowed_hosts=None):
        return None
    if path.startswith(settings.STATIC_URL) or path in _not_returned_to():
        return None
    return path


def _not_returned_to():
    return {reverse(name) for name in ("core:sign-in", "core:sign-in-code", "core:two-factor-setup", "core:sign-out",
                                       "core:session-status", "core:session-extend")}


def sign_in_url(next_path=None):
    url = reverse("core:sign-in")
    return f"{url}?{urlencode({'next': next_path})}" if next_path and next_path != "/" else url


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
    "core:session-status",
    "core:session-extend",
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
