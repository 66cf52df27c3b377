"""The review queue's rules: what each kind of match means, choosing one of the ranked candidates
(merging suppliers, setting a company number) or none of them, once only.

A review item holds its candidates most likely first (``candidates``, snapshots made with
``candidate``). Choosing candidate k confirms that pair; "none of these" rejects every candidate
shown. Either way the decision is remembered: ``decided_pairs`` gives every pair a person decided
(the chosen one the same organisation, every other candidate shown a different one), which the next
run learns from and never proposes again.

Other contexts add their own kinds of match with ``register_kind`` (for example intelligence about
premises linked to a supplier) and get the same queue, pages and audit.
"""

from dataclasses import dataclass
from collections.abc import Callable

from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from clearsight.core import locking
from clearsight.core.models import AuditEvent
from clearsight.supply.api import Supplier, SupplierAlias, suppliers_changed

from .linker import CONFIDENT, LIKELY
from .models import CompanyNumberSource, CompanyRegisterEntry, MatchReview


class AlreadyDecided(Exception):
    def __init__(self, review):
        super().__init__("This match has already been decided.")
        self.review = review


class CandidateGone(Exception):
    """The chosen candidate is no longer there to match to (a supplier merged or removed since)."""

    def __init__(self, review, candidate):
        name = (candidate.get("record") or {}).get("name", "")
        super().__init__(f"{name} is no longer in the list it was found in, so it cannot be chosen. "
                         "Choose another, or none of these.")
        self.review = review
        self.candidate = candidate


class NumberSetMeanwhile(Exception):
    """A supplier to match to the company register has been given a company number since it was asked
    about (on its page, or by a merge): choosing a company would replace that number unseen."""

    def __init__(self, review, number):
        name = (review.left or {}).get("name", "") or "The supplier"
        super().__init__(f"{name} has been given the company number {number} since Clearsight asked about it, so this "
                         "question is no longer needed. If that number is wrong, change it on the supplier's page.")
        self.review = review
        self.number = number


@dataclass(frozen=True)
class Kind:
    label: str  # what the queue calls this kind of match
    left_label: str  # heading over the first record
    right_label: str  # heading over the possible match
    confirm: Callable  # (review, user) -> None
    reject: Callable  # (review, user) -> None
    # What choosing a candidate does, in words, for the page: "{subject}" and "{chosen}" (the one
    # candidate, or "the organisation you choose") are filled in.
    consequence: str = "If you choose {chosen}, Clearsight links “{subject}” to it."


KINDS: dict[str, Kind] = {}


def register_kind(key: str, kind: Kind):
    KINDS[key] = kind


def record_snapshot(name, *, address="", postcode="", company_number="", source="", extra=None, account_names=()):
    """A record as shown on the review page: label -> value, in order. ``account_names``: the other
    names it was paid under by supplier number ((name, number) pairs: account_names.py), shown and
    kept, so a decision about the pair is learnt with them."""
    paid_as = "; ".join(f"{other} (supplier number {number})" for other, number in account_names)
    rows = [("Name", name), ("Address", address), ("Postcode", postcode), ("Company number", company_number),
            ("Where it came from", source), ("Also paid as", paid_as)]
    rows += list((extra or {}).items())
    snapshot = {"name": name, "rows": [[label, value] for label, value in rows if value]}
    if account_names:
        snapshot["account_names"] = [[other, number] for other, number in account_names]
    return snapshot


def supplier_snapshot(supplier, source_label="", account_names=()):
    return record_snapshot(supplier.name, address=supplier.address, postcode=supplier.postcode,
                           company_number=supplier.company_number,
                           source=source_label or supplier.get_source_display(), account_names=account_names)


def snapshot_value(snapshot, label):
    """A field of a ``record_snapshot`` by its label ("Postcode"), or ""."""
    return next((value for row_label, value in (snapshot or {}).get("rows", []) if row_label == label), "")


def percent(probability: float) -> int:
    """A candidate's probability as the percentage a person reads: a pair waiting for a person is not
    certain, so it is never shown as 100% (at most 99%), however the evidence adds up."""
    return min(round(float(probability) * 100), 99)


def likelihood(probability: float) -> str:
    """A candidate's probability in words for people deciding a match."""
    if probability >= CONFIDENT:
        return "very likely"
    if probability >= LIKELY:
        return "likely"
    return "possible"


# --- Candidates --------------------------------------------------------------------------------------

