"""Suppliers' names are transliterated now, not stripped of the letters that have no accent to remove
(ADR 0028): "Straße Bau" was keyed "strae bau" and is "strasse bau". Stored keys are made again:

- ``SupplierAlias.normalised``, from the alias's name. Where two aliases of an organisation now have
  one key (it is unique in the organisation), one is kept: one a person confirmed or entered, else
  the supplier's own name, else the oldest. The others are deleted: the name resolves to the kept
  alias's supplier from now on, as if that alias had been found first.
- ``Contract.import_key``, the hash by which a contract register row is known again, which holds
  the supplier's key. The row's own spelling of the supplier is not stored, so the old key is taken
  from the supplier's aliases (their stored keys, before they are made again): a contract whose hash
  is made from one of them is given the hash made from that alias's new key, so importing the same
  register again updates the contract rather than adding it twice. A new hash already held by
  another contract takes the next occurrence number, as a second such row of a file would.
"""

import hashlib

from django.db import migrations

# The order in which aliases are kept when two now have one key: lower first.
_KEEP = {"confirmed": 0, "entered": 1, "name": 2}


def _hash(reference, key, title, starts_on, occurrence):
    """supply.imports._key, from the supplier's key rather than its name."""
    raw = "|".join([reference.upper(), key, " ".join(title.lower().split()),
                    starts_on.isoformat() if starts_on else "", str(occurrence)])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def rekey_contracts(Contract, SupplierAlias, organisation_id):
    """Contracts' import keys made from the aliases' new keys, before the aliases change. Returns how
    many contracts were changed."""
    from clearsight.supply.names import normalise_name

    changed_keys = {}  # supplier id -> [(old key, new key)]
    for supplier_id, name, old in SupplierAlias.objects.filter(organisation_id=organisation_id).values_list(
            "supplier_id", "name", "normalised"):
        new = normalise_name(name)
        if new and new != old:
            changed_keys.setdefault(supplier_id, []).append((old, new))
    if not changed_keys:
        return 0
    contracts = Contract.objects.filter(organisation_id=organisation_id).exclude(import_key="")
    taken = set(contracts.values_list("import_key", flat=True))
    rows = list(contracts.filter(supplier_id__in=list(changed_keys)).values_list(
        "pk", "supplier_id", "reference", "title", "starts_on", "import_key"))
    group_size = {}  # how many contracts share a row's reference, title, start and supplier
    for _, supplier_id, reference, title, starts_on, _ in rows:
        base = (supplier_id, reference.upper(), " ".join(title.lower().split()), starts_on)
        group_size[base] = group_size.get(base, 0) + 1
    updates = 0
    for pk, supplier_id, reference, title, starts_on, import_key in rows:
        base = (supplier_id, reference.upper(), " ".join(title.lower().split()), starts_on)
        found = None
        for old, new in changed_keys[supplier_id]:
            for occurrence in range(1, group_size[base] + 1):
                if _hash(reference, old, title, starts_on, occurrence) == import_key:
                    found = (new, occurrence)
                    break
            if found:
                break
        if found is None:  # made from a key that has not changed, or edited since: left as it is
            continue
        new, occurrence = found
        new_key = _hash(reference, new, title, starts_on, occurrence)
        while new_key in taken:
            occurrence += 1
            new_key = _hash(reference, new, title, starts_on, occurrence)
        Contract.objects.filter(pk=pk).update(import_key=new_key)
        taken.discard(import_key)
        taken.add(new_key)
        updates += 1
    return updates


def rekey_aliases(SupplierAlias, organisation_id):
    """Aliases' keys made again from their names. Returns (changed, deleted)."""
    from clearsight.supply.names import normalise_name

    aliases = list(SupplierAlias.objects.filter(organisation_id=organisation_id).values_list(
        "pk", "name", "normalised", "source", "supplier_id", "created_at"))
    by_key = {}
    for pk, name, old, source, supplier_id, created_at in aliases:
        new = normalise_name(name) or old  # a name with nothing left to key keeps the key it had
        by_key.setdefault(new, []).append((_KEEP.get(source, 3), created_at, pk, old))
    deleted, moves = [], {}
    for new, group in by_key.items():
        group.sort()
        keep = group[0]
        deleted += [pk for _, _, pk, _ in group[1:]]
        if keep[3] != new:
            moves[keep[2]] = new
    if deleted:
        SupplierAlias.objects.filter(pk__in=deleted).delete()
    # Through a key no alias can hold (keys are letters, digits and spaces), so that no update
    # meets a key another alias still holds until it is changed itself.
    for pk in moves:
        SupplierAlias.objects.filter(pk=pk).update(normalised=f"rekey:{pk}")
    for pk, new in moves.items():
        SupplierAlias.objects.filter(pk=pk).update(normalised=new)
    return len(moves), len(deleted)


def rekey(apps, schema_editor):
    SupplierAlias = apps.get_model("supply", "SupplierAlias")
    Contract = apps.get_model("supply", "Contract")
    organisation_ids = SupplierAlias.objects.values_list("organisation_id", flat=True).distinct().order_by()
    for organisation_id in list(organisation_ids):
        rekey_contracts(Contract, SupplierAlias, organisation_id)
        rekey_aliases(SupplierAlias, organisation_id)


class Migration(migrations.Migration):

    dependencies = [
        ("supply", "0003_concern_supplier_link"),
    ]

    operations = [
        migrations.RunPython(rekey, migrations.RunPython.noop),
    ]
