"""Resolving names (from spend files and contract registers) to supplier records.

The entry point other contexts call is ``resolve_supplier_names``:

1. a name whose normalised form is a known alias resolves to that supplier (exact, and fast: most
   names in a council's next spend file are known);
2. otherwise the matching engine looks for a candidate among the organisation's suppliers: a
   confident match resolves to it and records the name as an alias;
3. an uncertain match creates a provisional supplier (needs_review) and a review item pointing at
   the candidate; the name resolves to the provisional supplier until a person decides;
4. no candidate: a new supplier.

Names new in the same batch are matched against each other too, so "Acme Servces" and "Acme
Services" in one file do not become two confident suppliers.
"""

from django.db import transaction

from clearsight.supply.api import Supplier, SupplierAlias
from clearsight.supply.api import normalise_name

from . import engine
from .models import MatchReview
from .reviews import record_snapshot, supplier_snapshot

_REASON = "resolving names in the organisation's own import, for the organisation the caller names"
SOURCE_LABELS = {"spend": "A spend file", "contracts": "A contract register import"}


def _candidates(organisation):
    """Records of the organisation's settled suppliers: one per known name."""
    suppliers = {s.pk: s for s in Supplier.objects.unscoped(_REASON).filter(organisation=organisation, needs_review=False)
                 .only("pk", "name", "postcode", "company_number", "address", "source", "version")}
    records = [engine.Record(pk, s.name, postcode=s.postcode, company_number=s.company_number)
               for pk, s in suppliers.items()]
    for supplier_id, name in SupplierAlias.objects.filter(organisation=organisation, supplier_id__in=list(suppliers)) \
            .values_list("supplier_id", "name"):
        if name and name != suppliers[supplier_id].name:
            records.append(engine.Record(supplier_id, name))
    return suppliers, engine.CandidateIndex(records)


def _rejected(organisation):
    """{normalised name: supplier ids a person said it is not}."""
    rejected = {}
    for key, supplier_id in MatchReview.objects.unscoped(_REASON).filter(
            organisation=organisation, kind="supplier", status=MatchReview.Status.REJECTED,
            candidate_supplier__isnull=False).values_list("normalised", "candidate_supplier_id"):
        rejected.setdefault(key, set()).add(supplier_id)
    return rejected


@transaction.atomic
def resolve_supplier_names(organisation, names, *, source="spend"):
    """Return {name: supplier id} for every non-empty name, creating suppliers for new names and
    review items for uncertain matches."""
    wanted, keys = {}, {}
    for name in names:
        if name and name not in keys and name.strip():
            key = keys[name] = normalise_name(name)
            if key:
                wanted.setdefault(key, name.strip()[:300])
    known = dict(SupplierAlias.objects.filter(organisation=organisation, normalised__in=list(wanted))
                 .values_list("normalised", "supplier_id"))
    unknown = [key for key in wanted if key not in known]
    if unknown:
        known.update(_resolve_new(organisation, {key: wanted[key] for key in unknown}, source))
    return {name: known[key] for name, key in keys.items() if key}


def _resolve_new(organisation, wanted, source):
    suppliers, index = _candidates(organisation)
    rejected = _rejected(organisation)
    supplier_source = source if source in dict(Supplier.SOURCES) else "spend"
    alias_source = source if source in dict(SupplierAlias.SOURCES) else "spend"
    resolved, aliases, reviews = {}, [], []
    batch = {}  # temporary key -> (name, key) of suppliers created in this batch
    for key, name in wanted.items():
        record = engine.Record(key, name)
        match = index.best_match(record, exclude=rejected.get(key, frozenset()))
        if match is not None and match.confident:
            target = match.right.key
            if target in batch:  # the same business, spelt another way earlier in this file
                batch[target]["names"].append((key, name))
            else:
                resolved[key] = target
                aliases.append(SupplierAlias(organisation=organisation, supplier_id=target, name=name,
                                             normalised=key, source=alias_source))
            continue
        temp = f"new:{len(batch)}"
        batch[temp] = {"name": name, "names": [(key, name)], "match": match}
        index.add(engine.Record(temp, name))
    if batch:
        created = Supplier.objects.bulk_create([
            Supplier(organisation=organisation, name=item["name"], source=supplier_source,
                     needs_review=item["match"] is not None and not str(item["match"].right.key).startswith("new:"))
            for item in batch.values()])
        for supplier, item in zip(created, batch.values()):
            for key, name in item["names"]:
                resolved[key] = supplier.pk
                aliases.append(SupplierAlias(organisation=organisation, supplier=supplier, name=name, normalised=key,
                                             source=alias_source))
            match = item["match"]
            if supplier.needs_review:
                candidate = suppliers[match.right.key]
                reviews.append(MatchReview(
                    organisation=organisation, kind="supplier", source=source, subject_supplier=supplier,
                    candidate_supplier=candidate, normalised=item["names"][0][0],
                    left=record_snapshot(item["name"], source=SOURCE_LABELS.get(source, source)),
                    right=supplier_snapshot(candidate), probability=match.score.probability,
                    reasons=match.reasons))
    SupplierAlias.objects.bulk_create(aliases)
    MatchReview.objects.bulk_create(reviews)
    return resolved