def candidate(snapshot, probability, reasons, *, supplier=None, entry=None, ref="", another=False, entered=False):
    """One ranked candidate of a review item: the record as compared (a ``record_snapshot``), its
    probability and reasons, what identifies it (a supplier or register entry id; another context's
    own reference), and whether it is probably another company than the record
    (linker.probably_another_company: a group company, a namesake). ``entered``: not found by
    Clearsight but entered by the person deciding (a company by its number: ``decide(other=...)``)."""
    made = {"record": snapshot, "probability": round(float(probability), 4), "reasons": list(reasons),
            "supplier": getattr(supplier, "pk", supplier), "entry": getattr(entry, "pk", entry), "ref": str(ref or ""),
            "another": bool(another)}
    if entered:
        made["entered"] = True
    return made


def candidates_of(review) -> list:
    """The review's candidates, most likely first (an item made with one candidate only: that one)."""
    if review.candidates:
        return review.candidates
    return [candidate(review.right, review.probability, review.reasons, supplier=review.candidate_supplier_id,
                      entry=review.candidate_entry_id, ref=review.candidate_ref)]


def _top_fields(chosen):
    """The review's fields that describe one candidate (the first, or the one chosen)."""
    return {"right": chosen["record"], "probability": chosen["probability"], "reasons": chosen["reasons"],
            "candidate_supplier_id": chosen.get("supplier"), "candidate_entry_id": chosen.get("entry"),
            "candidate_ref": chosen.get("ref", "")}


def new_review(candidates: list, **fields) -> MatchReview:
    """An unsaved review item of the ``candidates`` (most likely first, at least one)."""
    if not candidates:
        raise ValueError("A review needs at least one candidate")
    return MatchReview(candidates=candidates, **_top_fields(candidates[0]), **fields)


def refresh_review(review: MatchReview, candidates: list, **fields) -> bool:
    """Give a review still waiting for a person the candidates (most likely first, at least one) and
    ``fields`` (why_asked, suggests_none, left) of a later run, when its candidates, their order or
    what Clearsight suggests changed: a register loaded again, parameters estimated again, or a
    matcher that improved since. Moves it to its next version, so a person deciding on the page as it
    was is told it changed (views: AlreadyDecided). True if it was changed."""
    if not candidates:
        raise ValueError("A review needs at least one candidate")
    shown = candidates_of(review)
    if [(c.get("supplier"), c.get("ref"), c.get("another", False)) for c in shown] == \
            [(c.get("supplier"), c["ref"], c["another"]) for c in candidates] \
            and fields.get("suggests_none", review.suggests_none) == review.suggests_none:
        return False
    pending = MatchReview.objects.unscoped("refreshing a review the caller found").filter(
        organisation_id=review.organisation_id, status=MatchReview.Status.PENDING)
    return locking.save_if_unchanged(pending, review.pk, review.version, candidates=candidates,
                                     **_top_fields(candidates[0]), **fields)


# Who the audit log names for a question Clearsight withdrew itself (no person decided it).
WITHDRAWN_BY = "Clearsight (supplier matching)"


def withdraw(pending, because: str, *, logged: str) -> int:
    """End the questions in ``pending`` (a queryset of pending reviews) that no longer need a person,
    saying why: kept, at their next version, so a person with one open is told why instead of finding
    it gone. Each is written to the audit log as a change Clearsight made, with ``logged``: why in
    words without a name (a supplier may be a sole trader, and the log names records by id only).
    Returns how many."""
    count = 0
    for pk, public_id, organisation_id in pending.filter(status=MatchReview.Status.PENDING).values_list(
            "pk", "public_id", "organisation_id"):
        if not MatchReview.objects.unscoped("withdrawing a question the caller found").filter(
                pk=pk, status=MatchReview.Status.PENDING).update(
                status=MatchReview.Status.WITHDRAWN, withdrawn_because=because, decided_at=timezone.now(),
                version=F("version") + 1):
            continue  # decided meanwhile
        count += 1
        AuditEvent.objects.create(actor=None, actor_label=WITHDRAWN_BY, organisation_id=organisation_id,
                                  action=AuditEvent.Action.CHANGE, record_type=MatchReview._meta.verbose_name,
                                  record_id=str(public_id), description=f"Withdrawn by Clearsight: {logged}"[:500])
    return count


