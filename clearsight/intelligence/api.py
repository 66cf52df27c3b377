"""What other contexts may use of intelligence (ADR 0027; `lint-imports` keeps everything else private).

Functions and plain data only; no model is exported. Operations target premises the user may see
(``premises_for_user``; ``premises_with_ids`` for those an operation already targets) and count them
by type (``PREMISES_TYPE_LABELS``). Intelligence sits below operations, so a premises profile learns
of the operations there through the ``operations_at_premises`` slot, which operations fills in its
``AppConfig.ready``."""

from clearsight.core.hooks import Slot

from .models import PREMISES_TYPE_LABELS

# (premises, user) -> the operations at the premises that the user may see
operations_at_premises = Slot("intelligence.operations_at_premises", default=lambda premises, user: [])


def premises_for_user(user) -> list:
    """The premises the user may see (scoped as the intelligence pages are), by address."""
    from .models import Premises

    return list(Premises.objects.for_user(user))


def premises_with_ids(premises_ids) -> list:
    """The premises with these ids, by address, whoever recorded them: for a record the caller has
    checked the user may see that already relates to them (the premises an operation targets)."""
    from .models import Premises

    return list(Premises.objects.unscoped("premises a record the user may see relates to")
                .filter(pk__in=list(premises_ids)))


__all__ = ["PREMISES_TYPE_LABELS", "operations_at_premises", "premises_for_user", "premises_with_ids"]
