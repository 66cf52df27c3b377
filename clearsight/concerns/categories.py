"""The roll-up of Clearsight's types of exploitation into the categories the Home Office publishes its
NRM and Duty to Notify statistics by (labour, sexual, criminal, domestic servitude, organ harvesting,
and not specified or unknown). Reference data: reference/exploitation_categories.json, which names its
source and version; a type the file does not map, or no type at all, rolls up to "not specified or
unknown"."""

from dataclasses import dataclass
from functools import lru_cache

from .reference_data import read

FILE = "exploitation_categories.json"


@dataclass(frozen=True)
class Categories:
    source: str
    version: str
    labels: tuple  # (code, label) in the order the Home Office publishes them
    by_type: dict  # exploitation type code -> category code
    unknown: str  # the category of a type not mapped, or of no type

    def of(self, type_codes) -> tuple:
        """The categories (codes, in published order) a set of exploitation types rolls up to; a record
        with no type is "not specified or unknown"."""
        found = {self.by_type.get(code, self.unknown) for code in type_codes} or {self.unknown}
        return tuple(code for code, _ in self.labels if code in found)

    def label(self, code) -> str:
        return dict(self.labels)[code]


def parse(data: dict) -> Categories:
    labels = tuple((c["code"], c["label"]) for c in data["categories"])
    known = {code for code, _ in labels}
    by_type = {m["type"]: m["category"] for m in data["mapping"]}
    unknown = data["unknown"]
    if unknown not in known or not set(by_type.values()) <= known:
        raise ValueError(f"{FILE} maps a type to a category it does not list")
    return Categories(data["source"], data["version"], labels, by_type, unknown)


@lru_cache(maxsize=1)
def exploitation_categories() -> Categories:
    """The roll-up as the reference file gives it (read once a process)."""
    return parse(read(FILE))
