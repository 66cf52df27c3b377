"""A supplier's inherent modern slavery risk, worked out from what is known about it.

Plain functions and data, no database: ``screen(profile, reference)`` returns a score from 0 to 100,
a tier and the factors that made the score, each with its points and a sentence saying why. The
indicators follow the ones public procurement guidance names (industry, supplier location,
commodity, nature of the workforce, business model):

* sector: the high-risk sectors (reference/sectors.json), found from SIC codes, sectors recorded
  on the supplier, ProClass codes of its contracts, the expense categories of its spend lines and
  words in its name and description;
* countries: the US Trafficking in Persons report tier of each country it operates in or sources
  from, and (if an organisation has loaded it) the Global Slavery Index prevalence;
* goods: the US Department of Labor list of goods produced by child or forced labour;
* workforce and business model: agency labour, subcontracting, worker accommodation, recruitment fees.

What is not known is said to be unknown and carries some points, so that a supplier nobody has
looked at does not rank as low risk (see docs/adr/0017-risk-screening.md).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

TIERS = [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("very_high", "Very high")]
TIER_LABELS = dict(TIERS)
# Lowest score of each tier above "low"
TIER_THRESHOLDS = [(60, "very_high"), (35, "high"), (15, "medium")]

SECTOR_UNKNOWN_POINTS = 15
COUNTRIES_UNKNOWN_POINTS = 8
SOURCING_UNKNOWN_POINTS = 4
COUNTRY_NOT_GRADED_POINTS = 8  # a country missing from the tier table: unknown, so treated with caution
COUNTRY_CAP = 30
EXTRA_COUNTRY_POINTS = 5
TIP_POINTS = {"Tier 1": 0, "Tier 2": 5, "Tier 2 Watch List": 12, "Special Case": 20, "Tier 3": 25}
TIP_WORDS = {
    "Tier 1": "Tier 1 in the US Trafficking in Persons report (the government fully meets minimum standards)",
    "Tier 2": "Tier 2 in the US Trafficking in Persons report",
    "Tier 2 Watch List": "on the Tier 2 Watch List of the US Trafficking in Persons report",
    "Tier 3": "Tier 3 in the US Trafficking in Persons report",
    "Special Case": "a special case in the US Trafficking in Persons report (conflict or no functioning government)",
}
GSI_CAP = 10
GOODS_CAP = 25
GOOD_FROM_LISTED_COUNTRY = 20
GOOD_SOURCE_UNKNOWN = 10
GOOD_LISTED_ELSEWHERE = 3
EXTRA_GOOD_POINTS = 5
WORKFORCE = [
    # field, points when yes, what it means when yes, the question when not known, when no
    ("charges_recruitment_fees", 15, "Charges workers recruitment fees: fees leave workers in debt to the people who employ them",
     "charges workers recruitment fees", "does not charge workers recruitment fees"),
    ("uses_agency_labour", 10, "Uses agency labour: people employed by a third party are harder to see and to protect",
     "uses agency labour", "does not use agency labour"),
    ("provides_worker_accommodation", 10, "Provides accommodation for its workers: housing tied to a job can be used to control workers",
     "provides accommodation for its workers", "does not provide accommodation for its workers"),
    ("subcontracts_work", 8, "Subcontracts work: each layer of subcontracting makes it harder to know who does the work and on what terms",
     "subcontracts work", "does not subcontract work"),
]
WORKFORCE_UNKNOWN_POINTS = 2  # for each question not answered

GROUPS = [("sector", "Sector"), ("countries", "Countries"), ("goods", "Goods"), ("workforce", "Workforce and business model")]


# --- Reference data as plain objects ------------------------------------------------------------------

def _phrase_pattern(phrases):
    phrases = [p.strip().lower() for p in phrases if p and p.strip()]
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])({alternatives})(?![a-z0-9])", re.IGNORECASE)


@dataclass
class Sector:
    key: str
    label: str
    why: str
    weight: int
    sic: tuple = ()
    proclass: tuple = ()
    expense: tuple = ()
    keywords: tuple = ()
    exclude: tuple = ()
    supplier_sectors: tuple = ()  # the keys a supplier's record may hold that mean this sector

    def __post_init__(self):
        self.expense_re = _phrase_pattern(self.expense)
        self.keyword_re = _phrase_pattern(self.keywords)
        self.exclude_re = _phrase_pattern(self.exclude)


def normalise_good(text):
    text = re.sub(r"\(.*?\)", " ", str(text).lower())
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return " ".join(word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
                    for word in text.split())


@dataclass
class Reference:
    """Everything screening needs to know, loaded once per screening run."""

    sectors: list = field(default_factory=list)
    tiers: dict = field(default_factory=dict)  # ISO code -> TIP tier
    country_names: dict = field(default_factory=dict)  # ISO code -> name
    goods: list = field(default_factory=list)  # (ISO code, good, exploitation)
    goods_synonyms: dict = field(default_factory=dict)  # what a supplier may write -> a good on the list
    gsi: dict = field(default_factory=dict)  # ISO code -> prevalence per 1,000 (only when loaded)
    gsi_version: str = ""
    versions: dict = field(default_factory=dict)  # dataset key -> version

    def __post_init__(self):
        self.sectors_by_key = {s.key: s for s in self.sectors}
        # Many suppliers share codes and spend categories: remember each answer.
        self._sic, self._proclass, self._expense = {}, {}, {}
        self._keywords, self._excludes = {}, {}
        for sector in self.sectors:
            for phrase in sector.keywords:
                self._keywords.setdefault(phrase.strip().lower(), []).append(sector.key)
            for phrase in sector.exclude:
                self._excludes.setdefault(phrase.strip().lower(), []).append(sector.key)
        self.keywords_re = _phrase_pattern(list(self._keywords))
        self.excludes_re = _phrase_pattern(list(self._excludes))
        self.sector_aliases = {}
        for sector in self.sectors:
            for key in (sector.key, *sector.supplier_sectors):
                self.sector_aliases.setdefault(key, sector.key)
        self.goods_index = {}
        for code, good, exploitation in self.goods:
            self.goods_index.setdefault(normalise_good(good), []).append((code, good, exploitation))
        self.goods_re = _phrase_pattern(list(self.goods_index) + [normalise_good(s) for s in self.goods_synonyms])
        self.synonyms = {normalise_good(k): normalise_good(v) for k, v in self.goods_synonyms.items()}

    def sectors_for_sic(self, code):
        if code not in self._sic:
            self._sic[code] = [s.key for s in self.sectors if any(code.startswith(p) for p in s.sic)]
        return self._sic[code]

    def sectors_for_proclass(self, code):
        if not code:
            return []
        if code not in self._proclass:
            self._proclass[code] = [s.key for s in self.sectors if any(code.startswith(p) for p in s.proclass)]
        return self._proclass[code]

    def sectors_for_expense(self, category):
        if category not in self._expense:
            self._expense[category] = [s.key for s in self.sectors if s.expense_re and s.expense_re.search(category or "")]
        return self._expense[category]

    def sectors_in_words(self, text):
        """[(sector key, the phrase found)] for the sector keywords in ``text``, leaving out sectors
        whose exclusions it contains ("cyber security" is not a security service)."""
        if not text or self.keywords_re is None:
            return []
        excluded = set()
        if self.excludes_re is not None:
            for match in self.excludes_re.finditer(text):
                excluded.update(self._excludes[match.group(0).lower()])
        found = []
        for match in self.keywords_re.finditer(text):
            for key in self._keywords[match.group(0).lower()]:
                if key not in excluded:
                    found.append((key, match.group(0)))
        return found

    def country(self, code):
        return self.country_names.get(code, code)


# --- What is known about a supplier --------------------------------------------------------------------

@dataclass
class Profile:
    name: str = ""
    sic_codes: list = field(default_factory=list)
    sectors: list = field(default_factory=list)
    keywords: str = ""
    goods: list = field(default_factory=list)
    operating_countries: list = field(default_factory=list)
    sourcing_countries: list = field(default_factory=list)
    uses_agency_labour: bool | None = None
    subcontracts_work: bool | None = None
    provides_worker_accommodation: bool | None = None
    charges_recruitment_fees: bool | None = None
    proclass: list = field(default_factory=list)  # (code, description) of its contracts
    contract_texts: list = field(default_factory=list)  # contract titles and categories
    expense_categories: list = field(default_factory=list)  # from its spend lines


@dataclass
class Factor:
    group: str
    points: int
    text: str
    unknown: bool = False

    def as_dict(self):
        return {"group": self.group, "points": self.points, "text": self.text, "unknown": self.unknown}


@dataclass
class Result:
    score: int
    tier: str
    factors: list

    @property
    def tier_label(self):
        return TIER_LABELS[self.tier]

    @property
    def unknowns(self):
        return [f for f in self.factors if f.unknown]


def tier_for(score):
    for threshold, tier in TIER_THRESHOLDS:
        if score >= threshold:
            return tier
    return "low"


def screen(profile: Profile, reference: Reference) -> Result:
    factors = sector_factors(profile, reference) + country_factors(profile, reference) \
        + goods_factors(profile, reference) + workforce_factors(profile)
    score = min(100, sum(f.points for f in factors))
    return Result(score, tier_for(score), factors)


# --- Sector ------------------------------------------------------------------------------------------

def _sector_evidence(profile, reference):
    """{sector key: [evidence, ...]} in the order the evidence is most reliable."""
    found = {}

    def add(key, evidence):
        found.setdefault(key, [])
        if evidence not in found[key]:
            found[key].append(evidence)

    for key in profile.sectors:
        if key in reference.sector_aliases:
            add(reference.sector_aliases[key], "recorded as its sector")
    for code in (str(c).strip().zfill(5) for c in profile.sic_codes if str(c).strip()):
        for key in reference.sectors_for_sic(code):
            add(key, f"SIC {code}")
    proclass = [(str(code).strip(), (desc or "").strip()) for code, desc in profile.proclass if str(code).strip() or desc]
    for code, desc in proclass:
        for key in reference.sectors_for_proclass(code):
            add(key, f"ProClass {code}" + (f" {desc}" if desc else ""))
    for category in profile.expense_categories:
        for key in reference.sectors_for_expense(category):
            add(key, f"spend category '{category}'")
    for text in [profile.name, profile.keywords, *profile.contract_texts, *(d for _, d in proclass)]:
        for key, phrase in reference.sectors_in_words(text):
            add(key, f"its name says '{phrase}'" if text == profile.name else f"described as '{phrase}'")
    return found


def sector_factors(profile, reference):
    found = _sector_evidence(profile, reference)
    if found:
        ranked = sorted(found, key=lambda k: -reference.sectors_by_key[k].weight)
        factors = []
        for position, key in enumerate(ranked):
            sector = reference.sectors_by_key[key]
            evidence = "; ".join(found[key][:2])
            if position == 0:
                factors.append(Factor("sector", sector.weight,
                                      f"{sector.label}: a high-risk sector in UK public procurement guidance ({evidence})"))
            else:
                factors.append(Factor("sector", 0, f"Also {sector.label}, another high-risk sector ({evidence}); "
                                                    "a sector's points count once"))
        return factors
    known = [f"SIC {c}" for c in profile.sic_codes] + [f"ProClass {c}" for c, _ in profile.proclass if c]
    if known or profile.expense_categories or profile.keywords or profile.contract_texts:
        shown = ", ".join(known[:3]) or "its description, contracts and spend"
        return [Factor("sector", 0, f"Not in a high-risk sector as far as its records show ({shown})")]
    return [Factor("sector", SECTOR_UNKNOWN_POINTS,
                   "Sector not known: no SIC code, sector, contract category, spend category or description is recorded",
                   unknown=True)]


# --- Countries ---------------------------------------------------------------------------------------

def _where(code, profile):
    operates, sources = code in profile.operating_countries, code in profile.sourcing_countries
    if operates and sources:
        return "Operates in and sources from"
    return "Sources from" if sources else "Operates in"


def country_factors(profile, reference):
    codes = list(dict.fromkeys([c.upper() for c in [*profile.sourcing_countries, *profile.operating_countries] if c]))
    if not codes:
        return [Factor("countries", COUNTRIES_UNKNOWN_POINTS,
                       "Countries not known: no countries of operation or sourcing are recorded", unknown=True)]
    scored = []
    for code in codes:
        tier = reference.tiers.get(code)
        name = reference.country(code)
        if tier is None:
            scored.append((COUNTRY_NOT_GRADED_POINTS, Factor(
                "countries", 0, f"{_where(code, profile)} {name}: no US Trafficking in Persons tier is held for it, "
                                "so its risk is not known", unknown=True)))
        else:
            scored.append((TIP_POINTS.get(tier, 0), Factor("countries", 0, f"{_where(code, profile)} {name}: {TIP_WORDS.get(tier, tier)}")))
    # The worst country counts in full, each other risky one adds a little, up to a cap.
    scored.sort(key=lambda item: -(item[0] or 0))
    total = 0
    for position, (points, factor) in enumerate(scored):
        if points:
            add = points if position == 0 else min(EXTRA_COUNTRY_POINTS, points)
            add = max(0, min(add, COUNTRY_CAP - total))
            factor.points = add
            total += add
    factors = [f for _, f in scored]
    if reference.gsi:
        gsi = []
        for code in codes:
            prevalence = reference.gsi.get(code)
            if prevalence is None:
                continue
            points = 10 if prevalence >= 20 else 7 if prevalence >= 10 else 4 if prevalence >= 5 else 0
            gsi.append((points, Factor("countries", 0, f"{reference.country(code)}: an estimated {_number(prevalence)} people in "
                                                       f"modern slavery per 1,000 ({reference.gsi_version or 'Global Slavery Index'})")))
        gsi.sort(key=lambda item: -item[0])
        if gsi:
            gsi[0][1].points = min(gsi[0][0], GSI_CAP)
        factors += [f for _, f in gsi]
    if not profile.sourcing_countries:
        factors.append(Factor("countries", SOURCING_UNKNOWN_POINTS,
                              "Sourcing countries not known: where its goods and materials come from is not recorded", unknown=True))
    return factors


def _number(value):
    value = Decimal(str(value)).normalize()
    return f"{value:f}"


# --- Goods -------------------------------------------------------------------------------------------

def _listed_goods(good, reference):
    """The goods on the list that a supplier's wording names: 'Cotton T-shirts' names Cotton and Garments."""
    text = normalise_good(good)
    if not text or reference.goods_re is None:
        return []
    names = []
    for match in reference.goods_re.finditer(text):
        name = reference.synonyms.get(match.group(0), match.group(0))
        if name in reference.goods_index and name not in names:
            names.append(name)
    return names


