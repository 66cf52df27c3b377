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

KIND = "business"


@dataclass
class Outcome:
    result: str  # "linked", "review", "none", "already"
    supplier: object = None  # the supplier matched, if any
    review: object = None  # the review item waiting for a person, if any
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


def best_supplier_match(business, organisation):
    """The best match among the organisation's suppliers for the business under any of its names."""
    suppliers, index = matching.supplier_candidates(organisation)
    exclude = frozenset(matching.rejected_candidates(organisation, KIND, str(business.public_id)))
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
    pending = matching.pending_review_of(organisation, KIND, str(business.public_id))
    if pending is not None:
        return Outcome("review", supplier=pending.candidate_supplier, review=pending, probability=pending.probability)
    match, supplier = best_supplier_match(business, organisation)
    if match is None:
        return Outcome("none")
    if match.confident:
        link(business, supplier, user)
        return Outcome("linked", supplier=supplier, probability=match.score.probability)
    review = matching.propose_match(organisation, kind=KIND, source="intelligence", subject_ref=str(business.public_id),
                                    name=business.name, left=business_snapshot(business), supplier=supplier, match=match)
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
                                             _confirm, _reject,
                                             "If you choose {chosen}, the intelligence record of “{subject}” "
                                             "is linked to that supplier. Nothing is moved or merged."))
