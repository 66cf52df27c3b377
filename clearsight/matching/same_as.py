"""A person says two supplier records are one organisation, from a supplier's page: the way to put
right a "different organisations" answered by mistake, or two records a person finds with one company
number, which no review would ask about again.

``suggestions`` lists the suppliers worth offering (the same company number, those a person said were
different, those with similar names), and ``merge_as_same`` merges the supplier into the one chosen
(reviews.merge_suppliers: everything recorded against it moves, what either said is kept), keeps its
name as one the other goes by, and records the pair as a confirmed review, so the next run learns it
(the latest decision about a pair is the one learnt) and the decision can be seen as it was made."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from clearsight.supply.api import Supplier, SupplierAlias, normalise_name, suppliers_changed

from . import linker
from .engine import Record
from .models import MatchReview
from .reviews import (candidate, candidates_of, decided_pairs, merge_suppliers, new_review, supplier_snapshot,
                      withdraw)

_REASON = "offering and merging suppliers of one organisation, for a person who manages its supply data"
SUGGESTED = 8  # at most this many suppliers offered
SAID_SAME = "a person said they are the same organisation"


def same_organisation_url(supplier, can_manage: bool) -> str:
    """supply's ``same_organisation_url`` hook: the page to say the supplier is another one, for those
    who may manage its organisation's supply data."""
    return reverse("matching:same-as", kwargs={"public_id": supplier.public_id}) if can_manage else ""


class Changed(Exception):
    """One of the two suppliers changed (or went) since the page was shown."""


def _others(supplier):
    return Supplier.objects.unscoped(_REASON).filter(organisation_id=supplier.organisation_id).exclude(pk=supplier.pk)


def said_different(supplier) -> list:
    """Ids of the suppliers a person said are different organisations from ``supplier`` (a supplier
    review answered no, either way round), most recent first."""
    found = []
    decided = MatchReview.objects.unscoped(_REASON).filter(
        organisation_id=supplier.organisation_id, kind="supplier",
        status__in=(MatchReview.Status.REJECTED, MatchReview.Status.CONFIRMED)).order_by("-decided_at", "-pk")
    for review in decided.filter(subject_supplier=supplier):
        for position, shown in enumerate(candidates_of(review)):
            chosen = review.status == MatchReview.Status.CONFIRMED and position == (review.chosen or 0)
            if shown.get("supplier") and not chosen:
                found.append(shown["supplier"])
    for review in decided.exclude(subject_supplier=supplier):
        for position, shown in enumerate(candidates_of(review)):
            chosen = review.status == MatchReview.Status.CONFIRMED and position == (review.chosen or 0)
            if shown.get("supplier") == supplier.pk and not chosen and review.subject_supplier_id:
                found.append(review.subject_supplier_id)
    return list(dict.fromkeys(found))


def suggestions(supplier) -> list:
    """(supplier, why in words) for the suppliers of its organisation worth offering as the same
    organisation: those with its company number, those a person said were different, then those whose
    names are alike (ranked as an import's names are), at most SUGGESTED."""
    others = _others(supplier)
    offered = {}
    if supplier.company_number:
        for other in others.filter(company_number=supplier.company_number).order_by("name"):
            offered.setdefault(other.pk, (other, f"It has the same company number, {supplier.company_number}"))
    for pk in said_different(supplier):
        other = others.filter(pk=pk).first()
        if other is not None:
            offered.setdefault(other.pk, (other, "Someone said these are different organisations"))
    if len(offered) < SUGGESTED:
        records = [Record(s.pk, s.name, postcode=s.postcode, company_number=s.company_number)
                   for s in others.only("pk", "name", "postcode", "company_number")]
        ranked = linker.rank([Record("this", supplier.name, postcode=supplier.postcode,
                                     company_number=supplier.company_number)], records, top=SUGGESTED) if records else {}
        found = ranked.get("this")
        for c in (found.candidates if found else []):
            if c.key not in offered:
                other = others.filter(pk=c.key).first()
                if other is not None:
                    offered[other.pk] = (other, "Its name is alike")
    return list(offered.values())[:SUGGESTED]


def find_by_name(supplier, name: str):
    """The one other supplier of the organisation known by ``name`` (as written, or any name it goes
    by), or None."""
    key = normalise_name(name or "")
    if not key:
        return None
    ids = set(_others(supplier).filter(aliases__normalised=key).values_list("pk", flat=True))
    ids |= {s.pk for s in _others(supplier).only("pk", "name") if normalise_name(s.name) == key}
    return _others(supplier).filter(pk__in=ids).first() if len(ids) == 1 else None


