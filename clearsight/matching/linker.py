"""Ranked candidates for each record: the one interface supplier resolution, register matching and
the review queue use (issue 16), scored by Splink 5 on DuckDB (ADR 0032).

``rank(left, right)`` returns, for each left record with at least one candidate at or above
POSSIBLE, a ``Ranked``: its candidates best first (at most ``top``), each with a probability, the
reasons in words (strongest evidence first) and ``levels`` ({comparison: level key}, e.g.
{"name": "written", "legal_form": "group"}). A ranking is ``confident`` when the best candidate is at
or above CONFIDENT and no other candidate comes close; then it may be applied without asking a
person. Otherwise the candidates go to a person, who chooses one of them or "none of these".

``labels`` are earlier decisions people made (a confirmed or rejected pair): a confirmation counts
as an example of the same organisation when m is estimated, a rejection as a look-alike pair of
different ones when u is (splink_training.adjust_for_labels); a pair decided before keeps its
decision (a rejected pair is never proposed, a confirmed one comes first, saying so). ``exclude``
maps a left key to right keys never to propose (rejected before).

``Record`` (engine.py) may carry ``former_names`` (strings or (name, "until") pairs): a name that
agrees with one of them is found, with the reason "the name agrees with a former name of this
company (until 2019)".

How a run goes: every record becomes a row of comparison columns (splink_model.features); both
sides go into a DuckDB database in memory, one connection per call (so calls in several threads do
not share one); u and m are estimated on the run's own records when there are enough of them
(splink_training.estimate), else the starting values are used; Splink scores the pairs the
blocking rules find. Term-frequency adjustments (a rare name or word agreeing counts more than a
common one) are used when the right side is large enough for frequencies to mean something.
"""

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import splink_model, splink_training
from .engine import CONFIDENT, POSSIBLE, Record  # noqa: F401 (part of this interface)
from clearsight.core.text import quoted_list as _listed
from clearsight.supply.api import name_words, normalise_name, trading_names, written_name

TOP = 3
# The best candidate is only applied without a person when the next one is this far behind, in
# probability or in match weight (bits: 3 bits is eight times the odds).
CLEAR_LEAD = 0.10
CLEAR_LEAD_WEIGHT = 3.0
# Name levels that may be applied without a person ("one name contains the other's words" or "the
# distinctive word agrees" may be another company: "Socotec - Aecom" and "Socotec UK"), unless the
# company numbers agree.
AUTOMATIC_NAME_LEVELS = {"written", "exact", "former", "other_name", "order", "slip", "spelling"}
# Prior probability that a left record has its organisation among the right records at all; the
# prior for one pair is this divided by the number of right records (tuned on the labelled sets).
PRESENT_SHARE = 0.5
PRIOR_CAP = 0.2
# Fewest right records for term frequencies (fewer: every word is "common" in a list of ten).
MIN_RIGHT_FOR_TERM_FREQUENCIES = 200
COMMON_WORD_SHARE = 0.005  # a word used by more than this share of the right records is "common"
# Against a list as large as a company register (thousands of records) the prior for one pair is so
# small that a name containing all the words of another, its distinctive word rare ("Cemex UK" and
# "Cemex UK Operations Limited"), scores about 0.14: below POSSIBLE, yet the right answer far more
# often than not. Such a candidate goes to a person (never applied without one) from this floor.
LARGE_RIGHT = 2000
REVIEW_FLOOR_LARGE = 0.10

logger = logging.getLogger(__name__)


@dataclass
class Candidate:
    record: Record
    probability: float
    reasons: list  # sentences, strongest evidence first
    levels: dict = field(default_factory=dict)  # comparison -> level key (splink_model.COMPARISONS)
    match_weight: float = 0.0
    confirmed: bool = False  # a person confirmed this pair before

    @property
    def key(self):
        return self.record.key


@dataclass
class Label:
    """A pair a person decided: the same organisation (True) or not (False)."""

    left: Record
    right: Record
    is_match: bool


