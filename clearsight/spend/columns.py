"""Which column of a spend file holds which field, from what the columns hold as well as what they are
called (issue 16, ADR 0030). Plain functions, no database.

``profile_column`` measures a column of a sample of rows: the share of its values that read as money,
as dates, as Excel date serials, look like organisation names, are repeated codes, long free text,
UK company numbers, VAT numbers, postcodes, or mostly distinct references. ``propose`` combines those
measures with the header's words (``parsing.SYNONYMS`` and a few looser key words) into a
``parsing.Mapping``: the header proposes, the content can overrule it (a "Name:" column of long text is
not the payee, a "Directorate" of a few repeated values is not the payee), and without a header the
content alone decides. ``certain`` only when header and content agree on the payee, the amount and the
date.
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from clearsight.core.tabular import CellError, parse_amount, parse_date

from . import parsing

# ---------------------------------------------------------------- what a value looks like

# Legal forms say a name is an organisation's; organisation words only hint at it (a directorate can
# be "Adult Services", an expense type "Consultants Fees").
LEGAL_FORMS = re.compile(r"\b(ltd|limited|plc|llp|lp|cic|c\.i\.c|inc|incorporated|t/a|cio|bros)\b\.?|&\s*co\b", re.I)
ORGANISATION_WORDS = re.compile(
    r"\b(co|company|corporation|group|holdings|partnership|council|borough|trust|foundation|association|"
    r"society|charity|services|solutions|consultants?|consulting|college|university|school|academy|nhs|hmrc|"
    r"authority|agency|brothers|sons|uk)\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'&.-]*")
COMPANY_NUMBER = re.compile(r"^(\d{8}|\d{7}|(SC|NI|OC|SO|NC|R0|FC|GE|LP|SL|IP|SP|RC|SE|ES|NF|GS|SI|NL|NP|NR|NO)\d{6})$",
                            re.I)
VAT_NUMBER = re.compile(r"^(GB)?\s?(\d{3}\s?\d{4}\s?\d{2}(\s?\d{3})?|GD\d{3}|HA\d{3})$", re.I)
POSTCODE = re.compile(r"^(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})$", re.I)
CODE = re.compile(r"^[A-Z0-9][A-Z0-9_./\-]{0,19}$", re.I)
CAPITAL_REVENUE = {"capital", "revenue", "cap", "rev", "c", "r", "capex", "revex"}
EXCEL_SERIALS = (20000, 80000)  # 1954 to 2119


def _is_money(text: str) -> bool:
    try:
        parse_amount(text)
    except CellError:
        return False
    return True


def _date_kind(text: str) -> str:
    """"date", "none" (blank or a time only: says nothing) or "no"."""
    try:
        value = parse_date(text)
    except CellError:
        return "no"
    return "date" if isinstance(value, datetime.date) else "none"


def _is_serial(text: str) -> bool:
    return text.isascii() and text.isdigit() and EXCEL_SERIALS[0] <= int(text) <= EXCEL_SERIALS[1]


def _title_like(text: str) -> bool:
    words = _WORD.findall(text)
    return bool(words) and all(w[0].isupper() or not w[0].isalpha() for w in words if len(w) > 3)


@dataclass
class Profile:
    """What a column of a sample holds; shares are of its non-blank values (0 when it has none)."""

    filled: int = 0          # non-blank values
    distinct: int = 0
    money: float = 0.0       # read by parse_amount
    decimals: float = 0.0    # money written with pence
    id_like: float = 0.0     # digit strings of six or more digits, or with a leading zero
    date: float = 0.0        # read by parse_date, of the values that are not blank or a time only
    no_date: float = 0.0     # a time only (a date lost in publishing)
    serial: float = 0.0      # whole numbers an Excel date serial could be
    text: float = 0.0        # has letters, is not money or a date
    organisation: float = 0.0  # has a legal form or an organisation word
    title_case: float = 0.0
    long_text: float = 0.0   # more than 60 characters or 9 words
    code: float = 0.0        # short, no spaces, has a digit
    company_number: float = 0.0
    vat_number: float = 0.0
    postcode: float = 0.0
    capital_revenue: float = 0.0
    mean_length: float = 0.0
    median_money: Decimal = Decimal(0)

    @property
    def distinct_ratio(self) -> float:
        return self.distinct / self.filled if self.filled else 0.0

    @property
    def repeated(self) -> bool:
        """A few values used again and again (a directorate, an expense type)."""
        return self.filled >= 8 and (self.distinct <= 2 or self.distinct_ratio < 0.2)


def profile_column(values: list[str]) -> Profile:
    cells = [v.strip() for v in values if v and v.strip() and v.strip().lower() not in ("#n/a", "n/a")]
    n = len(cells)
    if not n:
        return Profile()
    money = [c for c in cells if _is_money(c)]
    kinds = Counter(_date_kind(c) for c in cells)
    dated_or_not = kinds["date"] + kinds["no"]
    text = [c for c in cells if any(ch.isalpha() for ch in c) and c not in money and _date_kind(c) == "no"]
    id_like = sum(1 for c in money if c.isdigit() and (len(c) >= 6 or (len(c) > 1 and c[0] == "0")))
    amounts = sorted(parse_amount(c) for c in money)

    def share(count):
        return count / n

    return Profile(
        filled=n, distinct=len(set(cells)),
        money=share(len(money)),
        decimals=share(sum(1 for c in money if re.search(r"\.\d\d\b", c))),
        id_like=share(id_like),
        date=kinds["date"] / dated_or_not if dated_or_not else 0.0,
        no_date=share(kinds["none"]),
        serial=share(sum(1 for c in cells if _is_serial(c))),
        text=share(len(text)),
        organisation=share(sum(1 if LEGAL_FORMS.search(c) else 0.3 if ORGANISATION_WORDS.search(c) else 0
                               for c in text)),
        title_case=share(sum(1 for c in text if _title_like(c))),
        long_text=share(sum(1 for c in cells if len(c) > 60 or len(c.split()) > 8)),
        code=share(sum(1 for c in cells if CODE.match(c) and any(ch.isdigit() for ch in c))),
        company_number=share(sum(1 for c in cells if COMPANY_NUMBER.match(c.replace(" ", "")))),
        vat_number=share(sum(1 for c in cells if VAT_NUMBER.match(c))),
        postcode=share(sum(1 for c in cells if POSTCODE.match(c))),
        capital_revenue=share(sum(1 for c in cells if c.lower() in CAPITAL_REVENUE)),
        mean_length=sum(map(len, cells)) / n,
        median_money=amounts[len(amounts) // 2] if amounts else Decimal(0),
    )


# ---------------------------------------------------------------- what the content says a column is

def amount_score(p: Profile) -> float:
    """Money, not an id written in digits and not a column of Excel date serials."""
    if not p.filled or p.money < 0.5 or p.serial > 0.9 and p.decimals < 0.05:
        return 0.0
    return max(0.0, p.money - p.id_like) * (0.85 + 0.15 * p.decimals)


def date_score(p: Profile) -> float:
    if not p.filled:
        return 0.0
    if p.date == 0 and p.no_date > 0.9:
        return 0.3  # only times: the header must say it is the date
    return p.date if p.date >= 0.5 else 0.0


def payee_score(p: Profile) -> float:
    """Names of organisations or people: text, fairly varied, short, often with a legal form."""
    if not p.filled or p.text < 0.6:
        return 0.0
    if p.distinct <= 1 and p.filled >= 5:
        return 0.0  # the same value on every line: the council's own name
    variety = 1.0 if p.filled < 8 else min(1.0, p.distinct_ratio / 0.35)
    score = p.text * (0.2 + 0.35 * variety + 0.3 * min(1.0, p.organisation / 0.25) + 0.15 * p.title_case)
    if p.long_text > 0.3 or p.mean_length > 70:
        score *= 0.2
    if p.code > 0.5:
        score *= 0.3
    return score


def reference_score(p: Profile) -> float:
    """Mostly distinct, short, digits or letters and digits."""
    if not p.filled or p.long_text > 0.1:
        return 0.0
    return p.code * (1.0 if p.filled < 8 else min(1.0, p.distinct_ratio / 0.7))


def code_score(p: Profile) -> float:
    return p.code if p.long_text < 0.1 else 0.0


def repeated_text_score(p: Profile) -> float:
    return p.text if p.repeated or p.filled < 8 else p.text * 0.6


CONTENT = {
    "amount": amount_score,
    "credit": lambda p: p.money,  # mostly blank: only its name proposes it
    "paid_on": date_score,
    "payee_name": payee_score,
    "reference": reference_score,
    "expense_code": code_score,
    "payee_code": code_score,
    "service_area": repeated_text_score,
    "category": lambda p: p.text,
    "capital_revenue": lambda p: p.capital_revenue,
    "company_number": lambda p: p.company_number,
    "vat_number": lambda p: p.vat_number,
    "postcode": lambda p: p.postcode,
}
# The least a column must hold of its field when there is a sample: below it, the header alone is not enough.
ENOUGH = {"amount": 0.5, "paid_on": 0.25, "payee_name": 0.3, "company_number": 0.5, "vat_number": 0.5,
          "postcode": 0.5, "capital_revenue": 0.5}


UNNAMED = 0.6  # what a column needs to hold of a field when its name says nothing of it


# ---------------------------------------------------------------- what the header says a column is

# Words saying a date is the one the payment was made ("Cheque/BACS Date", "Date Cleared").
_PAID_WORDS = "paid|payment|pay|cheque|bacs|remittance|cleared|clearing"
_KEYWORDS = [  # (field, pattern on the normalised header, weight); the first match of a field counts
    ("company_number", r"\b(company|companies house|registered|registration|crn)\b.*\b(no|number|reg|registration|id)\b"
                       r"|^crn$|companies house", 1.8),
    ("vat_number", r"\bvat\b.*\b(no|number|reg|registration|id)\b", 1.8),
    ("postcode", r"post ?code|postal code", 1.8),
    ("payee_code", r"\b(supplier|vendor|creditor|payee|beneficiary)\b.*\b(id|code|no|number|ref|reference|account)\b", 1.5),
    ("payee_name", r"\b(supplier|vendor|creditor|payee|beneficiary|merchant|recipient|contractor|paid to)\b", 1.2),
    ("payee_name", r"\bname\b", 0.8),
    # 1.8 (2.1 with the payment bonus below): over a plain "Date" or "Invoice Date" (2.0), named as they are.
    ("paid_on", rf"\b({_PAID_WORDS})\b.*\bdate\b|\bdate\b.*\b({_PAID_WORDS})\b", 1.8),
    ("paid_on", r"\bdate\b", 1.0),
    ("amount", r"\b(net|excl?|excluding|excludes|ex|before)\b.*\bvat\b|\bnet\b", 1.6),
    ("amount", r"\b(amount|value|total|sum|spend|paid|gbp|£)\b", 1.0),
    ("reference", r"\b(ref|reference|transaction|trans|invoice|document|voucher|payment)\b.*\b(no|number|id|ref|reference)?\b",
     0.8),
    ("expense_code", r"\bcode\b", 0.8),
    ("service_area", r"\b(directorate|department|service|division|portfolio|cost centre|unit|area)\b", 0.8),
    ("category", r"\b(expense|expenditure|category|type|purpose|description|subjective|account)\b", 0.6),
]
_VAT_ITSELF = re.compile(r"\bvat\b")
_NOT_VAT = re.compile(r"\b(net|excl?|excluding|excludes|ex|before|less)\b")
_GROSS = re.compile(r"\b(gross|incl|including|includes|inc)\b")


def header_scores(cell: str) -> dict[str, float]:
    """How strongly a column's name points at each field: 2 for a known name (``parsing.SYNONYMS``; it
    then points at nothing else), less for a key word in it. An amount named as before VAT weighs
    more, as gross less, and the VAT itself hardly at all; a date named as the payment date more."""
    name = parsing.normalise_header(cell)
    if not name:
        return {}
    exact = parsing.header_field(cell)
    if exact:
        scores = {exact: 2.0}
    else:
        scores = {}
        for key, pattern, weight in _KEYWORDS:
            if key not in scores and re.search(pattern, name):
                scores[key] = weight
    if "amount" in scores:
        if _VAT_ITSELF.search(name) and not _NOT_VAT.search(name):
            scores["amount"] = 0.2  # the VAT, or the amount including it
        elif _GROSS.search(name):
            scores["amount"] -= 0.5
        elif re.search(r"\bnet\b|\bexcl?\b|excluding|excludes", name):
            scores["amount"] += 0.3
    if "paid_on" in scores:
        if re.search(rf"\b({_PAID_WORDS})\b", name):
            scores["paid_on"] += 0.3
        if not exact:
            scores.pop("reference", None)
            if scores.get("amount", 0) < 2:
                scores.pop("amount", None)  # "Date paid" is a date
    if "vat_number" in scores:
        scores.pop("company_number", None)
    if not exact and ("company_number" in scores or "vat_number" in scores or "postcode" in scores):
        scores = {key: weight for key, weight in scores.items()
                  if key in ("company_number", "vat_number", "postcode")}
    if not exact and "payee_code" in scores:
        scores.pop("payee_name", None)
        scores.pop("reference", None)
    return scores


# ---------------------------------------------------------------- proposing the columns

ORDER = ("amount", "credit", "paid_on", "payee_name", "company_number", "vat_number", "postcode", "payee_code", "reference",
         "expense_code", "service_area", "category", "capital_revenue")
WITHOUT_HEADER = {"amount", "paid_on", "payee_name", "company_number", "vat_number", "postcode"}
KEY_FIELDS = ("payee_name", "amount", "paid_on")


def propose(header: list[str] | None, sample: list[list[str]], excel: bool = False) -> parsing.Mapping:
    """Which column holds which field. With a header, a column's name proposes it and its content
    confirms it, or overrules it; without a header (or with no name for a field), content alone.
    ``excel``: the rows are from a workbook, where the importer reads whole numbers in the date column
    as Excel's day numbers; in a CSV file they cannot be read, and a person is told so."""
    sample = [row for row in sample if any(cell.strip() for cell in row)]
    width = max([len(header or [])] + [len(row) for row in sample])
    profiles = [profile_column([row[i] if i < len(row) else "" for row in sample]) for i in range(width)]
    names = [(header[i] if header and i < len(header) else "") for i in range(width)]
    named = [header_scores(name) for name in names]
    columns: dict[str, int] = {}
    doubts: list[str] = []

    def label(index):
        return f"“{names[index].strip()}”" if names[index].strip() else f"column {index + 1}"

    # What the header alone would choose for the payee, amount and date (the best name, the first of equals).
    by_header = {}
    for key in KEY_FIELDS:
        best = max(range(width), key=lambda i: (named[i].get(key, 0.0), -i), default=None)
        if best is not None and named[best].get(key, 0.0) >= 1.0:
            by_header[key] = best

    for key in ORDER:
        candidates = _candidates(key, named, profiles, bool(sample), set(columns.values()))
        if not candidates:
            continue
        index = candidates[0][2]
        if key == "amount":
            index = _the_amount(candidates, sample, doubts, label)
        else:
            rivals = [c for c in candidates[1:] if c[1] >= 2.0 and candidates[0][1] >= 2.0]
            if rivals and key in KEY_FIELDS:
                doubts.insert(0, f"More than one column could be the {parsing.FIELDS[key].lower()}: "
                                 f"{label(index)} was chosen over {', '.join(label(c[2]) for c in rivals)}.")
            elif rivals and key in parsing.FIELDS:
                doubts.append(f"More than one column could be the {parsing.FIELDS[key].lower()}.")
        columns[key] = index

    if "credit" in columns and not _credits_beside_debits(columns, names, profiles):
        del columns["credit"]

    for index, profile in enumerate(profiles):
        chosen_date = columns.get("paid_on") == index
        if profile.serial > 0.9 and profile.decimals < 0.05 and not (excel and chosen_date) and (
                chosen_date or index not in columns.values() and ("paid_on" not in columns or named[index].get("paid_on"))):
            if excel:
                doubts.append(f"{label(index)[0].upper()}{label(index)[1:]} holds whole numbers such as Excel writes "
                              "for dates (45383 for 3 April 2024). If it is the payment date, choose it: its numbers "
                              "will be read as dates.")
            else:
                doubts.append(f"{label(index)[0].upper()}{label(index)[1:]} holds whole numbers such as Excel writes "
                              "for dates (45383 for 3 April 2024), which cannot be read as dates in a CSV file. Save "
                              "the file from Excel with the dates shown as dates.")
    for key in parsing.REQUIRED_FIELDS:
        if key not in columns:
            doubts.append(f"No column is named like the {parsing.FIELDS[key].lower()}." if header is not None
                          else f"No column holds what looks like the {parsing.FIELDS[key].lower()}.")
    for key in KEY_FIELDS:
        if key in by_header and key in columns and by_header[key] != columns[key]:
            doubts.append(f"The {parsing.FIELDS[key].lower()} was taken from {label(columns[key])}, not from "
                          f"{label(by_header[key])}, because of what the columns hold. Check it.")
    if header is None:
        doubts.insert(0, "The file has no header row, so the columns were guessed from what they hold.")
    agree = all(key in columns and columns[key] == by_header.get(key) for key in KEY_FIELDS)
    return parsing.Mapping(columns, header is not None and agree and not doubts, doubts)


