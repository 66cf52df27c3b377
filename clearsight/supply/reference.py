"""Reference data the registers show: SIC 2007 code descriptions and country names.

SIC codes come from the Companies House "condensed" SIC 2007 list (Crown copyright, Open Government
Licence v3.0), read from the shared data folder beside the repository and stored with the list's
source and version, so a page can say where a description came from and a newer list can replace it
(``manage.py load_sic_codes``). Nothing here is a hand-written list of codes.
"""

import csv
from functools import lru_cache
from pathlib import Path

from django.apps import apps

SIC_SOURCE = "Companies House SIC 2007 condensed list (github.com/borrowingwell/sic-codes)"
SIC_VERSION = "SIC 2007, condensed list, commit be9890a (2021-08-03)"


def sic_list_path() -> Path:
    """The SIC 2007 list shipped with the app (source: reference_files/SOURCE.md)."""
    return Path(__file__).resolve().parent / "reference_files" / "sic2007_condensed.csv"


def read_sic_list(path: Path) -> dict[str, str]:
    """{five-digit code: description} from a CSV with columns code and description."""
    codes = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            code = (row.get("code") or "").strip()
            if code.isdigit():
                codes[code.zfill(5)] = (row.get("description") or "").strip()
    return codes


def load_sic_codes(model=None, path: Path | None = None, *, source=SIC_SOURCE, version=SIC_VERSION) -> int:
    """Add or update every code in the list; returns how many codes are stored. Returns 0 (and changes
    nothing) when the list is not there, so that a fresh database can still be built without it."""
    model = model or apps.get_model("supply", "SicCode")
    path = path or sic_list_path()
    if not Path(path).exists():
        return 0
    codes = read_sic_list(path)
    existing = {c.code: c for c in model.objects.all()}
    new, changed = [], []
    for code, description in codes.items():
        item = existing.get(code)
        if item is None:
            new.append(model(code=code, description=description, source=source, version=version))
        elif (item.description, item.source, item.version) != (description, source, version):
            item.description, item.source, item.version = description, source, version
            changed.append(item)
    model.objects.bulk_create(new, batch_size=500)
    model.objects.bulk_update(changed, ["description", "source", "version"], batch_size=500)
    return len(codes)


def sic_descriptions(codes) -> dict[str, "object"]:
    """{code: SicCode} for the given codes that are in the loaded list."""
    from .models import SicCode

    return {c.code: c for c in SicCode.objects.filter(code__in=list(codes))}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """{ISO 3166 alpha-2 code: name}, from the risk screening context's country list when it is
    installed; empty otherwise (codes are then shown as they are)."""
    try:
        path = Path(apps.get_app_config("screening").path) / "reference" / "countries.csv"
    except LookupError:
        return {}
    if not path.exists():
        return {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return {row["code"].strip().upper(): row["name"].strip() for row in csv.DictReader(handle) if row.get("code")}


def country_label(code: str) -> str:
    name = country_names().get(code.upper())
    return f"{name} ({code.upper()})" if name else code.upper()