@dataclass
class Ranked:
    left: Record
    candidates: list = field(default_factory=list)  # Candidate, best first
    # The most probable candidate was probably another company, and a likely one that is not was put
    # first (rank): Clearsight suggests it, but never applies it without a person.
    passed_over: Candidate | None = None

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    def why_a_person(self) -> str:
        """Why the best candidate is not applied without a person, in words ("" when it is)."""
        if not self.candidates or self.confident:
            return ""
        best = self.candidates[0]
        if self.passed_over is not None:
            return (f"The closest name, {self.passed_over.record.name}, is probably another company; this one is "
                    "likely, but not certain enough to use without a person.")
        name_level, numbers = best.levels.get("name"), best.levels.get("company_number") == "exact"
        if best.levels.get("legal_form") == "group":
            return ("One name says Holdings or Group and the other does not: it may be a parent or sister company "
                    "rather than the same one.")
        if not numbers and _trading_name_only(self.left, best.record):
            return ("Only the name it trades under agrees: the company paid is the one named before 't/a', which "
                    "may be another company.")
        if not numbers and _uk_company_named(self.left, best):
            return ("The name being matched says UK and this company's name does not: it may be the group's parent "
                    "or a sister company rather than the UK company named.")
        if not numbers and (forms := _forms_of_two_countries(self.left, best)):
            foreign = next(form for form in forms if form in FOREIGN_FORMS)
            return (f"One is named as a company of another country ({FOREIGN_FORMS[foreign]}) and the other as a UK "
                    "company: the UK one may be its subsidiary, a different company.")
        if not numbers and name_level == "account" and (other := _account_name(self.left, best.record)):
            name, number = other
            return (f"Only “{name}”, another name paid under the same supplier number ({number}), agrees: the "
                    "supplier may have been renamed, or the number may be used to pay an agent or another company.")
        if not numbers and name_level == "before_form":
            return ("The names agree only up to the legal form: the words after it may name a branch, a site or an "
                    "account of this company, or another company.")
        if not numbers and name_level == "part":
            return "One of the names is made of two organisations' names: either of them may be the one paid."
        if not numbers and name_level == "contains" and (words := _words_besides(self.left.name, best.record.name)):
            longer, extra = words
            return (f"One name is only part of the other: “{longer}” has {_listed(extra)} besides, so it may be "
                    "another company with a similar name.")
        if not numbers and name_level in ("contains", "compact_contains"):
            return "One name is only part of the other: it may be another company with a similar name."
        if not numbers and name_level == "shortened" and (short := _written_short(self.left, best.record)):
            written, whole = short
            return (f"One name writes a word short (“{written}” for “{whole}”): it may stand for another word, "
                    "and so another company.")
        if not numbers and name_level == "initials":
            return "One name uses initials: they may stand for another company."
        if not numbers and name_level == "differ":
            return "The names differ: only other details agree."
        if not numbers and name_level not in AUTOMATIC_NAME_LEVELS:
            return "The names only partly agree."
        if not numbers and best.levels.get("country") == "differ":
            return "The two are in different countries: it may be a sister company abroad."
        if not numbers and namesake_prone(self.left):
            return ("Colleges in different towns share names like this one (Lincoln College is a college of the "
                    "University of Oxford and a further education college in Lincoln): check it is the one paid.")
        if best.probability < CONFIDENT:
            return "The evidence is not strong enough to match them without a person."
        rival = next((other for other in self.candidates[1:] if other.levels.get("company_number") == "exact"
                      or not _trading_name_only(self.left, other.record)), self.candidates[1])
        return f"Another organisation is almost as likely: {rival.record.name}."

    @property
    def suggests_none(self) -> bool:
        """Clearsight's suggestion is "none of these": the best candidate is close enough to show a person
        but probably another company than this one (probably_another_company). Across the labelled sets
        such a top candidate was the company paid about one time in five (ADR 0032, eleventh round); a
        person can still choose it. Never for a ranking applied without a person."""
        return bool(self.candidates) and not self.confident and probably_another_company(self.left, self.candidates[0])

    @property
    def confident(self) -> bool:
        """The best candidate may be applied without a person: probable enough, clearly ahead of the
        next (or the only one whose name agrees as written, legal form apart), its name agreeing (not
        only in part) or its company number, not possibly a group company of the one named, not in
        another country where both give one, and not agreeing only with a name the left one trades under
        (those are for a person to say)."""
        if not self.candidates or self.passed_over is not None:
            return False
        best = self.candidates[0]
        if best.probability < CONFIDENT or best.levels.get("legal_form") == "group":
            return False
        if best.levels.get("name") not in AUTOMATIC_NAME_LEVELS and best.levels.get("company_number") != "exact":
            return False
        if best.levels.get("company_number") != "exact" and best.levels.get("country") == "differ":
            return False  # the same name in another country: a sister company or a namesake
        if best.levels.get("company_number") != "exact" and _trading_name_only(self.left, best.record):
            return False  # "Universal Window Repairs Ltd t/a Radley" is not Radley + Co. Limited
        if best.levels.get("company_number") != "exact" and _uk_company_named(self.left, best):
            return False  # "Northgate Information Solutions UK Ltd" is not Northgate Information Solutions Limited
        if best.levels.get("company_number") != "exact" and _forms_of_two_countries(self.left, best):
            return False  # "Astellas Pharma Inc" is not Astellas Pharma Ltd.
        if best.levels.get("company_number") != "exact" and namesake_prone(self.left):
            return False  # "LINCOLN COLLEGE", paid in Oxford, is not the college in Lincoln
        # A company agreeing only with a name the left one trades under is not a rival to the company
        # paid ("Universal Window Repairs Limited" is applied although "Radley + Co. Limited" agrees too),
        # nor is one agreeing only with another name paid under the same supplier number (an agent, or a
        # company that took another over) when the left one's own name agrees.
        others = [other for other in self.candidates[1:] if other.levels.get("company_number") == "exact"
                  or not (_trading_name_only(self.left, other.record) or _account_name_only(other))]
        if not others:
            return True
        second = others[0]
        if best.levels.get("name") == "written" and all(
                other.levels.get("name") != "written" and other.levels.get("company_number") != "exact"
                for other in others):
            return True  # "AON UK Ltd": "AON UK Limited" as written, "AON PLC" only without the word UK
        if best.levels.get("name") == "written" and _has_bracketed_initials(self.left) and _to_the_letter(
                self.left, best) and not any(_to_the_letter(self.left, other) or other.levels.get("company_number") == "exact"
                                             for other in others):
            return True  # "Grosvenor Casinos (GC) Ltd": the "(GC)" company, not Grosvenor Casinos Limited
        return (second.probability < best.probability - CLEAR_LEAD
                or second.match_weight < best.match_weight - CLEAR_LEAD_WEIGHT)


