"""The Splink model of supplier matching: the columns each record is compared on, the comparisons
and their levels (each with the sentence a person reads), the blocking rules, and the starting m/u
values used when a run's own data is too small to estimate them (ADR 0032).

No Django here; linker.py runs the model, splink_training.py estimates its parameters.

Columns (made by ``features`` from a ``Record``):

* ``name_n``: the normalised name (``supply.api.normalise_name``: legal forms, "the", punctuation
  dropped; abbreviations written out); ``written`` the same keeping "UK" and "GB" ("AON UK" is not
  "AON PLC"); ``tokens`` its words; ``compact`` without spaces;
  ``sorted_name`` its words in alphabetical order; ``first_token``; ``prefix`` the first letters.
* ``all_names``: every normalised name the record goes by ("X t/a Y": X and Y; a register entry's
  former names; names a person confirmed for a supplier, ``Record.known_names``), for blocking and
  the former-name and other-name levels.
* ``former_names``: the normalised former names alone.
* ``account_names``: the normalised other names the payer's records hold under the same supplier
  number (``Record.account_names``; account_names.py), for blocking and the "account" level.
* ``parts``: the names of the organisations a compound name is made of ("X via Y", "X Ltd & Y Ltd",
  "X - Y"); ``block_names`` all_names and parts, for blocking.
* ``key_word``: the name's most distinctive word: the one fewest right-hand records use. Its term
  frequency (the share of right-hand records whose name has that word) is registered with Splink,
  so "Kiely" agreeing counts a lot and "Services" agreeing very little (name levels "contains",
  "key_similar" and "key").
* ``legal_form`` ("ltd", "plc", "llp", ...) and ``group_word`` ("holdings", "group" or ""), read
  from the name as written; ``form_known`` is null when the name has neither.
* ``company_n``, ``postcode_n``, ``district``, ``address_words`` (the normalised address's words),
  ``country``.
"""

import hashlib
import json
import re
from dataclasses import astuple, dataclass

from clearsight.supply.api import name_before_legal_form, name_parts, normalise_name, written_name

PREFIX = 5
COMPACT_MIN = 6  # fewest letters for one name's letters to be looked for inside the other's
# A word used by more than this share of the right-hand names is common ("services", "group"): initials
# sharing only such a word with the other name ("Best Services" and "British Engineering Services
# Topco") are no evidence. Below MIN_NAMES_FOR_RARE names every word counts as rare.
COMMON_SHARE = 0.005
MIN_NAMES_FOR_RARE = 200
LIST_COLUMNS = {"tokens", "rare_tokens", "all_names", "former_names", "account_names", "address_words", "parts", "before_form", "block_names"}

# Words and phrases of a name that give its legal form, as written (checked on lower-case words).
_LEGAL_PHRASES = [
    ("public limited company", "plc"), ("limited liability partnership", "llp"), ("community interest company", "cic"),
    ("private limited", "ltd"), ("company limited", "ltd"),
]
_LEGAL_WORDS = {
    "limited": "ltd", "ltd": "ltd", "plc": "plc", "llp": "llp", "lp": "lp", "cic": "cic", "inc": "inc",
    "incorporated": "inc", "llc": "llc", "gmbh": "gmbh", "corp": "corp", "corporation": "corp", "cio": "cio",
}
_GROUP_WORDS = {"holdings": "holdings", "holding": "holdings", "group": "group"}
_NON_WORD = re.compile(r"[^a-z0-9]+")


def legal_form(name: str) -> tuple[str, str]:
    """(legal form, group word) of a name as written: ("ltd", "holdings") for "Kiely Bros. Holdings
    Limited", ("plc", "") for "Marshalls PLC", ("", "") for "Marshalls"."""
    text = " " + " ".join(_NON_WORD.sub(" ", (name or "").lower()).split()) + " "
    form = ""
    for phrase, value in _LEGAL_PHRASES:
        if f" {phrase} " in text:
            form = value
            break
    words = text.split()
    if not form:
        form = next((_LEGAL_WORDS[w] for w in reversed(words) if w in _LEGAL_WORDS), "")
    group = next((_GROUP_WORDS[w] for w in words if w in _GROUP_WORDS), "")
    return form, group


