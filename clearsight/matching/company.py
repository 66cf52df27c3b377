"""Matching suppliers to a loaded company register by name and postcode.

Every supplier of the organisation without a company number (provisional ones waiting for a person
too) is ranked at once against the register (``linker.rank``), learning from the pairs people
decided before; other names the organisation paid under a supplier's number (account_names.py)
find a renamed supplier by its later name, for a person to confirm, and names a person confirmed a
supplier goes by (its confirmed aliases) are names of its own. A confident match sets the
supplier's company number and records where it came from (CompanyNumberSource); an uncertain one
goes to the review queue with its ranked candidates; a pair a person rejected is never proposed
again, nor a number matching gave that a person took back ("Not this company", or removed by hand). A review still waiting for a person is neither applied nor withdrawn by a later run, but takes
that run's candidates and suggestion when they changed (reviews.refresh_review).
"""

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from clearsight.core import locking
from clearsight.core.dates import long_date_time
from clearsight.supply.api import Supplier, SupplierAlias

from . import account_names, linker
from .engine import Record
from .models import CompanyNumberSource, CompanyRegisterEntry, MatchReview
from .resolve import remember_run, snapshot_record
from .reviews import (candidate, candidates_of, decided_pairs, new_review, percent, record_snapshot, refresh_review,
                      supplier_snapshot, withdraw)


_REASON = "matching the suppliers of the organisation the caller names"


def register_index():
    """The loaded register entries as engine records (key: entry id), or None if none is loaded."""
    entries = list(CompanyRegisterEntry.objects.values_list("pk", "name", "address", "postcode", "company_number"))
    if not entries:
        return None
    return [Record(pk, name, address, postcode, number) for pk, name, address, postcode, number in entries]


def _decisions(organisation, by_number):
    """(labels, rejected): every decided supplier-company pair as a label, and {supplier id: entry ids
    it is not}, found by company number among the entries loaded now (a register loaded again keeps
    the decisions). A pair decided twice (chosen, then "Not this company") counts as decided last;
    a company a person entered by a number no register held is no label (the name kept for it is
    only "Company number ...")."""
    decided = MatchReview.objects.unscoped(_REASON).filter(organisation=organisation, kind="company",
                                                           subject_supplier__isnull=False) \
        .exclude(status=MatchReview.Status.PENDING).order_by("decided_at", "pk")
    latest = {}  # (supplier id, entry id) -> Label, the later decision replacing the earlier
    for review, shown, same in decided_pairs(decided):
        if shown.get("bare") or (shown.get("entered") and shown.get("entry") is None):
            continue
        for entry_id in by_number.get(shown.get("ref"), ()):  # as loaded now
            latest[review.subject_supplier_id, entry_id] = linker.Label(
                snapshot_record(review.subject_supplier_id, review.left), snapshot_record(entry_id, shown["record"]),
                same)
    rejected = {}
    for (supplier_id, entry_id), label in latest.items():
        if not label.is_match:
            rejected.setdefault(supplier_id, set()).add(entry_id)
    return list(latest.values()), rejected


def _candidates(found, entries) -> list:
    """A ranking's candidates as a review keeps them (reviews.candidate)."""
    return [candidate(_entry_snapshot(entries[c.key]), c.probability, c.reasons, entry=c.key,
                      ref=entries[c.key].company_number, another=linker.probably_another_company(found.left, c))
            for c in found.candidates]


def entered_company(number: str) -> dict:
    """The company a person deciding a register review entered by its number (normalised), as a
    review candidate (``reviews.decide(other=...)``): the loaded register's entry with that number
    (the latest loaded), or the number alone when no register holds it, for a company the register
    does not list (a register of statement publishers lists a fraction of companies)."""
    entry = CompanyRegisterEntry.objects.select_related("register").filter(company_number=number) \
        .order_by("-register__loaded_at", "pk").first()
    if entry is not None:
        return candidate(_entry_snapshot(entry), 0.0, ["a person entered its company number"], entry=entry.pk,
                         ref=number, entered=True)
    shown = candidate(record_snapshot(f"Company number {number}", company_number=number,
                                      source="Entered by a person; not in a loaded company register"),
                      0.0, ["a person entered its company number, which no loaded company register holds"],
                      ref=number, entered=True)
    shown["bare"] = True  # a number with no company's name: no label for learning (_decisions)
    return shown