# Name levels too weak to suggest a candidate to a person as the one: only a name without its group
# word, a distinctive word, similar letters or some words agree (probably_another_company).
WEAK_NAME_LEVELS = {"group_only", "key_similar", "key", "key_in_other", "similar", "some", "differ"}
# Name levels where the candidate agrees with another name the left one has or had: a former name, a
# name a person confirmed it goes by, or one it was paid under by supplier number.
OTHER_NAME_LEVELS = {"former", "other_name", "account"}


def probably_another_company(left: Record, candidate: Candidate) -> bool:
    """The candidate, though close enough to show a person, is more likely another company than the
    left one: a parent or group company (one name says Holdings or Group and the other does not, unless
    the names differ by nothing else and the left one is written without a legal form), a
    company of another country and a UK one, a company without the word UK where the left name has it,
    a company agreeing only with the name the left one trades under, one whose name lacks words the
    left name has ("Scope" for "Scope Security Ltd": the name paid is the more particular one), or one
    whose name agrees only in part (these two unless the address or postcode agrees). Not when the
    company numbers agree, a person confirmed the pair, or the candidate agrees with a former name,
    a name a person confirmed or one paid under the same supplier number (the main names may differ
    by a group word then: a rename)."""
    if candidate.confirmed or candidate.levels.get("company_number") == "exact":
        return False
    if _trading_name_only(left, candidate.record):
        return True
    name_level = candidate.levels.get("name")
    if name_level in OTHER_NAME_LEVELS:
        return False
    if candidate.levels.get("legal_form") == "group" and name_level == "group_only" and not _written_with_form(left):
        return False  # "Premier Paper" for Premier Paper Group Limited: a name written loosely says nothing of the group word
    if candidate.levels.get("legal_form") == "group" or _uk_company_named(left, candidate) or \
            _forms_of_two_countries(left, candidate):
        return True  # two companies of one group, whatever else agrees (they often share an address)
    if candidate.levels.get("address") == "agree" or candidate.levels.get("postcode") == "exact":
        return False  # the names agree only in part, but where they are agrees
    if name_level in WEAK_NAME_LEVELS:
        return True
    if name_level in ("contains", "compact_contains"):
        words = _words_besides(left.name, candidate.record.name)
        return bool(words) and words[0] == left.name
    return False


def _written_with_form(record: Record) -> bool:
    """The name is written with a legal form ("Caretech UK Ltd", "SR Group UK Ltd"): a company's name as
    registered, so a group word one name has and the other lacks tells two companies apart. Without one
    ("Premier Paper", "Harrow Green Group") it is the name people call a business by, which may drop or
    add the group word: across the labelled sets the register's company of that name was the one paid
    in both such reviews, and in none of the four with a legal form (ADR 0032, twelfth round)."""
    return bool(splink_model.legal_form(record.name or "")[0])


