"""What other contexts may use of intelligence (ADR 0027; `lint-imports` keeps everything else private).

Operations target premises and count them by type. Intelligence sits below operations, so a premises
profile learns of the operations there through the ``operations_at_premises`` slot, which operations
fills in its ``AppConfig.ready``."""

from clearsight.core.hooks import Slot

from .models import PREMISES_TYPE_LABELS, Premises

# (premises, user) -> the operations at the premises that the user may see
operations_at_premises = Slot("intelligence.operations_at_premises", default=lambda premises, user: [])

__all__ = ["PREMISES_TYPE_LABELS", "Premises", "operations_at_premises"]
