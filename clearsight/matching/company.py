"""Matching suppliers to a loaded company register by name and postcode.

A confident, unambiguous match sets the supplier's company number and records where it came from
(CompanyNumberSource); an uncertain one goes to the review queue; a pair a person rejected is never
proposed again.
"""

from django.db import transaction

from clearsight.supply.api import Supplier

from . import engine
from .models import CompanyNumberSource, CompanyRegisterEntry, MatchReview
from .reviews import record_snapshot, supplier_snapshot


_REASON = "matching the suppliers of the organisation the caller names"


def register_index():
    """The loaded register entries as engine records (key: entry id), or None if none is loaded."""
    entries = list(CompanyRegisterEntry.objects.values_list("pk", "name", "address", "postcode", "company_number"))
    if not entries:
        return None
    return engine.CandidateIndex(engine.Record(pk, name, address, postcode, number)
                                 for pk, name, address, postcode, number in entries)


@transaction.atomic
def match_suppliers_to_register(organisation, index=None):
    """Match the organisation's suppliers that have no company number. Returns counts."""
    index = index or register_index()
    counts = {"matched": 0, "to_review": 0, "no_match": 0}
    if index is None:
        return counts
    waiting = set(MatchReview.objects.unscoped(_REASON).filter(organisation=organisation, kind="company",
                                             status=MatchReview.Status.PENDING).values_list("subject_supplier_id", flat=True))
    rejected = {}
    for supplier_id, number in MatchReview.objects.unscoped(_REASON).filter(
            organisation=organisation, kind="company", status=MatchReview.Status.REJECTED) \
            .values_list("subject_supplier_id", "candidate_ref"):
        rejected.setdefault(supplier_id, set()).add(number)
    by_number = {}
    for record in index.records:
        by_number.setdefault(record.company_n, set()).add(record.key)
    suppliers = Supplier.objects.unscoped(_REASON).filter(organisation=organisation, company_number="", needs_review=False) \
        .exclude(pk__in=waiting)
    for supplier in suppliers:
        exclude = set().union(*(by_number.get(n, set()) for n in rejected.get(supplier.pk, ()))) \
            if supplier.pk in rejected else frozenset()
        match = index.best_match(engine.Record(supplier.pk, supplier.name, supplier.address, supplier.postcode),
                                 exclude=exclude)
        if match is None:
            counts["no_match"] += 1
            continue
        entry = CompanyRegisterEntry.objects.select_related("register").get(pk=match.right.key)
        if match.confident:
            Supplier._base_manager.filter(pk=supplier.pk).update(company_number=entry.company_number,
                                                           version=supplier.version + 1)
            CompanyNumberSource.objects.update_or_create(supplier=supplier, defaults={
                "company_number": entry.company_number, "entry": entry, "register_label": str(entry.register)[:300],
                "method": "matched", "probability": match.score.probability, "confirmed_by": None})
            counts["matched"] += 1
        else:
            MatchReview.objects.create(
                organisation=organisation, kind="company", source="register", subject_supplier=supplier,
                candidate_entry=entry, candidate_ref=entry.company_number, left=supplier_snapshot(supplier),
                right=record_snapshot(entry.name, address=entry.address, postcode=entry.postcode,
                                      company_number=entry.company_number, source=str(entry.register)),
                probability=match.score.probability, reasons=match.reasons)
            counts["to_review"] += 1
    return counts