def token_frequencies(names) -> tuple[dict, int]:
    """({word: number of names using it}, number of names) over normalised names."""
    counts, total = {}, 0
    for name in names:
        total += 1
        for word in set(name.split()):
            counts[word] = counts.get(word, 0) + 1
    return counts, total


def key_word(tokens, counts) -> str:
    """The most distinctive word: the one fewest right-hand names use (a word none uses is the most
    distinctive of all), the longest on a tie; words of one or two letters only when there is nothing
    else."""
    if not tokens:
        return ""
    usable = [t for t in tokens if len(t) > 2] or list(tokens)
    return min(usable, key=lambda t: (counts.get(t, 0), -len(t), t))


_INITIALS_SKIP = {"and", "of", "the", "for", "in", "on", "at", "to"}
MIN_INITIALS = 3


def initials(tokens, least=MIN_INITIALS) -> str | None:
    """The first letters of a name's words ("city electrical factors": "cef"), when there are at
    least MIN_INITIALS of them (two letters name too many companies)."""
    letters = "".join(t[0] for t in tokens if t not in _INITIALS_SKIP)
    return letters if len(letters) >= least else None


# A bracketed word after a name that is its initials: "Electoral Reform Services (ERS) Limited".
_BRACKETED = re.compile(r"\s*\(\s*([A-Za-z&.]{2,8})\s*\)")


def without_bracketed_initials(name: str) -> str:
    """The name without a bracketed word that only repeats the initials of the words before it
    ("Electoral Reform Services (ERS) Limited": "Electoral Reform Services Limited"); other
    brackets ("Esri (UK) Limited", "Plexus UK (First Project)") are kept.

    >>> without_bracketed_initials("Electoral Reform Services (ERS) Limited")
    'Electoral Reform Services Limited'
    """
    def drop(match):
        before = normalise_name(name[:match.start()]).split()
        letters = re.sub(r"[^a-z]", "", match.group(1).lower())
        return " " if len(letters) >= 2 and initials(before, least=2) == letters else match.group(0)

    plain = _BRACKETED.sub(drop, name or "")
    return " ".join(plain.split()) if plain != name else plain


def rare_words(tokens, counts, total) -> list:
    """The words of a name that at most COMMON_SHARE of the right-hand names use (all of them when the
    right-hand side is too small for frequencies to mean anything)."""
    if not total or total < MIN_NAMES_FOR_RARE:
        return list(tokens)
    return [t for t in tokens if counts.get(t, 0) <= total * COMMON_SHARE]


def features(record, uid, counts, former=(), total=None) -> dict:
    """The row Splink compares for one record. ``counts``: word frequencies of the right-hand side
    (over ``total`` names)."""
    variants = list(record.names) or [normalise_name(record.name or "")]
    written_as = record.name or ""
    plain = without_bracketed_initials(written_as)
    if plain != written_as:
        written_as = plain
        variants = [normalise_name(plain)] + [v for v in variants if v != normalise_name(plain)]
    name = variants[0] if variants else ""
    tokens = name.split()
    former_keys = [k for k in (normalise_name(f) for f in former) if k and k not in variants]
    account_keys = list(dict.fromkeys(k for k in (normalise_name(n) for n, _ in record.account_names or ())
                                      if k and k not in variants and k not in former_keys))
    known_keys = list(dict.fromkeys(k for k in (normalise_name(n) for n in record.known_names or ())
                                    if k and k not in variants and k not in former_keys))
    form, group = legal_form(written_as)
    return {
        "uid": uid,
        "name_n": name or None,
        "written": written_name(written_as) or None,
        "tokens": tokens,
        "rare_tokens": rare_words(tokens, counts, total),
        "compact": name.replace(" ", "") or None,
        # Letters spaced out by a bad copy ("ale x tr i c o t"): three or more words of one letter, and
        # most words short (initials such as "P J Bingham" or "A & B Supplies" are not spaced out).
        "spaced": "yes" if (sum(1 for t in tokens if len(t) == 1) >= 3
                            and sum(1 for t in tokens if len(t) <= 2) * 2 > len(tokens)) else None,
        "numbers": " ".join(re.findall(r"[0-9]+", name)),
        "sorted_name": " ".join(sorted(tokens)) or None,
        "name_core": " ".join(t for t in tokens if t not in _GROUP_WORDS) or None,
        "first_token": tokens[0] if tokens else None,
        "prefix": name.replace(" ", "")[:PREFIX] or None,
        "initials": initials(tokens),
        "all_names": variants + former_keys + known_keys,
        "parts": list(name_parts(record.name or "")),
        "before_form": list(name_before_legal_form(record.name or "")),
        "block_names": variants + former_keys + known_keys + account_keys + [p for p in name_parts(record.name or "") if p not in variants]
        + [p for p in name_before_legal_form(record.name or "") if p not in variants],
        "former_names": former_keys,
        "account_names": account_keys,
        "key_word": key_word(tokens, counts) or None,
        "legal_form": form,
        "group_word": group,
        "form_known": "yes" if (form or group) else None,
        "company_n": record.company_n or None,
        "postcode_n": record.postcode_n or None,
        "district": record.district or None,
        "address_words": sorted(set(record.address_n.split())) or None,
        "country": record.country_n or None,
    }


