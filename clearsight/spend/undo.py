"""Undoing an import: its payment lines are removed, and the import stays in the list, marked undone,
with who undid it and when (issue 16). The same file can then be imported again.

``what_undo_removes`` says exactly what an undo would remove, for the confirmation page;
``undo_import`` does it, only if the import is still as the person saw it (its version).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from clearsight.core import locking
from clearsight.supply.api import Supplier

from .models import SpendImport, SpendLine

_REASON = "undoing an import: the caller has checked the user may manage the import's organisation"


class CannotUndo(Exception):
    """The import cannot be undone (the message says why, in words for the person)."""


class StaleUndo(CannotUndo):
    """The import changed after the person saw the confirmation page."""


@dataclass
class UndoPlan:
    """What undoing an import removes, and what it leaves."""

    spend_import: SpendImport
    line_count: int = 0
    total: Decimal = Decimal("0.00")
    # Suppliers first found in this file and paid in no other: they stay in the register.
    suppliers_only_here: list = field(default_factory=list)
    # Later files that skipped lines already held: some may have repeated this file's lines.
    later_with_repeats: list = field(default_factory=list)


def why_not_undoable(spend_import) -> str | None:
    """Why the import cannot be undone, or None if it can."""
    if spend_import.status == SpendImport.Status.UNDONE:
        return "This import has already been undone."
    if spend_import.status != SpendImport.Status.IMPORTED:
        return "Only an imported file can be undone: this file added no payment lines."
    return None


def _lines(spend_import):
    return SpendLine.objects.unscoped(_REASON).filter(organisation_id=spend_import.organisation_id,
                                                      spend_import=spend_import)


def what_undo_removes(spend_import) -> UndoPlan:
    """The payment lines an undo would remove (how many, their total), the suppliers first found in
    this file that no other file pays (kept), and later files that skipped repeated lines."""
    totals = _lines(spend_import).aggregate(count=Count("id"), total=Sum("amount"))
    plan = UndoPlan(spend_import, totals["count"] or 0, (totals["total"] or Decimal("0")).quantize(Decimal("0.01")))
    supplier_ids = set(_lines(spend_import).filter(supplier__isnull=False).values_list("supplier_id", flat=True)
                       .distinct().order_by())
    if supplier_ids:
        paid_elsewhere = set(SpendLine.objects.unscoped(_REASON)
                             .filter(organisation_id=spend_import.organisation_id, supplier_id__in=supplier_ids)
                             .exclude(spend_import=spend_import).values_list("supplier_id", flat=True)
                             .distinct().order_by())
        plan.suppliers_only_here = list(
            Supplier.objects.unscoped(_REASON)
            .filter(organisation_id=spend_import.organisation_id, pk__in=supplier_ids - paid_elsewhere, source="spend")
            .order_by("name"))
    plan.later_with_repeats = list(
        SpendImport.objects.unscoped(_REASON)
        .filter(organisation_id=spend_import.organisation_id, created_at__gt=spend_import.created_at,
                duplicate_count__gt=0,
                status__in=[SpendImport.Status.IMPORTED, SpendImport.Status.NOTHING_NEW])
        .order_by("created_at"))
    return plan


def undo_import(spend_import, user, expected_version) -> UndoPlan:
    """Remove the import's payment lines and mark it undone by ``user``, in one transaction, only if
    the import is still at ``expected_version`` (raises StaleUndo otherwise, CannotUndo if it cannot
    be undone at all). The suppliers its lines were paid to are screened again. Returns what was
    removed."""
    reason = why_not_undoable(spend_import)
    if reason:
        raise CannotUndo(reason)
    with transaction.atomic():
        imports = SpendImport.objects.unscoped(_REASON).filter(status=SpendImport.Status.IMPORTED)
        if not locking.save_if_unchanged(imports, spend_import.pk, expected_version,
                                         status=SpendImport.Status.UNDONE, undone_by=user, undone_at=timezone.now()):
            raise StaleUndo("This import changed after you opened the confirmation page, so nothing was removed. "
                            "Check the import as it is now, then undo it again if you still need to.")
        plan = what_undo_removes(spend_import)
        supplier_ids = sorted(set(_lines(spend_import).filter(supplier__isnull=False)
                                  .values_list("supplier_id", flat=True).distinct().order_by()))
        _lines(spend_import).delete()
        if supplier_ids:
            from clearsight.supply.api import suppliers_changed
            suppliers_changed.send(spend_import.organisation, supplier_ids)
    spend_import.refresh_from_db()
    return plan
