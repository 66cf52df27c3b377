"""The parts of a premises page and a business profile, each as the viewer may see it: intelligence
(handling restrictions applied), concerns linked to the premises (for people who handle concerns),
operations at the premises (from the operations context, if present) and, when the business is also a
council supplier, its supplier record, spend and assessments (for people who may see suppliers)."""

from django.urls import NoReverseMatch, reverse

from clearsight.core.models import Organisation
from clearsight.core.roles import Capability

from . import handling
from .models import Business, ConcernPremises, IntelligenceReport


def _url(name, public_id):
    try:
        return reverse(name, args=[public_id])
    except NoReverseMatch:
        return ""


def reports_about(user, *, premises=None, business=None):
    reports = IntelligenceReport.objects.for_user(user).select_related("organisation")
    if premises is not None:
        reports = reports.filter(premises=premises)
    if business is not None:
        reports = reports.filter(businesses=business)
    return [{"report": r, "warnings": handling.grading_warnings(r)} for r in reports.distinct()]


def concerns_at(user, premises_ids):
    """Concerns linked to these premises that the user handles (nobody else sees them here)."""
    if not user.can(Capability.HANDLE_CONCERNS) or not premises_ids:
        return []
    from clearsight.concerns.api import concerns_for_user

    linked = ConcernPremises.objects.filter(premises_id__in=list(premises_ids)).values("concern_id")
    return list(concerns_for_user(user).filter(pk__in=linked).order_by("-created_at"))


def operations_at(user, premises_list):
    """Operations at the premises the user may see, from the operations context (none without it)."""
    from .api import operations_at_premises

    seen = {}
    for item in premises_list:
        for operation in operations_at_premises(item, user):
            seen[operation.pk] = operation
    return [{"operation": o, "url": _url("operations:operation", o.public_id)}
            for o in sorted(seen.values(), key=lambda o: o.date, reverse=True)]


def premises_profile(item, user):
    return {
        "premises": item,
        "reports": reports_about(user, premises=item),
        "businesses": list(Business.objects.for_user(user).filter(premises=item)),
        "concerns": concerns_at(user, {item.pk}),
        "can_see_concerns": user.can(Capability.HANDLE_CONCERNS),
        "operations": operations_at(user, [item]),
        "own": item.organisation_id in handling.partnership_org_ids(user),
    }


def supplier_registers(user):
    """Councils' supplier registers the user may match businesses against: those of the organisations
    in which they work in partnership or manage supply data."""
    from clearsight.supply.api import supply_data_org_ids

    ids = handling.partnership_org_ids(user) | supply_data_org_ids(user)
    return list(Organisation.objects.filter(pk__in=ids, suppliers__isnull=False).distinct().order_by("name"))


def supplier_part(item, user):
    """The supplier record, spend by year and assessments, for people who may see the supplier."""
    if not item.supplier_id or not user.can(Capability.VIEW_SUPPLIERS):
        return None
    from clearsight.supply.api import suppliers_for_user

    supplier = suppliers_for_user(user).filter(pk=item.supplier_id).select_related("organisation").first()
    if supplier is None:
        return None
    from clearsight.spend.api import supplier_spend_by_year

    part = {"supplier": supplier, "spend": supplier_spend_by_year(supplier), "assessments": [],
            "url": _url("supply:supplier", supplier.public_id)}
    if user.can(Capability.ASSESS_SUPPLIERS):
        from clearsight.assessments.api import assessments_for_user

        part["assessments"] = [{"assessment": a, "url": _url("assessments:assessment", a.public_id)}
                               for a in assessments_for_user(user).filter(supplier=supplier).order_by("-sent_at")[:10]]
    part["total"] = sum((total for _, total, _ in part["spend"]), start=0)
    return part


def pending_review(item):
    from clearsight.matching.api import review_pending

    return review_pending("business", str(item.public_id))


def business_profile(item, user):
    premises = list(item.premises.for_user(user))
    return {
        "business": item,
        "premises_list": premises,
        "reports": reports_about(user, business=item),
        "concerns": concerns_at(user, {p.pk for p in premises}),
        "can_see_concerns": user.can(Capability.HANDLE_CONCERNS),
        "operations": operations_at(user, premises),
        "supplier_part": supplier_part(item, user),
        "can_match": not item.supplier_id and bool(supplier_registers(user)),
        "match_pending": not item.supplier_id and pending_review(item),
    }


def outcome_message(outcome, user):
    sees = user.can(Capability.VIEW_SUPPLIERS)
    name = f" ({outcome.supplier.name})" if sees and outcome.supplier is not None else ""
    if outcome.result == "linked":
        return f"This business is the same as a supplier in the council's register{name}. They are now one profile."
    if outcome.result == "already":
        return "This business is already linked to a supplier."
    if outcome.result == "review":
        return (f"A possible matching supplier{name} was found. The procurement team will check it in the "
                "supplier matches to review; once they confirm it, the two become one profile.")
    return "No matching supplier was found in the council's register."