@dataclass(frozen=True)
class Level:
    """One level of a comparison: its SQL condition, the sentence a person reads, and the starting
    m and u (used when the run's data is too small to estimate them)."""

    key: str
    sql: str
    reason: str
    m: float
    u: float
    tf: str | None = None  # the column whose term frequencies adjust this level's weight
    tf_weight: float = 1.0  # how much of the adjustment counts (1: all of it)


def null_condition(comparison: str) -> str:
    """The SQL condition under which a comparison says nothing (a side lacks the field)."""
    if comparison in NULL_WHEN_BOTH_LACK:
        return " OR ".join(f"({c}_l IS NULL AND {c}_r IS NULL)" for c in NULL_COLUMNS[comparison])
    return " OR ".join(f"{c}_l IS NULL OR {c}_r IS NULL" for c in NULL_COLUMNS[comparison])


# The share of address words the two addresses share (of the words either has).
_SHARED_WORDS = ("(length(list_intersect(address_words_l, address_words_r)) / "
                 "greatest(length(list_distinct(list_concat(address_words_l, address_words_r))), 1))")

# Names differing in a number are not spellings of one name: "Hochbereg Ltd Facility 1" and "Facility 2",
# "Roo Hsing Garment Branch #1" and "#2", "Unit 10" and "Unit 6" are other sites or companies.
_SAME_NUMBERS = "numbers_l = numbers_r"
# Fewest letters (spaces included) of a normalised name of two or more words for one letter apart to be
# a slip ("slip" level) rather than another name: "hays travel" and "hay travel" are two names.
SLIP_MIN_LETTERS = 12



# Fewest letters of a word written short ("dist" for "distribution", "gges" for "garages").
SHORT_WORD_MIN = 3
# Fewest words of two names, otherwise agreeing, for a word written short to be the same name.
SHORTENED_MIN_AGREEING = 2


def _written_short(short: str, long: str) -> str:
    """SQL: word ``short`` is word ``long`` written short: at least SHORT_WORD_MIN letters, fewer than
    ``long``'s, its letters found in ``long`` in order, the first letter the same, and either the start
    of ``long`` ("dist" for "distribution", a name cut short by a finance system's field width) or
    ending as it does ("gges" for "garages", "hsg" for "housing")."""
    return (f"(length({short}) >= {SHORT_WORD_MIN} AND length({short}) < length({long}) AND "
            f"left({short}, 1) = left({long}, 1) AND (starts_with({long}, {short}) OR right({short}, 1) = right({long}, 1)) "
            f"AND regexp_full_match({long}, array_to_string(string_split({short}, ''), '.*') || '.*'))")


