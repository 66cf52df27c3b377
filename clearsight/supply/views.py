"""Supplier and contract register pages, the contract register import, and linking a concern to a
supplier. Search terms (which may be a sole trader's name) travel by POST and are kept in the
session, never in a URL."""


from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import DecimalField, Q
from django.db.models.functions import Coalesce
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from clearsight.concerns.api import concern_for_user
from clearsight.core import audit, locking
from clearsight.core.dates import FinancialYear
from clearsight.core.models import Organisation
from clearsight.core.roles import Capability, Role
from clearsight.core.views.access import needs

from . import forms, hooks, imports, reference, rules, services
from .models import (
    SECTOR_LABELS,
    SECTORS,
    STATEMENT_AREAS,
    ConcernSupplierLink,
    Contract,
    Supplier,
    SupplierAlias,
    SupplierContact,
    SupplierLicence,
    SupplierStatement,
    supply_data_org_ids,
)
from .names import normalise_name
from .sections import sections_for

PAGE_SIZE = 50
SUPPLIER_QUERY_KEY = "supply_supplier_query"
CONTRACT_QUERY_KEY = "supply_contract_query"




def _checked(model):
    """A model's records, for the version compare-and-set on a record already checked."""
    return model.objects.unscoped("version compare-and-set on a record already checked")


def _data_organisations(user):
    return list(Organisation.objects.filter(pk__in=supply_data_org_ids(user)).order_by("name"))


def _can_manage(user, record):
    return record.organisation_id in supply_data_org_ids(user)


def _saved_search(request, key, searched_param="searched"):
    if request.GET.get(searched_param) == "1":
        return request.session.get(key, "")
    request.session.pop(key, None)
    return ""


def _post_search(request, key, url_name, keep):
    """Keep the search term in the session; only filters go in the URL."""
    query = "" if "clear" in request.POST else request.POST.get("q", "").strip()[:100]
    if query:
        request.session[key] = query
    else:
        request.session.pop(key, None)
    params = QueryDict(mutable=True)
    if query:
        params["searched"] = "1"
    for name, allowed in keep.items():
        value = request.POST.get(name, "")
        if value and (allowed is None or value in allowed):
            params[name] = value
    url = reverse(url_name)
    return redirect(f"{url}?{params.urlencode()}" if params else url)


# --- Supplier register ---------------------------------------------------------------------------------

SUPPLIER_FILTERS = {"sector": set(SECTOR_LABELS), "sme": {"yes", "no", "unknown"}, "review": {"yes"}, "flagged": {"yes"}}


@needs(Capability.VIEW_SUPPLIERS)
@require_http_methods(["GET", "POST"])
def suppliers(request):
    if request.method == "POST":
        return _post_search(request, SUPPLIER_QUERY_KEY, "supply:suppliers", SUPPLIER_FILTERS)
    query = _saved_search(request, SUPPLIER_QUERY_KEY)
    chosen = {name: request.GET.get(name, "") for name in SUPPLIER_FILTERS}
    chosen = {name: value if value in SUPPLIER_FILTERS[name] else "" for name, value in chosen.items()}
    items = Supplier.objects.for_user(request.user)
    if query:
        items = services.search(items, query)
    if chosen["sector"]:
        items = services.in_sector(items, chosen["sector"])
    if chosen["sme"]:
        items = items.filter(is_sme={"yes": True, "no": False, "unknown": None}[chosen["sme"]]) if chosen["sme"] != "unknown" \
            else items.filter(is_sme__isnull=True)
    if chosen["review"]:
        items = items.filter(needs_review=True)
    items = services.flagged(items) if chosen["flagged"] else services.with_current_statement(items)
    items = items.select_related("organisation").prefetch_related("statements").order_by("name", "pk")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [{"supplier": s, "flag": rules.statement_flag_summary(s.annual_turnover, [st.year for st in s.statements.all()], today),
             "sectors": [SECTOR_LABELS.get(k, k) for k in s.sectors]} for s in page.object_list]
    several = len({s.organisation_id for s in page.object_list}) > 1
    audit.record(request, audit.Action.SEARCH if query else audit.Action.VIEW, record_type="supplier register",
                 description=f"Supplier register: {page.paginator.count} suppliers" + (" (searched)" if query else ""))
    params = QueryDict(mutable=True)
    for key in ["searched", *SUPPLIER_FILTERS]:
        if request.GET.get(key):
            params[key] = request.GET[key]
    flagged_count = services.flagged(Supplier.objects.for_user(request.user)).count()
    return render(request, "supply/suppliers.html", {
        "page": page, "rows": rows, "query": query, "chosen": chosen, "sectors": SECTORS, "params": params.urlencode(),
        "can_manage": bool(supply_data_org_ids(request.user)), "several": several, "flagged_count": flagged_count,
        "filtered": bool(query or any(chosen.values())),
    })


