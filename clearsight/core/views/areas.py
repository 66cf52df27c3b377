"""All areas: every part of Clearsight the signed-in person can open, grouped, for people whose
roles reach more areas than the navigation bar shows."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from ..navigation import grouped, reachable


@never_cache
@login_required
def areas(request):
    groups = [
        (name, [{"label": a.label, "href": reverse(a.url_name), "description": a.description} for a in areas])
        for name, areas in grouped(reachable(request.user.can))
    ]
    return render(request, "core/areas.html", {"groups": groups})