@transaction.atomic
def merge_as_same(duplicate, into, *, user, versions: tuple) -> MatchReview:
    """Merge ``duplicate`` into ``into`` (both of one organisation), as a person said they are one:
    refused with Changed if either is no longer at the version the person saw (``versions``). Returns
    the confirmed review recording the decision."""
    if duplicate.organisation_id != into.organisation_id or duplicate.pk == into.pk:
        raise ValueError("Only two suppliers of one organisation can be merged")
    locked = {s.pk: s for s in Supplier._base_manager.select_for_update().filter(pk__in=[duplicate.pk, into.pk])}
    if len(locked) != 2 or (locked[duplicate.pk].version, locked[into.pk].version) != tuple(versions):
        raise Changed()
    duplicate, into = locked[duplicate.pk], locked[into.pk]
    left, right = supplier_snapshot(duplicate), supplier_snapshot(into)
    # Questions this answers or makes moot: whether the duplicate is a supplier the organisation has,
    # and whether ``into`` is the duplicate.
    pending = MatchReview.objects.unscoped(_REASON).filter(organisation_id=into.organisation_id, kind="supplier",
                                                           status=MatchReview.Status.PENDING)
    moot = [r.pk for r in pending.filter(subject_supplier_id__in=[duplicate.pk, into.pk])
            if r.subject_supplier_id == duplicate.pk or any(c.get("supplier") == duplicate.pk for c in candidates_of(r))]
    withdraw(pending.filter(pk__in=moot), f"A person said “{duplicate.name}” and “{into.name}” are the same "
             "organisation, and merged them.", logged="a person merged its supplier with another")
    # Pairs of the two a person said were different: said again, as the same, so the next run learns
    # the latest word whichever way round the merge goes (resolve._decisions keys a pair by the name
    # asked about and the supplier offered).
    said_before = [(review, shown) for review, shown, same in decided_pairs(MatchReview.objects.unscoped(_REASON).filter(
        organisation_id=into.organisation_id, kind="supplier", subject_supplier_id__in=[duplicate.pk, into.pk])
        .exclude(status=MatchReview.Status.PENDING)) if not same and review.normalised
        and shown.get("supplier") in (duplicate.pk, into.pk) and shown.get("supplier") != review.subject_supplier_id]
    merge_suppliers(duplicate, into)
    now, asked = timezone.now(), (normalise_name(duplicate.name), into.pk)
    again = []
    for review, shown in said_before:
        if (review.normalised, shown["supplier"]) == asked or any(
                (r.normalised, r.candidates[0]["supplier"]) == (review.normalised, shown["supplier"]) for r in again):
            continue  # the decision recorded below, or one already said again
        made = new_review([{**shown, "reasons": [*shown.get("reasons", []), SAID_SAME]}],  # the pair as it was asked
                          organisation_id=into.organisation_id, kind="supplier", source="person", subject_supplier=into,
                          normalised=review.normalised, left=review.left, status=MatchReview.Status.CONFIRMED,
                          chosen=0, decided_by=user, decided_at=now)
        made.candidate_supplier_id = into.pk  # the supplier it is now (the one asked about may be merged away)
        again.append(made)
    MatchReview.objects.bulk_create(again)
    # The survivor waits for no other question: it is no longer one to check (and matching, which
    # leaves suppliers waiting for a person out, finds it again).
    if into.needs_review and not pending.filter(subject_supplier=into).exists():
        Supplier._base_manager.filter(pk=into.pk).update(needs_review=False)
    SupplierAlias.objects.update_or_create(
        organisation_id=into.organisation_id, normalised=normalise_name(duplicate.name),
        defaults={"supplier": into, "name": duplicate.name[:300], "source": "confirmed", "confirmed_by": user})
    review = new_review([candidate(right, 1.0, [SAID_SAME], supplier=into)],
                        organisation_id=into.organisation_id, kind="supplier", source="person", subject_supplier=into,
                        normalised=normalise_name(duplicate.name), left=left, status=MatchReview.Status.CONFIRMED,
                        chosen=0, decided_by=user, decided_at=timezone.now())
    review.save()
    suppliers_changed.send(into.organisation, [into.pk])
    return review