def _shortened_pair(a: str, b: str) -> str:
    """SQL: word lists ``a`` and ``b`` are one name with at least one word written short: as many words,
    in the same order, each the same or one written short (either way), and at least
    SHORTENED_MIN_AGREEING of them the same."""
    pair = "list_zip(" + a + ", " + b + ")"
    return (f"(len({a}) = len({b}) AND {a} <> {b} AND "
            f"list_bool_and(list_transform({pair}, lambda w: w[1] = w[2] OR {_written_short('w[1]', 'w[2]')} OR "
            f"{_written_short('w[2]', 'w[1]')})) AND "
            f"len(list_filter({pair}, lambda w: w[1] = w[2])) >= {SHORTENED_MIN_AGREEING})")


# Any name either record goes by ("X t/a Y": X, Y and the whole) against any of the other's.
_SHORTENED = ("list_bool_or(list_transform(all_names_l, lambda nl: list_bool_or(list_transform(all_names_r, "
              "lambda nr: " + _shortened_pair("string_split(nl, ' ')", "string_split(nr, ' ')") + "))))")


def _initials(a: str, b: str) -> str:
    """SQL: a word of name ``a`` is the initials of name ``b``'s words, and the two names share a rare
    word besides that one. "CEF Electrical" and "City Electrical Factors" share "electrical"; "GAS Plus
    Supply" and "Gas Advisory Services" share only "gas", the initials themselves, which says nothing."""
    shared = f"list_intersect(rare_tokens_{a}, rare_tokens_{b})"
    return (f"(list_contains(tokens_{a}, initials_{b}) AND length({shared}) > "
            f"CASE WHEN list_contains({shared}, initials_{b}) THEN 1 ELSE 0 END)")


