"""Intelligence reports, premises pages and business profiles. Views are thin: who may see a report
is decided in handling.py, linking businesses to suppliers in linking.py, the profile's parts in
profiles.py."""


from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from clearsight.core import audit
from clearsight.core.models import Organisation
from clearsight.core.roles import Capability
from clearsight.core.views.access import needs

from . import forms, handling, linking, profiles
from .models import Business, ConcernPremises, IntelligenceReport, Premises


def _own_organisations(user):
    return list(Organisation.objects.filter(pk__in=handling.partnership_org_ids(user)).order_by("name"))


# --- Intelligence reports ----------------------------------------------------------------------------

@needs(Capability.WORK_IN_PARTNERSHIP)
def reports(request):
    visible = (IntelligenceReport.objects.for_user(request.user).select_related("organisation")
               .prefetch_related(Prefetch("premises", queryset=Premises.objects.for_user(request.user)),
                                 Prefetch("businesses", queryset=Business.objects.for_user(request.user))))
    page = Paginator(visible, 50).get_page(request.GET.get("page"))
    ended = handling.no_longer_shared(handling.partnership_org_ids(request.user))
    audit.record(request, audit.Action.VIEW, record_type="intelligence report list",
                 description=f"Intelligence reports listed: {page.paginator.count}")
    return render(request, "intelligence/reports.html", {"page": page, "ended": ended})


