"""Resolving names (from spend files and contract registers) to supplier records.

The entry point other contexts call is ``resolve_supplier_names``:

1. a name whose normalised form is a known alias resolves to that supplier (exact, and fast: most
   names in a council's next spend file are known);
2. otherwise every new name is ranked at once (``linker.rank``) against the organisation's
   suppliers, learning from the pairs people decided before (``labels``) and never proposing a pair
   they rejected: a confident match resolves to it and records the name as an alias;
3. an uncertain one creates a provisional supplier (needs_review) and a review item holding the
   ranked candidates; the name resolves to the provisional supplier until a person decides;
4. no candidate: a new supplier;
5. reviews still waiting for a person are ranked again in the same run, so they offer suppliers added
   since and drop pairs turned down since (never decided by a run: ``_refresh_pending``).

A spend file's new name paid under the supplier number a supplier was paid under before by another
name (``account_names``: "Arcadis LLP" where "EC Harris LLP" was paid) is offered to a person as that
supplier renamed, never merged without one; two new names of one batch paid under one number (a file
covering the years of a rename) are asked about once, one as the other renamed.

Names new in the same batch are matched against each other too, so "Acme Servces" and "Acme
Services" in one file do not become two suppliers. ``counts`` (if given) says what became of the
names, for the sentence that explains an empty review queue (``summary.resolution_sentence``).
"""

from django.db import transaction

from clearsight.supply.api import Supplier, SupplierAlias
from clearsight.supply.api import normalise_name

from . import engine, linker
from .engine import Record
from .models import MatchingRun, MatchReview
from .reviews import (candidate, decided_pairs, new_review, record_snapshot, refresh_review, snapshot_value,
                      supplier_snapshot)

_REASON = "resolving names in the organisation's own import, for the organisation the caller names"
SOURCE_LABELS = {"spend": "A spend file", "contracts": "A contract register import"}


def _candidates(organisation):
    """The organisation's settled suppliers, and their records: one per known name."""
    suppliers = {s.pk: s for s in Supplier.objects.unscoped(_REASON).filter(organisation=organisation, needs_review=False)
                 .only("pk", "name", "postcode", "company_number", "address", "source", "version", "organisation_id")}
    records = [Record(pk, s.name, postcode=s.postcode, company_number=s.company_number)
               for pk, s in suppliers.items()]
    for supplier_id, name in SupplierAlias.objects.filter(organisation=organisation, supplier_id__in=list(suppliers)) \
            .values_list("supplier_id", "name"):
        if name and name != suppliers[supplier_id].name:
            records.append(Record(supplier_id, name))
    return suppliers, records


def snapshot_record(key, snapshot):
    """An engine record of a ``record_snapshot`` (the record as a person saw it)."""
    return Record(key, (snapshot or {}).get("name", ""), address=snapshot_value(snapshot, "Address"),
                  postcode=snapshot_value(snapshot, "Postcode"), company_number=snapshot_value(snapshot, "Company number"),
                  account_names=tuple(tuple(pair) for pair in (snapshot or {}).get("account_names", ())))


def _decisions(organisation):
    """(labels, rejected) from the supplier matches people decided: every pair as a label for the
    linker (as last decided: a "different" put right later by saying they are the same, same_as.py,
    teaches only "same"), and {normalised name: supplier ids it is not} never to propose again."""
    labels, rejected = [], {}
    decided = MatchReview.objects.unscoped(_REASON).filter(organisation=organisation, kind="supplier") \
        .exclude(status=MatchReview.Status.PENDING).only("status", "chosen", "candidates", "left", "normalised", "right",
                                                         "probability", "reasons", "candidate_supplier_id",
                                                         "candidate_entry_id", "candidate_ref")
    latest = {}  # (name, supplier) -> (label, same): the latest decision about a pair is the one learnt
    for review, shown, same in decided_pairs(decided.order_by("decided_at", "pk")):
        if not review.normalised or shown.get("supplier") is None:
            continue
        latest[(review.normalised, shown["supplier"])] = (linker.Label(
            snapshot_record(review.normalised, review.left), snapshot_record(shown["supplier"], shown["record"]), same),
            same)
    for (name, supplier_id), (label, same) in latest.items():
        labels.append(label)
        if not same:
            rejected.setdefault(name, set()).add(supplier_id)
    return labels, rejected