def _words_besides(one: str, other: str) -> tuple[str, list[str]] | None:
    """(the longer name, its words the other lacks, as written) when one name holds all the other's
    words and more: "Scope Security Ltd" has "Security" besides Scope. Legal forms, "the" and "UK" are
    not words here, as normalise_name drops them."""
    mine, theirs = name_words(one or ""), name_words(other or "")
    my_keys, their_keys = {key for _, key in mine}, {key for _, key in theirs}
    if not my_keys or not their_keys or my_keys == their_keys or not (my_keys < their_keys or their_keys < my_keys):
        return None
    longer, words, shorter = (one, mine, their_keys) if their_keys < my_keys else (other, theirs, my_keys)
    extra = list(dict.fromkeys(written for written, key in words if key not in shorter))
    return (longer, extra) if extra else None


def _written_short(left: Record, right: Record) -> tuple[str, str] | None:
    """(the word written short, as written, and the other name's whole word) for two names that agree
    but for a word written short ("Dist." and "Distribution": splink_model's "shortened" level): the
    first differing word of two of their names with as many words, the shorter first."""
    for mine in left.names:
        for theirs in right.names:
            a, b = mine.split(), theirs.split()
            if len(a) != len(b) or a == b:
                continue
            short, whole = next((x, y) if len(x) < len(y) else (y, x) for x, y in zip(a, b) if x != y)
            as_written = {key: written for written, key in name_words(left.name or "") + name_words(right.name or "")}
            return as_written.get(short, short), as_written.get(whole, whole)
    return None


# Words that, after one other word, make a name many institutions share: "Lincoln College" is a college
# of the University of Oxford and a further education college in Lincoln; "Exeter College" an Oxford
# college and one in Devon. Across the labelled sets both such names, each paid by Oxford City Council,
# were applied to the other college of the name, and no such name was applied right (ADR 0032,
# fifteenth round).
NAMESAKE_WORDS = {"college"}


def namesake_prone(record: Record) -> bool:
    """The name is one word and an institution's word ("Lincoln College"): institutions in different
    towns share it, so no name comparison says which one it is."""
    words = normalise_name(record.name or "").split()
    return len(words) == 2 and words[1] in NAMESAKE_WORDS


def _has_bracketed_initials(record: Record) -> bool:
    """The name has a bracketed word repeating its initials ("Grosvenor Casinos (GC) Ltd"): a name
    without one ("Grosvenor Casinos Ltd") may be written loosely, and says nothing between the two."""
    name = record.name or ""
    return splink_model.without_bracketed_initials(name) != name


def _to_the_letter(left: Record, candidate) -> bool:
    """The names agree word for word, legal form apart, bracketed initials included: names are compared
    without a bracketed word that repeats their initials ("Electoral Reform Services (ERS) Limited"), but
    where a register holds "Grosvenor Casinos (GC) Limited" and "Grosvenor Casinos Limited", two
    companies, the initials are what tells them apart."""
    return written_name(left.name or "") == written_name(candidate.record.name or "")


UK_FORMS = {"ltd", "plc", "llp", "lp", "cic", "cio"}
FOREIGN_FORMS = {"inc": "Inc", "corp": "Corp", "llc": "LLC", "gmbh": "GmbH"}  # splink_model.legal_form's keys


def _forms_of_two_countries(left: Record, candidate) -> tuple[str, str] | None:
    """The two legal forms, when one name has another country's ("Astellas Pharma Inc") and the other a
    UK one ("Astellas Pharma Ltd."): two companies, a parent and its UK subsidiary, however alike the
    names. Across the labelled sets every such top candidate was the wrong company."""
    forms = (splink_model.legal_form(left.name or "")[0], splink_model.legal_form(candidate.record.name or "")[0])
    if (forms[0] in FOREIGN_FORMS and forms[1] in UK_FORMS) or (forms[1] in FOREIGN_FORMS and forms[0] in UK_FORMS):
        return forms
    return None


def _uk_company_named(left: Record, candidate) -> bool:
    """The left name says UK (or GB) and the candidate's, agreeing otherwise, does not: "Northgate
    Information Solutions UK Ltd" names the UK company of a group, and a register's "Northgate Information
    Solutions Limited" is its holding company. (The other way, "Esri" and "Esri (UK) Limited", is a name
    written loosely, and the UK company is usually the one paid.)"""
    if candidate.levels.get("name") not in ("exact", "order", "slip", "spelling"):  # names otherwise agreeing
        return False
    country = {"uk", "gb"}
    return bool(country & set(written_name(left.name or "").split())) and not (
        country & set(written_name(candidate.record.name or "").split()))


def _trading_name_only(left: Record, right: Record) -> bool:
    """Only a name the left one trades under agrees with the right one ("X Ltd t/a Y" and "Y Limited"),
    not its own: supply.names.trading_names."""
    trading = set(trading_names(left.name or ""))
    if not trading:
        return False
    agreeing = set(left.names) & set(right.names)
    return bool(agreeing) and agreeing <= trading