def _entry_snapshot(entry):
    return record_snapshot(entry.name, address=entry.address, postcode=entry.postcode,
                           company_number=entry.company_number, source=str(entry.register))


@transaction.atomic
def match_suppliers_to_register(organisation, index=None):
    """Match the organisation's suppliers that have no company number. Returns counts."""
    records = index if index is not None else register_index()
    counts = {"matched": 0, "to_review": 0, "no_match": 0, "refreshed": 0}
    if not records:
        return counts
    pending = MatchReview.objects.unscoped(_REASON).filter(organisation=organisation, kind="company",
                                                           status=MatchReview.Status.PENDING, subject_supplier__isnull=False)
    # A supplier given its number since it was asked about (on its page) needs no answer any more.
    _withdraw_numbered(pending.exclude(subject_supplier__company_number=""))
    waiting = {review.subject_supplier_id: review for review in pending}
    by_number = {}
    for record in records:
        by_number.setdefault(record.company_number, set()).add(record.key)
    labels, rejected = _decisions(organisation, by_number)
    suppliers = {s.pk: s for s in Supplier.objects.unscoped(_REASON).filter(organisation=organisation, company_number="")}
    # A number matching gave that a person removed by hand on the supplier's details: their word that
    # it is not this company, as "Not this company" (not_this_company) says it.
    for supplier_id, number in CompanyNumberSource.objects.filter(supplier_id__in=list(suppliers)) \
            .values_list("supplier_id", "company_number"):
        rejected.setdefault(supplier_id, set()).update(by_number.get(number, ()))
    others = account_names.for_organisation(organisation)
    known = {}  # names a person confirmed each supplier goes by (a name merged into it from a review)
    for supplier_id, name in SupplierAlias.objects.filter(organisation=organisation, supplier_id__in=list(suppliers),
                                                          source__in=("confirmed", "entered")) \
            .values_list("supplier_id", "name"):
        known.setdefault(supplier_id, []).append(name)
    ranked = linker.rank([Record(s.pk, s.name, s.address, s.postcode, account_names=others.get(s.pk, ()),
                                 known_names=tuple(known.get(s.pk, ()))) for s in suppliers.values()], records,
                         exclude=rejected, labels=labels, organisation=organisation,
                         purpose=linker.COMPANY_REGISTER)
    entry_ids = {c.key for found in ranked.values() for c in found.candidates}
    entries = CompanyRegisterEntry.objects.select_related("register").in_bulk(entry_ids)
    reviews, sources = [], []
    for supplier_id, supplier in suppliers.items():
        found = ranked.get(supplier_id)
        if supplier_id in waiting:
            # A person was asked already: never applied or withdrawn by a run, but shown this run's
            # candidates and suggestion when they changed (and Clearsight is still unsure).
            if found is not None and not found.confident and refresh_review(
                    waiting[supplier_id], _candidates(found, entries),
                    left=supplier_snapshot(supplier, account_names=others.get(supplier.pk, ())),
                    why_asked=found.why_a_person(), suggests_none=found.suggests_none):
                counts["refreshed"] += 1
            continue
        if found is None:
            counts["no_match"] += 1
            continue
        if found.confident:
            entry = entries[found.best.key]
            Supplier._base_manager.filter(pk=supplier.pk).update(company_number=entry.company_number,
                                                                 version=supplier.version + 1)
            sources.append((supplier, entry, found.best.probability))
            counts["matched"] += 1
            continue
        reviews.append(new_review(
            _candidates(found, entries),
            organisation=organisation, kind="company", source="register", subject_supplier=supplier,
            left=supplier_snapshot(supplier, account_names=others.get(supplier.pk, ())), why_asked=found.why_a_person(),
            suggests_none=found.suggests_none))
        counts["to_review"] += 1
    for supplier, entry, probability in sources:
        CompanyNumberSource.objects.update_or_create(supplier=supplier, defaults={
            "company_number": entry.company_number, "entry": entry, "register_label": str(entry.register)[:300],
            "method": "matched", "probability": probability, "confirmed_by": None})
    MatchReview.objects.bulk_create(reviews)
    remember_run(organisation, "register", counts)
    return counts