def goods_factors(profile, reference):
    goods = [g for g in profile.goods if str(g).strip()]
    if not goods:
        return [Factor("goods", 0, "Goods supplied not recorded", unknown=True)]
    countries = {c.upper() for c in [*profile.sourcing_countries, *profile.operating_countries]}
    scored, unlisted = [], []
    for good in goods:
        listed = _listed_goods(good, reference)
        if not listed:
            unlisted.append(str(good))
            continue
        for name in listed:
            entries = reference.goods_index[name]
            label = entries[0][1]
            here = [e for e in entries if e[0] in countries]
            if here:
                for code, _, exploitation in here:
                    scored.append((GOOD_FROM_LISTED_COUNTRY, Factor("goods", 0, f"{label} from {reference.country(code)}: on the US "
                                                                               f"Department of Labor list of goods produced with {_labour(exploitation)}")))
            else:
                places = sorted({reference.country(e[0]) for e in entries})
                shown = ", ".join(places[:4]) + (f" and {len(places) - 4} more" if len(places) > 4 else "")
                if profile.sourcing_countries:
                    scored.append((GOOD_LISTED_ELSEWHERE, Factor("goods", 0, f"{label}: on the US Department of Labor list for "
                                                                            f"{shown}, none of them a country it sources from")))
                else:
                    scored.append((GOOD_SOURCE_UNKNOWN, Factor("goods", 0, f"{label}: on the US Department of Labor list of goods "
                                                                          f"produced with child or forced labour in {shown}; where this "
                                                                          "supplier's come from is not known", unknown=True)))
    scored.sort(key=lambda item: -item[0])
    total = 0
    for position, (points, factor) in enumerate(scored):
        add = points if position == 0 else min(EXTRA_GOOD_POINTS, points)
        add = max(0, min(add, GOODS_CAP - total))
        factor.points = add
        total += add
    factors = [f for _, f in scored]
    if unlisted:
        factors.append(Factor("goods", 0, f"Not on the US Department of Labor list: {', '.join(unlisted[:5])}"))
    return factors


