"""The rules for reading a spend file: plain functions with no database, each unit tested.

Reading is in three steps: ``decode`` the bytes (UTF-8, UTF-8 with BOM or Windows-1252),
``read_rows`` into lists of cell strings (CSV or XLSX), then ``find_header`` and ``guess_mapping``
to know which column holds which field. ``parse_amount``, ``parse_date`` and ``payee_kind`` are
the rules for single cells; ``parse_lines`` (importer.py) applies them to every row with caching.
"""

import csv
import datetime
import hashlib
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

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
                   "recipient", "recipient name", "paid to"],
    "amount": ["amount", "net amount", "amount gbp", "amount excl vat", "amount ex vat", "value", "net value",
               "total", "payment amount", "transaction amount", "invoice amount", "line amount", "gross amount",
               "amount paid", "spend", "net", "amount in sterling", "amount £", "value £"],
    "paid_on": ["paid date", "payment date", "date paid", "date", "transaction date", "invoice date",
                "date of payment", "posting date", "posted date", "effective date", "pay date", "date of transaction"],
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


class FileError(ValueError):
    """The file as a whole cannot be read (not text, not a table, no amount column...)."""


def normalise_header(cell: str) -> str:
    text = (cell or "").replace("\ufeff", "").strip().lower()
    text = text.replace("£", " £ ")
    return " ".join(re.findall(r"[a-z0-9£]+", text))


# ---------------------------------------------------------------- bytes and rows

def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in: UTF-8 (with or without BOM) or Windows-1252."""
    if not data.strip():
        raise FileError("The file is empty.")
    if b"\x00" in data[:65536]:
        raise FileError("The file is not a CSV text file or an Excel workbook.")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 with BOM"
        except UnicodeDecodeError as error:
            raise FileError(_encoding_problem(data, error.start, "UTF-8")) from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as error:
        raise FileError(_encoding_problem(data, error.start, "UTF-8 or Windows-1252")) from None


def _encoding_problem(data: bytes, position: int, wanted: str) -> str:
    row = data[:position].count(b"\n") + 1
    return (f"Row {row} has characters that are not {wanted} text. Save the file as CSV UTF-8 "
            "and upload it again.")


def is_xlsx(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def read_rows(data: bytes) -> tuple[list[list[str]], str]:
    """Every row of the file as a list of cell strings, and a description of the file's format."""
    if is_xlsx(data):
        return _xlsx_rows(data), "Excel workbook"
    text, encoding = decode(data)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise FileError(f"The file cannot be read as CSV: {error}.") from None
    return rows, f"CSV, {encoding}"


def _xlsx_rows(data: bytes) -> list[list[str]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FileError(f"The Excel workbook cannot be opened ({error.__class__.__name__}).") from None
    sheet = book.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        rows.append([_xlsx_cell(value) for value in values])
    book.close()
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


def _xlsx_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0) and value.year > 1900:
            return value.date().isoformat()
        if value.year <= 1900:  # Excel's time-only cells
            return value.time().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.isoformat()
    if isinstance(value, float):
        return repr(round(value, 2)) if value != int(value) else str(int(value))
    return str(value)


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

_PLAIN_AMOUNT = re.compile(r"-?\d+(\.\d{1,2})?")
_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?")
TWO_PLACES = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999999.99")


class CellError(ValueError):
    pass