def _get_supplier(request, public_id):
    queryset = Supplier.objects.for_user(request.user).select_related("organisation")
    return get_object_or_404(queryset, public_id=public_id)


def _yes_no(value):
    return "Not known" if value is None else "Yes" if value else "No"


@needs(Capability.VIEW_SUPPLIERS)
def supplier(request, public_id):
    item = _get_supplier(request, public_id)
    today = timezone.localdate()
    statements = list(item.statements.all())
    sic = reference.sic_descriptions(item.sic_codes)
    links = services.concern_links(item)
    completed, current = rules.current_statement_years(today)
    audit.record_for(request, audit.Action.VIEW, item, description="Supplier record")
    return render(request, "supply/supplier.html", {
        "supplier": item,
        "aliases": [a for a in item.aliases.all() if normalise_name(a.name) != normalise_name(item.name)],
        "sic": [(code, sic.get(code)) for code in item.sic_codes],
        "sic_source": next(iter(sic.values()), None),
        "sectors": [SECTOR_LABELS.get(k, k) for k in item.sectors],
        "operating": [reference.country_label(c) for c in item.operating_countries],
        "sourcing": [reference.country_label(c) for c in item.sourcing_countries],
        "workforce": [("Uses agency workers", _yes_no(item.uses_agency_labour)),
                      ("Subcontracts the work", _yes_no(item.subcontracts_work)),
                      ("Houses its workers", _yes_no(item.provides_worker_accommodation)),
                      ("Workers charged recruitment fees", _yes_no(item.charges_recruitment_fees))],
        "licences": list(item.licences.all()),
        "statements": [{"item": s, "label": FinancialYear.ending_in(s.year).label,
                        "areas": [label for key, label in STATEMENT_AREAS if key in s.areas_covered],
                        "missing": rules.statement_areas_missing(s.areas_covered, STATEMENT_AREAS),
                        "current": s.year in (completed, current)} for s in statements],
        "contacts": list(item.contacts.all()),
        "contracts": list(item.contracts.select_related("contract_manager").order_by("-starts_on", "title")),
        "links": links,
        "flag": rules.statement_flag(item.annual_turnover, [s.year for s in statements], today),
        "sections": sections_for(request, item),
        "can_manage": _can_manage(request.user, item),
        "number_origin": hooks.company_number_origin(item, _can_manage(request.user, item)) if item.company_number else None,
        "same_as_url": hooks.same_organisation_url(item, _can_manage(request.user, item)),
        # One company under two supplier records splits its spend and checks: say so where it shows.
        "same_number": list(Supplier.objects.for_user(request.user).filter(
            organisation=item.organisation, company_number=item.company_number).exclude(pk=item.pk)
            .only("public_id", "name")[:5]) if item.company_number else [],
        "today": today,
    })


