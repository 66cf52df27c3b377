"""{% session_timeout %}: what session-timeout.js needs on every page, and the warning it shows
before an idle sign-out (WCAG 2.2.1, Timing adjustable; ADR 0033)."""

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from ..middleware import time_left

register = template.Library()


def draft_owner(user):
    """A stand-in for the person signed in, so a draft kept in the browser is only ever filled in again
    for them, never for someone else who signs in on the same computer. Not their id, and not
    reversible."""
    return salted_hmac("clearsight.core.drafts", str(user.pk), algorithm="sha256").hexdigest()[:24]


def _seconds_left(request):
    left, _ = time_left(request.session, timezone.now())
    return int(left.total_seconds()) if left is not None else int(settings.IDLE_TIMEOUT.total_seconds())


@register.inclusion_tag("core/_session_timeout.html", takes_context=True)
def session_timeout(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated and (not user.needs_two_factor or user.is_verified()))
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "signed_in": signed_in,
        "owner": draft_owner(user) if signed_in else "",
        "idle_seconds": int(settings.IDLE_TIMEOUT.total_seconds()),
        # The idle time, or less when the longest a session lasts is nearer.
        "left_seconds": _seconds_left(request) if signed_in else 0,
        "idle_minutes": int(settings.IDLE_TIMEOUT.total_seconds() // 60),
        "warn_seconds": int(settings.IDLE_WARNING.total_seconds()),
        "absolute_hours": int(settings.ABSOLUTE_TIMEOUT.total_seconds() // 3600),
        "draft_seconds": int(settings.ABSOLUTE_TIMEOUT.total_seconds()),
    }
