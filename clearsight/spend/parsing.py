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
    hidden_sheets,
    MAC_DATES,
    counts_days_from_1904,
    is_workbook,
    is_xlsx,
    parse_amount,
    parse_date,
    read_rows,
    read_sheets,
    sheet_heads,
)

MAX_CELL = 1000  # characters; a longer cell is not a spend value

# Fields a spend line can have. The first two must be found in every file.
REQUIRED_FIELDS = ("amount", "payee_name")
FIELDS = {
    "payee_name": "Payee (supplier name)",
    "amount": "Amount",
    "credit": "Credits in a column of their own",
    "paid_on": "Date paid",
    "category": "Expense category",
    "expense_code": "Expense code",
    "service_area": "Service area",
    "reference": "Transaction reference",
    "capital_revenue": "Capital or revenue",
    "payee_code": "Supplier id",
    "company_number": "Supplier company number",
    "vat_number": "Supplier VAT number",
    "postcode": "Supplier postcode",
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
               "total excluding vat", "total exc vat", "total ex vat", "amount excluding vat", "net total",
               "debit", "debits", "debit amount", "debit value", "debit £"],
    # Credits in a column of their own beside the debits (a ledger's layout): the line's amount is the
    # debit less the credit.
    "credit": ["credit", "credits", "credit amount", "credit value", "credit £"],
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
    "capital_revenue": ["type", "caporrev", "cap or rev", "capital or revenue", "type of expenditure", "capital revenue",
                        "cap rev", "revenue capital", "expenditure type capital revenue"],
    "payee_code": ["supplier id", "supplier number", "supplier code", "vendor id", "vendor number",
                   "creditor id", "creditor number", "supplier ref", "supplier reference"],
}
_SYNONYM_FIELD = {name: key for key, names in SYNONYMS.items() for name in names}


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def normalise_header(cell: str) -> str:
    """The header's words in lower case: punctuation dropped, words written together in camel case
    parted ("SupplierVATNumber": "supplier vat number", as the Transparency Code's schema names
    columns)."""
    text = _CAMEL.sub(" ", (cell or "").replace("\ufeff", "")).strip().lower()
    text = text.replace("£", " £ ")
    return " ".join(re.findall(r"[a-z0-9£]+", text))


# ---------------------------------------------------------------- header and mapping

def header_field(cell: str) -> str | None:
    return _SYNONYM_FIELD.get(normalise_header(cell))


def find_header(rows: list[list[str]], look_at: int = 20) -> int | None:
    """The index of the header row, or None when the file has none. The header is the first of the
    first ``look_at`` rows naming an amount and at least one other known field (or the row below it, when
    that names them too and fills more cells: the first is then a row of group labels over merged
    cells); failing that, the last
    row of the file when it does so (some finance systems write the header last); failing that, a row
    of names alone above (or below) rows whose columns hold money (a header in words not known here)."""
    for index, row in enumerate(rows[:look_at]):
        if _names_fields(row):
            below = rows[index + 1] if index + 1 < len(rows) else []
            if _names_fields(below) and _filled_cells(below) > _filled_cells(row):
                return index + 1  # group labels over merged cells ("Amount" over Net, VAT and Gross)
            return index
    last = _last_filled(rows)
    if last is not None and last >= 1 and _names_fields(rows[last]) and not _names_fields(rows[0]):
        return last
    for index, row in enumerate(rows[:look_at]):
        if _names_columns(row, rows[index + 1:index + 11]):
            return index
    if last is not None and last >= 1 and _names_columns(rows[last], rows[max(0, last - 10):last]):
        return last
    return None


def payment_sheets(heads) -> list[str]:
    """The titles of the sheets (``tabular.sheet_heads``) whose first rows hold a header naming an
    amount and another field, with lines under it."""
    found = []
    for title, rows in heads:
        for index, row in enumerate(rows[:20]):
            if _names_fields(row):
                if any(any(cell.strip() for cell in below) for below in rows[index + 1:]):
                    found.append(title)
                break
    return found


def _last_filled(rows) -> int | None:
    for index in range(len(rows) - 1, -1, -1):
        if any(cell.strip() for cell in rows[index]):
            return index
    return None


def _fields_named(row: list[str]) -> set:
    return {header_field(cell) for cell in row} - {None}


