"""Resolving names (from spend files and contract registers) to supplier records.

The entry point other contexts call is ``resolve_supplier_names``. This first version resolves by
exact normalised name or known alias and creates a supplier for a name it has never seen; the
probabilistic matcher and review queue extend it.
"""

from django.db import transaction

from clearsight.supply.models import Supplier, SupplierAlias

from .normalise import normalise_name


@transaction.atomic
def resolve_supplier_names(organisation, names, *, source="spend"):
    """Return {name: supplier id} for every non-empty name, creating suppliers for new names."""
    wanted = {}
    for name in names:
        if name and name.strip():
            key = normalise_name(name)
            if key:
                wanted.setdefault(key, name.strip())
    known = dict(SupplierAlias.objects.filter(organisation=organisation, normalised__in=list(wanted))
                 .values_list("normalised", "supplier_id"))
    for key, name in wanted.items():
        if key not in known:
            supplier = Supplier.objects.create(organisation=organisation, name=name, source=source)
            SupplierAlias.objects.create(organisation=organisation, supplier=supplier, name=name, normalised=key,
                                         source=source)
            known[key] = supplier.pk
    return {name: known[normalise_name(name)] for name in names if name and name.strip() and normalise_name(name)}
