"""The home page, the service's information pages and the error pages."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from ..attention import attention_for
from ..health import check_worker
from ..roles import Role


@never_cache
@login_required
def home(request):
    # Administrators are told when the task worker has stopped (its heartbeat is stale or its process
    # gone): imports, emails and scheduled jobs wait until it runs again (core/health.py).
    worker_stopped = Role.ADMINISTRATOR in request.user.roles and check_worker() != "ok"
    return render(request, "core/home.html", {"sections": attention_for(request.user), "worker_stopped": worker_stopped})


def accessibility(request):
    return render(request, "core/accessibility.html")


def privacy(request):
    return render(request, "core/privacy.html")


def cookies(request):
    return render(request, "core/cookies.html")


def health(request):
    """For load balancers: says the application is up. Holds no data."""
    return JsonResponse({"status": "ok"})


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)
