"""Estimating an organisation's matching parameters on demand (``manage.py train_matching``, which
the daily jobs may run): for each purpose, the records a run would compare, so that the next spend
import or register check reuses them instead of estimating its own (ADR 0032, parameter_store.py).

* supplier names: the organisation's settled suppliers (each known name a record), split by a fixed
  seed into a third of the suppliers (all their names) against the rest, as an import's new names
  are matched against the known ones; no pair across the split is the same supplier, so the pairs
  sampled for u are all of different organisations;
* company register: all the organisation's suppliers against the loaded register.

Each with the pairs people decided for that purpose (so that the stored parameters count them).
"""

import random

from clearsight.core.models import Organisation

from . import linker
from .parameter_store import COMPANY_REGISTER, SUPPLIER_NAMES

LEFT_SHARE = 1 / 3
SEED = 16


def supplier_name_records(organisation):
    """(left, right, labels, population) for estimating the supplier-names parameters."""
    from .resolve import _candidates, _decisions

    _, records = _candidates(organisation)
    labels, _ = _decisions(organisation)
    keys = sorted({record.key for record in records})
    chosen = set(random.Random(SEED).sample(keys, round(len(keys) * LEFT_SHARE)))
    left = [record for record in records if record.key in chosen]
    right = [record for record in records if record.key not in chosen]
    return left, right, labels, len(records)


def register_records(organisation):
    """(left, right, labels, population) for estimating the company-register parameters, or None when
    no register is loaded."""
    from clearsight.supply.api import Supplier

    from .company import _decisions, register_index
    from .engine import Record

    right = register_index()
    if not right:
        return None
    by_number = {}
    for record in right:
        by_number.setdefault(record.company_number, set()).add(record.key)
    labels, _ = _decisions(organisation, by_number)
    suppliers = Supplier.objects.unscoped("estimating the matching parameters of the organisation named") \
        .filter(organisation=organisation).only("pk", "name", "address", "postcode")
    left = [Record(s.pk, s.name, s.address, s.postcode) for s in suppliers]
    return left, right, labels, len(right)


def train_organisation(organisation: Organisation, purposes=(SUPPLIER_NAMES, COMPANY_REGISTER)) -> list:
    """[(purpose, sentence)] saying what was estimated and stored for each purpose, or why not."""
    said = []
    for purpose in purposes:
        found = supplier_name_records(organisation) if purpose == SUPPLIER_NAMES else register_records(organisation)
        if found is None:
            said.append((purpose, "no company register is loaded"))
            continue
        left, right, labels, population = found
        run = linker.train(left, right, organisation=organisation, purpose=purpose, labels=labels,
                           population=population)
        if run.source == "estimated":
            said.append((purpose, f"estimated in {run.estimation_seconds:.1f} s from {len(left):,} against "
                                  f"{len(right):,} records: {run.method}"))
        else:
            said.append((purpose, f"not estimated ({len(left):,} against {len(right):,} records): {run.method}"))
    return said