def parse_amount(text: str) -> Decimal:
    """An amount in pounds: "1450.18", "1,450.18", "£1,450.18", "-1450.18", "(1,450.18)" and
    "1,450.18 CR" (credit, negative). More than two decimal places is rounded half up to pence."""
    value = (text or "").strip()
    if not value:
        raise CellError("has no amount")
    if _PLAIN_AMOUNT.fullmatch(value):
        amount = Decimal(value).quantize(TWO_PLACES)
        if abs(amount) > MAX_AMOUNT:
            raise CellError(f"has an amount too large to be a payment: “{_short(value)}”")
        return amount
    negative = False
    body = value
    if body.startswith("(") and body.endswith(")"):
        negative, body = True, body[1:-1].strip()
    upper = body.upper()
    if upper.endswith("CR"):
        negative, body = True, body[:-2].strip()
    elif body.endswith("-"):
        negative, body = True, body[:-1].strip()
    if body.startswith("-"):
        if negative:
            raise CellError(f"has an amount that is not a number: “{_short(value)}”")
        negative, body = True, body[1:].strip()
    for symbol in ("£", "GBP"):
        if body.upper().startswith(symbol):
            body = body[len(symbol):].strip()
    if body.startswith("-") and not negative:
        negative, body = True, body[1:].strip()
    if not _THOUSANDS.fullmatch(body):
        raise CellError(f"has an amount that is not a number: “{_short(value)}”")
    try:
        amount = Decimal(body.replace(",", "")).quantize(TWO_PLACES, rounding="ROUND_HALF_UP")
    except InvalidOperation:
        raise CellError(f"has an amount that is not a number: “{_short(value)}”") from None
    if amount > MAX_AMOUNT:
        raise CellError(f"has an amount too large to be a payment: “{_short(value)}”")
    return -amount if negative else amount


def _is_amount(text: str) -> bool:
    try:
        parse_amount(text)
    except CellError:
        return False
    return True


MONTHS = {name: number for number, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
MONTHS["sept"] = 9
_DMY = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})")
_D_MON_Y = re.compile(r"(\d{1,2})[- ]([A-Za-z]{3,9})[- ](\d{2}|\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TIME = re.compile(r"\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?")


class NoDate:
    """A date cell that holds no date (blank, or a time only, as when a date was lost in publishing)."""

    def __init__(self, reason):
        self.reason = reason


BLANK_DATE = NoDate("blank")
TIME_ONLY = NoDate("time only")


def parse_date(text: str) -> datetime.date | NoDate:
    """A date as dd/mm/yyyy (or dd/mm/yy, dd.mm.yyyy), d-mmm-yy (or d mmm yyyy, d-Month-yyyy) or
    ISO yyyy-mm-dd, with or without a time after it. Blank gives BLANK_DATE and a time alone gives
    TIME_ONLY; anything else that is not a real date raises CellError."""
    value = (text or "").strip()
    if not value:
        return BLANK_DATE
    if _TIME.fullmatch(value):
        return TIME_ONLY
    head = value.split(" ")[0] if (" " in value and _TIME.fullmatch(value.split(" ", 1)[1].strip())) else value
    head = head.split("T")[0] if "T" in head and _ISO.match(head) else head
    if match := _DMY.fullmatch(head):
        day, month, year = int(match[1]), int(match[2]), _year(match[3])
    elif match := _ISO.fullmatch(head):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _D_MON_Y.fullmatch(head):
        month = MONTHS.get(match[2].lower()[:4] if match[2].lower().startswith("sept") else match[2].lower()[:3])
        if month is None or (len(match[2]) > 3 and not _is_month_name(match[2])):
            raise CellError(f"has a date that is not a date: “{_short(value)}”")
        day, year = int(match[1]), _year(match[3])
    else:
        raise CellError(f"has a date that is not a date: “{_short(value)}”")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise CellError(f"has a date that does not exist: “{_short(value)}”") from None


_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december", "sept"]


def _is_month_name(word: str) -> bool:
    return word.lower() in _MONTH_NAMES


def _year(text: str) -> int:
    if len(text) == 2:  # two-digit years: 70-99 are the 1900s, 00-69 the 2000s
        return 1900 + int(text) if int(text) >= 70 else 2000 + int(text)
    return int(text)


def _looks_like_date(text: str) -> bool:
    try:
        return isinstance(parse_date(text), datetime.date)
    except CellError:
        return False


_REDACTED = re.compile(r"redact|personal data|withheld|confidential|data protection|name removed", re.I)
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


def _short(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[:limit] + "…"
