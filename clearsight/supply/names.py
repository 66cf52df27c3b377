"""Suppliers' names (and postcodes, company numbers, addresses) normalised: the same business
written different ways gives the same key.

Plain functions, no Django. Supply owns suppliers' names, so the keys are made here; matching, which
builds on supply, compares them. ``normalise_name`` is the key stored in ``SupplierAlias.normalised``
(and ``MatchReview.normalised``): changing it changes which names resolve exactly, so it is covered
by unit tests, and a change is followed by a migration that recomputes the stored keys.
"""

import re
from functools import lru_cache

from clearsight.core.text import ascii_lower

# Words that say what legal form a business takes (or are noise in a business name), removed
# wherever they appear. Multi-word forms are removed first. "Holdings" and "Group" are not among them:
# "Kiely Bros. Holdings Limited" is another company than "Kiely Bros Ltd", its parent or sister, and
# must never share its key (issue 16; matching treats the word as evidence of a group company).
_LEGAL_PHRASES = [
    "public limited company", "limited liability partnership", "community interest company",
    "private limited", "pvt ltd", "pty ltd", "company limited",
    # other countries' forms, as suppliers' overseas sites write them
    "s a de c v", "sa de cv", "s de r l", "s a r l", "s r l", "s p a", "s a", "d o o", "a s", "san ve tic",
    "sanayi ve ticaret", "ltd sti", "pvt", "sdn bhd", "co ltd", "gmbh and co kg", "gmbh co kg", "spolka z o o",
    "sp z o o", "s l u", "s l", "b v", "n v",
]
_LEGAL_WORDS = {
    "limited", "ltd", "plc", "llp", "llc", "lp", "inc", "incorporated", "corp", "corporation", "co", "company",
    "cic", "the", "uk", "gb", "gmbh", "sa", "sas", "sarl", "srl", "spa", "bv",
    "nv", "ag", "ab", "as", "oy", "pvt", "pte", "pty", "kk", "bhd", "sdn", "jsc", "ooo", "sti",
}
# Common abbreviations, written out so that "Intl Svcs" and "International Services" agree.
ABBREVIATIONS = {
    "intl": "international", "int'l": "international", "svcs": "services", "svc": "services", "serv": "services",
    "servs": "services", "mgmt": "management", "mgt": "management", "assoc": "association", "assn": "association",
    "bros": "brothers", "dept": "department", "univ": "university", "ctr": "centre", "center": "centre",
    "tech": "technology", "technologies": "technology", "eng": "engineering", "engg": "engineering",
    "contr": "contractors", "mfg": "manufacturing", "natl": "national", "govt": "government", "hosp": "hospital",
    "dev": "development", "devs": "developments", "ind": "industries", "inds": "industries", "solns": "solutions",
    "holding": "holdings", "cttee": "committee", "coop": "cooperative", "sch": "school", "assocs": "associates", "mkt": "market",
}
# "X t/a Y", "X trading as Y": one business known by two names.
_TRADING_AS = re.compile(r"\s+(?:t/a|t\\a|ta\.|trading\s+as|t/as)\s+", re.IGNORECASE)
_NON_WORD = re.compile(r"[^a-z0-9]+")
# Not at the start: "S A Brain & Co", "A S Watson" and "S L Smith Builders" begin with initials.
_LEGAL_PHRASE = re.compile(r"(?<=[a-z0-9] )(?:" + "|".join(re.escape(p) for p in _LEGAL_PHRASES) + r")\b")
# Letters with full stops between them that spell a legal form or country are that word: "p.l.c." is
# "plc" and "(U.K.)" is "uk", both then dropped. Other dotted letters are initials, left apart as
# before ("W.T. Parker" is "w t parker", as "W T Parker" is).
_DOTTED = re.compile(r"\b[a-z](?:\.[a-z])+\.?(?![a-z])")
# ... unless they are (part of) another country's legal form, which is dropped as spaced letters:
# "S.L.", "Sp. z o.o.", "S.A. de C.V.".
_SPACED_FORMS = {" ".join(words[i:j]) for phrase in _LEGAL_PHRASES for words in [phrase.split()]
                 for i in range(len(words)) for j in range(i + 2, len(words) + 1)
                 if all(len(word) == 1 for word in words[i:j])}
# Legal forms written before the name ("ООО Ромашка"): dropped wherever they are.
_PREFIX_FORMS = {"ooo"}


def _undot(match) -> str:
    letters = match.group(0).replace(".", "")
    return letters if letters in _LEGAL_WORDS and " ".join(letters) not in _SPACED_FORMS else match.group(0)
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")
KEY_LENGTH = 300  # SupplierAlias.normalised, MatchReview.normalised