@dataclass
class Run:
    """What one call found out, for the bench and the tests: how the parameters were found."""

    parameters: dict  # as used, after people's decisions adjusted them
    method: str
    term_frequencies: bool
    pairs: int = 0
    source: str = ""  # "given", "stored", "estimated" or "starting values"
    estimated: dict | None = None  # the values estimated on this run, before people's decisions
    estimation_seconds: float = 0.0


# What a run's parameters are for (stored per organisation and purpose: parameter_store.py).
SUPPLIER_NAMES = "supplier names"
COMPANY_REGISTER = "company register"


last_run: Run | None = None


def rank(left: Iterable[Record], right: Iterable[Record], *, top: int = TOP, exclude: dict | None = None,
         labels: Iterable[Label] = (), parameters: dict | None = None, organisation=None,
         purpose: str = SUPPLIER_NAMES) -> dict:
    """{left key: Ranked} for each left record with a candidate at or above POSSIBLE (against a list
    as large as a company register, REVIEW_FLOOR_LARGE: review_floor).

    ``organisation`` (one or its id) and ``purpose`` (SUPPLIER_NAMES or COMPANY_REGISTER): the
    parameters estimated for them before are reused, and estimated again (and stored) only when they
    are out of date (splink_training.reason_to_estimate); without an organisation every large enough
    run estimates its own. ``parameters`` ({(comparison, level key): (m, u)}) skips both and uses
    these values (the bench uses it to score held-out data with parameters estimated elsewhere)."""
    global last_run
    left, right, labels = list(left), list(right), list(labels)
    exclude = {k: set(v) for k, v in (exclude or {}).items()}
    decided = {}
    for label in labels:
        decided[(normalise_key(label.left), label.right.key)] = label.is_match
    if not left or not right:
        return {}
    store = _store(organisation, purpose)
    floor = review_floor(len(right))
    scored, run = _score(left, right, labels, parameters, store=store, threshold=floor * 0.5)
    last_run = run
    by_left = {}
    for row in scored:
        by_left.setdefault(row["uid_l"], []).append(row)
    found = {}
    for i, record in enumerate(left):
        never = exclude.get(record.key, set())
        candidates, seen = [], set()
        for row in by_left.get(i, []):
            other = right[row["uid_r"]]
            if other.key in never or other.key in seen:
                continue
            decision = decided.get((normalise_key(record), other.key))
            if decision is False:
                continue
            seen.add(other.key)
            candidate = _candidate(record, other, row)
            if decision is True:
                candidate.probability, candidate.confirmed = 1.0, True
                candidate.reasons.insert(0, "a person confirmed this pair before")
            candidates.append(candidate)
        candidates = [c for c in candidates if c.probability >= floor]
        if not candidates:
            continue
        candidates.sort(key=lambda c: (-c.probability, -c.match_weight, _trading_name_only(record, c.record),
                                       not _to_the_letter(record, c), _part_order(record, c)))
        if any(_own_name_agrees(c) for c in candidates):
            # Another name paid under the supplier number never outranks the name itself agreeing.
            candidates.sort(key=_account_name_only)
        candidates, passed_over = _likely_first(record, candidates)
        found[record.key] = Ranked(record, candidates[:top], passed_over=passed_over)
    return found


# A candidate at least this probable is "likely" to a person (reviews.likelihood).
LIKELY = 0.7


def _only_partly_alike(left: Record, candidate: Candidate) -> bool:
    """The candidate is probably another company only because the names are merely alike (a weak name
    level), not because it is a group company, a company of another country, the group's parent where
    the name says UK, or a company agreeing only with a trading name: for those, the likely ones
    beside it are as likely the group's other companies ("Kiely Bros (Contractors) Limited" beside
    "Kiely Bros. Holdings Limited" for "Kiely Bros Ltd"), and none of these stays the suggestion."""
    if not probably_another_company(left, candidate) or candidate.levels.get("legal_form") == "group":
        return False
    if _trading_name_only(left, candidate.record) or _uk_company_named(left, candidate) or \
            _forms_of_two_countries(left, candidate):
        return False
    return candidate.levels.get("name") in WEAK_NAME_LEVELS


def _likely_first(record, candidates) -> tuple[list, Candidate | None]:
    """The candidates with a likely one first when the most probable is probably another company
    because the names are merely alike (_only_partly_alike) and that one is not: "Castle Home Care Ltd" is more likely Castle Home
    Care Services Limited, which contains its name, than Castle Homes (Anytown) Limited, a little more
    probable by the numbers but only similar. Suggesting none of these there would contradict the
    "very likely" shown beside the second. (Returns the one passed over, or None.)"""
    if len(candidates) < 2 or not _only_partly_alike(record, candidates[0]):
        return candidates, None
    likely = next((c for c in candidates[1:] if c.probability >= LIKELY and not probably_another_company(record, c)),
                  None)
    if likely is None:
        return candidates, None
    return [likely] + [c for c in candidates if c is not likely], candidates[0]


