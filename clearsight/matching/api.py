"""What other contexts may use of matching (ADR 0027; `lint-imports` keeps everything else private).

Intelligence matches the businesses it knows to suppliers with the same scorer and review queue
(a kind of match of its own, ``register_kind``); spend resolves payee names to suppliers."""

from .engine import CandidateIndex, Record
from .models import MatchReview
from .resolve import resolve_supplier_names
from .reviews import Kind, record_snapshot, register_kind, supplier_snapshot

__all__ = ["CandidateIndex", "Kind", "MatchReview", "Record", "record_snapshot", "register_kind",
           "resolve_supplier_names", "supplier_snapshot"]