# --- Where a supplier's company number came from, and saying it is not this company ----------------

class NumberChanged(Exception):
    """The supplier's company number changed (or was removed) since the page was shown."""


def number_source(supplier):
    """The CompanyNumberSource of the supplier's company number as it is now, or None (none was
    recorded, or a person changed the number on the supplier's page since)."""
    if not supplier.company_number:
        return None
    source = CompanyNumberSource.objects.select_related("entry", "confirmed_by").filter(
        supplier=supplier, company_number=supplier.company_number).first()
    if source is not None and source.entry is None:
        # The register was loaded again since (its entries replaced): the company under its new entry.
        source.entry = CompanyRegisterEntry.objects.select_related("register").filter(
            company_number=source.company_number).order_by("-register__loaded_at", "pk").first()
    return source


def _company_named(source) -> str:
    if source.entry is None:
        return source.register_label
    return f"{source.entry.name} in {source.register_label or source.entry.register}"


def origin_text(source) -> str:
    """Where the number came from, in words, for the supplier's page."""
    who = str(source.confirmed_by) if source.confirmed_by else "A person"
    if source.method == "matched":
        return f"Matched automatically to {_company_named(source)} ({percent(source.probability)}% likely)."
    if source.method == "confirmed":
        return f"{who} chose {_company_named(source)} from the companies Clearsight suggested."
    if source.entry:
        return f"{who} entered it, for {_company_named(source)}, when Clearsight could not find the company."
    return f"{who} entered it when Clearsight could not find the company. No loaded company register holds it."


def company_number_origin(supplier, can_manage: bool):
    """supply's ``company_number_origin`` hook: words for the supplier page, and (for those who may
    manage its organisation's supply data) the page to say it is not this company."""
    source = number_source(supplier)
    if source is None:
        return None
    url = reverse("matching:not-this-company", kwargs={"public_id": supplier.public_id}) if can_manage else ""
    return {"text": origin_text(source), "url": url}


@transaction.atomic
def not_this_company(supplier, *, user, version: int) -> MatchReview:
    """A person says the company number matching gave the supplier is not its company: the number is
    removed (at the supplier's next version), and the pair is kept as a decided review, rejected, so
    no later run proposes it again (``_decisions``) and the decision can be seen as it was made.
    Raises NumberChanged if the supplier changed since ``version``, LookupError if matching did not
    set its number."""
    source = number_source(supplier)
    if source is None:
        raise LookupError("The supplier's company number was not set by matching")
    number = source.company_number
    if not locking.save_if_unchanged(Supplier._base_manager.filter(company_number=number), supplier.pk, version,
                                     company_number=""):
        raise NumberChanged()
    review = _keep_rejection(supplier, source, user=user)
    source.delete()
    return review


# The reasons a kept rejection gives after how the number came (``_keep_rejection``).
_REMOVED_ON_PAGE, _SAID_NOT_THIS = "a person removed it on the supplier's page", "a person said it is not this company"