def _account_name_only(candidate) -> bool:
    """The candidate agrees only with another name the left one was paid under by supplier number
    (name level "account"), not with the left one's own name or company number."""
    return candidate.levels.get("name") == "account" and candidate.levels.get("company_number") != "exact"


def _own_name_agrees(candidate) -> bool:
    return candidate.levels.get("name") in AUTOMATIC_NAME_LEVELS or candidate.levels.get("company_number") == "exact"


def _part_order(record, candidate) -> int:
    """Between candidates otherwise tied, the one named by the part of a compound name most likely
    paid ("X via Y": Y) first (supply.names.parts_paid_first); 0 for a candidate found another way."""
    if candidate.levels.get("name") != "part":
        return 0
    from clearsight.supply.api import parts_paid_first

    names = set(candidate.record.names)
    order = parts_paid_first(record.name or "")
    return next((i for i, part in enumerate(order) if part in names), len(order))


def review_floor(right_count: int) -> float:
    """The least probability at which a candidate is shown to a person, given how many records the
    left ones are matched against: POSSIBLE, or REVIEW_FLOOR_LARGE against a list of LARGE_RIGHT or more."""
    return REVIEW_FLOOR_LARGE if right_count >= LARGE_RIGHT else POSSIBLE


def train(left: Iterable[Record], right: Iterable[Record], *, organisation, purpose: str = SUPPLIER_NAMES,
          labels: Iterable[Label] = (), population: int | None = None) -> Run:
    """Estimate the parameters for an organisation and purpose now and store them (manage.py
    train_matching), whether or not the stored ones are out of date. ``population``: how many
    records runs will match against, when ``right`` is only part of them (stored to tell when they
    have grown). Returns how it went; nothing is stored when the records are too few to estimate from."""
    global last_run
    left, right, labels = list(left), list(right), list(labels)
    _, run = _score(left, right, labels, None, store=_store(organisation, purpose), retrain=True, predict=False,
                    population=population)
    last_run = run
    return run


def _store(organisation, purpose):
    if organisation is None:
        return None
    from .parameter_store import ParameterStore  # Django: only when an organisation's parameters are kept

    return ParameterStore(organisation, purpose)


def score_pairs(pairs, *, parameters: dict | None = None, prior: float = 0.05) -> list:
    """[Candidate or None] for each (left, right) pair: how Splink scores that pair alone (None: below
    a tenth of POSSIBLE). For labelled pairs (evaluation.py); ``prior`` is the pair's prior probability."""
    pairs = list(pairs)
    if not pairs:
        return []
    rows, _ = _score([a for a, _ in pairs], [b for _, b in pairs], (), parameters or splink_training.starting_parameters(),
                     blocking_rules=["l.uid = r.uid"], prior=prior, threshold=POSSIBLE * 0.1)
    found = {row["uid_l"]: row for row in rows}
    return [_candidate(a, b, found[i]) if i in found else None for i, (a, b) in enumerate(pairs)]


def _score(left, right, labels, parameters, *, blocking_rules=None, prior=None, threshold=POSSIBLE * 0.5, store=None,
           retrain=False, predict=True, population=None):
    """Splink's scored pairs (dicts) at or above ``threshold``, and how the run went. ``store``: where
    this organisation's parameters are kept (reused when up to date, else estimated and stored);
    ``retrain``: estimate them even so; ``predict``: False to estimate only."""
    import duckdb
    import pyarrow
    from splink import DuckDBAPI, Linker

    right_names = [name for record in right for name in record.names]
    counts, total = splink_model.token_frequencies(right_names)
    use_tf = len(right) >= MIN_RIGHT_FOR_TERM_FREQUENCIES
    left_rows = [splink_model.features(r, i, counts, total=total) for i, r in enumerate(left)]
    right_rows = [splink_model.features(r, i, counts, _former(r), total=total) for i, r in enumerate(right)]
    connection = duckdb.connect(":memory:")
    try:
        db = DuckDBAPI(connection)
        tables = [db.register(pyarrow.Table.from_pylist(left_rows), dataset_display_name="lhs"),
                  db.register(pyarrow.Table.from_pylist(right_rows), dataset_display_name="rhs")]
        prior = prior if prior is not None else min(PRIOR_CAP, PRESENT_SHARE / len(right))

        def make_linker(values):
            linker = Linker(tables, splink_model.settings(prior, values, term_frequencies=use_tf,
                                                          blocking_rules=blocking_rules), log_level=logging.ERROR,
                            # Splink's column checks only log warnings (not shown at ERROR) and cost a
                            # tenth of a second a call; the settings are made here, not typed by hand.
                            validate_settings=False)
            if use_tf:
                _register_term_frequencies(db, linker, right_rows, counts, total)
            return linker

        run = _parameters(parameters, store, retrain, use_tf or retrain, make_linker, left_rows, right_rows, labels,
                          prior, population or len(right_rows))
        values = run.parameters
        if labels:
            values = splink_training.adjust_for_labels(values, _label_levels(labels, counts, total))
            run.parameters, run.method = values, run.method + ", adjusted by people's decisions"
        rows = []
        if predict:
            linker = make_linker(values)
            predictions = linker.inference.predict(threshold_match_probability=threshold, warning_mode="never")
            rows = predictions.as_record_list()
    finally:
        connection.close()
    run.term_frequencies, run.pairs = use_tf, len(rows)
    return rows, run


