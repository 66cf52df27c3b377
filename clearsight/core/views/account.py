from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..roles import role_label


@never_cache
@login_required
def account(request):
    from .. import acting

    user = request.user
    rows = acting.memberships_of(user)  # every organisation, not only the one they act for now
    memberships = [
        {"organisation": org, "roles": sorted(role_label(m.role) for m in rows if m.organisation_id == org.id)}
        for org in acting.organisations_of(user)
    ]
    return render(request, "core/account.html", {
        "memberships": memberships,
        # An authenticator app; an identity provider's multi-factor sign-in (core/oidc.py) is not one.
        "has_two_factor": TOTPDevice.objects.devices_for_user(user, confirmed=True).exists(),
    })


@never_cache
@login_required
def choose_organisation(request):
    """Which organisation a person who works for several acts for (core/acting.py)."""
    from django.shortcuts import redirect
    from django.utils.http import url_has_allowed_host_and_scheme

    from .. import acting, audit

    organisations = acting.organisations_of(request.user)
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        next_url = "/"
    error = None
    if request.method == "POST":
        chosen = next((o for o in organisations if str(o.public_id) == request.POST.get("organisation")), None)
        if chosen is None:
            error = "Select the organisation you are working for"
        else:
            acting.choose(request, chosen)
            audit.record(request, audit.Action.CHANGE, record_type="acting organisation", record_id=chosen.public_id,
                         description="Chose the organisation to act for")
            return redirect(next_url)
    current = getattr(request.user, "acting_organisation", None)
    return render(request, "core/choose_organisation.html", {
        "organisations": organisations, "next": next_url, "error": error, "current": current})
