"""A small, explainable record-matching engine (Fellegi-Sunter with fixed m/u weights).

Records describe businesses or premises: a name, an address, a postcode, a company number and a
country, any of them possibly missing. ``score_pair`` compares two records field by field; each
field falls into one *level* ("names agree after removing legal forms", "postcodes differ"), and
each level carries two probabilities:

* m: how often two records of the SAME business fall into this level;
* u: how often two records of DIFFERENT businesses (that share a blocking key) fall into it.

The pair's match weight is log2(prior odds) plus the sum of log2(m/u) over the fields both records
have (a missing field says nothing); the match probability is 2^w / (1 + 2^w). The reasons are the
levels' sentences, strongest first. The m/u values are set by judgement and checked against two
labelled sets (see docs/adr/0015-matching.md and bench/matching.py); they are constants here so that
every decision can be explained and reproduced.

``CandidateIndex`` finds candidate pairs by blocking (a shared distinctive name word, the first
letters of the name, the same postcode or company number), so that thousands of records against
thousands take a fraction of a second rather than comparing every pair.

No Django here: supplier resolution, company-register matching and (later) intelligence about
premises all use these functions.
"""

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from clearsight.supply.api import (name_variants, normalise_address, normalise_company_number, normalise_postcode,
                                   postcode_district)

# Thresholds on the match probability.
CONFIDENT = 0.90  # at or above: apply without asking
POSSIBLE = 0.30  # at or above (and below CONFIDENT): ask a person
# Prior: the probability that a candidate pair found by blocking is the same business.
PRIOR = 0.05


@dataclass(frozen=True)
class Level:
    key: str
    m: float
    u: float
    reason: str

    @property
    def weight(self) -> float:
        return math.log2(self.m / self.u)


# The levels of each comparison, best first. m and u are documented in ADR 0015.
NAME_LEVELS = [
    Level("exact", 0.60, 0.0002, "names agree after removing legal forms and punctuation"),
    Level("spelling", 0.15, 0.0007, "names agree apart from small spelling differences or word order"),
    Level("contains", 0.12, 0.01, "one name contains all the words of the other"),
    Level("similar", 0.08, 0.03, "names are similar"),
    Level("some", 0.03, 0.10, "names share only some words"),
    Level("differ", 0.02, 0.859, "names differ"),
]
COMPANY_LEVELS = [
    Level("exact", 0.95, 0.00001, "company numbers agree"),
    Level("differ", 0.05, 0.99999, "company numbers differ"),
]
POSTCODE_LEVELS = [
    Level("exact", 0.80, 0.0001, "postcodes agree"),
    Level("district", 0.10, 0.01, "postcodes are in the same district"),
    Level("differ", 0.10, 0.9899, "postcodes differ"),
]
ADDRESS_LEVELS = [
    Level("agree", 0.66, 0.01, "addresses agree"),
    Level("similar", 0.30, 0.10, "addresses are similar"),
    Level("differ", 0.04, 0.89, "addresses differ"),
]
COUNTRY_LEVELS = [
    Level("same", 0.95, 0.20, "countries agree"),
    Level("differ", 0.05, 0.80, "countries differ"),
]
COMPARISONS = {"name": NAME_LEVELS, "company_number": COMPANY_LEVELS, "postcode": POSTCODE_LEVELS,
               "address": ADDRESS_LEVELS, "country": COUNTRY_LEVELS}


def _level(levels, key):
    return next(level for level in levels if level.key == key)


@dataclass
class Record:
    """A business or premises as one source describes it. ``key`` is the caller's identifier."""

    key: object
    name: str
    address: str = ""
    postcode: str = ""
    company_number: str = ""
    country: str = ""
    # Names the organisation was known by before: strings, or (name, "until") pairs such as
    # ("Kiely Brothers Limited", "2019"). Used by the Splink linker (linker.py); this engine ignores them.
    former_names: tuple = ()
    # Other names the payer's own records hold under the same supplier number: (name, number) pairs
    # (account_names.py). Used by the Splink linker; this engine ignores them.
    account_names: tuple = ()
    # Other names a person said the organisation goes by (a supplier's confirmed aliases: a name merged
    # into it from a review). Used by the Splink linker; this engine ignores them.
    known_names: tuple = ()
    names: tuple = field(init=False, repr=False)
    postcode_n: str = field(init=False, repr=False)
    district: str = field(init=False, repr=False)
    company_n: str = field(init=False, repr=False)
    address_n: str = field(init=False, repr=False)
    country_n: str = field(init=False, repr=False)

    def __post_init__(self):
        self.names = name_variants(self.name or "")
        self.postcode_n = normalise_postcode(self.postcode)
        self.district = postcode_district(self.postcode)
        self.company_n = normalise_company_number(self.company_number)
        self.address_n = normalise_address(self.address)
        self.country_n = (self.country or "").strip().lower()


