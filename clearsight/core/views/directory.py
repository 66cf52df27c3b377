"""Organisations and partnerships the user works with. Organisation details are not personal data."""

from django.db.models import Q
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from ..models import Organisation, Partnership
from ..roles import Capability
from .access import requires


@never_cache
@requires(Capability.VIEW_DIRECTORY)
def organisations(request):
    own = {o.id for o in request.user.organisations}
    partnerships = Partnership.objects.filter(members__in=own).distinct().prefetch_related("members")
    partner_ids = set(own)
    for p in partnerships:
        partner_ids |= {m.id for m in p.members.all()}
    orgs = Organisation.objects.filter(Q(id__in=partner_ids), is_active=True)
    return render(request, "core/organisations.html", {"organisations": orgs, "partnerships": partnerships, "own": own})