_DEBIT = re.compile(r"\bdebits?\b")


def _credits_beside_debits(columns, names, profiles) -> bool:
    """A column named as credits is taken off the amount only beside a column named as debits (a
    ledger's two columns; beside a signed "Amount" or "Net" it would be taken off twice), and only when
    what it holds is money (not a "Y" or a "C/R" flag)."""
    debit = _DEBIT.search(parsing.normalise_header(names[columns["amount"]])) if "amount" in columns else None
    credit = profiles[columns["credit"]]
    return bool(debit) and (not credit.filled or credit.money >= 0.5)


def _candidates(key, named, profiles, has_sample, taken) -> list[tuple[float, float, int]]:
    """(score, header weight, column) of the columns that could hold ``key``, best first."""
    content = CONTENT[key]
    candidates, fallback = [], []
    for index, profile in enumerate(profiles):
        if index in taken:
            continue
        words = named[index].get(key, 0.0)
        if not words and (key not in WITHOUT_HEADER or not has_sample):
            continue
        if not words and max(named[index].values(), default=0.0) >= 2.0:
            continue  # a column with a known name for another field is that field, whatever it holds
        if has_sample:
            fit = content(profile)
            if key not in ENOUGH:
                fit = max(fit, 0.2)  # the name decides; the content only ranks
            elif fit < ENOUGH[key] or (not words and fit < UNNAMED):
                # The content overrules the name when another column holds the field; a column
                # without a name needs more. Bad cells in the named column are then the file's fault.
                if words >= 2.0:
                    fallback.append((words, words, index))
                continue
        else:
            fit = 0.5
        other = max((w for k, w in named[index].items() if k != key), default=0.0)
        candidates.append((words + 2 * fit - 0.5 * other, words, index))
    candidates.sort(key=lambda c: (-c[0], c[2]))
    return candidates or fallback[:1]


