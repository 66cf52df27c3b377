"""Loads the screening reference data from the files in reference/ (each names its source and
version) into the database, and the Global Slavery Index from a file a user provides. Used by a
data migration, by the load_screening_reference and load_global_slavery_index commands, and by
screening itself when the tables are empty (a test database that was flushed, for example).

The functions take the model classes so that the migration can pass its historical models."""

import csv
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from clearsight.core.tabular import FileError, read_rows

REFERENCE = Path(__file__).parent / "reference"
SHIPPED = ("sectors", "tip", "dol", "countries")
GSI_TITLE = "Global Slavery Index 2023 prevalence"
# Country names the source tables spell differently from the GOV.UK register (as in make_reference.py)
ALIASES = {
    "bahamas": "BS", "burma": "MM", "myanmar": "MM", "côte d’ivoire": "CI", "côte d'ivoire": "CI", "cabo verde": "CV",
    "democratic republic of the congo": "CD", "republic of the congo": "CG", "czech republic": "CZ", "macau": "MO",
    "sint maarten": "SX", "st. lucia": "LC", "st. vincent and the grenadines": "VC", "kyrgyz republic": "KG",
    "viet nam": "VN", "timor-leste": "TL", "gambia": "GM", "côte divoire": "CI", "cote d'ivoire": "CI",
}