def _sync_aliases(supplier, names, user):
    """The supplier's own name and other names, as aliases; names no longer listed are removed."""
    wanted = {}
    for position, name in enumerate([supplier.name, *names]):
        key = normalise_name(name)
        if key and key not in wanted:
            wanted[key] = (name, "name" if position == 0 else "entered")
    existing = {a.normalised: a for a in supplier.aliases.all()}
    for key, alias in existing.items():
        if key not in wanted:
            alias.delete()
    for key, (name, source) in wanted.items():
        if key not in existing:
            SupplierAlias.objects.create(organisation=supplier.organisation, supplier=supplier, name=name, normalised=key,
                                         source=source, confirmed_by=user)


PROFILE_FIELDS = ["name", "company_number", "charity_number", "address", "postcode", "sic_codes", "sectors", "keywords",
                  "goods", "operating_countries", "sourcing_countries", "is_sme", "annual_turnover", "uses_agency_labour",
                  "subcontracts_work", "provides_worker_accommodation", "charges_recruitment_fees"]


def _clean_profile(data):
    values = {f: data[f] for f in PROFILE_FIELDS}
    values["name"] = " ".join(values["name"].split())
    return values


@needs(Capability.MANAGE_SUPPLY_DATA)
@require_http_methods(["GET", "POST"])
def supplier_add(request):
    organisations = _data_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    form = forms.SupplierForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            item = Supplier.objects.create(organisation=form.chosen_organisation(), source="register",
                                           **_clean_profile(form.cleaned_data))
            _sync_aliases(item, form.cleaned_data["other_names"], request.user)
            services.screen(item)
        audit.record_for(request, audit.Action.CREATE, item, description="Supplier added to the register")
        messages.success(request, f"{item.name} has been added to the supplier register.")
        return redirect("supply:supplier", public_id=item.public_id)
    return render(request, "supply/supplier_form.html", {"form": form, "supplier": None})


def _get_managed_supplier(request, public_id):
    item = _get_supplier(request, public_id)
    if not _can_manage(request.user, item):
        raise PermissionDenied
    return item


@needs(Capability.MANAGE_SUPPLY_DATA)
@require_http_methods(["GET", "POST"])
def supplier_edit(request, public_id):
    item = _get_managed_supplier(request, public_id)
    if request.method == "POST":
        form = forms.SupplierForm(request.POST, supplier=item)
        if form.is_valid():
            with transaction.atomic():
                expected = form.cleaned_data["version"]
                if locking.saved_or_refused(form, _checked(Supplier), item.pk, expected,
                                            initial_for=forms.SupplierForm.initial_for):
                    old_name = item.name
                    for key, value in _clean_profile(form.cleaned_data).items():
                        setattr(item, key, value)
                    item.version = expected + 1
                    item.save()
                    names = form.cleaned_data["other_names"]
                    if normalise_name(old_name) != normalise_name(item.name):
                        names = [old_name, *names]  # the old name keeps matching spend and contract files
                    _sync_aliases(item, names, request.user)
                    services.screen(item, user=request.user)
            if not form.errors:
                audit.record_for(request, audit.Action.CHANGE, item, description="Supplier details changed")
                messages.success(request, "The supplier's details have been saved.")
                return redirect("supply:supplier", public_id=item.public_id)
    else:
        form = forms.SupplierForm(initial=forms.SupplierForm.initial_for(item), supplier=item)
    audit.record_for(request, audit.Action.VIEW, item, description="Change supplier details" + (": errors shown" if form.errors else ""))
    return render(request, "supply/supplier_form.html", {"form": form, "supplier": item})


# --- Licences, statements and contacts --------------------------------------------------------------------

ITEM_KINDS = {
    "licences": {"model": SupplierLicence, "form": forms.LicenceForm, "noun": "licence",
                 "fields": ["kind", "description", "number", "valid_until"]},
    "statements": {"model": SupplierStatement, "form": forms.StatementForm, "noun": "modern slavery statement",
                   "fields": ["year", "url", "areas_covered", "board_approved", "signed", "signed_by"]},
    "contacts": {"model": SupplierContact, "form": forms.ContactForm, "noun": "contact",
                 "fields": ["name", "role", "email", "phone", "is_main"]},
}
TRI_STATE = {"board_approved", "signed"}


