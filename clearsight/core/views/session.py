"""How long a session has left, and staying signed in: asked by session-timeout.js, which warns
before an idle sign-out (WCAG 2.2.1, Timing adjustable). Neither answer holds personal data."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ..middleware import return_path, time_left


def _signed_in(user):
    return user.is_authenticated and (not user.needs_two_factor or user.is_verified())


def _answer(request):
    left, limit = time_left(request.session, timezone.now()) if _signed_in(request.user) else (None, None)
    if left is None:
        return JsonResponse({"signed_in": False, "remaining": 0})
    # "idle" can be extended by staying signed in; "absolute" (signed in for too long) cannot.
    return JsonResponse({"signed_in": True, "remaining": max(0, int(left.total_seconds())), "limit": limit})


@never_cache
@require_GET
def status(request):
    """How many seconds are left before the session is signed out. Asking is not activity
    (SessionTimeoutMiddleware does not count it), so a page left open does not keep itself alive."""
    return _answer(request)


@never_cache
@require_POST
def extend(request):
    """ "Stay signed in": the request itself is activity, so the idle clock starts again. A script
    gets the new time left; without one, the form returns to the page it was on."""
    if request.headers.get("Accept", "").startswith("application/json"):
        return _answer(request)
    return redirect(return_path(request) or "core:home")