def _count(counts, **more):
    for key, value in more.items():
        counts[key] = counts.get(key, 0) + value


@transaction.atomic
def resolve_supplier_names(organisation, names, *, source="spend", counts: dict | None = None,
                           account_names: dict | None = None):
    """Return {name: supplier id} for every non-empty name, creating suppliers for new names and
    review items for uncertain matches.

    ``counts``, if given, is filled in: names (distinct names asked about), known (already known
    spellings), new_names, matched (confidently to an existing supplier), new_suppliers (with no
    likely match), same_batch (another spelling of a new name in the same batch), to_review.
    ``account_names``: a function of the new names (those no known alias resolves) returning
    {name: ((other name, supplier number), ...)} (account_names.py): a new name paid under the number
    a supplier was paid under before is offered to a person as that supplier renamed. Only called
    when there are new names, as looking numbers up costs a reading of the publisher's lines."""
    counts = counts if counts is not None else {}
    wanted, keys = {}, {}
    for name in names:
        if name and name not in keys and name.strip():
            key = keys[name] = normalise_name(name)
            if key:
                wanted.setdefault(key, name.strip()[:300])
    known = dict(SupplierAlias.objects.filter(organisation=organisation, normalised__in=list(wanted))
                 .values_list("normalised", "supplier_id"))
    unknown = [key for key in wanted if key not in known]
    _count(counts, names=len(wanted), known=len(wanted) - len(unknown), new_names=len(unknown))
    if unknown:
        others = {}
        if account_names is not None:
            new = set(unknown)
            for name, paid_as in account_names([name for name, key in keys.items() if key in new]).items():
                key = keys.get(name)
                if key in new:
                    others[key] = tuple(dict.fromkeys(others.get(key, ()) + tuple(paid_as)))
        known.update(_resolve_new(organisation, {key: wanted[key] for key in unknown}, source, counts, others))
    if wanted:
        remember_run(organisation, source, counts)
    return {name: known[key] for name, key in keys.items() if key}


def remember_run(organisation, source, counts):
    """Keep what this run did (the latest of each source), for the review queue to explain itself."""
    MatchingRun.objects.unscoped(_REASON).update_or_create(organisation=organisation, source=source, defaults={"counts": dict(counts)})


def _same_batch_groups(pending):
    """{key: key of the earlier name it joins} among names new in one batch: a name joins an earlier
    one it confidently matches (so one file's two spellings make one supplier). Spellings within one
    file are told apart by the fixed-weight engine: it is quick on thousands of similar names, where
    estimating a model on the batch itself would be slow and say little."""
    index = engine.CandidateIndex([])
    joins = {}
    for key, name in pending.items():
        record = Record(key, name)
        match = index.best_match(record)
        if match is not None and match.confident:
            target = match.right.key
            joins[key] = joins.get(target, target)
        else:
            index.add(record)
    return joins


def _same_number_in_batch(groups, others, ranked) -> dict:
    """{first key: Ranked} for the new suppliers of one batch to ask a person about as another new
    supplier of the batch renamed: their names were paid under one supplier number (a file covering the
    years of a rename pays "URS ..." and "AECOM ..." under it). Each pair is asked about once, the
    candidate being the one of the two asked about first, and a supplier already sent for review
    against the existing suppliers (``ranked``) is neither."""
    group_of = {key: first for first, members in groups.items() for key, _ in members}
    links, paid = {}, {}  # first key -> the groups it may be a renaming of; its other names
    for first, members in groups.items():
        if ranked.get(first) is not None:
            continue
        paid_as = tuple(dict.fromkeys(pair for key, _ in members for pair in others.get(key, ())))
        targets = list(dict.fromkeys(
            target for target in (group_of.get(normalise_name(name)) for name, _ in paid_as)
            if target is not None and target != first and target not in links and ranked.get(target) is None))
        if targets:
            links[first], paid[first] = targets, paid_as
    if not links:
        return {}
    # One ranking for them all, each only against its own linked groups.
    right = list(dict.fromkeys(target for targets in links.values() for target in targets))
    found = linker.rank([Record(first, groups[first][0][1], account_names=paid[first]) for first in links],
                        [Record(target, groups[target][0][1]) for target in right],
                        exclude={first: set(right) - set(targets) for first, targets in links.items()})
    return {first: found[first] for first in links if first in found and not found[first].confident}