def _item_spec(kind):
    if kind not in ITEM_KINDS:
        raise Http404
    return ITEM_KINDS[kind]


def _item_initial(spec, obj, supplier):
    initial = {"version": supplier.version}
    if obj is not None:
        for f in spec["fields"]:
            value = getattr(obj, f)
            initial[f] = forms.YesNoUnknownField.initial_for(value) if f in TRI_STATE else value
    return initial


def _as_now(obj):
    """A licence, statement or contact as it is saved now (None for a new one, or one removed since)."""
    return None if obj is None else type(obj).objects.filter(pk=obj.pk).first()


def _item_form(spec, request, supplier, obj):
    kwargs = {"supplier": supplier, "item": obj} if spec["form"] in (forms.StatementForm, forms.ContactForm) else {}
    if request.method == "POST":
        return spec["form"](request.POST, **kwargs)
    return spec["form"](initial=_item_initial(spec, obj, supplier), **kwargs)


@needs(Capability.MANAGE_SUPPLY_DATA)
@require_http_methods(["GET", "POST"])
def item_edit(request, public_id, kind, item_id=None):
    spec = _item_spec(kind)
    item = _get_managed_supplier(request, public_id)
    obj = get_object_or_404(spec["model"], supplier=item, pk=item_id) if item_id is not None else None
    form = _item_form(spec, request, item, obj)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if locking.saved_or_refused(form, _checked(Supplier), item.pk, form.cleaned_data["version"],
                                        initial_for=lambda now: _item_initial(spec, _as_now(obj), now)):
                target = obj or spec["model"](supplier=item)
                for f in spec["fields"]:
                    value = form.cleaned_data[f]
                    setattr(target, f, value.strip() if isinstance(value, str) else value)
                if kind == "licences" and target.kind != "other":
                    target.description = ""
                target.save()
                if kind == "contacts" and target.is_main:
                    item.contacts.exclude(pk=target.pk).update(is_main=False)
                if kind == "licences":
                    services.screen(item)
        if not form.errors:
            audit.record_for(request, audit.Action.CHANGE if obj else audit.Action.CREATE, item,
                             description=f"Supplier {spec['noun']} {'changed' if obj else 'added'}")
            messages.success(request, f"The {spec['noun']} has been {'saved' if obj else 'added'}.")
            return redirect(f"{reverse('supply:supplier', kwargs={'public_id': item.public_id})}#{kind}")
    audit.record_for(request, audit.Action.VIEW, item,
                     description=f"{'Change' if obj else 'Add'} a supplier {spec['noun']}" + (": errors shown" if form.errors else ""))
    return render(request, "supply/item_form.html", {"form": form, "supplier": item, "kind": kind, "spec": spec, "obj": obj})


@needs(Capability.MANAGE_SUPPLY_DATA)
@require_http_methods(["GET", "POST"])
def item_remove(request, public_id, kind, item_id):
    spec = _item_spec(kind)
    item = _get_managed_supplier(request, public_id)
    obj = get_object_or_404(spec["model"], supplier=item, pk=item_id)
    error = None
    if request.method == "POST":
        try:
            expected = int(request.POST.get("version", ""))
        except ValueError:
            expected = None
        with transaction.atomic():
            if not locking.save_if_unchanged(_checked(Supplier), item.pk, expected):
                error = locking.CONFLICT
            else:
                obj.delete()
        if error is None:
            audit.record_for(request, audit.Action.DELETE, item, description=f"Supplier {spec['noun']} removed")
            messages.success(request, f"The {spec['noun']} has been removed.")
            return redirect(f"{reverse('supply:supplier', kwargs={'public_id': item.public_id})}#{kind}")
        item.refresh_from_db()
    audit.record_for(request, audit.Action.VIEW, item, description=f"Remove a supplier {spec['noun']}")
    return render(request, "supply/item_remove.html", {"supplier": item, "kind": kind, "spec": spec, "obj": obj, "error": error})


