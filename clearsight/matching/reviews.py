"""The review queue's rules: what each kind of match means, confirming (and merging suppliers) and
rejecting, once only.

Other contexts add their own kinds of match with ``register_kind`` (for example intelligence about
premises linked to a supplier) and get the same queue, pages and audit.
"""

from dataclasses import dataclass
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from clearsight.core import locking
from clearsight.supply.api import Supplier, SupplierAlias

from .models import CompanyNumberSource, MatchReview


class AlreadyDecided(Exception):
    def __init__(self, review):
        super().__init__("This match has already been decided.")
        self.review = review


@dataclass(frozen=True)
class Kind:
    label: str  # what the queue calls this kind of match
    left_label: str  # heading over the first record
    right_label: str  # heading over the possible match
    confirm: Callable  # (review, user) -> None
    reject: Callable  # (review, user) -> None


KINDS: dict[str, Kind] = {}


def register_kind(key: str, kind: Kind):
    KINDS[key] = kind


def record_snapshot(name, *, address="", postcode="", company_number="", source="", extra=None):
    """A record as shown on the review page: label -> value, in order."""
    rows = [("Name", name), ("Address", address), ("Postcode", postcode), ("Company number", company_number),
            ("Found in", source)]
    rows += list((extra or {}).items())
    return {"name": name, "rows": [[label, value] for label, value in rows if value]}


def supplier_snapshot(supplier, source_label=""):
    return record_snapshot(supplier.name, address=supplier.address, postcode=supplier.postcode,
                           company_number=supplier.company_number,
                           source=source_label or supplier.get_source_display())


# --- Merging -----------------------------------------------------------------------------------------

def _reverse_relations(model):
    """Every relation from another model to ``model`` (hidden ones, related_name="+", included)."""
    return [f for f in model._meta.get_fields(include_hidden=True) if f.auto_created and not f.concrete]


def _move(model, field_name, old, new, one_to_one=False):
    rows = model._base_manager.filter(**{field_name: old})
    if one_to_one:
        if model._base_manager.filter(**{field_name: new}).exists():
            rows.delete()  # the surviving supplier's own record wins
        else:
            rows.update(**{field_name: new})
        return
    try:
        with transaction.atomic():
            rows.update(**{field_name: new})
    except IntegrityError:
        # A unique constraint (one statement a year, one alias per name...): move row by row and
        # drop the rows the surviving supplier already has.
        for row in list(rows):
            try:
                with transaction.atomic():
                    model._base_manager.filter(pk=row.pk).update(**{field_name: new})
            except IntegrityError:
                model._base_manager.filter(pk=row.pk).delete()


@transaction.atomic
def merge_suppliers(duplicate: Supplier, into: Supplier):
    """Move everything that points at ``duplicate`` (spend lines, contracts, aliases, other
    contexts' links) to ``into``, fill ``into``'s blanks from it, and delete it."""
    if duplicate.pk == into.pk:
        return into
    # Lock both suppliers: a spend import writing lines for the duplicate waits for the merge (or
    # the merge for the import), so no line is left pointing at a deleted supplier.
    list(Supplier._base_manager.select_for_update().filter(pk__in=[duplicate.pk, into.pk]).order_by("pk"))
    for relation in _reverse_relations(Supplier):
        if relation.many_to_many:
            through = relation.through
            for field in through._meta.get_fields():
                if getattr(field, "related_model", None) is Supplier and field.concrete:
                    _move(through, field.name, duplicate, into)
            continue
        _move(relation.related_model, relation.field.name, duplicate, into, one_to_one=relation.one_to_one)
    changed = False
    for field in ("company_number", "charity_number", "address", "postcode"):
        if not getattr(into, field) and getattr(duplicate, field):
            setattr(into, field, getattr(duplicate, field))
            changed = True
    if changed:
        into.save()
    # Always a new version: someone editing the supplier's names meanwhile must not remove the
    # alias this merge adds without being told.
    Supplier._base_manager.filter(pk=into.pk).update(version=F("version") + 1)
    into.version += 1
    Supplier._base_manager.filter(pk=duplicate.pk).delete()
    return into


# --- Deciding ----------------------------------------------------------------------------------------

@transaction.atomic
def decide(review: MatchReview, *, same: bool, user, version: int):
    """Confirm (``same``) or reject a pending match, once. Raises AlreadyDecided if it was decided
    meanwhile (or the page was out of date)."""
    now = timezone.now()
    status = MatchReview.Status.CONFIRMED if same else MatchReview.Status.REJECTED
    pending = MatchReview.objects.for_user(user).filter(status=MatchReview.Status.PENDING)
    if not locking.save_if_unchanged(pending, review.pk, version, status=status, decided_by=user, decided_at=now):
        review.refresh_from_db()
        raise AlreadyDecided(review)
    review.refresh_from_db()
    kind = KINDS[review.kind]
    (kind.confirm if same else kind.reject)(review, user)
    return review


def _confirm_supplier(review, user):
    provisional, candidate = review.subject_supplier, review.candidate_supplier
    if provisional is not None and candidate is not None:
        merge_suppliers(provisional, candidate)
    if candidate is not None and review.normalised:
        # The next import resolves this name straight to the supplier.
        SupplierAlias.objects.update_or_create(
            organisation=review.organisation, normalised=review.normalised,
            defaults={"supplier": candidate, "name": review.left.get("name", "")[:300], "source": "confirmed",
                      "confirmed_by": user})
        Supplier._base_manager.filter(pk=candidate.pk).update(version=F("version") + 1)


def _reject_supplier(review, user):
    # Remembered by the review itself (resolve.py never proposes this pair again); the provisional
    # supplier becomes an ordinary one.
    if review.subject_supplier is not None:
        Supplier._base_manager.filter(pk=review.subject_supplier_id).update(needs_review=False,
                                                                       version=review.subject_supplier.version + 1)


def _confirm_company(review, user):
    supplier, entry = review.subject_supplier, review.candidate_entry
    if supplier is None or entry is None:
        return
    Supplier._base_manager.filter(pk=supplier.pk).update(company_number=entry.company_number, version=supplier.version + 1)
    CompanyNumberSource.objects.update_or_create(supplier=supplier, defaults={
        "company_number": entry.company_number, "entry": entry, "register_label": str(entry.register)[:300],
        "method": "confirmed", "probability": review.probability, "confirmed_by": user})


def _reject_company(review, user):
    pass  # remembered by the review itself: company.py never proposes this pair again


register_kind("supplier", Kind("Supplier name in an import", "Name in the import", "Existing supplier",
                               _confirm_supplier, _reject_supplier))
register_kind("company", Kind("Supplier and company register", "Supplier", "Company in the register",
                              _confirm_company, _reject_company))
