"""The rules for reading a spend file: plain functions with no database, each unit tested.

Reading is in three steps: ``read_rows`` into lists of cell strings (CSV or XLSX), then
``find_header`` and ``guess_mapping`` to know which column holds which field. Reading the file and
its cells (``decode``, ``read_rows``, ``parse_amount``, ``parse_date`` and their errors) is
``clearsight.core.tabular``'s, the one reader for every context, named here for the importer; the
synonyms of spend columns, the header and mapping, and ``payee_kind`` are spend's own.
``parse_lines`` (importer.py) applies the cell rules to every row with caching.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from clearsight.core.tabular import (  # noqa: F401 (the reading rules the importer uses, through this module)
    BLANK_DATE,
    MONTHS,
    TIME_ONLY,
    CellError,
    FileError,
    NoDate,
    decode,
    is_xlsx,
    parse_amount,
    parse_date,
    read_rows,
)

MAX_CELL = 1000  # characters; a longer cell is not a spend value

# Fields a spend line can have. The first two must be found in every file.
REQUIRED_FIELDS = ("amount", "payee_name")
FIELDS = {
    "payee_name": "Payee (supplier name)",
    "amount": "Amount",
    "paid_on": "Date paid",
    "category": "Expense category",
    "expense_code": "Expense code",
    "service_area": "Service area",
    "reference": "Transaction reference",
    "capital_revenue": "Capital or revenue",
    "payee_code": "Supplier id",
}

# Column names councils use, normalised (lower case, letters and digits separated by one space).
SYNONYMS = {
    "payee_name": ["supplier name", "supplier", "payee", "payee name", "vendor", "vendor name", "beneficiary",
                   "merchant name", "merchant", "creditor", "creditor name", "name of supplier", "supplier name s",
                   "recipient", "recipient name", "paid to", "name", "supplier beneficiary name",
                   "beneficiary name", "supplier payee name", "payee supplier name"],
    "amount": ["amount", "net amount", "amount gbp", "amount excl vat", "amount ex vat", "value", "net value",
               "total", "payment amount", "transaction amount", "invoice amount", "line amount", "gross amount",
               "amount paid", "spend", "net", "amount in sterling", "amount £", "value £", "total excludes vat",
               "total excluding vat", "total exc vat", "total ex vat", "amount excluding vat", "net total"],
    "paid_on": ["paid date", "payment date", "date paid", "date", "transaction date", "invoice date",
                "date of payment", "posting date", "posted date", "effective date", "pay date", "date of transaction",
                "invoice payment date", "payment made date", "date payment made"],
    "category": ["expenditure category", "expenditure catergory", "expenditure unit", "expense category",
                 "category", "expense type", "expenditure type", "purpose of expenditure", "purpose",
                 "description", "account description", "subjective description", "expense description",
                 "proclass", "procurement category", "merchant category"],
    "expense_code": ["expenditure code", "expense code", "account code", "subjective code", "cost code",
                     "expense area code", "subjective", "gl code", "nominal code", "ledger code"],
    "service_area": ["service area", "organisational unit", "organisatonal unit", "department", "directorate",
                     "service", "expense area", "cost centre", "cost centre description", "service division",
                     "service label", "portfolio", "business unit"],
    "reference": ["trans no", "transaction number", "transaction no", "transaction reference", "transaction id",
                  "reference", "invoice number", "invoice no", "invoice reference", "document number",
                  "payment reference", "voucher number", "ref", "transaction ref"],
    "capital_revenue": ["type", "caporrev", "capital or revenue", "type of expenditure", "capital revenue",
                        "cap rev", "revenue capital", "expenditure type capital revenue"],
    "payee_code": ["supplier id", "supplier number", "supplier code", "vendor id", "vendor number",
                   "creditor id", "creditor number", "supplier ref", "supplier reference"],
}
_SYNONYM_FIELD = {name: key for key, names in SYNONYMS.items() for name in names}


def normalise_header(cell: str) -> str:
    text = (cell or "").replace("\ufeff", "").strip().lower()
    text = text.replace("£", " £ ")
    return " ".join(re.findall(r"[a-z0-9£]+", text))


# ---------------------------------------------------------------- header and mapping

def header_field(cell: str) -> str | None:
    return _SYNONYM_FIELD.get(normalise_header(cell))


def find_header(rows: list[list[str]], look_at: int = 20) -> int | None:
    """The index of the header row (the first row naming an amount and at least one other known
    field), or None when the file has no header."""
    for index, row in enumerate(rows[:look_at]):
        fields = {header_field(cell) for cell in row} - {None}
        if "amount" in fields and len(fields) >= 2:
            return index
    return None


@dataclass
class Mapping:
    columns: dict[str, int]  # field -> column index
    certain: bool
    doubts: list[str] = field(default_factory=list)


def guess_mapping(header: list[str] | None, sample: list[list[str]]) -> Mapping:
    """Which column holds which field: by the header's names when there is one, otherwise by what
    the first rows contain. ``certain`` is False when a person should check it."""
    if header is not None:
        columns, doubts = {}, []
        for index, cell in enumerate(header):
            key = header_field(cell)
            if key is None:
                continue
            if key in columns:
                doubts.append(f"More than one column could be the {FIELDS[key].lower()}.")
                continue
            columns[key] = index
        for key in REQUIRED_FIELDS:
            if key not in columns:
                doubts.append(f"No column is named like the {FIELDS[key].lower()}.")
        return Mapping(columns, not doubts, doubts)
    return _guess_by_content(sample)


def _guess_by_content(sample: list[list[str]]) -> Mapping:
    width = max((len(row) for row in sample), default=0)
    columns: dict[str, int] = {}
    amount_cols, date_cols, text_cols = [], [], []
    for index in range(width):
        values = [row[index].strip() for row in sample if index < len(row) and row[index].strip()]
        if not values:
            continue
        if all(_looks_like_date(v) for v in values):
            date_cols.append(index)
        elif all(_is_amount(v) for v in values):
            amount_cols.append((any("." in v for v in values), index))
        elif sum(any(c.isalpha() for c in v) for v in values) == len(values):
            text_cols.append((sum(len(v) for v in values) / len(values), index))  # names are the longest text
    if amount_cols:
        columns["amount"] = sorted(amount_cols, reverse=True)[0][1]
    if date_cols:
        columns["paid_on"] = date_cols[0]
    if text_cols:
        columns["payee_name"] = max(text_cols)[1]
    return Mapping(columns, False, ["The file has no header row, so the columns were guessed from what they hold."])


def header_signature(header: list[str] | None, width: int) -> str:
    """Identifies a header layout (ignoring case, spacing and punctuation)."""
    if header is None:
        text = f"no header, {width} columns"
    else:
        text = "|".join(normalise_header(cell) for cell in header)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def publisher_key(publisher: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (publisher or "").lower()))


# ---------------------------------------------------------------- cells

def _is_amount(text: str) -> bool:
    try:
        parse_amount(text)
    except CellError:
        return False
    return True


def _looks_like_date(text: str) -> bool:
    try:
        return isinstance(parse_date(text), datetime.date)
    except CellError:
        return False


# Words a publisher writes in place of a person's name; whole words only, so "Redactive Publishing Ltd" is a
# company (issue 16).
_REDACTED = re.compile(r"\bredact(ed|ion)?\b|personal data|withheld|confidential|data protection|name removed", re.I)
_CARD = re.compile(r"\b(purchas(e|ing)|procurement|payment|credit|debit|corporate|gpc|government procurement)"
                   r"[ -]?cards?\b|\bcard (payments?|transactions?|spend)\b|^barclaycard$", re.I)


def payee_kind(payee: str, category: str = "") -> str:
    """How to treat the payee: "supplier", "redacted", "card" or "blank"."""
    name = (payee or "").strip()
    if not name:
        return "blank"
    if _REDACTED.search(name):
        return "redacted"
    if _CARD.search(name) or (category and _CARD.search(category)):
        return "card"
    return "supplier"


def card_payee_is_merchant(payee: str) -> bool:
    """A card line names the merchant (resolve it) unless the payee is just the card itself."""
    return not _CARD.search(payee or "")


_PERIOD = re.compile(r"(jan|apr|jul|oct)[a-z]*[-_ ]+(mar|jun|sep|dec)[a-z]*[-_ ]+(\d{4})", re.I)
_QUARTER_END = {"mar": (3, 31), "jun": (6, 30), "sep": (9, 30), "dec": (12, 31)}


def period_from_file_name(name: str) -> tuple[datetime.date, datetime.date] | None:
    """The quarter a file covers when its name says so, like "expenditure-over-500-apr-jun-2014.csv"."""
    match = _PERIOD.search(name or "")
    if not match:
        return None
    start_month = MONTHS[match[1].lower()[:3]]
    end_month, end_day = _QUARTER_END[match[2].lower()[:3]]
    if end_month - start_month != 2:
        return None
    year = int(match[3])
    return datetime.date(year, start_month, 1), datetime.date(year, end_month, end_day)