# What a supplier review's candidates are (kept in its left snapshot as "against"): the organisation's
# suppliers, or another supplier new in the same batch (its name paid under the same supplier number).
AGAINST_SUPPLIERS, AGAINST_BATCH = "suppliers", "batch"


def _refreshable(review) -> bool:
    """Whether a later run may re-rank a pending supplier review against the organisation's suppliers:
    one asked against them. A review from before the marker was kept is one only if its name had no
    other names paid under its supplier number (only those can be a batch's renaming)."""
    left = review.left or {}
    if "against" in left:
        return left["against"] == AGAINST_SUPPLIERS
    return not left.get("account_names")


def _refresh_pending(organisation, suppliers, records, labels, rejected, counts):
    """Show the supplier reviews still waiting for a person what ranking them now finds: suppliers
    added since (another import, a contract register), what people decided since (a pair turned down
    is never offered again; one confirmed counts), parameters estimated again. Never decided by a run:
    a person was asked, so a run changes only the candidates and the suggestion, and only while
    Clearsight is still unsure (reviews.refresh_review; a page opened before is told it changed)."""
    waiting = [review for review in MatchReview.objects.unscoped(_REASON).filter(
        organisation=organisation, kind="supplier", status=MatchReview.Status.PENDING, subject_supplier__isnull=False,
        subject_supplier__needs_review=True) if review.normalised and _refreshable(review)]
    if not waiting or not records:
        return
    ranked = linker.rank([snapshot_record(review.normalised, review.left) for review in waiting], records,
                         exclude=rejected, labels=labels, organisation=organisation, purpose=linker.SUPPLIER_NAMES)
    for review in waiting:
        found = ranked.get(review.normalised)
        if found is None or found.confident:
            continue
        if refresh_review(review, [
                candidate(supplier_snapshot(suppliers[c.key]), c.probability, c.reasons, supplier=suppliers[c.key].pk,
                          another=linker.probably_another_company(found.left, c)) for c in found.candidates],
                why_asked=found.why_a_person(), suggests_none=found.suggests_none):
            _count(counts, refreshed=1)


def _resolve_new(organisation, wanted, source, counts, others):
    suppliers, records = _candidates(organisation)
    labels, rejected = _decisions(organisation)
    supplier_source = source if source in dict(Supplier.SOURCES) else "spend"
    alias_source = source if source in dict(SupplierAlias.SOURCES) else "spend"
    ranked = linker.rank([Record(key, name, account_names=others.get(key, ())) for key, name in wanted.items()], records,
                         exclude=rejected, labels=labels,
                         organisation=organisation, purpose=linker.SUPPLIER_NAMES)
    # After the new names' run, so parameters due to be estimated again are estimated on them.
    _refresh_pending(organisation, suppliers, records, labels, rejected, counts)
    resolved, aliases, reviews = {}, [], []
    pending = {}  # key -> name of names that make new suppliers
    for key, name in wanted.items():
        found = ranked.get(key)
        if found is not None and found.confident:
            resolved[key] = found.best.key
            aliases.append(SupplierAlias(organisation=organisation, supplier_id=found.best.key, name=name,
                                         normalised=key, source=alias_source))
        else:
            pending[key] = name
    _count(counts, matched=len(resolved))
    joins = _same_batch_groups(pending) if len(pending) > 1 else {}
    groups = {}  # first key -> [(key, name)] of one new supplier
    for key, name in pending.items():
        groups.setdefault(joins.get(key, key), []).append((key, name))
    renamed = _same_number_in_batch(groups, others, ranked)
    if groups:
        created = Supplier.objects.bulk_create([
            Supplier(organisation=organisation, name=pending[first], source=supplier_source,
                     needs_review=ranked.get(first) is not None or first in renamed)
            for first in groups])
        made = dict(zip(groups, created))  # first key -> its new supplier
        for supplier, (first, names) in zip(created, groups.items()):
            for key, name in names:
                resolved[key] = supplier.pk
                aliases.append(SupplierAlias(organisation=organisation, supplier=supplier, name=name, normalised=key,
                                             source=alias_source))
            # Another name new in this batch under the same supplier number, or the existing suppliers.
            found, among = (renamed[first], made) if first in renamed else (ranked.get(first), suppliers)
            if first in renamed or supplier.needs_review:
                reviews.append(new_review(
                    [candidate(supplier_snapshot(among[c.key]), c.probability, c.reasons, supplier=among[c.key].pk,
                               another=linker.probably_another_company(found.left, c)) for c in found.candidates],
                    organisation=organisation, kind="supplier", source=source, subject_supplier=supplier,
                    normalised=first, left={**record_snapshot(pending[first], source=SOURCE_LABELS.get(source, source),
                                                              account_names=others.get(first, ())),
                                            "against": AGAINST_BATCH if first in renamed else AGAINST_SUPPLIERS},
                    why_asked=found.why_a_person(), suggests_none=found.suggests_none))
    _count(counts, same_batch=len(pending) - len(groups), to_review=len(reviews),
           new_suppliers=len(groups) - len(reviews))
    SupplierAlias.objects.bulk_create(aliases)
    MatchReview.objects.bulk_create(reviews)
    return resolved


