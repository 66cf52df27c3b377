"""The audit log, searchable by auditors. Filters use opaque references, never names or emails,
so no personal data appears in the address bar or server logs."""

import datetime

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .. import audit
from ..forms import AuditSearchForm
from ..models import AuditEvent, Organisation
from ..roles import Capability, Role
from .access import requires

PAGE_SIZE = 50


@never_cache
@requires(Capability.VIEW_AUDIT_LOG)
def audit_log(request):
    organisations = Organisation.objects.filter(id__in=request.user.organisation_ids_with_role(Role.AUDITOR))
    form = AuditSearchForm(organisations, request.GET or None)
    events = AuditEvent.objects.for_user(request.user).select_related("actor", "organisation")
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["record_type"]:
            events = events.filter(record_type__iexact=data["record_type"])
        if data["record_id"]:
            events = events.filter(record_id=data["record_id"])
        if data["organisation"]:
            events = events.filter(organisation=data["organisation"])
        tz = timezone.get_current_timezone()
        if data["date_from"]:
            events = events.filter(at__gte=datetime.datetime.combine(data["date_from"], datetime.time.min, tz))
        if data["date_to"]:
            events = events.filter(at__lt=datetime.datetime.combine(data["date_to"] + datetime.timedelta(days=1), datetime.time.min, tz))
    elif form.is_bound:
        events = events.none()
    filters = ", ".join(k for k, v in request.GET.items() if v and k != "page") or "none"
    audit.record(request, audit.Action.SEARCH, record_type="audit log",
                 description=f"Page {request.GET.get('page', '1')[:6]}; filters: {filters}")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "core/audit_log.html", {"form": form, "page": page, "query": query.urlencode()})