def asked_now_and_later(pending):
    """(asked now, asked later) of a queryset of pending reviews. Which register company a name new in
    an import is, is asked once a person has said whether it is a supplier the organisation has: a
    yes makes it unnecessary (``merge_suppliers`` ends it)."""
    first = MatchReview.objects.filter(kind="supplier", status=MatchReview.Status.PENDING,
                                       subject_supplier_id=OuterRef("subject_supplier_id"))
    later = pending.filter(kind="company").filter(Exists(first))
    # A supplier given its number since (number_set_meanwhile) needs no answer: the next register run
    # removes the question.
    moot = pending.filter(kind="company", subject_supplier__isnull=False).exclude(subject_supplier__company_number="")
    return pending.exclude(pk__in=later.values("pk")).exclude(pk__in=moot.values("pk")), later.exclude(
        pk__in=moot.values("pk"))


def decided_pairs(reviews):
    """(review, candidate, is_match) for every candidate of every decided review in ``reviews``:
    the chosen one is the same organisation, every other candidate shown (or all, for "none of
    these") a different one."""
    for review in reviews:
        if review.status in (MatchReview.Status.PENDING, MatchReview.Status.WITHDRAWN):
            continue
        for position, shown in enumerate(candidates_of(review)):
            chosen = review.status == MatchReview.Status.CONFIRMED and position == (review.chosen or 0)
            yield review, shown, chosen


# --- Merging -----------------------------------------------------------------------------------------

def _reverse_relations(model):
    """Every relation from another model to ``model`` (hidden ones, related_name="+", included)."""
    return [f for f in model._meta.get_fields(include_hidden=True) if f.auto_created and not f.concrete]


_EMPTY = (None, "", [], {})


def _fill_blanks(model, kept_pk, dropped) -> None:
    """The surviving supplier's own row (its statement for a year, say) keeps its answers and takes
    the dropped row's where it has none: a merge loses nothing either record said."""
    kept = model._base_manager.filter(pk=kept_pk).first()
    if kept is None:
        return
    changes = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.is_relation or not field.editable:
            continue
        if getattr(kept, field.attname) in _EMPTY and getattr(dropped, field.attname) not in _EMPTY:
            changes[field.attname] = getattr(dropped, field.attname)
    if changes:
        model._base_manager.filter(pk=kept_pk).update(**changes)


def _clashing(model, field_name, row, new):
    """The pk of the row of ``new`` that ``row`` clashes with under a unique constraint, or None."""
    for constraint in model._meta.constraints:
        fields = list(getattr(constraint, "fields", ()) or ())
        if field_name in fields or model._meta.get_field(field_name).attname in fields:
            others = {f: getattr(row, model._meta.get_field(f).attname) for f in fields
                      if f not in (field_name, model._meta.get_field(field_name).attname)}
            found = model._base_manager.filter(**{field_name: new}, **others).values_list("pk", flat=True).first()
            if found is not None:
                return found
    return None


def _move(model, field_name, old, new, one_to_one=False):
    rows = model._base_manager.filter(**{field_name: old})
    if one_to_one:
        kept = model._base_manager.filter(**{field_name: new}).values_list("pk", flat=True).first()
        if kept is not None:
            for row in list(rows):
                _fill_blanks(model, kept, row)
            rows.delete()  # the surviving supplier's own record wins, its blanks filled
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
                kept = _clashing(model, field_name, row, new)
                if kept is not None:
                    _fill_blanks(model, kept, row)
                model._base_manager.filter(pk=row.pk).delete()


@transaction.atomic
def merge_suppliers(duplicate: Supplier, into: Supplier):
    """Move everything that points at ``duplicate`` (spend lines, contracts, aliases, other
    contexts' links) to ``into``, fill ``into``'s blanks from it, and delete it."""
    if duplicate.pk == into.pk:
        return into
    # The duplicate's own "which register company is it?" (moved to ``into`` below, and then ended if
    # ``into`` has its number or a question of its own).
    its_question = list(MatchReview.objects.unscoped("a merge of the organisation's suppliers updates its own reviews")
                        .filter(subject_supplier=duplicate, kind="company", status=MatchReview.Status.PENDING)
                        .values_list("pk", flat=True))
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
    if fill_from(into, duplicate):
        into.save()
    # Always a new version: someone editing the supplier's names meanwhile must not remove the
    # alias this merge adds without being told.
    Supplier._base_manager.filter(pk=into.pk).update(version=F("version") + 1)
    into.version += 1
    _point_candidates_at(duplicate, into)
    Supplier._base_manager.filter(pk=duplicate.pk).delete()
    questions = MatchReview.objects.unscoped("a merge of the organisation's suppliers updates its own reviews").filter(
        subject_supplier=into, kind="company", status=MatchReview.Status.PENDING)
    merged = f"“{duplicate.name}” was found to be the supplier “{into.name}”"
    if into.company_number:
        withdraw(questions, f"{merged}, which has the company number {into.company_number}.",
                 logged="its supplier was merged into one with a company number")
    elif questions.exclude(pk__in=its_question).exists():
        # One question a supplier: its own.
        withdraw(questions.filter(pk__in=its_question), f"{merged}, which is asked about under its own name.",
                 logged="its supplier was merged into one asked about under its own name")
    return into


