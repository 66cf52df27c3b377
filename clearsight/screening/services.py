"""Screening services other contexts call: ``screen_suppliers`` after a spend import, a register
import or a change to a supplier, and the supplier page's "Screen again"."""

from django.db import transaction
from django.utils import timezone

from . import risk
from .reference_data import current_reference

# Above this many suppliers, read the organisation's contracts and spend categories whole rather
# than with a long "IN (...)" list.
_IN_LIST_LIMIT = 500
_REASON = "screening reads the suppliers of an organisation the caller has already chosen"


def _profiles(organisation, supplier_ids, expense_categories=None):
    from clearsight.supply.api import Contract, Supplier

    suppliers = Supplier.objects.unscoped(_REASON).filter(organisation=organisation)
    if supplier_ids is not None:
        suppliers = suppliers.filter(pk__in=supplier_ids)
    fields = ["id", "name", "sic_codes", "sectors", "keywords", "goods", "operating_countries", "sourcing_countries",
              "uses_agency_labour", "subcontracts_work", "provides_worker_accommodation", "charges_recruitment_fees"]
    profiles = {}
    for row in suppliers.values(*fields).order_by():
        pk = row.pop("id")
        profiles[pk] = risk.Profile(**{k: (v if v is not None or k.startswith(("uses", "sub", "provides", "charges")) else "")
                                       for k, v in row.items()})
    if not profiles:
        return profiles
    narrow = supplier_ids is not None and len(profiles) <= _IN_LIST_LIMIT

    contracts = Contract.objects.unscoped(_REASON).filter(organisation=organisation, supplier__isnull=False)
    if narrow:
        contracts = contracts.filter(supplier_id__in=list(profiles))
    for supplier_id, code, description, category, title in contracts.values_list(
            "supplier_id", "proclass_code", "proclass_description", "category", "title").order_by():
        profile = profiles.get(supplier_id)
        if profile is None:
            continue
        if code or description:
            profile.proclass.append((code, description))
        profile.contract_texts.extend(t for t in (category, title) if t)

    if expense_categories is None:
        pairs = _spend_categories(organisation, list(profiles) if narrow else None)
    else:
        # The caller knows the new lines' categories; earlier ones were kept with the last screening.
        from .models import SupplierRisk

        kept = SupplierRisk.objects.unscoped(_REASON).filter(organisation=organisation)
        if narrow:
            kept = kept.filter(supplier_id__in=list(profiles))
        pairs = [(pk, category) for pk, categories in kept.values_list("supplier_id", "expense_categories").order_by()
                 for category in categories or []]
        pairs += [(pk, category) for pk, categories in expense_categories.items() for category in categories]
    for supplier_id, category in pairs:
        profile = profiles.get(supplier_id)
        if profile is not None and category and category not in profile.expense_categories:
            profile.expense_categories.append(category)
    return profiles


def _spend_categories(organisation, supplier_ids):
    """(supplier id, expense category) pairs from the organisation's spend lines."""
    try:
        from clearsight.spend.api import SpendLine
    except ImportError:  # pragma: no cover - the spend context is always installed
        return []
    lines = SpendLine.objects.unscoped(_REASON).filter(organisation=organisation, supplier__isnull=False).exclude(category="")
    if supplier_ids is not None:
        lines = lines.filter(supplier_id__in=supplier_ids)
    return lines.values_list("supplier_id", "category").distinct().order_by()


def screen_suppliers(organisation, supplier_ids=None, *, user=None, expense_categories=None, **_facts) -> int:
    """Work out and store the inherent risk of the organisation's suppliers (all, or those given).
    Returns how many were screened.

    ``expense_categories`` ({supplier id: categories}) lets a spend import hand over the expense
    categories of the lines it has just written, so screening need not read every spend line again;
    without it, the categories are read from the spend lines. Other facts supply's ``suppliers_changed``
    event carries (``changed_by``) are not used here."""
    from .models import SupplierRisk

    if supplier_ids is not None:
        supplier_ids = list(supplier_ids)
        if not supplier_ids:
            return 0
    reference = current_reference()
    profiles = _profiles(organisation, supplier_ids, expense_categories)
    now = timezone.now()
    results = []
    for supplier_id, profile in profiles.items():
        result = risk.screen(profile, reference)
        results.append(SupplierRisk(
            supplier_id=supplier_id, organisation_id=organisation.pk, score=result.score, tier=result.tier,
            factors=[f.as_dict() for f in result.factors], reference_versions=reference.versions, screened_at=now,
            screened_by=user, expense_categories=sorted(profile.expense_categories)))
    with transaction.atomic():
        SupplierRisk.objects.bulk_create(
            results, batch_size=1000, update_conflicts=True, unique_fields=["supplier"],
            update_fields=["organisation", "score", "tier", "factors", "reference_versions", "expense_categories",
                           "screened_at", "screened_by"])
    return len(results)


def screen_supplier(supplier, user=None):
    """Screen one supplier now; returns its SupplierRisk."""
    from .models import SupplierRisk

    screen_suppliers(supplier.organisation, [supplier.pk], user=user)
    return SupplierRisk.objects.unscoped("the supplier was just screened by the caller").get(supplier=supplier)


def sector_choices():
    """(key, label) of the high-risk sectors, for a supplier's "sectors" field."""
    from .models import RiskSector
    from .reference_data import ensure_loaded

    ensure_loaded()
    return list(RiskSector.objects.values_list("key", "label"))
