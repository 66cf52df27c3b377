from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django_otp import user_has_device

from ..roles import role_label


@never_cache
@login_required
def account(request):
    user = request.user
    memberships = [
        {"organisation": org, "roles": [role_label(r) for r in user.roles_in(org)]} for org in user.organisations
    ]
    return render(request, "core/account.html", {
        "memberships": memberships,
        "has_two_factor": user_has_device(user, confirmed=True),
    })