def _csv(name):
    with open(REFERENCE / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _models(models):
    if models is None:
        from .models import CountryRisk, GoodAtRisk, ReferenceDataset, RiskSector

        return ReferenceDataset, RiskSector, CountryRisk, GoodAtRisk
    return models


def load(models=None):
    """Load (or update to) the shipped reference data. A loaded Global Slavery Index is kept."""
    ReferenceDataset, RiskSector, CountryRisk, GoodAtRisk = _models(models)
    datasets = json.loads((REFERENCE / "datasets.json").read_text(encoding="utf-8"))
    sectors = json.loads((REFERENCE / "sectors.json").read_text(encoding="utf-8"))
    ReferenceDataset.objects.update_or_create(key="sectors", defaults={
        "title": "High-risk sectors in UK public procurement guidance", "version": sectors["version"],
        "source": sectors["source"], "licence": sectors["licence"], "shipped": True})
    for key in ("tip", "dol", "countries"):
        meta = datasets[key]
        ReferenceDataset.objects.update_or_create(key=key, defaults={
            "title": meta["title"], "version": meta["version"], "source": meta["source"], "licence": meta["licence"],
            "shipped": True})

    keys = [item["key"] for item in sectors["sectors"]]
    RiskSector.objects.exclude(key__in=keys).delete()
    for position, item in enumerate(sectors["sectors"]):
        RiskSector.objects.update_or_create(key=item["key"], defaults={
            "label": item["label"], "why": item["why"], "weight": item["weight"], "sic_prefixes": item["sic"],
            "proclass_prefixes": item["proclass"], "expense_phrases": item["expense"], "keywords": item["keywords"],
            "exclude": item.get("exclude", []), "supplier_sectors": item.get("supplier_sectors", []),
            "position": position})

    tiers = {row["code"]: row["tier"] for row in _csv("tip_tiers.csv")}
    existing = {c.code: c for c in CountryRisk.objects.all()}
    new = []
    for row in _csv("countries.csv"):
        country = existing.get(row["code"])
        if country is None:
            new.append(CountryRisk(code=row["code"], name=row["name"], tip_tier=tiers.get(row["code"], "")))
        elif country.name != row["name"] or country.tip_tier != tiers.get(row["code"], ""):
            country.name, country.tip_tier = row["name"], tiers.get(row["code"], "")
            country.save(update_fields=["name", "tip_tier"])
    CountryRisk.objects.bulk_create(new)

    GoodAtRisk.objects.all().delete()
    GoodAtRisk.objects.bulk_create([GoodAtRisk(country_code=row["code"], good=row["good"], exploitation=row["exploitation"])
                                    for row in _csv("dol_goods.csv")])


def ensure_loaded():
    """Load the shipped reference data if it is missing (after a test database flush, say)."""
    from .models import ReferenceDataset

    if ReferenceDataset.objects.filter(key__in=SHIPPED).count() < len(SHIPPED):
        load()


def names_to_codes():
    """Country name (lower case, as any of the reference tables spells it) -> ISO code."""
    names = {row["name"].lower(): row["code"] for row in _csv("countries.csv")}
    names.update({row["country"].lower(): row["code"] for row in _csv("tip_tiers.csv")})
    names.update(ALIASES)
    return names


class GsiFileError(ValueError):
    """The file cannot be loaded; ``problems`` names every row that is wrong."""

    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


def read_gsi(raw: bytes):
    """[(ISO code, prevalence per 1,000)] from the Global Slavery Index 2023 prevalence table
    (columns Country and Prevalence_Per_1000; CSV in UTF-8 or Windows-1252, or a workbook, as
    core.tabular reads them). All rows or none."""
    try:
        rows, _ = read_rows(raw)
    except FileError as error:
        raise GsiFileError([str(error)]) from None
    if not rows:
        raise GsiFileError(["The file is empty"])
    header = [h.strip().lower() for h in rows[0]]
    if "country" not in header or "prevalence_per_1000" not in header:
        raise GsiFileError(["The first row must name the columns Country and Prevalence_Per_1000"])
    c, p = header.index("country"), header.index("prevalence_per_1000")
    names = names_to_codes()
    result, problems = [], []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(c, p):
            problems.append(f"Row {number}: too few columns")
            continue
        name = row[c].strip().replace("\x92", "’")
        code = names.get(name.lower()) or names.get(name.lower().replace("’", "'"))
        if code is None:
            problems.append(f"Row {number}: country '{name}' is not one Clearsight knows")
            continue
        try:
            value = Decimal(row[p].strip().replace(",", ""))
        except InvalidOperation:
            problems.append(f"Row {number}: prevalence '{row[p].strip()}' is not a number")
            continue
        if value < 0 or value > 1000:
            problems.append(f"Row {number}: prevalence {value} is not between 0 and 1,000 per 1,000 people")
            continue
        result.append((code, value))
    if problems:
        raise GsiFileError(problems)
    if not result:
        raise GsiFileError(["The file has no countries in it"])
    return result


def load_gsi(raw: bytes, version="Global Slavery Index 2023", source=""):
    """Replace any loaded Global Slavery Index figures with the file's. Returns how many countries."""
    from django.db import transaction

    from .models import CountryRisk, ReferenceDataset

    figures = read_gsi(raw)
    with transaction.atomic():
        ensure_loaded()
        CountryRisk.objects.exclude(gsi_prevalence=None).update(gsi_prevalence=None)
        by_code = {c.code: c for c in CountryRisk.objects.filter(code__in=[code for code, _ in figures])}
        for code, value in figures:
            by_code[code].gsi_prevalence = value
        CountryRisk.objects.bulk_update(list(by_code.values()), ["gsi_prevalence"])
        ReferenceDataset.objects.update_or_create(key="gsi", defaults={
            "title": GSI_TITLE, "version": version, "shipped": False,
            "source": source or "Walk Free, Global Slavery Index 2023: estimated prevalence of modern slavery per 1,000 "
                                "people. Loaded by a user from their own copy; not shipped with Clearsight.",
            "licence": "Walk Free / Minderoo Foundation terms of use; not redistributed by Clearsight."})
    return len(figures)


def current_reference():
    """The reference data as plain objects for risk.screen."""
    from . import risk
    from .models import CountryRisk, GoodAtRisk, ReferenceDataset, RiskSector

    ensure_loaded()
    datasets = {d.key: d for d in ReferenceDataset.objects.all()}
    sectors = [risk.Sector(s.key, s.label, s.why, s.weight, tuple(s.sic_prefixes), tuple(s.proclass_prefixes),
                           tuple(s.expense_phrases), tuple(s.keywords), tuple(s.exclude),
                           tuple(s.supplier_sectors)) for s in RiskSector.objects.all()]
    countries = list(CountryRisk.objects.values_list("code", "name", "tip_tier", "gsi_prevalence"))
    synonyms = json.loads((REFERENCE / "sectors.json").read_text(encoding="utf-8")).get("goods_synonyms", {})
    gsi = {code: prevalence for code, _, _, prevalence in countries if prevalence is not None} if "gsi" in datasets else {}
    return risk.Reference(
        sectors=sectors,
        tiers={code: tier for code, _, tier, _ in countries if tier},
        country_names={code: name for code, name, _, _ in countries},
        goods=list(GoodAtRisk.objects.values_list("country_code", "good", "exploitation")),
        goods_synonyms=synonyms,
        gsi=gsi,
        gsi_version=datasets["gsi"].version if "gsi" in datasets else "",
        versions={key: d.version for key, d in datasets.items()},
    )


def reference_from_files():
    """The shipped reference data as plain objects, read straight from the files (no database)."""
    from . import risk

    datasets = json.loads((REFERENCE / "datasets.json").read_text(encoding="utf-8"))
    data = json.loads((REFERENCE / "sectors.json").read_text(encoding="utf-8"))
    return risk.Reference(
        sectors=[risk.Sector(s["key"], s["label"], s["why"], s["weight"], tuple(s["sic"]), tuple(s["proclass"]),
                             tuple(s["expense"]), tuple(s["keywords"]), tuple(s.get("exclude", [])),
                             tuple(s.get("supplier_sectors", []))) for s in data["sectors"]],
        tiers={row["code"]: row["tier"] for row in _csv("tip_tiers.csv")},
        country_names={row["code"]: row["name"] for row in _csv("countries.csv")},
        goods=[(row["code"], row["good"], row["exploitation"]) for row in _csv("dol_goods.csv")],
        goods_synonyms=data.get("goods_synonyms", {}),
        versions={"sectors": data["version"], **{key: meta["version"] for key, meta in datasets.items()}},
    )