def _parameters(given, store, retrain, may_estimate, make_linker, left_rows, right_rows, labels, prior,
                population) -> Run:
    """The run's parameters before people's decisions adjust them, and where they came from: given;
    stored for the organisation and purpose and still up to date; estimated now (and stored); or the
    starting values (too few records to estimate, and nothing stored)."""
    if given is not None:
        return Run(given, "given", False, source="given")
    if not may_estimate:
        return Run(splink_training.starting_parameters(), "starting values (too few records to estimate)", False,
                   source="starting values")
    stored = store.load() if store is not None else None
    why = "estimated on demand" if retrain else splink_training.reason_to_estimate(
        stored, right_count=population, label_count=len(labels))
    if stored is not None and not why:
        return Run(stored.values, f"stored: {stored.method} (estimated{_when(stored)} on {stored.left_count:,} "
                   f"against {stored.right_count:,} records)", False, source="stored")
    started = time.perf_counter()
    values, method = splink_training.estimate(make_linker(None), left_rows, right_rows)
    seconds = time.perf_counter() - started
    if method.startswith("starting values"):
        if stored is not None:  # due again, but this run is too small to estimate from: keep the stored ones
            return Run(stored.values, f"stored: {stored.method} (due again: {why}; this run is too small to "
                       "estimate from)", False, source="stored")
        return Run(values, method, False, source="starting values", estimation_seconds=seconds)
    if store is not None:
        store.save(values, method, left_count=len(left_rows), right_count=population, label_count=len(labels),
                   settings=splink_model.settings(prior, values), seconds=seconds)
        method += f"; stored ({why})"
    return Run(values, method, False, source="estimated", estimated=values, estimation_seconds=seconds)


def _when(stored) -> str:
    return f" {stored.estimated_at:%Y-%m-%d %H:%M}" if stored.estimated_at else ""


def _register_term_frequencies(db, linker, right_rows, counts, total):
    """Term frequencies of the distinctive word from the right records only (the register or the
    supplier list): the share of their names using the word."""
    import pyarrow

    words = [{"key_word": w, "tf_key_word": c / total} for w, c in counts.items()]
    linker.table_management.register_term_frequency_lookup(db.register(pyarrow.Table.from_pylist(words)), "key_word")


def _former(record):
    return [f[0] if isinstance(f, (tuple, list)) else f for f in (record.former_names or ())]


def normalise_key(record) -> str:
    """The record's normalised name: how a decided pair is recognised again."""
    return record.names[0] if record.names else ""


def _label_levels(labels, counts, total=None):
    """[({comparison: level key}, is_match)] for the decided pairs, by the same comparisons."""
    import duckdb

    connection = duckdb.connect(":memory:")
    try:
        return [(levels_of(splink_model.features(label.left, 0, counts, total=total),
                           splink_model.features(label.right, 0, counts, _former(label.right), total=total), connection),
                 label.is_match) for label in labels]
    finally:
        connection.close()