def _names(n):
    return f"{n:,} new {'name' if n == 1 else 'names'}"


def resolution_sentence(counts: dict | None) -> str:
    """What became of the names of one import, in words, saying why there is (or is not) anything to
    review. ``counts`` as ``resolve_supplier_names`` fills them in; "" if there are none."""
    if not counts or not counts.get("names"):
        return ""
    new, to_review = counts.get("new_names", 0), counts.get("to_review", 0)
    matched, fresh = counts.get("matched", 0), counts.get("new_suppliers", 0) + counts.get("same_batch", 0)
    if not new:
        return "Every supplier name in this import was already known, so there is nothing to review."
    if to_review:
        waiting = f"{to_review:,} {'looks' if to_review == 1 else 'look'} like {'a supplier' if to_review == 1 else 'suppliers'} " \
                  f"you already have, but Clearsight is not sure: check {'it' if to_review == 1 else 'them'} in supplier matches to review."
        return f"Of {_names(new)}, {waiting}"
    every = "Both new names" if new == 2 else f"All {_names(new)}"
    if matched and fresh:
        return (f"{every} were either matched confidently to suppliers you already have ({matched:,}) or are new "
                f"suppliers with no likely match ({fresh:,}), so there is nothing to review.")
    if matched:
        return f"{every if new > 1 else 'The new name'} {'were' if new > 1 else 'was'} matched confidently to " \
               f"{'suppliers' if new > 1 else 'a supplier'} you already have, so there is nothing to review."
    return (f"{every if new > 1 else 'The new name'} {'is a new supplier' if new == 1 else 'are new suppliers'} "
            "with no likely match among the suppliers you already have, so there is nothing to review.")


def register_sentence(counts: dict | None) -> str:
    """What matching suppliers to a company register did, in words (``match_suppliers_to_register``'s
    counts); "" if it looked at none."""
    if not counts:
        return ""
    matched, to_review, none = counts.get("matched", 0), counts.get("to_review", 0), counts.get("no_match", 0)
    total = matched + to_review + none
    if not total:
        return ""
    suppliers = f"{total:,} {'supplier' if total == 1 else 'suppliers'} without a company number"
    if to_review:
        return (f"Of {suppliers}, {to_review:,} may be {'a company' if to_review == 1 else 'companies'} in the register, "
                "but Clearsight is not sure which: check them in supplier matches to review.")
    return (f"Of {suppliers}, {matched:,} {'was' if matched == 1 else 'were'} matched confidently to the register and "
            f"{none:,} {'has' if none == 1 else 'have'} no likely match in it, so there is nothing to review.")


def run_sentences(runs) -> list:
    """(what ran, when, the sentence, the organisation's name) for each of the latest runs (MatchingRun)."""
    labels = {"spend": "The latest spend file", "contracts": "The latest contract register import",
              "register": "The latest check against the company register"}
    found = []
    for run in runs:
        sentence = register_sentence(run.counts) if run.source == "register" else resolution_sentence(run.counts)
        if sentence:
            found.append((labels.get(run.source, run.source), run.at, sentence, run.organisation.name))
    return found
