"""Linking a business known to intelligence with the same business in a council's supplier register.

The same matching engine (``clearsight.matching.engine``) scores the business against the
organisation's suppliers; the same review queue (``clearsight.matching.reviews``, kind "business")
takes the uncertain matches:

* a confident, unambiguous match links the business to the supplier straight away;
* an uncertain one (or one with a close runner-up) becomes a review item; confirming it links them,
  rejecting it means the pair is never proposed again;
* nothing close: nothing changes.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from clearsight.matching import api as matching
from clearsight.supply.api import Supplier, normalise_name

KIND = "business"
_REASON = "matching one business against the suppliers of an organisation the caller may manage"


@dataclass
class Outcome:
    result: str  # "linked", "review", "none", "already"
    supplier: Supplier | None = None
    review: matching.MatchReview | None = None
    probability: float = 0.0


def business_snapshot(business):
    return matching.record_snapshot(
        business.name, address=business.address, postcode=business.postcode,
        company_number=business.company_number, source=f"Intelligence recorded by {business.organisation.name}",
        extra={"Trading names": ", ".join(business.trading_name_list)} if business.trading_names else None)


def _business_records(business):
    names = [business.name] + business.trading_name_list
    return [matching.Record(business.pk, name, address=business.address, postcode=business.postcode,
                          company_number=business.company_number) for name in names]


def _supplier_index(organisation):
    suppliers = {s.pk: s for s in Supplier.objects.unscoped(_REASON).filter(organisation=organisation, needs_review=False)}
    records = [matching.Record(pk, s.name, address=s.address, postcode=s.postcode, company_number=s.company_number)
               for pk, s in suppliers.items()]
    return suppliers, matching.CandidateIndex(records)


def _rejected(business, organisation):
    return set(matching.MatchReview.objects.unscoped(_REASON).filter(
        organisation=organisation, kind=KIND, subject_ref=str(business.public_id),
        status=matching.MatchReview.Status.REJECTED).values_list("candidate_supplier_id", flat=True))


def best_supplier_match(business, organisation):
    """The best match among the organisation's suppliers for the business under any of its names."""
    suppliers, index = _supplier_index(organisation)
    exclude = frozenset(_rejected(business, organisation))
    best = None
    for record in _business_records(business):
        match = index.best_match(record, exclude)
        if match is not None and (best is None or match.score.weight > best.score.weight):
            best = match
    return (best, suppliers[best.right.key]) if best else (None, None)


def link(business, supplier, user):
    from .models import Business

    Business._base_manager.filter(pk=business.pk).update(
        supplier=supplier, supplier_linked_by=user, supplier_linked_at=timezone.now(), version=F("version") + 1)
    business.refresh_from_db()


@transaction.atomic
def find_matching_supplier(business, organisation, user=None) -> Outcome:
    """Score ``business`` against ``organisation``'s suppliers and act on the result."""
    if business.supplier_id:
        return Outcome("already", supplier=business.supplier)
    pending = matching.MatchReview.objects.unscoped(_REASON).filter(
        organisation=organisation, kind=KIND, subject_ref=str(business.public_id),
        status=matching.MatchReview.Status.PENDING).first()
    if pending is not None:
        return Outcome("review", supplier=pending.candidate_supplier, review=pending, probability=pending.probability)
    match, supplier = best_supplier_match(business, organisation)
    if match is None:
        return Outcome("none")
    if match.confident:
        link(business, supplier, user)
        return Outcome("linked", supplier=supplier, probability=match.score.probability)
    review = matching.MatchReview.objects.create(
        organisation=organisation, kind=KIND, source="intelligence", subject_ref=str(business.public_id),
        candidate_supplier=supplier, candidate_ref=str(supplier.public_id), normalised=normalise_name(business.name)[:300],
        left=business_snapshot(business), right=matching.supplier_snapshot(supplier),
        probability=match.score.probability, reasons=match.reasons)
    return Outcome("review", supplier=supplier, review=review, probability=match.score.probability)


def _confirm(review, user):
    from .models import Business

    business = Business._base_manager.filter(public_id=review.subject_ref).first()
    if business is not None and review.candidate_supplier is not None:
        link(business, review.candidate_supplier, user)


def _reject(review, user):
    pass  # remembered by the review itself: this pair is never proposed again


def register():
    matching.register_kind(KIND, matching.Kind("Business known to intelligence and a supplier",
                                             "Business in intelligence", "Supplier in the register",
                                             _confirm, _reject))