def levels_of(a: dict, b: dict, connection=None) -> dict:
    """{comparison: level key} for one pair of feature rows, by the comparisons' own SQL conditions
    (run in DuckDB, as Splink runs them)."""
    import duckdb

    own = connection is None
    connection = connection or duckdb.connect(":memory:")
    try:
        columns = sorted(a)
        types = {c: "VARCHAR[]" if c in splink_model.LIST_COLUMNS else _type(a[c], b[c]) for c in columns}
        select = ", ".join(f"${i + 1}::{types[c]} AS {c}_l" for i, c in enumerate(columns))
        select += ", " + ", ".join(f"${len(columns) + i + 1}::{types[c]} AS {c}_r" for i, c in enumerate(columns))
        cases = []
        for name, levels in splink_model.COMPARISONS.items():
            whens = [f"WHEN {splink_model.null_condition(name)} THEN NULL"]
            whens += [f"WHEN {level.sql} THEN '{level.key}'" for level in levels if level.sql != "ELSE"]
            cases.append(f"CASE {' '.join(whens)} ELSE '{levels[-1].key}' END AS {name}")
        query = f"SELECT {', '.join(cases)} FROM (SELECT {select})"
        values = [a[c] for c in columns] + [b[c] for c in columns]
        result = connection.execute(query, values).fetchone()
    finally:
        if own:
            connection.close()
    return {name: key for name, key in zip(splink_model.COMPARISONS, result) if key is not None}


def _type(x, y):
    value = x if x is not None else y
    if isinstance(value, list) or value is None:  # every column that can be null on both sides is text or a list
        return "VARCHAR[]" if isinstance(value, list) else "VARCHAR"
    if isinstance(value, int):
        return "BIGINT"
    return "VARCHAR"


def _candidate(record, other, row) -> Candidate:
    evidence, levels = [], {}
    for name, comparison_levels in splink_model.COMPARISONS.items():
        gamma = row.get(f"gamma_{name}")
        if gamma is None or gamma == -1:
            continue
        level = comparison_levels[len(comparison_levels) - 1 - gamma]
        levels[name] = level.key
        weight = (row.get(f"mw_{name}") or 0.0) + (row.get(f"mw_tf_adj_{name}") or 0.0)
        evidence.append((abs(weight), _reason(name, level, record, other, row)))
    evidence.sort(key=lambda item: -item[0])
    return Candidate(other, float(row["match_probability"]), [reason for _, reason in evidence], levels,
                     float(row["match_weight"]))


def _reason(name, level, record, other, row) -> str:
    if name == "name" and level.key in ("written", "exact") and record.name.strip().lower() == other.name.strip().lower():
        return "names agree"
    if name == "name" and level.key == "former":
        return _former_reason(record, other)
    if name == "name" and level.key == "other_name" and (known := _known_name(record, other) or _known_name(other, record)):
        return f"“{known}”, a name a person confirmed this supplier goes by, agrees"
    if name == "name" and level.key == "account" and (found := _account_name(record, other) or _account_name(other, record)):
        return f"“{found[0]}”, paid under the same supplier number ({found[1]}), agrees with the name"
    if name == "name" and level.key in ("key", "key_similar", "contains") and row["key_word_l"]:
        word = row["key_word_l"] if row["key_word_l"] in (row["tokens_r"] or ()) else row["key_word_r"]
        frequency = row.get("tf_key_word_l") or row.get("tf_key_word_r")
        how = "" if frequency is None else " (common in the list matched against)" if frequency > COMMON_WORD_SHARE \
            else " (rare in the list matched against)"
        if level.key == "key":
            return f"the name's distinctive word '{word.capitalize()}' agrees{how}"
        return f"{level.reason}; its distinctive word '{word.capitalize()}' agrees{how}"
    if name == "legal_form" and level.key == "group":
        word = row.get("group_word_l") or row.get("group_word_r") or "Holdings"
        return level.reason.format(group=word.capitalize())
    return level.reason


def _former_reason(record, other) -> str:
    names = set(record.names)
    for former in other.former_names or ():
        text, until = (former[0], former[1] if len(former) > 1 else "") if isinstance(former, (tuple, list)) else (former, "")
        if normalise_key_name(text) in names:
            return f"the name agrees with a former name of this company{f' (until {until})' if until else ''}"
    for former in record.former_names or ():
        text, until = (former[0], former[1] if len(former) > 1 else "") if isinstance(former, (tuple, list)) else (former, "")
        if normalise_key_name(text) in set(other.names):
            return f"the name agrees with a former name of this organisation{f' (until {until})' if until else ''}"
    return splink_model.level("name", "former").reason


def _known_name(record, other) -> str | None:
    """The first of the names a person confirmed ``record`` goes by that agrees with ``other``'s name,
    when its own name does not."""
    names = set(other.names)
    if names & set(record.names):
        return None
    return next((name for name in record.known_names or () if normalise_key_name(name) in names), None)


def _account_name(record, other) -> tuple[str, str] | None:
    """(name, supplier number): the first of the other names ``record`` was paid under that agrees
    with ``other``'s name (account_names.py)."""
    names = set(other.names)
    return next(((name, number) for name, number in record.account_names or ()
                 if normalise_key_name(name) in names), None)


def normalise_key_name(text):
    from clearsight.supply.api import normalise_name

    return normalise_name(text or "")
