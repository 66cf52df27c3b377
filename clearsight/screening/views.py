"""Risk screening pages: the supply chain risk overview (with CSV downloads of each table), the
reference data screening uses, and "Screen again" on a supplier. Names of suppliers are shown, so
these pages are for people who work on supplier registers (VIEW_SUPPLIERS), never board members."""


from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from clearsight.core import audit
from clearsight.core.charts import bar_chart
from clearsight.core.dates import FinancialYear
from clearsight.core.exports import download
from clearsight.core.models import Organisation
from clearsight.core.roles import Capability
from clearsight.core.views.access import needs
from clearsight.supply.api import Supplier, supply_data_org_ids, supply_org_ids

from . import exports, services
from .models import ReferenceDataset, RiskSector
from .overview import TIER_COLOURS, TIER_ORDER, overview_for
from .reference_data import ensure_loaded
from .templatetags.screening_tags import pounds


def _choices(request):
    """The organisation (one of the user's supply organisations) and financial year chosen."""
    from clearsight.spend.api import spend_by_year

    organisations = list(Organisation.objects.filter(pk__in=supply_org_ids(request.user)).order_by("name"))
    if not organisations:
        raise PermissionDenied
    wanted = request.GET.get("organisation", "")
    organisation = next((o for o in organisations if str(o.public_id) == wanted), organisations[0])
    years = [year for year, _, _ in spend_by_year(organisation) if year is not None]
    year = request.GET.get("year", "")
    start = end = None
    if year.isdigit() and int(year) in years:
        fy = FinancialYear.ending_in(int(year))
        start, end = fy.starts, fy.ends
    else:
        year = ""
    return organisations, organisation, years, year, start, end


def _year_label(year):
    """The financial year ending in ``year``, as GOV.UK writes it: 2025 to 2026."""
    return FinancialYear.ending_in(year).label


@needs(Capability.VIEW_SUPPLIERS)
def overview(request):
    organisations, organisation, years, year, start, end = _choices(request)
    figures = overview_for(organisation, start, end)
    spend_chart = bar_chart([(t.label, max(t.spend, 0), pounds(t.spend), TIER_COLOURS[t.tier]) for t in figures.tiers])
    ranked_chart = bar_chart([(r.name, r.weighted, pounds(r.weighted), TIER_COLOURS[r.tier])
                             for r in figures.ranked[:10]])
    coverage_chart = bar_chart([
        ("With a current assessment", max(figures.high_assessed_spend, 0), pounds(figures.high_assessed_spend), "#00703c"),
        ("Without a current assessment", max(figures.high_spend - figures.high_assessed_spend, 0),
         pounds(figures.high_spend - figures.high_assessed_spend), "#d4351c")])
    audit.record(request, audit.Action.VIEW, record_type="supply chain risk overview",
                 description=f"Supply chain risk overview: {len(figures.ranked)} suppliers ranked")
    query = f"organisation={organisation.public_id}" + (f"&year={year}" if year else "")
    return render(request, "screening/overview.html", {
        "organisations": organisations, "organisation": organisation, "figures": figures, "query": query,
        "years": [(str(y), _year_label(y)) for y in years], "year": year,
        "period": f"financial year {_year_label(int(year))}" if year else "all spend recorded",
        "spend_chart": spend_chart, "ranked_chart": ranked_chart, "coverage_chart": coverage_chart,
        "can_manage": organisation.pk in supply_data_org_ids(request.user),
    })


@needs(Capability.VIEW_SUPPLIERS)
def overview_export(request, table):
    if table not in exports.TABLES:
        raise Http404
    organisations, organisation, years, year, start, end = _choices(request)
    figures = overview_for(organisation, start, end, limit=None)
    headers, rows = exports.TABLES[table](figures)
    audit.record(request, audit.Action.EXPORT, record_type="supply chain risk overview",
                 description=f"Supply chain risk table '{table}' downloaded as CSV: {len(rows)} rows")
    name = f"supply-risk-{table}-{year or 'all'}-{timezone.localdate():%Y-%m-%d}"
    return download(name, headers, rows)


@needs(Capability.VIEW_SUPPLIERS)
def reference(request):
    ensure_loaded()
    return render(request, "screening/reference.html", {
        "datasets": ReferenceDataset.objects.all(), "sectors": RiskSector.objects.all(),
        "tiers": [t for t in TIER_ORDER if t],
    })


@needs(Capability.MANAGE_SUPPLY_DATA)
@require_POST
def screen_again(request, public_id):
    supplier = get_object_or_404(Supplier.objects.for_user(request.user), public_id=public_id)
    if supplier.organisation_id not in supply_data_org_ids(request.user):
        raise PermissionDenied
    result = services.screen_supplier(supplier, user=request.user)
    audit.record_for(request, audit.Action.CHANGE, supplier, description=f"Screened again: {result.tier_label} risk")
    messages.success(request, f"{supplier.name} has been screened again: {result.tier_label.lower()} risk, "
                              f"score {result.score} out of 100.")
    return redirect(reverse("supply:supplier", kwargs={"public_id": supplier.public_id}) + "#risk")