@needs(Capability.WORK_IN_PARTNERSHIP)
@require_http_methods(["GET", "POST"])
def report_add(request):
    user = request.user
    own = _own_organisations(user)
    form = forms.ReportForm(
        request.POST or None, organisations=own,
        premises=Premises.objects.for_user(user), businesses=Business.objects.for_user(user),
        partners=forms.partner_organisations({o.id for o in own}),
        initial={"subject_kind": request.GET.get("about", "")} if request.method == "GET" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            report = IntelligenceReport.objects.create(
                organisation=form.chosen_organisation, submitted_by=user, date=data["date"],
                subject_kind=data["subject_kind"], text=data["text"], source_evaluation=data["source_evaluation"],
                assessment=data["assessment"], handling_code=data["handling_code"],
                handling_conditions=data["handling_conditions"] if data["handling_code"] == "C" else "")
            report.premises.add(*data.get("premises", []))
            report.businesses.add(*data.get("businesses", []))
            if data["handling_code"] == "C":
                report.conditions_organisations.add(*data["conditions_organisations"])
        audit.record_for(request, audit.Action.CREATE, report, description=f"Intelligence report recorded ({report.grading})")
        messages.success(request, f"Intelligence report {report.reference} recorded")
        return redirect("intelligence:report", report.public_id)
    return render(request, "intelligence/report_form.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@needs(Capability.WORK_IN_PARTNERSHIP)
def report(request, public_id):
    item = get_object_or_404(IntelligenceReport.objects.for_user(request.user).select_related("organisation", "submitted_by"),
                             public_id=public_id)
    audit.record_for(request, audit.Action.VIEW, item, description=f"Intelligence report viewed ({item.grading})")
    own = item.organisation_id in handling.partnership_org_ids(request.user)
    return render(request, "intelligence/report.html", {
        "report": item, "warnings": handling.grading_warnings(item), "own": own,
        "premises": item.premises.for_user(request.user), "businesses": item.businesses.for_user(request.user),
        "conditions_organisations": item.conditions_organisations.all() if item.handling_code == "C" else [],
    })


# --- Premises ------------------------------------------------------------------------------------------

@needs(Capability.WORK_IN_PARTNERSHIP)
def premises_list(request):
    rows = Premises.objects.for_user(request.user).select_related("organisation")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    audit.record(request, audit.Action.VIEW, record_type="premises list", description=f"Premises listed: {page.paginator.count}")
    return render(request, "intelligence/premises_list.html", {"page": page})


@needs(Capability.WORK_IN_PARTNERSHIP)
@require_http_methods(["GET", "POST"])
def premises_add(request):
    form = forms.PremisesForm(request.POST or None, organisations=_own_organisations(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item = Premises.objects.create(organisation=form.chosen_organisation, address=data["address"].strip(),
                                       postcode=data["postcode"], premises_type=data["premises_type"])
        audit.record_for(request, audit.Action.CREATE, item, description="Premises recorded")
        messages.success(request, "Premises recorded")
        return redirect("intelligence:premises", item.public_id)
    return render(request, "intelligence/premises_form.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@needs(Capability.WORK_IN_PARTNERSHIP)
def premises(request, public_id):
    item = get_object_or_404(Premises.objects.for_user(request.user).select_related("organisation"), public_id=public_id)
    audit.record_for(request, audit.Action.VIEW, item, description="Premises page viewed")
    context = profiles.premises_profile(item, request.user)
    context["link_form"] = forms.ConcernLinkForm() if request.user.can(Capability.HANDLE_CONCERNS) else None
    return render(request, "intelligence/premises.html", context)


@needs(Capability.HANDLE_CONCERNS)
@require_POST
def premises_link_concern(request, public_id):
    item = get_object_or_404(Premises.objects.for_user(request.user).select_related("organisation"), public_id=public_id)
    from clearsight.concerns.api import concerns_for_user

    form = forms.ConcernLinkForm(request.POST, concerns=concerns_for_user(request.user))
    if form.is_valid():
        concern = form.cleaned_data["reference"]
        _, created = ConcernPremises.objects.get_or_create(concern=concern, premises=item,
                                                           defaults={"linked_by": request.user})
        audit.record_for(request, audit.Action.CHANGE, item, description="Concern linked to premises")
        messages.success(request, f"Concern {concern.reference} {'linked to' if created else 'was already linked to'} these premises")
        return redirect("intelligence:premises", item.public_id)
    audit.record_for(request, audit.Action.VIEW, item, description="Premises page viewed")
    context = profiles.premises_profile(item, request.user)
    context["link_form"] = form
    return render(request, "intelligence/premises.html", context, status=400)


# --- Businesses ----------------------------------------------------------------------------------------

@needs(Capability.WORK_IN_PARTNERSHIP)
def businesses(request):
    rows = Business.objects.for_user(request.user).select_related("organisation")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    audit.record(request, audit.Action.VIEW, record_type="business list", description=f"Businesses listed: {page.paginator.count}")
    return render(request, "intelligence/businesses.html", {"page": page})


@needs(Capability.WORK_IN_PARTNERSHIP)
@require_http_methods(["GET", "POST"])
def business_add(request):
    form = forms.BusinessForm(request.POST or None, organisations=_own_organisations(request.user),
                              premises=Premises.objects.for_user(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            item = Business.objects.create(
                organisation=form.chosen_organisation, name=data["name"].strip(), trading_names=data["trading_names"].strip(),
                company_number=data["company_number"], address=data["address"].strip(), postcode=data["postcode"])
            item.premises.add(*data.get("premises", []))
        audit.record_for(request, audit.Action.CREATE, item, description="Business recorded")
        messages.success(request, f"{item.name} recorded")
        return redirect("intelligence:business", item.public_id)
    return render(request, "intelligence/business_form.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@needs(Capability.WORK_IN_PARTNERSHIP)
def business(request, public_id):
    item = get_object_or_404(Business.objects.for_user(request.user).select_related("organisation"), public_id=public_id)
    audit.record_for(request, audit.Action.VIEW, item, description="Business profile viewed")
    return render(request, "intelligence/business.html", profiles.business_profile(item, request.user))


@needs(Capability.WORK_IN_PARTNERSHIP)
@require_POST
def business_match(request, public_id):
    item = get_object_or_404(Business.objects.for_user(request.user).select_related("organisation"), public_id=public_id)
    registers = profiles.supplier_registers(request.user)
    if not registers:
        raise PermissionDenied
    for organisation in registers:
        outcome = linking.find_matching_supplier(item, organisation, request.user)
        if outcome.result in ("linked", "already", "review"):
            break
    audit.record_for(request, audit.Action.CHANGE, item, description=f"Matching suppliers searched: {outcome.result}")
    messages.success(request, profiles.outcome_message(outcome, request.user))
    return redirect("intelligence:business", item.public_id)
