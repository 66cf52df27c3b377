"""What other contexts may use of matching (ADR 0027; `lint-imports` keeps everything else private).

Intelligence matches the businesses it knows to suppliers with the same scorer and review queue
(a kind of match of its own, ``register_kind``), through the functions below. Spend resolves payee
names to suppliers."""

from clearsight.supply.api import Supplier, normalise_name

from .engine import CandidateIndex, Record
from .models import MatchReview
from .resolve import resolve_supplier_names
from .reviews import Kind, record_snapshot, register_kind, supplier_snapshot

_REASON = "matching a record against the suppliers of an organisation the caller may manage"


def supplier_candidates(organisation):
    """({supplier id: supplier}, CandidateIndex) of the organisation's settled suppliers, each under
    its registered name, address, postcode and company number."""
    suppliers = {s.pk: s for s in Supplier.objects.unscoped(_REASON).filter(organisation=organisation, needs_review=False)}
    records = [Record(pk, s.name, address=s.address, postcode=s.postcode, company_number=s.company_number)
               for pk, s in suppliers.items()]
    return suppliers, CandidateIndex(records)


def rejected_candidates(organisation, kind: str, subject_ref: str) -> set:
    """Ids of the suppliers a person has said are not this subject: never proposed again."""
    return set(MatchReview.objects.unscoped(_REASON).filter(
        organisation=organisation, kind=kind, subject_ref=subject_ref,
        status=MatchReview.Status.REJECTED).values_list("candidate_supplier_id", flat=True))


def pending_review_of(organisation, kind: str, subject_ref: str):
    """The review waiting for a person's decision about this subject, if any."""
    return MatchReview.objects.unscoped(_REASON).filter(
        organisation=organisation, kind=kind, subject_ref=subject_ref, status=MatchReview.Status.PENDING).first()


def propose_match(organisation, *, kind: str, source: str, subject_ref: str, name: str, left: dict, supplier, match):
    """Put an uncertain match of a subject (``left``, a ``record_snapshot``) with a supplier in the
    review queue; a person confirms or rejects it there."""
    return MatchReview.objects.create(
        organisation=organisation, kind=kind, source=source, subject_ref=subject_ref,
        candidate_supplier=supplier, candidate_ref=str(supplier.public_id), normalised=normalise_name(name)[:300],
        left=left, right=supplier_snapshot(supplier), probability=match.score.probability, reasons=match.reasons)



def review_pending(kind: str, subject_ref: str) -> bool:
    """Whether a match of this kind for this subject waits for a person's decision (no details)."""
    return MatchReview.objects.unscoped("whether a match is waiting (no details shown)").filter(
        kind=kind, subject_ref=subject_ref, status=MatchReview.Status.PENDING).exists()


__all__ = ["CandidateIndex", "Kind", "Record", "pending_review_of", "propose_match", "record_snapshot", "register_kind",
           "rejected_candidates", "resolve_supplier_names", "review_pending", "supplier_candidates", "supplier_snapshot"]