# What a merge carries over from the duplicate, by kind of field (the rest: names, where it came from,
# its review state and timestamps, are the surviving supplier's own).
_FILLED = ("company_number", "charity_number", "address", "postcode", "annual_turnover", "is_sme")
_LISTS = ("sic_codes", "sectors", "goods", "operating_countries", "sourcing_countries")
# A risk either record says "yes" to is kept: a person can change it, but a merge must not lose it.
_RISKS = ("uses_agency_labour", "subcontracts_work", "provides_worker_accommodation", "charges_recruitment_fees")


def fill_from(into: Supplier, duplicate: Supplier) -> bool:
    """Give ``into`` what ``duplicate`` knows that it does not, so confirming two records are one
    supplier loses nothing either said: its blanks filled; codes, sectors, goods and countries joined;
    a workforce risk either answered "yes" kept as yes (an unknown one takes the duplicate's answer);
    what each says they provide joined when they differ. True if ``into`` changed."""
    changed = False

    def put(field, value):
        nonlocal changed
        if getattr(into, field) != value:
            setattr(into, field, value)
            changed = True

    for field in _FILLED:
        if getattr(into, field) in ("", None) and getattr(duplicate, field) not in ("", None):
            put(field, getattr(duplicate, field))
    for field in _LISTS:
        put(field, list(dict.fromkeys([*(getattr(into, field) or []), *(getattr(duplicate, field) or [])])))
    for field in _RISKS:
        mine, theirs = getattr(into, field), getattr(duplicate, field)
        if mine is None or (theirs is True and mine is False):
            put(field, mine if theirs is None else theirs)
    mine, theirs = (into.keywords or "").strip(), (duplicate.keywords or "").strip()
    if theirs and theirs.lower() not in mine.lower():
        put("keywords", f"{mine}; {theirs}" if mine else theirs)
    return changed


def _point_candidates_at(duplicate, into):
    """Pending reviews that offer ``duplicate`` as a candidate offer ``into`` in its place (the
    snapshot stays as it was compared), and move to their next version: a page opened before the
    merge is refused."""
    pending = MatchReview.objects.unscoped("a merge of the organisation's suppliers updates its own reviews").filter(
        organisation_id=duplicate.organisation_id, status=MatchReview.Status.PENDING)
    for review in pending.only("pk", "candidates"):
        if not any(c.get("supplier") == duplicate.pk for c in review.candidates):
            continue
        candidates = [{**c, "supplier": into.pk} if c.get("supplier") == duplicate.pk else c for c in review.candidates]
        pending.filter(pk=review.pk).update(candidates=candidates, version=F("version") + 1)


# --- Deciding ----------------------------------------------------------------------------------------

def _still_there(review, chosen) -> bool:
    """Whether the chosen candidate can still be applied: its supplier is one of the review's
    organisation's (not merged or removed since), its register entry still loaded."""
    if chosen.get("supplier") is not None:
        return Supplier._base_manager.filter(pk=chosen["supplier"], organisation_id=review.organisation_id).exists()
    if chosen.get("entry") is not None:
        if CompanyRegisterEntry.objects.filter(pk=chosen["entry"]).exists():
            return True
        # The register was loaded again: the same company under its new entry.
        again = CompanyRegisterEntry.objects.filter(company_number=chosen.get("ref")).order_by("-register__loaded_at") \
            .values_list("pk", flat=True).first() if chosen.get("ref") else None
        if again is None:
            return False
        chosen["entry"] = again
    return True


