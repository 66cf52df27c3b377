"""Reading tables: CSV files and spreadsheets into rows of text, and the cells of those rows into amounts
and dates. The one reader for every context (spend files, contract registers, staff lists and
training completions); what a context's columns are called stays in the context. No database here.

Files
    ``read_rows`` gives every row of a file as a list of cell strings and a description of its format.
    An Excel workbook (``is_xlsx``: .xlsx) is read cell by cell: a date cell becomes its ISO date
    (2026-04-03), a time-only cell its time, and a number cell its number rounded to pence (a
    workbook holds numbers as binary floating point, so 0.1 + 0.2 is written 0.3; a number in a
    workbook is unambiguous, so the amount rule below about decimal places is for text only).
    - One sheet is read: of the visible sheets (or of those the caller names: the spend importer
      names the sheets whose header names an amount), the one with the most rows that have two or
      more filled cells (the table; a sheet of notes has one cell a row), the first of equals; hidden
      sheets are not read. When the workbook has more than one sheet, the description names the
      sheet read (Excel workbook, sheet “Payments”).
    - A sheet with hidden rows that hold something is refused (were they hidden to leave them out?),
      and so is one with formulas saved without their results (written by a program that never
      calculated them): the message says what to do in the spreadsheet.
    - A number is rounded half up to pence from the shortest decimal that is it (2.675 is 2.68, as
      the spreadsheet shows it, not 2.67 as binary floating point would round it).
    - The sheet is read to its last filled cell, whatever size the workbook says it is (some
      programs write a wrong size), and every row has as many cells as the widest row.
    - A merged cell's text or date is read on every row of the merge, in the merge's first column
      (a payee merged down over its payments belongs to each of them). A number is not copied, as
      an amount merged over several lines is one amount, and nothing is copied across columns (a
      title merged across the sheet stays one cell).
    An Excel 97-2003 workbook (``is_xls``: .xls) is read by the same rules, through xlrd (its hidden
    rows and merged cells too; it always holds its formulas' results). A workbook protected with a
    password cannot be read and is refused, saying to remove the password and save it as .xlsx or CSV.
    An OpenDocument spreadsheet (``is_ods``: .ods, as LibreOffice saves) is read by the same rules
    too, streamed from its XML by ``opendocument`` (rows filtered out count as hidden rows; a sheet
    may count days from 1904 there as well).
    Anything else is CSV text (``decode``), in UTF-8, UTF-8 with a byte order mark or Windows-1252
    (what Excel's two "CSV" options save), or UTF-16 with a byte order mark (Excel's "Unicode Text",
    separated by tabs); any other file with NUL bytes is not text, and a file that is none of these
    names the first row that cannot be read. The cells may be separated by commas, tabs, semicolons
    or vertical bars (|): of these, the one that splits the most of the first rows into the same
    number of cells (more than one) is used, commas when it is a tie; the description names any
    other (CSV, UTF-8, separated by semicolons). ``read_records`` reads a file whose first row
    names the columns, finding each column through a context's aliases.

Amounts (``parse_amount``), in pounds, as Decimal with two places:
    - digits with at most two decimal places: 1450, 1450.5, 1450.18, .50;
    - commas may separate thousands (1,450.18, 1,234,567.89), and only thousands (1,45.00 and 12,3 are refused);
    - a pound sign or GBP before the number, or GBP after it: £1,450.18, GBP 12.50, 12.50 GBP;
    - negative when written -1450.18, −1450.18 (the minus sign), -£1,450.18, £-1,450.18, 1450.18- (a
      trailing minus), (1,450.18) (brackets) or 1,450.18 CR (a credit): councils' finance systems
      publish all of these;
    - a dash alone is nothing: -, £ - and £- (how Excel's Accounting format shows zero) are 0.00;
    - spaces around the number, the sign and the pound sign are allowed; spaces (ordinary, no-break
      or thin) may separate thousands as commas do, and only thousands (1 974.00, 1 234 567; 1 00
      and 12 3 are refused): in every country's way of writing numbers a space is a thousands
      separator, never a decimal point;
    - MORE THAN TWO DECIMAL PLACES IS REFUSED, never rounded: a full stop may be a European
      thousands separator, so 1.005 could mean 1,005 pounds as easily as a penny and a half, and
      1.500 could mean 1,500 pounds. The one exception is four or more decimal places where all
      after the second are zeros (1234.5600, as databases write money): as a thousands group has
      three digits, the full stop is then a decimal point and the amount is exact;
    - amounts over £999,999,999,999.99 are refused as too large to be a payment;
    - anything else is refused with a message that quotes what was found and, where it can, why.

Dates (``parse_date``), day first as in the UK, with an optional time after them (ignored, and
may end in AM or PM: 01/04/2025 12:00:00 AM):
    - 31/01/2026, 31/1/2026, 31/01/26, 31.01.2026, 31.01.26 and 31-01-2026 (a two-digit year is not
      accepted with hyphens, where 26-01-31 could be year first);
    - 31-Jan-26, 31-Jan-2026, 31 Jan 2026, 3 April 2026, 1-Sept-15, 1st April 2025, 22nd Jan 2026
      (month names or their first three letters, any case; the day may be written as an ordinal);
    - ISO 2026-01-31 (also 2026-1-31, 2026/01/31 and 2026-01-31T09:30:00), and 20260131: eight
      digits are year, month and day, with a year from 1990 to 2100. This is never a guess: eight
      digits that are a date day first (20122025) end in a year, and 2025 is no month and day;
    - any of these after the name of its weekday: Tue 01 Apr 2025, Tuesday, 1 April 2025. The
      weekday must be the date's: Mon 01 Apr 2025 is refused, as one of the two is wrong;
    - two-digit years 70-99 are 1970-1999 and 00-69 are 2000-2069; years before 1900 or after 2200
      are refused as mistakes (22/04/222 is not a date);
    - a blank cell gives ``BLANK_DATE`` and a time with no date (00:00:00, as when a date was lost in
      publishing) gives ``TIME_ONLY``; both are ``NoDate`` and false, so callers that need a date
      check ``if not day``;
    - a date that does not exist (31/02/2026), a month-first date (04/13/2026: the 13th month) and a
      separator that changes within the date (07/04.2015) are refused, and so is anything else,
      with a message quoting what was found. Excel serial numbers (45383) are not dates here: a
      workbook's date cells are read as dates already, and in a CSV file a five-digit number in a
      date column is more likely a mistake than a date (the spend importer reads whole numbers in a
      workbook's date column as Excel's day numbers, and says what they are in a CSV file).

Errors: ``FileError`` for a file that cannot be read as a whole, ``CellError`` for one cell. A
``CellError`` reads as the end of a sentence about a row ("Row 3 " + "has an amount that is not a
number: “12a”"); its ``plain`` form stands alone ("“12a” is not an amount ...").
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .opendocument import OdsError, is_ods, read_ods
from .opendocument import null_date as ods_null_date
from .text import quoted_list

MAX_RECORDS = 20000  # rows of a file read by read_records


class FileError(ValueError):
    """The file as a whole cannot be read (not text, not a table, no needed column...)."""


class CellError(ValueError):
    """One cell cannot be read. ``str()`` continues a sentence about its row; ``plain`` stands alone;
    ``kind`` is one of "blank", "not a number", "decimal places", "too large", "not a date" and
    "no such date"."""

    def __init__(self, message: str, plain: str, kind: str):
        super().__init__(message)
        self.plain = plain
        self.kind = kind


@dataclass
class Rejection:
    """A row of a table that was not imported, and why (the header is row 1, as in a spreadsheet)."""

    row: int
    reason: str


# ---------------------------------------------------------------- files

@dataclass
class ImportResult:
    """What an all-or-nothing import did: rows created, updated and unchanged, or every rejected row
    (and then nothing was saved)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list = field(default_factory=list)  # Rejection

    @property
    def ok(self):
        return not self.rejected

    @property
    def rows(self):
        return self.created + self.updated + self.unchanged


