"""The kinds of premises partners record (reference data with its source and version, in
``reference/premises_types.json``): keys are stored, labels are shown.

A type marked ``legacy`` is kept only so that records made before a change still say what they were
recorded as; it is never offered for a new record. Version 2026-12 split "Factory or warehouse": old
records whose address does not say which it is keep ``factory_or_warehouse`` (see the migration
``0002_premises_types_factory_and_warehouse``)."""

import json
from functools import cache
from pathlib import Path

REFERENCE = Path(__file__).parent / "reference" / "premises_types.json"
LEGACY_FACTORY_OR_WAREHOUSE = "factory_or_warehouse"


@cache
def reference() -> dict:
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


def all_types() -> list:
    """[(code, label)] of every type, legacy ones included (what stored records may hold)."""
    return [(t["code"], t["label"]) for t in reference()["types"]]


def offered_types() -> list:
    """[(code, label)] of the types offered for a new record."""
    return [(t["code"], t["label"]) for t in reference()["types"] if not t.get("legacy")]


def split_factory_or_warehouse(address: str) -> str:
    """The type for premises recorded as "Factory or warehouse" before the split: what the address
    itself says ("warehouse" or "distribution" for a warehouse; "factory", "works", "mill" or
    "processing" for a factory); when it says neither or both, the combined legacy type."""
    text = (address or "").lower()
    warehouse = any(word in text for word in ("warehouse", "distribution"))
    factory = any(word in text for word in ("factory", "works", "mill", "processing"))
    if warehouse and not factory:
        return "warehouse"
    if factory and not warehouse:
        return "factory"
    return LEGACY_FACTORY_OR_WAREHOUSE
