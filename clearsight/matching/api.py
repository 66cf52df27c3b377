"""What other contexts may use of matching (ADR 0027; `lint-imports` keeps everything else private).

Intelligence matches the businesses it knows to suppliers with the same scorer and review queue
(a kind of match of its own, ``register_kind``), and still queries the queue's model
(``MatchReview``) to do so: that is the one model here another context reads, still to be replaced
with functions. Spend resolves payee names to suppliers."""

from .engine import CandidateIndex, Record
from .models import MatchReview
from .resolve import resolve_supplier_names
from .reviews import Kind, record_snapshot, register_kind, supplier_snapshot



def review_pending(kind: str, subject_ref: str) -> bool:
    """Whether a match of this kind for this subject waits for a person's decision (no details)."""
    return MatchReview.objects.unscoped("whether a match is waiting (no details shown)").filter(
        kind=kind, subject_ref=subject_ref, status=MatchReview.Status.PENDING).exists()


__all__ = ["CandidateIndex", "Kind", "MatchReview", "Record", "record_snapshot", "register_kind",
           "resolve_supplier_names", "review_pending", "supplier_snapshot"]