# The comparisons, each level best first. Starting m/u values: ADR 0032. The distinctive word is a
# level of the name comparison (not a comparison of its own) so that a name agreeing is not counted
# twice; its term frequency adjusts the levels where it is what agrees.
COMPARISONS = {
    "name": [
        Level("written", "written_l = written_r", "names agree apart from the legal form", 0.50, 0.00000005,
              tf="key_word", tf_weight=0.5),
        Level("exact", "name_n_l = name_n_r", "names agree apart from the legal form and the word UK", 0.20,
              0.0000001, tf="key_word", tf_weight=0.5),
        Level("group_only", "name_core_l = name_core_r",
              "names agree apart from the word Holdings or Group", 0.04, 0.0000001),
        Level("former", "list_contains(former_names_r, name_n_l) OR list_contains(former_names_l, name_n_r)",
              "the name agrees with a former name of this company", 0.04, 0.0000001),
        Level("other_name", "len(list_intersect(all_names_l, all_names_r)) > 0",
              "one of the names it trades under agrees", 0.03, 0.0000001),
        Level("order", "compact_l = compact_r OR sorted_name_l = sorted_name_r",
              "names agree apart from spacing or word order", 0.04, 0.0000001),
        # One letter apart in a name long enough to be no one else's by chance ("Specialist Computer
        # Centers" and "Centres", "Partnership in Care" and "Partnerships In Care"): a slip of the keys.
        # Across the labelled sets every such top candidate was the company paid (7 of 7, all at about
        # p 0.8 under "spelling", which also holds looser likenesses): ADR 0032, twelfth round.
        Level("slip", f"({_SAME_NUMBERS}) AND damerau_levenshtein(name_n_l, name_n_r) = 1 AND "
              f"length(name_n_l) >= {SLIP_MIN_LETTERS} AND length(name_n_r) >= {SLIP_MIN_LETTERS} AND "
              "length(tokens_l) >= 2 AND length(tokens_r) >= 2",
              "names agree apart from one letter (a likely typing slip)", 0.05, 0.0000001),
        # "Southern Electric Power Dist. PLC", "Ridgeway Gges (Newbury) Ltd": a word written short, as
        # finance systems' narrow name fields and people's typing make them, every other word the same.
        # For a person: "dist" may as well be "district" (ADR 0032, fifteenth round).
        Level("shortened", f"({_SAME_NUMBERS}) AND {_SHORTENED}",
              "names agree apart from a word written short", 0.02, 0.0000001),
        Level("spelling", f"({_SAME_NUMBERS}) AND (damerau_levenshtein(name_n_l, name_n_r) <= 1 OR "
              "(jaro_winkler_similarity(name_n_l, name_n_r) >= 0.97 AND length(name_n_l) > 6))",
              "names agree apart from a small spelling difference", 0.05, 0.0000005),
        # "URS Infrastructure & Environment UK Ltd", paid under the supplier number the council later paid
        # "AECOM Infrastructure & Environment UK Ltd" under: the supplier renamed, or an agent or another
        # company paid through the same account. For a person, who sees the other name and the number.
        # Starting weight below "spelling": the name itself agreeing is the stronger evidence.
        Level("account", "list_contains(account_names_l, name_n_r) OR list_contains(account_names_r, name_n_l)",
              "another name paid under the same supplier number agrees", 0.02, 0.000001),
        # "Neopost Ltd RCB Credifon A/C" and "Neopost Limited": the words after a legal form may name an
        # account or a branch of the company, or a site ("Hochbereg Ltd Facility 1"): for a person.
        Level("before_form", "len(list_intersect(before_form_l, all_names_r)) > 0 OR "
              "len(list_intersect(before_form_r, all_names_l)) > 0 OR "
              "len(list_intersect(before_form_l, before_form_r)) > 0",
              "the names agree up to the legal form; the words after it may name a branch, a site or an account",
              0.02, 0.0000005),
        Level("part", "len(list_intersect(parts_l, all_names_r)) > 0 OR len(list_intersect(parts_r, all_names_l)) > 0",
              "the name is one of the two organisations the other name is made of (as in 'X via Y' or 'X Ltd & Y Ltd')",
              0.01, 0.0000001),
        Level("initials", f"{_initials('l', 'r')} OR {_initials('r', 'l')}",
              "one name's word is the initials of the other's words, and they share a word that few names use", 0.015, 0.0000001),
        Level("contains", "list_has_all(tokens_l, tokens_r) OR list_has_all(tokens_r, tokens_l)",
              "one name contains all the words of the other", 0.06, 0.000005, tf="key_word"),
        # Letters spaced out by a bad copy ("ale x tr i c o t sr l" for "Alextricot SRL"): without
        # spaces one name holds the whole of the other. Only where a name is spaced out: "Electricians
        # in Reading Ltd" holding the letters of "UK Electric Limited" says nothing.
        Level("compact_contains", f"(spaced_l = 'yes' OR spaced_r = 'yes') AND "
              f"length(compact_l) >= {COMPACT_MIN} AND length(compact_r) >= {COMPACT_MIN} AND "
              "(contains(compact_l, compact_r) OR contains(compact_r, compact_l))",
              "without spaces one name holds all of the other", 0.03, 0.000002),
        Level("key_similar", f"key_word_l = key_word_r AND jaro_winkler_similarity(name_n_l, name_n_r) >= 0.88 AND "
              f"({_SAME_NUMBERS})",
              "the names are similar and their distinctive word agrees", 0.04, 0.000002, tf="key_word"),
        Level("key", "key_word_l = key_word_r", "the name's distinctive word agrees", 0.015, 0.00002, tf="key_word"),
        Level("key_in_other", "list_contains(tokens_r, key_word_l) OR list_contains(tokens_l, key_word_r)",
              "the distinctive word of one name is in the other", 0.01, 0.0002),
        Level("similar", f"jaro_winkler_similarity(name_n_l, name_n_r) >= 0.92 AND ({_SAME_NUMBERS})",
              "names are similar", 0.01, 0.00002),
        Level("some", "list_has_any(tokens_l, tokens_r)", "names share only some common words", 0.005, 0.01),
        Level("differ", "ELSE", "names differ", 0.005, 0.98951),
    ],
    "legal_form": [
        Level("agree", "group_word_l = group_word_r AND (legal_form_l = legal_form_r OR legal_form_l = '' OR legal_form_r = '')",
              "legal forms agree", 0.93, 0.78),
        Level("group", "group_word_l <> group_word_r",
              "one name says {group} and the other does not: it may be a group company", 0.02, 0.14),
        Level("differ", "ELSE", "legal forms differ", 0.05, 0.08),
    ],
    "company_number": [
        Level("exact", "company_n_l = company_n_r", "company numbers agree", 0.95, 0.00001),
        Level("differ", "ELSE", "company numbers differ", 0.05, 0.99999),
    ],
    "postcode": [
        Level("exact", "postcode_n_l = postcode_n_r", "postcodes agree", 0.70, 0.0001),
        Level("district", "district_l = district_r", "postcodes are in the same district", 0.15, 0.001),
        Level("differ", "ELSE", "postcodes differ", 0.15, 0.9989),
    ],
    "address": [
        Level("agree", f"{_SHARED_WORDS} >= 0.8", "addresses agree", 0.60, 0.005),
        Level("similar", f"{_SHARED_WORDS} >= 0.5", "addresses are similar", 0.30, 0.05),
        Level("differ", "ELSE", "addresses differ", 0.10, 0.945),
    ],
    "country": [
        Level("same", "country_l = country_r", "countries agree", 0.95, 0.20),
        Level("differ", "ELSE", "countries differ", 0.05, 0.80),
    ],
}
# The legal form says something when either name has one: "Esri Holdings Limited" may be the group
# company of "ESRI" (which gives no legal form), and "Esri (UK) Limited" agrees with it.
NULL_WHEN_BOTH_LACK = {"legal_form"}
NULL_COLUMNS = {"name": ("name_n",), "legal_form": ("form_known",),
                "company_number": ("company_n",), "postcode": ("postcode_n",), "address": ("address_words",),
                "country": ("country",)}