def _labour(exploitation):
    """'Child Labor, Inputs Produced with Forced Labor' -> 'child labour (and inputs made with forced labour)'."""
    direct, inputs = [], []
    for part in (p.strip().lower() for p in exploitation.split(",")):
        kind = "forced labour" if "forced" in part else "child labour" if "child" in part else None
        if kind:
            (inputs if part.startswith("inputs") else direct).append(kind)
    if direct and inputs:
        return f"{' and '.join(direct)} (and inputs made with {' and '.join(inputs)})"
    if inputs:
        return f"inputs made with {' and '.join(inputs)}"
    return " and ".join(direct) or "child or forced labour"


# --- Workforce and business model --------------------------------------------------------------------

def workforce_factors(profile):
    factors, unknown, no = [], [], []
    for name, points, yes_words, question, no_words in WORKFORCE:
        value = getattr(profile, name)
        if value is True:
            factors.append(Factor("workforce", points, yes_words))
        elif value is None:
            unknown.append(question)
        else:
            no.append(no_words)
    if unknown:
        factors.append(Factor("workforce", WORKFORCE_UNKNOWN_POINTS * len(unknown),
                              "Not known whether it " + _join(unknown), unknown=True))
    if no:
        factors.append(Factor("workforce", 0, "Recorded that it " + _join(no, "and")))
    return factors


def _join(items, word="or"):
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]