def nothing_to_undo(supplier) -> str:
    """Why the supplier has no company number matching gave to take back, in words: it has none (and
    who removed the one matching gave, and when, if someone did), or a person entered the one it has."""
    if supplier.company_number:
        return (f"{supplier.name}'s company number was not found by matching, so there is nothing to undo here. "
                "You can change it on the supplier's details.")
    kept = MatchReview.objects.unscoped(_REASON).filter(
        organisation_id=supplier.organisation_id, subject_supplier=supplier, kind="company",
        status=MatchReview.Status.REJECTED).select_related("decided_by").order_by("-decided_at", "-pk").first()
    reasons = " ".join((candidates_of(kept)[0].get("reasons") or [""]) if kept else [""])
    if kept is not None and (_REMOVED_ON_PAGE in reasons or _SAID_NOT_THIS in reasons):
        who = str(kept.decided_by) if kept.decided_by else "Someone"
        return (f"{supplier.name} has no company number now: {who} removed {candidates_of(kept)[0].get('ref') or 'it'} "
                f"on {long_date_time(kept.decided_at)}, so there is nothing to remove. Clearsight will not suggest "
                "that company for it again.")
    return f"{supplier.name} has no company number, so there is nothing to remove."


def _keep_rejection(supplier, source, *, user, by_hand=False):
    """The company number ``source`` recorded kept as a decided review, rejected by ``user`` ("Not
    this company", or ``by_hand`` on the supplier's page): no later run proposes it for the supplier."""
    number = source.company_number
    entry = source.entry or CompanyRegisterEntry.objects.select_related("register").filter(
        company_number=number).order_by("-register__loaded_at", "pk").first()
    snapshot = _entry_snapshot(entry) if entry is not None else record_snapshot(
        f"Company number {number}", company_number=number, source=source.register_label or "Entered by a person")
    how = dict(CompanyNumberSource.METHODS)[source.method].lower()
    said = _REMOVED_ON_PAGE if by_hand else _SAID_NOT_THIS
    shown = candidate(snapshot, source.probability, [f"{how}, then {said}"], entry=entry, ref=number)
    if entry is None:
        shown["bare"] = True  # a number with no company's name: no label for learning (_decisions)
    review = new_review([shown],
                        organisation=supplier.organisation, kind="company", source="register", subject_supplier=supplier,
                        left=supplier_snapshot(supplier), status=MatchReview.Status.REJECTED, decided_by=user,
                        decided_at=timezone.now())
    review.save()
    return review


def settle_after_change(organisation, supplier_ids=None, *, changed_by=None, **facts):
    """supply's ``suppliers_changed`` event (a supplier's details saved, an import): questions and
    origins that a company number typed or removed on the supplier's page settles at once.

    * A register question about a supplier that now has a number ends (number_set_meanwhile).
    * A number matching gave that a person (``changed_by``, on the supplier's details) removed is their word
      that it is not this company, kept as "Not this company" keeps it (a rejected review, its origin
      gone), so a later run does not apply it again and the same number typed back is theirs, with
      no origin shown.
    * So is a number matching gave that a person replaced with another: if they clear theirs later,
      the one they replaced is not applied again.
    * A change no person made (an import, demo data loaded again) takes nothing as anyone's word: a
      matched number it removed keeps its record, which the next register run reads as removed
      (``match_suppliers_to_register``) unless the demo puts it back (demo.py)."""
    suppliers = Supplier.objects.unscoped(_REASON).filter(organisation=organisation)
    if supplier_ids is not None:
        supplier_ids = list(supplier_ids)
        if not supplier_ids:
            return
        suppliers = suppliers.filter(pk__in=supplier_ids)
    _withdraw_numbered(MatchReview.objects.unscoped(_REASON).filter(
        organisation=organisation, kind="company", status=MatchReview.Status.PENDING,
        subject_supplier__in=suppliers.exclude(company_number="")))
    user = changed_by
    if user is None:
        return
    stale = CompanyNumberSource.objects.filter(supplier__in=suppliers).exclude(
        company_number=F("supplier__company_number")).select_related("supplier", "entry", "confirmed_by")
    for source in stale:
        _keep_rejection(source.supplier, source, user=user, by_hand=True)
        source.delete()


def _withdraw_numbered(questions):
    """Withdraw register questions about suppliers that have been given a company number since."""
    for review in questions.select_related("subject_supplier"):
        withdraw(MatchReview.objects.unscoped(_REASON).filter(pk=review.pk),
                 f"The supplier was given the company number {review.subject_supplier.company_number} since "
                 "Clearsight asked.", logged="its supplier was given a company number")