def _filled_cells(row: list[str]) -> int:
    """How many cells hold something: a row of group labels over merged cells ("Amount" over Net, VAT
    and Gross) holds fewer than the header below it."""
    return sum(1 for cell in row if cell.strip())


def _names_fields(row: list[str]) -> bool:
    fields = _fields_named(row)
    return "amount" in fields and len(fields) >= 2


def _names_columns(row: list[str], data: list[list[str]]) -> bool:
    """A row of two or more names and nothing else, over a column where the next rows hold money,
    with a name of the payee or the amount among its words."""
    from .columns import header_scores

    cells = [cell.strip() for cell in row]
    if sum(1 for cell in cells if cell) < 2 or any(_is_amount(cell) or _looks_like_date(cell) for cell in cells if cell):
        return False
    if not any({"amount", "payee_name", "paid_on"} & set(header_scores(cell)) for cell in cells):
        return False
    data = [r for r in data if any(c.strip() for c in r)]
    if len(data) < 2:
        return False
    for index, cell in enumerate(cells):
        values = [r[index].strip() for r in data if index < len(r) and r[index].strip()]
        if cell and values and sum(map(_is_amount, values)) >= 0.8 * len(data):
            return True
    return False


def is_header_repeat(row: list[str], header: list[str]) -> bool:
    """A data row that repeats the header (a report printed page by page)."""
    return ([normalise_header(c) for c in row if c.strip()] == [normalise_header(c) for c in header if c.strip()])


def data_span(rows: list[list[str]], header_index: int | None) -> tuple[int, int]:
    """The rows that hold payment lines (start, end): after the header, or before it when the header
    is the last row of the file, or every row without a header."""
    if header_index is None:
        return 0, len(rows)
    if header_index > 0 and not any(any(cell.strip() for cell in row) for row in rows[header_index + 1:]):
        return 0, header_index
    return header_index + 1, len(rows)


@dataclass
class Mapping:
    columns: dict[str, int]  # field -> column index
    certain: bool
    doubts: list[str] = field(default_factory=list)


def guess_mapping(header: list[str] | None, sample: list[list[str]], excel: bool = False) -> Mapping:
    """Which column holds which field, from the header's names and what the columns of ``sample`` (the
    first payment lines) hold: ``clearsight.spend.columns.propose``. ``certain`` is False when a
    person should check it. ``excel``: the rows are from a workbook (whose day numbers are dates)."""
    from .columns import propose

    return propose(header, sample, excel=excel)


def _words_as_written(cell: str) -> str:
    text = (cell or "").replace("\ufeff", "").strip().lower().replace("£", " £ ")
    return " ".join(re.findall(r"[a-z0-9£]+", text))


def header_signature(header: list[str] | None, width: int) -> str:
    """Identifies a header layout (ignoring case, spacing and punctuation)."""
    if header is None:
        text = f"no header, {width} columns"
    else:
        # The words as they were read before camel case was parted ("SupplierName": "suppliername"), so
        # that layouts remembered before then are still found.
        text = "|".join(_words_as_written(cell) for cell in header)
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
# A whole cell standing for a person whose name is not published ("Individual" on a direct payment).
_A_PERSON = re.compile(r"(an? |private |named |unnamed )?(individual|person|service user|foster carer|carer)s?"
                       r"|personal (information|details)|private", re.I)
_CARD = re.compile(r"\b(purchas(e|ing)|procurement|payment|credit|debit|corporate|gpc|government procurement)"
                   r"[ -]?cards?\b|\bcard (payments?|transactions?|spend)\b|^barclaycard$", re.I)


# What a total or subtotal line says where the payee would be ("Grand Total", "Sub-total", "TOTALS",
# "Page total", "Total expenditure", "Total for April 2025"): letters only, digits and punctuation
# dropped. What may follow "for" or "in" is a period only: "Total For Kids" is a charity.
_PERIOD = (r"(the )?(period|month|year|financial year|quarter|week|day|january|february|march|april|may|june|july"
           r"|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)")
_TOTAL_LABEL = re.compile(
    r"(grand |sub ?|overall |period |month |monthly |page |report |running |net |gross )?totals?"
    r"( (spend|expenditure|payments|paid|amount|value|to date|this page))?"
    rf"( (for|in) {_PERIOD}( [a-z]+)?)?|sum|sum total"
    r"|(net|gross) (spend|expenditure|payments|paid)"  # "Net spend" under a ledger's Debit and Credit totals
    r"|(year|month|period|financial year) to date|ytd|ytd total|total ytd")