OLD_EXCEL = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # how .xls workbooks (and password-protected .xlsx) begin
UTF16_BOMS = {b"\xff\xfe": ("utf-16-le", "UTF-16"), b"\xfe\xff": ("utf-16-be", "UTF-16")}


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in: UTF-8 (with or without BOM), Windows-1252,
    or UTF-16 with a BOM (Excel's "Unicode Text"). Raises FileError for anything else."""
    if not data.strip():
        raise FileError("The file is empty.")
    if data.startswith(OLD_EXCEL):
        raise FileError("The file is an old Excel workbook (.xls) or a workbook protected with a password, "
                        "which cannot be read. Open it in Excel, remove any password, save it as an Excel "
                        "Workbook (.xlsx) or as CSV UTF-8, and upload it again.")
    if data[:2] in UTF16_BOMS and not data.startswith(b"\xff\xfe\x00\x00"):  # not UTF-32
        return _utf16(data)
    if b"\x00" in data[:65536]:
        raise FileError("The file is not a CSV text file or an Excel workbook.")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 with BOM"
        except UnicodeDecodeError as error:
            raise FileError(_encoding_problem(data, 3 + error.start, "UTF-8")) from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as error:
        raise FileError(_encoding_problem(data, error.start, "UTF-8 or Windows-1252")) from None


def _utf16(data: bytes) -> tuple[str, str]:
    codec, name = UTF16_BOMS[data[:2]]
    body = data[2:]
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as error:
        if error.end >= len(body) and error.reason == "truncated data":
            raise FileError("The file ends part of the way through a character, so it may not have uploaded "
                            "completely. Save it as CSV UTF-8 and upload it again.") from None
        row = body[:error.start].decode(codec, errors="replace").count("\n") + 1
        raise FileError(f"Row {row} has characters that are not {name} text. Save the file as CSV UTF-8 "
                        "and upload it again.") from None
    if not text.strip():
        raise FileError("The file is empty.")
    if "\x00" in text[:32768]:
        raise FileError("The file is not a CSV text file or an Excel workbook.")
    return text, name


def _encoding_problem(data: bytes, position: int, wanted: str) -> str:
    row = data[:position].count(b"\n") + 1
    return (f"Row {row} has characters that are not {wanted} text. Save the file as CSV UTF-8 "
            "and upload it again.")


def is_xlsx(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" and not is_ods(data)


def is_xls(data: bytes) -> bool:
    """An Excel 97-2003 workbook (.xls), or another file in the same container (a password-protected
    .xlsx is one: reading it says so)."""
    return data.startswith(OLD_EXCEL)


def is_workbook(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" or is_xls(data)  # .xlsx, .ods or .xls


DELIMITERS = {",": "commas", "\t": "tabs", ";": "semicolons", "|": "vertical bars (|)"}
DELIMITER_ROWS = 100  # the first rows of a CSV file, which choose its delimiter


def read_rows(data: bytes, sheet=None) -> tuple[list[list[str]], str]:
    """Every row of the file as a list of cell strings, and a description of the file's format
    ("Excel workbook", "Excel workbook, sheet “Payments”", "Excel workbook, days counted from 1904",
    "CSV, UTF-8", "CSV, UTF-16, separated by tabs"), for people to read (``counts_days_from_1904`` says
    the date system as data).
    ``sheet``: for a workbook, the title of the sheet to read, or titles to pick from by the docstring's
    rule (else every visible sheet is a candidate)."""
    if is_workbook(data):
        reader, kind = _workbook_reader(data)
        rows, sheet, sheets, mac = reader(data, sheet)
        described = kind if sheets == 1 else f"{kind}, sheet “{sheet}”"
        return rows, described + (MAC_DATES if mac else "")
    text, encoding = decode(data)
    delimiter = delimiter_of(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise FileError(f"The file cannot be read as CSV: {error}.") from None
    separated = "" if delimiter == "," else f", separated by {DELIMITERS[delimiter]}"
    return rows, f"CSV, {encoding}{separated}"


def _workbook_reader(data: bytes):
    if is_ods(data):
        return _ods_rows, "OpenDocument spreadsheet (.ods)"
    if is_xls(data):
        return _xls_rows, "Excel 97-2003 workbook (.xls)"
    return _xlsx_rows, "Excel workbook"


def read_sheets(data: bytes, titles: list[str]) -> tuple[list[list[list[str]]], str]:
    """The rows of each of a workbook's sheets titled in ``titles`` (a visible sheet of that title
    before a hidden one), by the rules of ``read_rows``, with the workbook opened once; and the
    workbook's description ("Excel workbook, sheets “April” and “May”")."""
    reader, kind = _workbook_reader(data)
    tables, _, _, mac = reader(data, each=titles)
    return tables, f"{kind}, sheet{'s' if len(titles) > 1 else ''} {quoted_list(titles)}" + (MAC_DATES if mac else "")


def delimiter_of(text: str) -> str:
    """What separates the cells of CSV text: of ``DELIMITERS``, the one that splits the most of the
    first ``DELIMITER_ROWS`` rows into the same number of cells, more than one (rows of a title above
    the table do not count against it); a comma when none does, or when it is a tie. Quotes are
    respected, so "Smith; Jones",12 is two cells separated by a comma."""
    sample = text[:65536]
    best, best_rows = ",", 0
    for delimiter in DELIMITERS:
        widths: dict[int, int] = {}
        try:
            for number, row in enumerate(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)):
                if number >= DELIMITER_ROWS:
                    break
                if len(row) > 1:
                    widths[len(row)] = widths.get(len(row), 0) + 1
        except csv.Error:
            continue
        rows = max(widths.values(), default=0)
        if rows > best_rows:
            best, best_rows = delimiter, rows
    return best


_XLSX_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_XML_ATTRIBUTE = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')


def hidden_sheets(data: bytes) -> list[str]:
    """The titles of a workbook's hidden sheets, which are never read (a reader says so); [] for a
    file that is not a workbook or cannot be read (reading it says what is wrong)."""
    import html
    import zipfile

    try:
        if is_ods(data):
            return [sheet.title for sheet in read_ods(data, rows=0).sheets if not sheet.visible]
        if is_xls(data):
            book = _open_xls(data)
            return [book.sheet_by_index(i).name for i in range(book.nsheets) if book.sheet_by_index(i).visibility != 0]
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            workbook = archive.read("xl/workbook.xml")[:1 << 20]
    except (FileError, OdsError, zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError):
        return []
    hidden = []
    for tag in _XLSX_SHEET.findall(workbook):
        attributes = {name.rpartition(b":")[2]: value for name, value in _XML_ATTRIBUTE.findall(tag)}
        if attributes.get(b"state") in (b"hidden", b"veryHidden") and b"name" in attributes:
            hidden.append(html.unescape(attributes[b"name"].decode("utf-8", "replace")))
    return hidden


def sheet_heads(data: bytes, rows: int = 25) -> list[tuple[str, list[list[str]]]]:
    """(title, its first ``rows`` rows as cell strings) for each visible sheet of a workbook, for a
    caller to tell which sheets hold its kind of table."""
    if is_ods(data):
        try:
            return [(sheet.title, [[_xlsx_cell(value) for value in row] for row in _as_wide_as_filled(sheet.values)])
                    for sheet in read_ods(data, rows=rows).sheets if sheet.visible]
        except OdsError:
            return []
    if is_xls(data):
        try:
            book = _open_xls(data)
            return [(sheet.name, [[_xlsx_cell(value) for value in row] for row in _xls_values(book, sheet)[:rows]])
                    for sheet in (book.sheet_by_index(i) for i in range(book.nsheets)) if sheet.visibility == 0]
        except FileError:
            return []
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # the full read says what is wrong with the workbook
        return []
    try:
        heads = []
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible":
                continue
            sheet.reset_dimensions()
            heads.append((sheet.title, [[_xlsx_cell(value) for value in row]
                                        for row in sheet.iter_rows(max_row=rows, values_only=True)]))
        return heads
    except Exception:
        return []
    finally:
        book.close()


MAC_DATES = ", days counted from 1904"  # said of a workbook in the "1904 date system" (older Excel for Mac)
_DATE_1904 = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*[\"'](?:1|true)[\"']")


def counts_days_from_1904(data: bytes) -> bool:
    """Whether a workbook uses the 1904 date system (its workbook part says date1904="1"), in which
    day numbers count from 1 January 1904 rather than 30 December 1899. False for anything else."""
    import zipfile

    if is_xls(data):
        try:
            return _open_xls(data).datemode == 1
        except FileError:
            return False
    if is_ods(data):
        return ods_null_date(data) == datetime.date(1904, 1, 1)

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return bool(_DATE_1904.search(archive.read("xl/workbook.xml")[:65536]))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False


def _xlsx_rows(data: bytes, title=None, each=None) -> tuple[list, str | None, int, bool]:
    """The rows of the workbook's table (the sheet titled ``title``, else the sheet chosen by the rules
    in this module's docstring), the sheet's name, the number of sheets in the workbook, and whether it
    counts days from 1904 (cells formatted as dates are read right either way; a number in a date
    column is a day count its reader must turn into a date). With ``each`` (titles), the rows of each
    of those sheets instead, and no name."""
    import zipfile
    import zlib

    from openpyxl import load_workbook

    # What openpyxl raises for a damaged or unusual workbook (XML errors are SyntaxErrors).
    unreadable = (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, SyntaxError, zlib.error,
                  TypeError, AttributeError, IndexError)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except unreadable:
        raise FileError("The Excel workbook cannot be opened. Open it in the program that made it, save it as "
                        "an Excel Workbook (.xlsx) and upload it again.") from None
    try:
        sheets = book.worksheets
        if not sheets:
            raise FileError("The Excel workbook has no sheet of cells. Put the table on a sheet and upload it again.")
        visible, titles = [s.sheet_state == "visible" for s in sheets], [s.title for s in sheets]

        def table(chosen, values):
            path = getattr(chosen, "_worksheet_path", None)  # read-only sheets know where their XML is
            if path and any(values):
                facts = _sheet_facts(data, path)
                _checked_and_filled(chosen.title, values, facts.hidden_rows, facts.uncalculated, facts.merged)
            return _as_text(values)

        if each is not None:
            chosen_each = [_candidate_sheets(sheets, visible, titles, wanted)[0] for wanted in each]
            return [table(sheet, _sheet_values(sheet)) for sheet in chosen_each], None, len(sheets), \
                book.epoch.year == 1904
        chosen, values = _table_sheet(_candidate_sheets(sheets, visible, titles, title), _sheet_values)
        rows = table(chosen, values)
    except FileError:
        raise
    except unreadable:
        raise FileError("The Excel workbook cannot be read, as part of it is damaged. Open it in the program "
                        "that made it, save it as an Excel Workbook (.xlsx) and upload it again.") from None
    finally:
        book.close()
    return rows, chosen.title, len(sheets), book.epoch.year == 1904


_PROTECTED = ("The file is an old Excel workbook (.xls) that cannot be read, or a workbook protected with a "
              "password. Open it in Excel, remove any password, save it as an Excel Workbook (.xlsx) or as CSV "
              "UTF-8, and upload it again.")


def _open_xls(data: bytes):
    import xlrd

    try:
        return xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except Exception:  # xlrd raises many kinds for a protected, damaged or non-workbook file
        raise FileError(_PROTECTED) from None


def _xls_values(book, sheet) -> list[list]:
    """A .xls sheet's values as openpyxl gives an .xlsx sheet's (None, text, float, bool, datetime, or
    an error's text such as #N/A), every row as wide as the widest row's last filled cell."""
    import xlrd

    values = []
    for number in range(sheet.nrows):
        row = []
        for cell in sheet.row(number):
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                row.append(None)
            elif cell.ctype == xlrd.XL_CELL_DATE:
                try:
                    row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
                except (xlrd.xldate.XLDateError, ValueError, OverflowError):
                    row.append(cell.value)
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                row.append(bool(cell.value))
            elif cell.ctype == xlrd.XL_CELL_ERROR:
                row.append(xlrd.error_text_from_code.get(cell.value, "#N/A"))
            else:
                row.append(cell.value)
        values.append(row)
    return _as_wide_as_filled(values)


def _xls_rows(data: bytes, title=None, each=None) -> tuple[list, str | None, int, bool]:
    """As ``_xlsx_rows``, for an Excel 97-2003 workbook: the same choice of sheet, the same refusal of
    hidden rows that hold something, merged cells filled the same way (its formulas' results are
    always saved in the file)."""
    book = _open_xls(data)
    try:
        sheets = [book.sheet_by_index(i) for i in range(book.nsheets)]
    except Exception:
        raise FileError(_PROTECTED) from None
    if not sheets:
        raise FileError("The Excel workbook has no sheet of cells. Put the table on a sheet and upload it again.")
    visible, titles = [sheet.visibility == 0 for sheet in sheets], [s.name for s in sheets]

    def table(chosen, values):
        _checked_and_filled(chosen.name, values,
                            [number + 1 for number, info in sorted(chosen.rowinfo_map.items()) if info.hidden], 0,
                            [(first_column + 1, first_row + 1, last_column, last_row)
                             for first_row, last_row, first_column, last_column in chosen.merged_cells])
        return _as_text(values)

    if each is not None:
        chosen_each = [_candidate_sheets(sheets, visible, titles, wanted)[0] for wanted in each]
        return [table(sheet, _xls_values(book, sheet)) for sheet in chosen_each], None, len(sheets), book.datemode == 1
    chosen, values = _table_sheet(_candidate_sheets(sheets, visible, titles, title),
                                  lambda sheet: _xls_values(book, sheet))
    return table(chosen, values), chosen.name, len(sheets), book.datemode == 1


def _ods_rows(data: bytes, title=None, each=None) -> tuple[list, str | None, int, bool]:
    """As ``_xlsx_rows``, for an OpenDocument spreadsheet (``opendocument``): the same choice of sheet,
    the same refusals of hidden or filtered rows that hold something and of formulas saved without
    their results, merged cells filled the same way."""
    try:
        book = read_ods(data)
    except OdsError as error:
        raise FileError(str(error)) from None
    if not book.sheets:
        raise FileError("The spreadsheet has no sheet of cells. Put the table on a sheet and upload it again.")
    visible, titles = [sheet.visible for sheet in book.sheets], [sheet.title for sheet in book.sheets]
    mac = book.null_date == datetime.date(1904, 1, 1)

    def table(chosen, values):
        _checked_and_filled(chosen.title, values, chosen.hidden_rows, chosen.uncalculated, chosen.merged)
        return _as_text(values)

    if each is not None:
        chosen_each = [_candidate_sheets(book.sheets, visible, titles, wanted)[0] for wanted in each]
        return [table(sheet, _as_wide_as_filled(sheet.values)) for sheet in chosen_each], None, len(book.sheets), mac
    chosen, values = _table_sheet(_candidate_sheets(book.sheets, visible, titles, title),
                                  lambda sheet: _as_wide_as_filled(sheet.values))
    return table(chosen, values), chosen.title, len(book.sheets), mac


def _checked_and_filled(title: str, values: list[list], hidden_rows, uncalculated: int, merged) -> None:
    """The checks every workbook's table sheet passes, whatever its format: hidden rows that hold
    something refused, formulas saved without results refused; then merged cells filled."""
    _refuse_hidden_rows(title, values, hidden_rows)
    if uncalculated:
        raise FileError(f"The sheet “{title}” has formulas whose results were never calculated (the file was "
                        "written by a program, not saved by a spreadsheet). Open it in Excel or LibreOffice, save "
                        "it, and upload it again.")
    _fill_merged(values, merged)


def _as_text(values: list[list]) -> list[list[str]]:
    """A sheet's values as the cell strings of ``read_rows``, in place (a large sheet is not held
    twice), without its empty rows at the end."""
    for index, row in enumerate(values):
        values[index] = [_xlsx_cell(value) for value in row]
    while values and not any(values[-1]):
        values.pop()
    return values


def _filled(value) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def _sheet_values(sheet) -> list[list]:
    """The values of a read-only sheet, every row as wide as the widest row's last filled cell. The
    size the workbook records for the sheet (its dimension) is ignored: some programs write a wrong
    one ("A1", or fewer rows than there are), and openpyxl would stop reading there."""
    sheet.reset_dimensions()
    return _as_wide_as_filled([list(row) for row in sheet.iter_rows(values_only=True)])


MAX_SHEET_CELLS = 20_000_000  # rows times columns of a sheet filled out to its widest row


def _as_wide_as_filled(values: list[list]) -> list[list]:
    """Every row cut or filled out (with None) to the widest row's last filled cell, in place. A sheet
    that would then hold more than MAX_SHEET_CELLS cells (a stray cell far to the right of a long
    table) is refused."""
    width = 0
    for row in values:
        last = len(row)
        while last > width and not _filled(row[last - 1]):
            last -= 1
        width = max(width, last)
    if width * len(values) > MAX_SHEET_CELLS:
        raise FileError(f"The sheet is too large to read: {len(values):,} rows by {width:,} columns. Delete what is "
                        "beyond the table (a cell far to the right or below it), save it and upload it again.")
    for row in values:
        row[width:] = []
        row.extend([None] * (width - len(row)))
    return values


def _candidate_sheets(sheets, visible, titles, wanted):
    """The sheets a workbook's table may be on: the visible ones (all, if none is), or those titled as
    the caller asks (``wanted``: a title or titles) when there are such."""
    candidates = [sheet for sheet, shown in zip(sheets, visible, strict=True) if shown] or list(sheets)
    if wanted is not None:
        wanted = {wanted} if isinstance(wanted, str) else set(wanted)
        named = [(sheet, shown) for sheet, title, shown in zip(sheets, titles, visible, strict=True) if title in wanted]
        # A visible sheet before a hidden one of the same title (a file written by a program may have both).
        candidates = [sheet for sheet, shown in named if shown] or [sheet for sheet, _ in named] or candidates
    return candidates


def _table_sheet(candidates, values_of) -> tuple:
    """(sheet, its values) of the candidate with the most rows of two or more filled cells (the table;
    a sheet of notes has one cell a row), the first of equals."""
    chosen, values, most = None, [], -1
    for sheet in candidates:
        sheet_values = values_of(sheet)
        table_rows = sum(1 for row in sheet_values if sum(1 for value in row if _filled(value)) >= 2)
        if table_rows > most:
            chosen, values, most = sheet, sheet_values, table_rows
    return chosen, values


def _refuse_hidden_rows(title: str, values: list[list], hidden_rows) -> None:
    """Refuses a sheet whose hidden rows (numbers from 1) hold something: were they hidden to leave them out?"""
    hidden = [number for number in hidden_rows
              if number <= len(values) and any(_filled(value) for value in values[number - 1])]
    if hidden:
        shown = ", ".join(str(number) for number in hidden[:10]) + (" and more" if len(hidden) > 10 else "")
        raise FileError(f"The sheet “{title}” has hidden rows with something in them (rows {shown}). "
                        "Clearsight cannot tell whether they were hidden to leave them out: unhide them or "
                        "delete them in the spreadsheet, save it and upload it again.")


@dataclass
class SheetFacts:
    merged: list = field(default_factory=list)  # (first column, first row, last column, last row), from 1
    hidden_rows: list = field(default_factory=list)  # row numbers, from 1
    uncalculated: int = 0  # formula cells with no value saved


def _sheet_facts(data: bytes, path: str) -> SheetFacts:
    """What a read-only sheet does not give, read from the sheet's XML at ``path`` in the workbook: its
    merged ranges (``<mergeCells>``), its hidden rows (``<row hidden="1">``) and its formula cells
    saved without a value (``<c><f>…</f></c>`` with no ``<v>``, or an empty one where the result is not
    text: a workbook written by a program that never calculated it). A first pass over the bytes skips sheets with none of these (most), and
    sheets with a document type declaration are not parsed (Excel never writes one)."""
    import zipfile

    from openpyxl.utils.cell import range_boundaries

    try:
        from defusedxml.ElementTree import iterparse
    except ImportError:  # the standard library's parser, which fetches no external entities
        from xml.etree.ElementTree import iterparse

    facts = SheetFacts()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if not _contains(archive.open(path), (b"mergeCell", b"hidden=", b"<f>", b"<f ", b":f>", b":f ")) \
                or _contains(archive.open(path), (b"<!DOCTYPE",)):
            return facts
        sheet_data = None
        with archive.open(path) as source:
            for event, element in iterparse(source, events=("start", "end")):
                name = element.tag.rpartition("}")[2]
                if event == "start":
                    if name == "sheetData":
                        sheet_data = element
                    elif name == "row" and element.get("hidden") in ("1", "true"):
                        try:
                            facts.hidden_rows.append(int(element.get("r", "")))
                        except ValueError:
                            pass
                elif name == "c":
                    children = {child.tag.rpartition("}")[2]: child for child in element}
                    if "f" in children and ("v" not in children or (
                            not (children["v"].text or "").strip() and element.get("t") != "str")):
                        facts.uncalculated += 1  # (a formula whose result is "" is saved as t="str" with <v/>)
                elif name == "row" and sheet_data is not None:
                    sheet_data.clear()  # the cells were read by openpyxl: keep memory flat
                elif name == "mergeCell":
                    try:
                        facts.merged.append(range_boundaries(element.get("ref", "")))
                    except (TypeError, ValueError):
                        continue
    return facts


def _contains(source, needles: tuple[bytes, ...]) -> bool:
    """Whether a stream holds any of ``needles``, read a megabyte at a time; closes the stream."""
    longest = max(len(needle) for needle in needles)
    with source:
        tail = b""
        while chunk := source.read(1 << 20):
            if any(needle in tail + chunk for needle in needles):
                return True
            tail = chunk[1 - longest:]
    return False


def _fill_merged(values: list[list], ranges) -> None:
    """Each merged range's text or date, put into the range's first column on every row of it (see
    the module's docstring: numbers are not copied, nor text that reads as an amount, "£1,234.56",
    nor anything across columns). Ranges overlapping an earlier one in the same column are left
    alone (a spreadsheet never makes them), so each cell is visited once."""
    width = len(values[0]) if values else 0
    filled_to: dict[int, int] = {}  # column -> last row filled
    for first_column, first_row, _, last_row in sorted(
            (r for r in ranges if r[0] is not None and r[1] is not None), key=lambda r: (r[0], r[1])):
        if first_row > len(values) or first_column > width or first_row <= filled_to.get(first_column, 0):
            continue
        value = values[first_row - 1][first_column - 1]
        if not _filled(value) or isinstance(value, (int, float, Decimal)) or _reads_as_amount(value):  # bool is an int
            continue
        last = min(last_row or first_row, len(values))
        filled_to[first_column] = last
        for row in values[first_row:last]:
            if not _filled(row[first_column - 1]):
                row[first_column - 1] = value


def _reads_as_amount(value) -> bool:
    if not isinstance(value, str) or not any(character.isdigit() for character in value):
        return False
    try:
        parse_amount(value)
    except (CellError, ValueError, ArithmeticError):
        return False
    return True


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
        if value == int(value):
            return str(int(value))
        # Rounded half up, as a spreadsheet shows it (2.675 is 2.68), from the shortest decimal that is
        # the float (2.675, not the binary 2.67499999...).
        return format(Decimal(repr(value)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP).normalize(), "f")
    return str(value)


def header_key(name: str) -> str:
    """A column name as aliases are written: lower case, words joined by "_" ("Start date" -> start_date)."""
    return re.sub(r"[^a-z0-9]+", "_", (name or "").replace("\ufeff", "").strip().lower()).strip("_")


def read_records(data: bytes, aliases: dict, required: list, *, with_columns=False, max_rows=MAX_RECORDS):
    """[(row number, {column: value})] from a file whose first row names the columns, with each column
    known by its canonical name through ``aliases`` ({canonical: [header_key spellings]}, the first
    spelling naming it in messages). Blank rows are left out; a row with values beyond the named
    columns has ``"_extra": True``. With ``with_columns``, (rows, set of the canonical columns the
    header names). Raises FileError when a ``required`` column is missing."""
    rows, _ = read_rows(data)
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise FileError("The file is empty" if not rows else "The first row must name the columns")
    columns = []
    for name in rows[0]:
        key = header_key(name)
        columns.append(next((canonical for canonical, names in aliases.items() if key in names), None))
    missing = [r for r in required if r not in columns]
    if missing:
        labels = ", ".join(aliases[m][0].replace("_", " ") for m in missing)
        raise FileError(f"The first row must name the columns. Missing: {labels}")
    records = []
    for number, values in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        if len(records) >= max_rows:
            raise FileError(f"The file has more than {max_rows:,} rows. Split it into smaller files")
        record = {column: value.strip() for column, value in zip(columns, values) if column}
        if len(values) > len(columns) and any(v.strip() for v in values[len(columns):]):
            record["_extra"] = True
        records.append((number, record))
    if with_columns:
        return records, {column for column in columns if column}
    return records


# ---------------------------------------------------------------- amounts

_PLAIN_AMOUNT = re.compile(r"-?(\d+(\.\d{1,2})?|\.\d{1,2})")
_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?")
# Thousands separated by spaces: ordinary, no-break (as copied from a web page), thin or narrow no-break.
_SPACED_THOUSANDS = re.compile(r"\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?:\.\d+)?")
_SPACES = re.compile(r"[ \u00a0\u2009\u202f]")
_NIL = re.compile(r"(£|GBP)?\s*-\s*", re.IGNORECASE)  # Excel's Accounting format shows zero as "£ -"
MINUS_SIGN = "\u2212"
TWO_PLACES = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999999.99")


def parse_amount(text: str) -> Decimal:
    """An amount in pounds, by the rules in this module's docstring. Raises CellError."""
    value = (text or "").strip()
    if not value:
        raise CellError("has no amount", "there is no amount", "blank")
    body = value.replace(MINUS_SIGN, "-")
    if _PLAIN_AMOUNT.fullmatch(body):
        amount = Decimal(body).quantize(TWO_PLACES)
        if abs(amount) > MAX_AMOUNT:
            raise _too_large(value)
        return amount
    if _NIL.fullmatch(body):
        return Decimal("0.00")
    negative = symbol_seen = False
    if body.upper().endswith("GBP"):  # 12.50 GBP
        symbol_seen, body = True, body[:-3].strip()
    if body.startswith("(") and body.endswith(")"):
        negative, body = True, body[1:-1].strip()
    for suffix in ("CR", "-"):
        if body.upper().endswith(suffix):
            if negative:
                raise _not_a_number(value, "it is marked negative twice")
            negative, body = True, body[:-len(suffix)].strip()
    while True:  # a sign before or after the pound sign: -£5 and £-5
        if body.startswith("-"):
            if negative:
                raise _not_a_number(value, "it is marked negative twice")
            negative, body = True, body[1:].strip()
            continue
        symbol = next((s for s in ("£", "GBP") if body.upper().startswith(s)), None)
        if symbol is None or symbol_seen:
            break
        symbol_seen, body = True, body[len(symbol):].strip()
    if _SPACED_THOUSANDS.fullmatch(body):
        body = _SPACES.sub("", body)
    match = _AMOUNT.fullmatch(body)
    if not match or not (match[1] or match[2]):
        raise _not_a_number(value, _why_not(body))
    whole, places = match[1] or "", match[2] or ""
    if len(places) > 2:
        if len(places) == 3 or places[2:].strip("0"):
            raise _too_many_places(value, whole, places)
        body = f"{whole}.{places[:2]}"  # 1234.5600: the zeros after the pence say nothing
    amount = Decimal(body.replace(",", "")).quantize(TWO_PLACES)
    if amount > MAX_AMOUNT:
        raise _too_large(value)
    return -amount if negative else amount


def _too_many_places(value: str, whole: str, places: str) -> CellError:
    """More than two decimal places: with three, and one to three digits before the full stop, it
    may be a thousands separator (1.005 could be 1,005); otherwise a fraction of a penny."""
    if len(places) == 3 and len(whole) <= 3 and whole and int(whole):
        why = (f" (it was not rounded: the full stop may separate thousands, so it could mean "
               f"{int(whole + places):,})")
    else:
        why = " (it was not rounded: write the amount in pounds and pence)"
    return CellError(f"has an amount with more than two decimal places: “{_short(value)}”{why}",
                     f"“{_short(value)}” has more than two decimal places{why}", "decimal places")


def _why_not(body: str) -> str:
    odd = sorted({c for c in body if not (c.isdigit() or c in ",." or _SPACES.fullmatch(c))})
    if "(" in odd or ")" in odd:
        return "brackets go once round the whole amount, like (1,450.18)"
    if odd:
        shown = ", ".join(f"“{c}”" for c in odd[:5])
        return f"{shown} cannot be part of an amount"
    if re.search(r"\d\s+\d", body) and not _SPACED_THOUSANDS.fullmatch(body.split(",")[0]):
        return "spaces inside the number may only separate thousands, like 1 000 or 1 234 567.89"
    if body.count(".") > 1:
        return "it has more than one full stop"
    if "," in body:
        return "commas may only separate thousands, like 1,450.18"
    return ""


def _not_a_number(value: str, why: str = "") -> CellError:
    detail = f" ({why})" if why else ""
    return CellError(f"has an amount that is not a number: “{_short(value)}”{detail}",
                     f"“{_short(value)}” is not an amount{detail}", "not a number")


def _too_large(value: str) -> CellError:
    return CellError(f"has an amount too large to be a payment: “{_short(value)}”",
                     f"“{_short(value)}” is too large an amount", "too large")


# ---------------------------------------------------------------- dates

MONTHS = {name: number for number, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
MONTHS["sept"] = 9
_MONTH_WORDS = {**MONTHS, **{name: number for number, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}}
FIRST_YEAR, LAST_YEAR = 1900, 2200

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAY_WORDS = {**{name.lower(): number for number, name in enumerate(WEEKDAYS)},
                  **{name.lower()[:3]: number for number, name in enumerate(WEEKDAYS)},
                  "tues": 1, "weds": 2, "thur": 3, "thurs": 3}
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]
COMPACT_YEARS = (1990, 2100)  # the years an eight-digit date (20260131) may have

_TIME = r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[AaPp][Mm])?"
_TIME_ONLY = re.compile(_TIME)
_WITH_TIME = re.compile(rf"(.*?\d) +{_TIME}|(\d{{4}}-\d{{1,2}}-\d{{1,2}})T{_TIME}")
_WEEKDAY = re.compile(r"([A-Za-z]{3,9})\.?,? +(?=\d)")
_DMY = re.compile(r"(\d{1,2})([/.])(\d{1,2})([/.])(\d{4}|\d{2})")
_DMY_HYPHENS = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
_ISO = re.compile(r"(\d{4})([-/])(\d{1,2})([-/])(\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_D_MON_Y = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[- ]([a-z]{3,9})[- ](\d{2}|\d{4})", re.IGNORECASE)


class NoDate:
    """A date cell that holds no date (blank, or a time only, as when a date was lost in publishing)."""

    def __init__(self, reason):
        self.reason = reason

    def __bool__(self):
        return False

    def __repr__(self):
        return f"NoDate({self.reason!r})"


BLANK_DATE = NoDate("blank")
TIME_ONLY = NoDate("time only")


def parse_date(text: str) -> datetime.date | NoDate:
    """A date, by the rules in this module's docstring: a ``datetime.date``, or ``BLANK_DATE`` or
    ``TIME_ONLY``. Raises CellError for anything that is not a real date."""
    value = (text or "").strip()
    if not value:
        return BLANK_DATE
    if _TIME_ONLY.fullmatch(value):
        return TIME_ONLY
    head, weekday = value, None
    if (named := _WEEKDAY.match(head)) and named[1].lower() in _WEEKDAY_WORDS:  # Tue 01 Apr 2025
        weekday, head = _WEEKDAY_WORDS[named[1].lower()], head[named.end():]
    if timed := _WITH_TIME.fullmatch(head):
        head = timed[1] or timed[2]
    year_first = False
    if match := _DMY.fullmatch(head):
        if match[2] != match[4]:
            raise _not_a_date(value, "the separators differ")
        day, month, year = int(match[1]), int(match[3]), _year(match[5])
    elif match := _DMY_HYPHENS.fullmatch(head):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    elif match := _ISO.fullmatch(head):
        if match[2] != match[4]:
            raise _not_a_date(value, "the separators differ")
        year, month, day, year_first = int(match[1]), int(match[3]), int(match[5]), True
    elif match := _COMPACT.fullmatch(head):
        year, month, day, year_first = int(match[1]), int(match[2]), int(match[3]), True
        if not COMPACT_YEARS[0] <= year <= COMPACT_YEARS[1]:
            raise _not_a_date(value, "eight digits are read as year, month and day, like 20260131 for "
                                     "31 January 2026")
    elif match := _D_MON_Y.fullmatch(head):
        month = _MONTH_WORDS.get(match[2].lower())
        if month is None:
            raise _not_a_date(value, f"“{match[2]}” is not a month")
        day, year = int(match[1]), _year(match[3])
    elif re.fullmatch(r"\d{1,2}-\d{1,2}-\d{2}", head):
        raise _not_a_date(value, "with hyphens the year must have four digits, as it could be first")
    else:
        raise _not_a_date(value)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _not_a_date(value, f"the year {year} is not between {FIRST_YEAR} and {LAST_YEAR}")
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        why = ""
        if month > 12 and not year_first:
            why = f" (dates are read day first, so {month} would be the month)"
        elif month > 12 and _COMPACT.fullmatch(head):
            why = " (eight digits are read as year, month and day)"
        raise CellError(f"has a date that does not exist: “{_short(value)}”{why}",
                        f"“{_short(value)}” is not a date that exists{why}", "no such date") from None
    if weekday is not None and date.weekday() != weekday:
        raise _not_a_date(value, f"{date.day} {MONTH_NAMES[date.month - 1]} {date.year} is a "
                                 f"{WEEKDAYS[date.weekday()]}, not a {WEEKDAYS[weekday]}")
    return date


def _year(text: str) -> int:
    if len(text) == 2:  # two-digit years: 70-99 are the 1900s, 00-69 the 2000s
        return 1900 + int(text) if int(text) >= 70 else 2000 + int(text)
    return int(text)


def _not_a_date(value: str, why: str = "") -> CellError:
    detail = f" ({why})" if why else ""
    return CellError(f"has a date that is not a date: “{_short(value)}”{detail}",
                     f"“{_short(value)}” is not a date{detail}", "not a date")


def _short(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[:limit] + "…"