def _words(text: str) -> list[str]:
    text = ascii_lower(text).replace("&", " and ").replace("+", " and ")
    text = _DOTTED.sub(_undot, text)
    text = text.replace("'", "").replace("\u2019", "")  # "Sainsbury's" -> "sainsburys"
    text = re.sub(r"\bco[\s-]?op(?:erative)?\b", "cooperative", text)
    text = re.sub(r"\bt\s*/\s*a\b|\btrading as\b", " ", text)
    text = _LEGAL_PHRASE.sub(" ", " ".join(_NON_WORD.sub(" ", text).split()))
    return [ABBREVIATIONS.get(w, w) for w in text.split()]


# "X via Y" (bought through a reseller or framework), "X Ltd & Y Ltd" (two companies), "X - Y": a name
# made of two organisations' names. Either may be the one a contract is with.
_VIA = re.compile(r"\s+via\s+|\s+-\s+|\s+/\s+", re.IGNORECASE)
_AFTER_LEGAL_FORM = re.compile(r"\b((?:ltd|limited|plc|llp)\.?)\s+(?:&|and)\s+", re.IGNORECASE)


def name_parts(name: str) -> tuple[str, ...]:
    """The normalised names of the organisations a compound name is made of ("Ecus Limited via Bloom
    Procurement Services Ltd"), not the whole name; () for a name of one organisation. "Marks &
    Spencer" is one name: "&" only divides after a legal form ("Mears Limited & Plexus Limited").

    >>> name_parts("Ecus Limited via Bloom Procurement Services Ltd")
    ('ecus', 'bloom procurement services')
    """
    pieces = []
    for piece in _VIA.split(name or ""):
        pieces += _AFTER_LEGAL_FORM.sub(r"\1\n", piece).split("\n")
    if len(pieces) < 2:
        return ()
    whole = normalise_name(name)
    found = []
    for piece in pieces:
        key = normalise_name(piece)
        if len(key) >= 3 and key != whole and key not in found:
            found.append(key)
    return tuple(found) if len(found) >= 2 else ()


_ONLY_VIA = re.compile(r"\s+via\s+", re.IGNORECASE)


def parts_paid_first(name: str) -> tuple[str, ...]:
    """name_parts in the order the payee most likely is: in "X via Y" the organisation bought
    through (Y, the reseller or framework, is paid) comes first; otherwise as written ("Socotec -
    Aecom": Socotec). Breaks a tie between two parts' companies, each shown to a person all the same.

    >>> parts_paid_first("Ecus Limited via Bloom Procurement Services Ltd")
    ('bloom procurement services', 'ecus')
    """
    parts = name_parts(name)
    pieces = _ONLY_VIA.split(name or "")
    if len(parts) < 2 or len(pieces) < 2:
        return parts
    after = set(name_parts(" - ".join(pieces[1:])) or (normalise_name(" ".join(pieces[1:])),))
    return tuple([p for p in parts if p in after] + [p for p in parts if p not in after])


_COUNTRY_WORDS = {"uk", "gb"}


@lru_cache(maxsize=100_000)
def written_name(name: str) -> str:
    """The normalised name keeping the words "UK" and "GB", which normalise_name drops: "Aon UK
    Limited" and "Aon PLC" share a key, but in a company register they are two companies, and a
    spend file's "AON UK Ltd" is the first. Matching compares it as a stronger agreement than the key.

    >>> written_name("AON UK Ltd")
    'aon uk'
    """
    words = _without_legal_words(_words(name), _LEGAL_WORDS - _COUNTRY_WORDS)
    while words and words[-1] == "and":
        words.pop()
    return " ".join(words)[:KEY_LENGTH].rstrip() or normalise_name(name)


def _without_legal_words(words: list[str], legal: set) -> list[str]:
    """The words less legal forms and "the", except a first word (after "the") that begins the name
    proper: "AB Inbev UK Limited", "AG Barr plc", "Company Shop Limited", "GB Oils Ltd"."""
    start = 1 if words[:1] == ["the"] else 0
    first = words[start] if len(words) > start else None
    lead = (first is not None and first in legal and first not in _PREFIX_FORMS
            and any(w not in legal for w in words[start + 1:]))
    return [w for i, w in enumerate(words) if w not in legal or (lead and i == start)]


def name_words(name: str) -> list[tuple[str, str]]:
    """A name's words, each as written (brackets and trailing punctuation stripped) with its normalised
    form, leaving out what normalise_name drops (legal forms, "the", "UK") and "and": [("Scope", "scope"),
    ("Security", "security")] for "Scope Security Ltd"."""
    kept = []
    for written in name.split():
        words = [w for w in _words(written) if w not in _LEGAL_WORDS and w != "and"]
        if words:
            kept.append((written.strip("()[],.;:"), " ".join(words)))
    return kept