# Lines carrying a balance from one page to the next: never a payment. "C/F" and "B/F" must be
# written with their stroke or stops ("B & F" is a firm).
_CARRIED = re.compile(r"(balance )?(carried|brought) (forward|fwd)|opening balance|closing balance")
_CARRIED_SHORT = re.compile(r"\s*[cb]\s*[/.]\s*f\.?\s*", re.IGNORECASE)
_COUNT_LABEL = re.compile(r"(grand |sub ?|total )?(count|number of (lines|transactions|payments|invoices)"
                          r"|no of (lines|transactions|payments|invoices))")
_COMPANY_WORDS = {"ltd", "limited", "plc", "llp", "cic", "inc", "co", "company"}


def letters(text: str) -> str:
    """A cell's letters only, in lower case, as labels are compared ("Grand total:" -> "grand total")."""
    return " ".join(re.findall(r"[a-z]+", (text or "").lower()))


def is_total_label(cell: str) -> bool:
    """Whether a cell is the label of a total line rather than a supplier's name: the whole cell, read
    as its letters only ("Grand total:", "Total for April 2025", "Page Total", "C/F", "No. of
    transactions"). A name with a legal form is a supplier's ("Total Gas & Power Ltd")."""
    text = letters(cell)
    if not text or _COMPANY_WORDS & set(text.split()):
        return False
    return (_TOTAL_LABEL.fullmatch(text) is not None or _CARRIED.fullmatch(text) is not None
            or _CARRIED_SHORT.fullmatch(cell or "") is not None or _COUNT_LABEL.fullmatch(text) is not None)


def total_label_kind(label: str) -> str:
    """"carried" (a balance carried or brought forward), "count" (a count of the lines: "No. of
    transactions", Excel's "Acme Ltd Count") or "total"."""
    text = letters(label)
    if _CARRIED.fullmatch(text) or _CARRIED_SHORT.fullmatch(label or ""):
        return "carried"
    if _COUNT_LABEL.fullmatch(text) or text.endswith(" count") or text.startswith("count "):
        return "count"
    return "total"


_SUBTOTAL_AFTER = {"total", "count", "sub total", "subtotal"}  # "Acme Ltd Total", "Care Sub-total"
_SUBTOTAL_BEFORE = {"total", "count", "sub total", "subtotal", "total for", "sub total for", "subtotal for",
                    "count for"}  # "Total Acme Ltd", "Total for Adult Social Care"


def subtotal_label(cell: str, above: str) -> bool:
    """Whether ``cell`` labels the sub-total of a group whose lines say ``above`` in the same column,
    as Excel's Subtotal command writes them ("Acme Ltd Total", "Total Acme Ltd", "Care Count") or a
    finance report does ("Total for Adult Social Care", "Care Sub-total")."""
    text, group = " ".join(cell.lower().split()), " ".join(above.lower().split())
    if not group or not text or text == group:
        return False
    if text.startswith(group + " "):
        return letters(text[len(group):]) in _SUBTOTAL_AFTER
    if text.endswith(" " + group):
        return letters(text[:-len(group)]) in _SUBTOTAL_BEFORE
    return False


_TOTAL_WORDS = {"total", "totals", "subtotal", "subtotals", "sum"}


def may_be_total_label(payee: str) -> bool:
    """Whether a payee cell may be the label of a total line, though it may as well be a supplier's
    name ("Total Care", "Sum Solutions", "Total payments made in April"). A name with a legal form
    ("Total Pest Control (UK) Ltd") is a supplier's. The importer refuses such a line when its amount
    is the sum of the lines above it (which is it?), and takes it for a payment otherwise."""
    words = re.findall(r"[a-z]+", (payee or "").lower())
    return 0 < len(words) <= 6 and bool(_TOTAL_WORDS & set(words)) and not _COMPANY_WORDS & set(words)


def payee_kind(payee: str, category: str = "") -> str:
    """How to treat the payee: "supplier", "redacted", "card" or "blank"."""
    name = (payee or "").strip()
    if not name:
        return "blank"
    if _REDACTED.search(name) or _A_PERSON.fullmatch(name):
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