@dataclass
class Score:
    probability: float
    weight: float
    levels: dict  # comparison -> Level
    reasons: list  # sentences, the strongest evidence first

    @property
    def confident(self):
        return self.probability >= CONFIDENT

    @property
    def possible(self):
        return self.probability >= POSSIBLE


def name_level(a_names, b_names) -> Level:
    """The best level over every pair of the two records' name variants."""
    best = len(NAME_LEVELS) - 1
    for x in a_names:
        for y in b_names:
            best = min(best, _name_level_index(x, y))
            if best == 0:
                return NAME_LEVELS[0]
    return NAME_LEVELS[best]


_NUMBERED_WORD = re.compile(r"\b[a-z]*[0-9][a-z0-9]*\b")


def _numbers(name):
    return set(_NUMBERED_WORD.findall(name))


def _name_level_index(x: str, y: str) -> int:
    if not x or not y:
        return 5
    if x == y:
        return 0
    x_numbers, y_numbers = _numbers(x), _numbers(y)
    if x_numbers and y_numbers and x_numbers != y_numbers:
        # "Unit 6" and "Unit 10", "Factory 1" and "Factory 2": numbered sites of one business
        return max(3, _name_similarity_index(x, y))
    return _name_similarity_index(x, y)


def _name_similarity_index(x: str, y: str) -> int:
    x_compact, y_compact = x.replace(" ", ""), y.replace(" ", "")
    if x_compact == y_compact:
        return 1
    if fuzz.token_sort_ratio(x, y) >= 92 or fuzz.ratio(x_compact, y_compact) >= 94:
        return 1
    token_set = fuzz.token_set_ratio(x, y)
    if token_set == 100:
        return 2
    if token_set >= 85 or fuzz.ratio(x_compact, y_compact) >= 85:
        return 3
    if token_set >= 65:
        return 4
    return 5


def compare(a: Record, b: Record) -> dict:
    """Which level each comparison falls into, for the fields both records have."""
    levels = {"name": name_level(a.names, b.names)}
    if a.company_n and b.company_n:
        levels["company_number"] = _level(COMPANY_LEVELS, "exact" if a.company_n == b.company_n else "differ")
    if a.postcode_n and b.postcode_n:
        key = "exact" if a.postcode_n == b.postcode_n else "district" if a.district == b.district else "differ"
        levels["postcode"] = _level(POSTCODE_LEVELS, key)
    if a.address_n and b.address_n:
        similarity = fuzz.token_set_ratio(a.address_n, b.address_n)
        key = "agree" if similarity >= 90 else "similar" if similarity >= 70 else "differ"
        levels["address"] = _level(ADDRESS_LEVELS, key)
    if a.country_n and b.country_n:
        levels["country"] = _level(COUNTRY_LEVELS, "same" if a.country_n == b.country_n else "differ")
    return levels


def score_levels(levels: dict, prior: float = PRIOR) -> Score:
    weight = math.log2(prior / (1 - prior)) + sum(level.weight for level in levels.values())
    probability = 1 / (1 + 2 ** -weight)
    ordered = sorted(levels.values(), key=lambda level: -abs(level.weight))
    return Score(probability, weight, levels, [level.reason for level in ordered])


def score_pair(a: Record, b: Record, prior: float = PRIOR) -> Score:
    """The probability that two records describe the same business, and why."""
    return score_levels(compare(a, b), prior)


def describe_probability(probability: float) -> str:
    """The probability in words for people deciding a match."""
    if probability >= CONFIDENT:
        return "very likely"
    if probability >= 0.7:
        return "likely"
    if probability >= POSSIBLE:
        return "possible"
    return "unlikely"