# --- Contract register -----------------------------------------------------------------------------------

CONTRACT_FILTERS = {"band": {key for key, _ in rules.VALUE_BANDS}, "mine": {"yes"}}


def _with_value(queryset):
    return queryset.annotate(value=Coalesce("total_value", "annual_value", output_field=DecimalField(max_digits=16, decimal_places=2)))


def _in_band(queryset, band):
    if band == "unknown":
        return queryset.filter(value__isnull=True)
    if band == "under-25k":
        return queryset.filter(value__lt=rules.LET_BY_SERVICES_BELOW)
    if band == "over-1m":
        return queryset.filter(value__gt=rules.ETHICAL_CODE_OVER)
    return queryset.filter(value__gte=rules.LET_BY_SERVICES_BELOW, value__lte=rules.ETHICAL_CODE_OVER)


@needs(Capability.VIEW_SUPPLIERS)
@require_http_methods(["GET", "POST"])
def contracts(request):
    if request.method == "POST":
        return _post_search(request, CONTRACT_QUERY_KEY, "supply:contracts", CONTRACT_FILTERS)
    query = _saved_search(request, CONTRACT_QUERY_KEY)
    chosen = {name: request.GET.get(name, "") for name in CONTRACT_FILTERS}
    chosen = {name: value if value in CONTRACT_FILTERS[name] else "" for name, value in chosen.items()}
    items = _with_value(Contract.objects.for_user(request.user)).select_related("supplier", "contract_manager")
    if query:
        items = items.filter(Q(title__icontains=query) | Q(reference__iexact=query) | Q(supplier__name__icontains=query)
                             | Q(directorate__icontains=query))
    if chosen["band"]:
        items = _in_band(items, chosen["band"])
    if chosen["mine"]:
        items = items.filter(contract_manager=request.user)
    items = items.order_by("title", "pk")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record(request, audit.Action.SEARCH if query else audit.Action.VIEW, record_type="contract register",
                 description=f"Contract register: {page.paginator.count} contracts" + (" (searched)" if query else ""))
    params = QueryDict(mutable=True)
    for key in ["searched", *CONTRACT_FILTERS]:
        if request.GET.get(key):
            params[key] = request.GET[key]
    rows = [{"contract": c, "band": rules.value_band(c.value)} for c in page.object_list]
    return render(request, "supply/contracts.html", {
        "page": page, "rows": rows, "query": query, "chosen": chosen, "bands": rules.VALUE_BANDS,
        "band_labels": dict(rules.VALUE_BANDS), "params": params.urlencode(),
        "can_manage": bool(supply_data_org_ids(request.user)), "filtered": bool(query or any(chosen.values())),
        "is_manager": Role.CONTRACT_MANAGER in request.user.roles,
    })


def _get_contract(request, public_id):
    queryset = Contract.objects.for_user(request.user).select_related("supplier", "contract_manager", "organisation")
    return get_object_or_404(queryset, public_id=public_id)


@needs(Capability.VIEW_SUPPLIERS)
def contract(request, public_id):
    item = _get_contract(request, public_id)
    value = rules.contract_value(item.annual_value, item.total_value)
    audit.record_for(request, audit.Action.VIEW, item, description="Contract record")
    return render(request, "supply/contract.html", {
        "contract": item, "value": value, "guidance": rules.contract_guidance(value),
        "band": rules.value_band(value), "ethical_code": rules.expects_ethical_employment_code(value),
        "can_manage": _can_manage(request.user, item),
    })


CONTRACT_FORM_FIELDS = ["reference", "title", "description", "directorate", "annual_value", "total_value", "starts_on",
                        "ends_on", "current_expiry", "category", "proclass_code", "proclass_description", "procurement_route",
                        "contract_manager"]