# Candidate pairs: a record is only compared with records sharing one of these (an equal name under
# any of its names, the same first word, distinctive word, first letters, company number or postcode).
BLOCKING_RULES = [
    {"blocking_rule": "l.block_names = r.block_names", "arrays_to_explode": ["block_names"]},
    "l.first_token = r.first_token",
    "l.key_word = r.key_word",
    "l.prefix = r.prefix",
    "l.first_token = r.initials",
    "l.initials = r.first_token",
    "l.company_n = r.company_n",
    "l.postcode_n = r.postcode_n",
]
# Blocks for expectation maximisation: each leaves some comparisons free to be estimated.
EM_BLOCKS = ["l.district = r.district", "l.key_word = r.key_word"]


def settings(prior: float, parameters: dict | None = None, *, term_frequencies: bool = True,
             blocking_rules=None) -> dict:
    """A Splink settings dictionary. ``parameters``: {(comparison, level key): (m, u)} replacing the
    starting values (estimated ones). Without ``term_frequencies`` no level is adjusted by them."""
    parameters = parameters or {}
    comparisons = []
    for name, levels in COMPARISONS.items():
        items = [{"sql_condition": null_condition(name), "label_for_charts": "null", "is_null_level": True}]
        for level in levels:
            m, u = parameters.get((name, level.key), (level.m, level.u))
            item = {"sql_condition": level.sql, "label_for_charts": level.key, "m_probability": m, "u_probability": u}
            if level.tf and term_frequencies:
                item["tf_adjustment_column"] = level.tf
                item["tf_adjustment_weight"] = level.tf_weight
            items.append(item)
        comparisons.append({"output_column_name": name, "comparison_levels": items,
                            "comparison_description": name.replace("_", " ")})
    return {
        "link_type": "link_only",
        "unique_id_column_name": "uid",
        "probability_two_random_records_match": prior,
        "comparisons": comparisons,
        "blocking_rules_to_generate_predictions": blocking_rules or BLOCKING_RULES,
        "retain_matching_columns": True,
        "retain_intermediate_calculation_columns": True,
        "additional_columns_to_retain": ["key_word"],
    }


def level(comparison: str, key: str) -> Level:
    return next(item for item in COMPARISONS[comparison] if item.key == key)


def fingerprint() -> str:
    """A short hash of the comparisons, their levels and starting values, and the EM blocks: stored
    parameters are only reused for the model they were estimated for."""
    described = [[name, [astuple(level) for level in levels]] for name, levels in COMPARISONS.items()]
    return hashlib.sha256(json.dumps([described, EM_BLOCKS, COMMON_SHARE, MIN_NAMES_FOR_RARE]).encode()).hexdigest()[:16]