# --- Candidate generation ---------------------------------------------------------------------------

@dataclass
class Match:
    left: Record
    right: Record
    score: Score
    runner_up: "Match | None" = None  # another candidate scoring (almost) as well: a person must choose

    @property
    def ambiguous(self):
        return self.runner_up is not None

    @property
    def confident(self):
        return self.score.confident and not self.ambiguous

    @property
    def reasons(self):
        if self.ambiguous:
            return self.score.reasons + [f"another record ({self.runner_up.right.name}) matches almost as well"]
        return self.score.reasons


class CandidateIndex:
    """The records to match against, indexed by blocking keys."""

    PREFIX = 5  # letters of the name (spaces removed) that make a block
    SHORTLIST = 8  # candidates from name blocks kept (by name similarity) for full scoring
    AMBIGUITY = 1.0  # a runner-up within this match weight of the best makes the match uncertain

    def __init__(self, records):
        self.records = list(records)
        self.by_word = defaultdict(set)
        self.by_prefix = defaultdict(set)
        self.by_postcode = defaultdict(set)
        self.by_company = defaultdict(set)
        for i, record in enumerate(self.records):
            self._index(i, record)
        # A word shared by very many records ("services", "care") does not block on its own.
        self.common = max(25, int(len(self.records) ** 0.5))

    def _index(self, i, record):
        for variant in record.names:
            for word in set(variant.split()):
                self.by_word[word].add(i)
            self.by_prefix[variant.replace(" ", "")[: self.PREFIX]].add(i)
        if record.postcode_n:
            self.by_postcode[record.postcode_n].add(i)
        if record.company_n:
            self.by_company[record.company_n].add(i)

    def add(self, record):
        """Add a record (one created while matching a batch, so later names can match it)."""
        self.records.append(record)
        self._index(len(self.records) - 1, record)

    def _name_block(self, record):
        found = set()
        for variant in record.names:
            words = sorted(set(variant.split()), key=lambda w: len(self.by_word.get(w, ())))
            distinctive = [w for w in words if 0 < len(self.by_word.get(w, ())) <= self.common][:3]
            for word in distinctive:
                found |= self.by_word[word]
            found |= self.by_prefix.get(variant.replace(" ", "")[: self.PREFIX], set())
        return found

    def candidates(self, record):
        """Indexes of the records worth scoring against ``record``."""
        by_name = self._name_block(record)
        if len(by_name) > self.SHORTLIST:
            names = {i: self.records[i].names[0] if self.records[i].names else "" for i in by_name}
            query = record.names[0] if record.names else ""
            best = process.extract(query, names, scorer=fuzz.token_set_ratio, limit=self.SHORTLIST, score_cutoff=50)
            by_name = {i for _, _, i in best}
        exact = set()
        if record.postcode_n:
            exact |= self.by_postcode.get(record.postcode_n, set())
        if record.company_n:
            exact |= self.by_company.get(record.company_n, set())
        return by_name | exact

    def best_match(self, record, exclude=frozenset(), prior=PRIOR):
        """The best-scoring candidate for ``record`` at or above POSSIBLE, or None.
        ``exclude`` holds the keys of records never to propose (rejected before)."""
        scored = []
        for i in self.candidates(record):
            other = self.records[i]
            if other.key in exclude:
                continue
            score = score_pair(record, other, prior)
            if score.possible:
                scored.append(Match(record, other, score))
        if not scored:
            return None
        scored.sort(key=lambda m: -m.score.weight)
        best = scored[0]
        for other in scored[1:]:
            if other.right.key != best.right.key and other.score.weight >= best.score.weight - self.AMBIGUITY:
                best.runner_up = other
                break
        return best


def best_matches(left, right, exclude=None, prior=PRIOR):
    """{left key: Match} for each left record with a candidate at or above POSSIBLE.
    ``exclude`` maps a left key to the right keys never to propose for it."""
    index = right if isinstance(right, CandidateIndex) else CandidateIndex(right)
    exclude = exclude or {}
    found = {}
    for record in left:
        match = index.best_match(record, exclude.get(record.key, frozenset()), prior)
        if match is not None:
            found[record.key] = match
    return found