def _contract_values(data):
    values = {f: data[f] for f in CONTRACT_FORM_FIELDS}
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = value.strip()
    values["supplier"] = data["supplier"]
    return values


@needs(Capability.MANAGE_SUPPLY_DATA)
@require_http_methods(["GET", "POST"])
def contract_add(request):
    organisations = _data_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    initial = {}
    chosen_supplier = request.GET.get("supplier")
    if chosen_supplier:
        try:
            known = Supplier.objects.for_user(request.user).filter(public_id=chosen_supplier).first()
        except Exception:  # not a UUID
            known = None
        if known is not None:
            initial["supplier_name"] = known.name
            initial["organisation"] = str(known.organisation.public_id)
    form = forms.ContractForm(request.POST or None, initial=initial, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            item = Contract.objects.create(organisation=form.chosen_organisation(), **_contract_values(form.cleaned_data))
        audit.record_for(request, audit.Action.CREATE, item, description="Contract added to the register")
        messages.success(request, "The contract has been added.")
        return redirect("supply:contract", public_id=item.public_id)
    return render(request, "supply/contract_form.html", {"form": form, "contract": None})


def _contract_initial(item):
    initial = {f: getattr(item, f) for f in CONTRACT_FORM_FIELDS}
    initial.update({"version": item.version, "supplier_name": item.supplier.name if item.supplier else "",
                    "contract_manager": str(item.contract_manager.public_id) if item.contract_manager else ""})
    return initial


@needs(Capability.MANAGE_SUPPLY_DATA)
@require_http_methods(["GET", "POST"])
def contract_edit(request, public_id):
    item = _get_contract(request, public_id)
    if not _can_manage(request.user, item):
        raise PermissionDenied
    if request.method == "POST":
        form = forms.ContractForm(request.POST, contract=item)
        if form.is_valid():
            with transaction.atomic():
                expected = form.cleaned_data["version"]
                if locking.saved_or_refused(form, _checked(Contract), item.pk, expected, initial_for=_contract_initial):
                    for key, value in _contract_values(form.cleaned_data).items():
                        setattr(item, key, value)
                    item.version = expected + 1
                    item.save()
            if not form.errors:
                audit.record_for(request, audit.Action.CHANGE, item, description="Contract details changed")
                messages.success(request, "The contract's details have been saved.")
                return redirect("supply:contract", public_id=item.public_id)
    else:
        form = forms.ContractForm(initial=_contract_initial(item), contract=item)
    audit.record_for(request, audit.Action.VIEW, item, description="Change contract details" + (": errors shown" if form.errors else ""))
    return render(request, "supply/contract_form.html", {"form": form, "contract": item})


IMPORT_COLUMNS = [
    ("Contract title", "Required. Also read from ‘Title’ or ‘Contract name’."),
    ("Supplier name", "Required. Also read from ‘Supplier Company Name’, ‘Supplier’, ‘Contractor’ or ‘Provider’. "
                      "Matched to the supplier register; new names are added to it."),
    ("Contract reference", "Used, with the supplier, title and start date, to recognise a contract on later imports."),
    ("Annual value, Total contract value", "Amounts like 25000 or £1,450.18."),
    ("Start date, End date, Current expiry date", "For example 2026-04-01, 01/04/2026 or 1-Apr-26."),
    ("Supplier postcode, Company number, Charity number, SME supplier?", "Filled in on the supplier's record where it is blank. "
                                                                         "Company numbers that lost their leading zeros are padded to 8 digits."),
    ("ProClass classification, ProClass description, Category, Process used, Directorate", ""),
    ("Contract manager", "The email address or name of a contract manager in Clearsight."),
]


@needs(Capability.MANAGE_SUPPLY_DATA)
@require_http_methods(["GET", "POST"])
def contract_import(request):
    organisations = _data_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    form = forms.UploadForm(request.POST or None, request.FILES or None, organisations=organisations)
    result, organisation = None, organisations[0]
    if request.method == "POST" and form.is_valid():
        organisation = form.chosen_organisation()
        upload = form.cleaned_data["file"]
        try:
            result = imports.import_contracts(organisation, upload.read(), file_name=upload.name)
        except imports.ImportFileError as error:
            form.add_error("file", str(error))
        if result is not None:
            if result.ok:
                description = (f"Contract register import: {result.created} added, {result.updated} changed, "
                               f"{result.unchanged} already recorded, {result.suppliers_added} new suppliers")
            else:
                description = f"Contract register import refused: {len(result.rejected)} problems, nothing saved"
            audit.record(request, audit.Action.CREATE, record_type="contract register import", description=description)
    return render(request, "supply/import.html", {"form": form, "result": result, "organisation": organisation,
                                                  "columns": IMPORT_COLUMNS})


# --- Concerns about a supplier -------------------------------------------------------------------------------

def _get_concern(request, public_id):
    concern = concern_for_user(request.user, public_id)
    if concern is None or not rules.handles_for_council(request.user, concern):
        raise Http404
    return concern


def _handling_suppliers(concern):
    # A first responder does not otherwise see the supplier register; here they see the names of the
    # handling council's suppliers, to pick the one the concern is about.
    return Supplier.objects.unscoped("a concern handler links a concern to a supplier of the concern's handling "
                                     "organisation").filter(organisation=concern.handling_organisation)


@needs(Capability.HANDLE_CONCERNS)
@require_http_methods(["GET", "POST"])
def concern_supplier(request, public_id):
    concern = _get_concern(request, public_id)
    query, results, error = "", None, None
    if request.method == "POST":
        query = request.POST.get("q", "").strip()[:100]
        if request.POST.get("action") == "link":
            chosen = request.POST.get("supplier", "")
            supplier = None
            if chosen:
                try:
                    supplier = _handling_suppliers(concern).filter(public_id=chosen).first()
                except Exception:  # not a UUID
                    supplier = None
            if supplier is None:
                error = "Select the supplier the concern is about"
            else:
                link, created = services.link_concern(concern, supplier, request.user)
                if created:
                    audit.record_for(request, audit.Action.CHANGE, concern, description="Linked to a supplier record")
                    audit.record_for(request, audit.Action.CHANGE, supplier, description="A concern was linked to this supplier")
                    messages.success(request, f"The concern has been linked to {supplier.name}.")
                else:
                    messages.success(request, f"The concern was already linked to {supplier.name}.")
                return redirect("concerns:concern", public_id=concern.public_id)
        if not query:
            error = error or "Enter the supplier's name"
        if query:
            results = list(services.search(_handling_suppliers(concern), query).order_by("name")[:25])
    audit.record_for(request, audit.Action.VIEW if not query else audit.Action.SEARCH, concern,
                     description="Link the concern to a supplier" + (" (searched suppliers)" if query else ""))
    return render(request, "supply/concern_supplier.html", {
        "concern": concern, "query": query, "results": results, "error": error,
        "linked": list(ConcernSupplierLink.objects.filter(concern=concern).select_related("supplier")),
    })


@needs(Capability.HANDLE_CONCERNS)
@require_POST
def concern_supplier_remove(request, public_id, link_id):
    concern = _get_concern(request, public_id)
    link = get_object_or_404(ConcernSupplierLink.objects.select_related("supplier"), concern=concern, pk=link_id)
    supplier = link.supplier
    link.delete()
    audit.record_for(request, audit.Action.CHANGE, concern, description="Link to a supplier record removed")
    audit.record_for(request, audit.Action.CHANGE, supplier, description="A concern's link to this supplier was removed")
    messages.success(request, f"The concern is no longer linked to {supplier.name}.")
    return redirect("concerns:concern", public_id=concern.public_id)