def _the_amount(candidates, sample, doubts, label) -> int:
    """Of several money columns, the amount before VAT: the one whose name says so (net, excluding VAT,
    or plain amount rather than gross); without names, of three columns where one is the sum of the
    two others on every line, the larger of those two."""
    named = [c for c in candidates if c[1] >= 1.0]
    if len(named) >= 2:
        best = min(named, key=lambda c: (-c[1], -c[0], c[2]))
        others = ", ".join(label(c[2]) for c in named if c[2] != best[2])
        doubts.insert(0, f"More than one column could be the amount: {label(best[2])} was chosen over {others} "
                         "(the amount before VAT, where the names say which is which).")
        return best[2]
    if not named and len(candidates) >= 3:
        found = net_vat_gross(sample, [c[2] for c in candidates])
        if found:
            net, vat, gross = found
            doubts.insert(0, f"Three columns hold money: {label(net)} and {label(vat)} add up to {label(gross)}. "
                             f"{label(net)[0].upper()}{label(net)[1:]} was taken as the amount before VAT.")
            return net
    return candidates[0][2]


def net_vat_gross(sample: list[list[str]], indexes: list[int]) -> tuple[int, int, int] | None:
    """Three money columns where one is the sum of the two others on (almost) every line: (net, vat, gross)."""
    def value(row, i):
        try:
            return parse_amount(row[i]) if i < len(row) else None
        except CellError:
            return None

    for gross in indexes:
        for a in indexes:
            for b in indexes:
                if len({gross, a, b}) < 3 or a > b:
                    continue
                hits = total = 0
                for row in sample:
                    x, y, z = value(row, a), value(row, b), value(row, gross)
                    if x is None or y is None or z is None:
                        continue
                    total += 1
                    hits += x + y == z
                if total >= 3 and hits >= 0.9 * total:
                    sums = [sum(abs(value(row, i) or 0) for row in sample) for i in (a, b)]
                    net, vat = (a, b) if sums[0] >= sums[1] else (b, a)
                    return net, vat, gross
    return None