@lru_cache(maxsize=100_000)
def normalise_name(name: str) -> str:
    """Lower case, accents and punctuation removed, '&' as 'and', abbreviations written out,
    legal forms and 'the' dropped. At most KEY_LENGTH characters, the length of the fields that
    store it (transliteration can make a key longer than the name: "Щ" is "shch").

    >>> normalise_name("The Oxford Bus Co. Ltd.")
    'oxford bus'
    """
    words = _without_legal_words(_words(name), _LEGAL_WORDS)
    while words and words[-1] == "and":  # "Smith & Co" -> "smith"
        words.pop()
    while words and words[0] == "and":
        words.pop(0)
    if not words:  # a name that is only legal words ("The Company Ltd") keeps them
        words = _words(name)
    return " ".join(words)[:KEY_LENGTH].rstrip()


# A name that goes on after its legal form: "Neopost Ltd RCB Credifon A/C", "Kier Ltd (Highways)".
_BEFORE_LEGAL_FORM = re.compile(r"^.*?\w.*?\b(?:ltd|limited|plc|llp)\b\.?(?=.*[a-z])", re.IGNORECASE)


def name_before_legal_form(name: str) -> tuple[str, ...]:
    """For a name of one organisation that goes on after its legal form ("Neopost Ltd RCB Credifon
    A/C": an account, a branch, a site), the normalised name up to it: ('neopost',); else ().
    Not for "X Ltd & Y Ltd" or "X Ltd t/a Y" (name_parts, trading_names)."""
    if not name or name_parts(name) or len(_TRADING_AS.split(name)) > 1:
        return ()
    before = _BEFORE_LEGAL_FORM.match(name)
    key = normalise_name(before.group(0)) if before else ""
    return (key,) if key and key != normalise_name(name) else ()


@lru_cache(maxsize=100_000)
def name_variants(name: str) -> tuple[str, ...]:
    """The normalised names a business goes by: the whole name and, for "X t/a Y", X and Y too.

    >>> name_variants("Economics Solutions Ltd t/a Manchester Growth Company")
    ('economics solutions manchester growth', 'economics solutions', 'manchester growth')
    """
    variants = [normalise_name(name)]
    parts = _TRADING_AS.split(name or "")
    if len(parts) > 1:
        variants += [normalise_name(part) for part in parts]

    seen = []
    for variant in variants:
        if variant and variant not in seen:
            seen.append(variant)
    return tuple(seen)


_ENDS_WITH_LEGAL_FORM = re.compile(r"\b(?:ltd|limited|plc|llp|cic)\.?\s*$", re.IGNORECASE)


def trading_names(name: str) -> tuple[str, ...]:
    """The normalised names a company only trades under: in "X Ltd t/a Y", where X is written with its
    legal form, X is the company paid and Y a name it trades under, so a register's company named Y
    may be another one. () for a name without "t/a", or whose first part has no legal form ("John
    Smith t/a Smith Plumbing": either name may be the registered one).

    >>> trading_names("Universal Window Repairs Ltd t/a Radley")
    ('radley',)
    """
    parts = _TRADING_AS.split(name or "")
    if len(parts) < 2 or not _ENDS_WITH_LEGAL_FORM.search(parts[0]):
        return ()
    legal = normalise_name(parts[0])
    return tuple(v for v in (normalise_name(part) for part in parts[1:]) if v and v != legal)


def normalise_postcode(postcode: str) -> str:
    """A UK postcode in capitals with one space before the inward code, or "" if it is not one.

    >>> normalise_postcode(" m5 4wh")
    'M5 4WH'
    """
    compact = re.sub(r"[^A-Z0-9]", "", (postcode or "").upper())
    match = _POSTCODE.match(compact)
    return f"{match.group(1)} {match.group(2)}" if match else ""


def postcode_district(postcode: str) -> str:
    """The outward code ("M5" of "M5 4WH"): the postal district."""
    normal = normalise_postcode(postcode)
    return normal.split(" ")[0] if normal else ""


def normalise_company_number(number: str) -> str:
    """A Companies House number: eight characters, digits padded with leading zeros, prefixes
    (SC, NI, OC...) kept. Registers often drop the leading zeros ("4830352" -> "04830352").

    >>> normalise_company_number("4830352")
    '04830352'
    >>> normalise_company_number("sc 123456")
    'SC123456'
    """
    compact = re.sub(r"[^A-Z0-9]", "", (number or "").upper())
    if not compact:
        return ""
    if compact.isdigit():
        return compact.zfill(8) if len(compact) <= 8 else ""
    match = re.match(r"^([A-Z]{2})([0-9]{1,6})$", compact)
    if match:
        return match.group(1) + match.group(2).zfill(6)
    return ""


def normalise_address(address: str) -> str:
    """Lower case words of an address, abbreviations written out, for comparing addresses."""
    words = [{"rd": "road", "st": "street", "ave": "avenue", "ln": "lane", "ind": "industrial", "est": "estate"}
             .get(w, w) for w in _NON_WORD.sub(" ", ascii_lower(address)).split()]
    return " ".join(words)