def number_set_meanwhile(review, lock=True) -> str:
    """The company number a register review's supplier has been given since it was asked about (on
    its page, or by a merge), or "": the question is no longer needed, and answering it, even "none
    of these", would be about a supplier that has its number. Locks the supplier's row (within the
    caller's transaction) so the number cannot be set between this check and a decision."""
    if review.kind != "company" or not review.subject_supplier_id:
        return ""
    suppliers = Supplier._base_manager.filter(pk=review.subject_supplier_id)
    if lock:
        # FOR NO KEY UPDATE on PostgreSQL: waits for an edit of the supplier, not for an import writing
        # lines that refer to it.
        suppliers = suppliers.select_for_update(no_key=connection.features.has_select_for_no_key_update)
    return suppliers.values_list("company_number", flat=True).first() or ""


@transaction.atomic
def decide(review: MatchReview, *, user, version: int, choice: int | None = None, same: bool | None = None,
           other: dict | None = None):
    """Choose candidate ``choice`` (its position, 0 the most likely) or none of them (``None``) for a
    pending review, once. ``same`` is the older yes/no: yes chooses the first candidate. ``other`` is
    a candidate Clearsight did not find, entered by the person (``company.entered_company``): it is
    added to the candidates and chosen, every one found a different organisation (one with its
    reference is chosen instead).

    Raises AlreadyDecided if it was decided meanwhile (or the page was out of date), CandidateGone
    if the chosen candidate can no longer be applied, NumberSetMeanwhile if the review asks which
    company a supplier is that has a company number now, IndexError for a position not shown."""
    if same is not None:
        choice = 0 if same else None
    number = number_set_meanwhile(review)
    if number:
        raise NumberSetMeanwhile(review, number)
    shown = candidates_of(review)
    fields = {"status": MatchReview.Status.REJECTED, "chosen": None}
    if other is not None:
        same_ref = [i for i, c in enumerate(shown) if other["ref"] and c.get("ref") == other["ref"]
                    and _still_there(review, dict(c))]
        if same_ref:
            choice = same_ref[0]
        else:
            shown = [*shown, other]
            choice = len(shown) - 1
            fields["candidates"] = shown
    if choice is not None:
        if not 0 <= choice < len(shown):
            raise IndexError(choice)
        chosen = dict(shown[choice])
        if not _still_there(review, chosen):
            raise CandidateGone(review, chosen)
        fields = {**fields, "status": MatchReview.Status.CONFIRMED, "chosen": choice, **_top_fields(chosen)}
    pending = MatchReview.objects.for_user(user).filter(status=MatchReview.Status.PENDING)
    if not locking.save_if_unchanged(pending, review.pk, version, decided_by=user, decided_at=timezone.now(), **fields):
        review.refresh_from_db()
        raise AlreadyDecided(review)
    review.refresh_from_db()
    kind = KINDS[review.kind]
    (kind.confirm if choice is not None else kind.reject)(review, user)
    return review


def _confirm_supplier(review, user):
    provisional, candidate = review.subject_supplier, review.candidate_supplier
    if provisional is not None and candidate is not None:
        merge_suppliers(provisional, candidate)
        # Its spend and what the other record said are its own now: screened again (and any register
        # question ended, if it has a company number: company.settle_after_change).
        suppliers_changed.send(review.organisation, [candidate.pk])
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
    chosen = candidates_of(review)[review.chosen or 0]
    number = entry.company_number if entry is not None else (review.candidate_ref if chosen.get("entered") else "")
    if supplier is None or not number:
        return
    if not Supplier._base_manager.filter(pk=supplier.pk, company_number="").update(company_number=number,
                                                                                  version=F("version") + 1):
        raise NumberSetMeanwhile(review, number_set_meanwhile(review, lock=False))  # undoes the decision
    CompanyNumberSource.objects.update_or_create(supplier=supplier, defaults={
        "company_number": number, "entry": entry, "register_label": str(entry.register)[:300] if entry else "",
        "method": "entered" if chosen.get("entered") else "confirmed", "probability": review.probability,
        "confirmed_by": user})


def _reject_company(review, user):
    pass  # remembered by the review itself: company.py never proposes this pair again


register_kind("supplier", Kind("Supplier name in an import", "Name in the import", "Existing supplier",
                               _confirm_supplier, _reject_supplier,
                               "If you choose {chosen}, everything recorded against “{subject}” (its spend, contracts "
                               "and details) moves to it, and later imports use it."))
register_kind("company", Kind("Supplier and company register", "Supplier", "Company in the register",
                              _confirm_company, _reject_company,
                              "If you choose {chosen}, “{subject}” is given its company number, which is used to "
                              "check its modern slavery statement and its risks. Nothing else about the supplier "
                              "changes."))
