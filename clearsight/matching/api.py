"""What other contexts may use of matching (ADR 0027; `lint-imports` keeps everything else private).

Intelligence matches the businesses it knows to suppliers with the same scorer and review queue
(a kind of match of its own, ``register_kind``), through the functions below. Spend resolves payee
names to suppliers, and explains what became of them:

    counts = {}
    resolved = resolve_supplier_names(organisation, names, source="spend", counts=counts)
    report["matching"] = counts  # kept with the import
    ...
    resolution_sentence(report.get("matching"))
    # "All 768 new names were either matched confidently to suppliers you already have (700) or are
    #  new suppliers with no likely match (68), so there is nothing to review."
"""

from clearsight.supply.api import Supplier, normalise_name

from .account_names import add_source as add_account_names_source
from .account_names import number_key, other_names
from .engine import CandidateIndex, Record
from .models import MatchReview
from .resolve import resolution_sentence, resolve_supplier_names
from .reviews import Kind, candidate, decided_pairs, new_review, record_snapshot, register_kind, supplier_snapshot

_REASON = "matching a record against the suppliers of an organisation the caller may manage"


def supplier_candidates(organisation):
    """({supplier id: supplier}, CandidateIndex) of the organisation's settled suppliers, each under
    its registered name, address, postcode and company number."""
    suppliers = {s.pk: s for s in Supplier.objects.unscoped(_REASON).filter(organisation=organisation, needs_review=False)}
    records = [Record(pk, s.name, address=s.address, postcode=s.postcode, company_number=s.company_number)
               for pk, s in suppliers.items()]
    return suppliers, CandidateIndex(records)


def rejected_candidates(organisation, kind: str, subject_ref: str) -> set:
    """Ids of the suppliers a person has said are not this subject ("none of these", or another
    candidate chosen): never proposed again."""
    decided = MatchReview.objects.unscoped(_REASON).filter(organisation=organisation, kind=kind, subject_ref=subject_ref) \
        .exclude(status=MatchReview.Status.PENDING)
    return {shown["supplier"] for _, shown, same in decided_pairs(decided) if not same and shown.get("supplier")}


def pending_review_of(organisation, kind: str, subject_ref: str):
    """The review waiting for a person's decision about this subject, if any."""
    return MatchReview.objects.unscoped(_REASON).filter(
        organisation=organisation, kind=kind, subject_ref=subject_ref, status=MatchReview.Status.PENDING).first()


def propose_match(organisation, *, kind: str, source: str, subject_ref: str, name: str, left: dict, supplier=None,
                  match=None, candidates=()):
    """Put an uncertain match of a subject (``left``, a ``record_snapshot``) in the review queue; a
    person chooses one of the candidates there, or none of them.

    Either one candidate, ``supplier`` with ``match`` (the engine's Match: its probability and
    reasons), or several, ``candidates``: (supplier, probability, reasons) most likely first."""
    ranked = list(candidates) or [(supplier, match.score.probability, match.reasons)]
    review = new_review(
        [candidate(supplier_snapshot(s), probability, reasons, supplier=s, ref=s.public_id)
         for s, probability, reasons in ranked],
        organisation=organisation, kind=kind, source=source, subject_ref=subject_ref,
        normalised=normalise_name(name)[:300], left=left)
    review.save()
    return review



def review_pending(kind: str, subject_ref: str) -> bool:
    """Whether a match of this kind for this subject waits for a person's decision (no details)."""
    return MatchReview.objects.unscoped("whether a match is waiting (no details shown)").filter(
        kind=kind, subject_ref=subject_ref, status=MatchReview.Status.PENDING).exists()


__all__ = ["CandidateIndex", "Kind", "Record", "add_account_names_source", "number_key", "other_names", "pending_review_of", "propose_match", "record_snapshot", "register_kind",
           "rejected_candidates", "resolution_sentence", "resolve_supplier_names", "review_pending", "supplier_candidates",
           "supplier_snapshot"]
