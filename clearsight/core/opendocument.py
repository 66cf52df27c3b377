"""Reading OpenDocument spreadsheets (.ods, as LibreOffice Calc and other office suites save them)
into the same values ``tabular`` reads from an Excel workbook, streamed from the file's XML so a
large sheet is read in bounded memory (ADR 0030, "OpenDocument").

A sheet's values are None, text, float, bool, datetime.datetime, datetime.time, or an error's text
(#N/A), as openpyxl gives an .xlsx sheet's; with each sheet come what ``tabular`` checks before using
it: whether it is shown, its rows hidden or filtered out, its merged ranges, and its formulas saved
without a result.

How the format is read (OpenDocument 1.2 and 1.3, part 1, section 9):
- a row or cell written once with ``number-rows-repeated`` or ``number-columns-repeated`` is that
  many rows or cells (two identical payments in a row are written once, repeated twice), except
  empty ones at the end of a row or sheet, which programs repeat to the sheet's edge;
- a cell's value is its ``office:value`` (numbers, currency and percentages),
  ``office:date-value``, ``office:time-value`` or ``office:boolean-value``; text is its paragraphs
  joined by line breaks, with ``<text:s c="3"/>`` as three spaces, tabs and line breaks kept, and
  comments (``office:annotation``) left out. A formula's error (#N/A) is its text;
- a merge is ``number-columns-spanned`` and ``number-rows-spanned`` on its first cell;
- a row is hidden by ``table:visibility="collapse"`` or filtered out by ``"filter"``;
- a sheet is hidden when its table style says ``table:display="false"``.
"""

import datetime
import io
import math
import re
import zipfile
from dataclasses import dataclass, field

MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
MAX_ROWS = 1_048_576  # as many as a sheet in LibreOffice or Excel can hold
MAX_COLUMNS = 16_384
# Cells held in memory for one file (a county's year of payments is a few million); and the size of
# its content.xml, whose parsing takes about a second for each 20 MB. Beyond either the file is
# refused as too large, rather than a small file that expands (a few repeat counts, or a zip of
# nothing) taking the server's memory or minutes of its time.
MAX_CELLS = 20_000_000
MAX_CONTENT_BYTES = 512 << 20  # a year of 200,000 payment lines is about 270 MB
DAY_ZERO = datetime.date(1899, 12, 30)

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


T_TABLE, T_ROW, T_CELL, T_COVERED = (_q(TABLE, n) for n in ("table", "table-row", "table-cell", "covered-table-cell"))
T_NAME, T_STYLE_NAME, T_VISIBILITY, T_DISPLAY, T_FORMULA = (
    _q(TABLE, n) for n in ("name", "style-name", "visibility", "display", "formula"))
T_ROWS_REPEATED, T_COLUMNS_REPEATED = _q(TABLE, "number-rows-repeated"), _q(TABLE, "number-columns-repeated")
T_COLUMNS_SPANNED, T_ROWS_SPANNED = _q(TABLE, "number-columns-spanned"), _q(TABLE, "number-rows-spanned")
T_NULL_DATE, T_DATE_VALUE = _q(TABLE, "null-date"), _q(TABLE, "date-value")
T_DDE_LINKS = _q(TABLE, "dde-links")  # cached data of links to other programs: tables, but not sheets
C_VALUE_TYPE = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}value-type"
O_VALUE_TYPE, O_VALUE, O_DATE, O_TIME, O_BOOLEAN, O_STRING = (
    _q(OFFICE, n) for n in ("value-type", "value", "date-value", "time-value", "boolean-value", "string-value"))
O_ANNOTATION, O_SPREADSHEET = _q(OFFICE, "annotation"), _q(OFFICE, "spreadsheet")
X_P, X_H, X_S, X_TAB, X_BREAK = (_q(TEXT, n) for n in ("p", "h", "s", "tab", "line-break"))
S_STYLE, S_NAME, S_TABLE_PROPERTIES = _q(STYLE, "style"), _q(STYLE, "name"), _q(STYLE, "table-properties")


class OdsError(ValueError):
    """The file cannot be read as an OpenDocument spreadsheet; the message is for the person."""


@dataclass
class OdsSheet:
    title: str
    visible: bool = True
    values: list = field(default_factory=list)  # rows of values, ragged; empty cells at a row's end left off
    hidden_rows: list = field(default_factory=list)  # row numbers, from 1
    merged: list = field(default_factory=list)  # (first column, first row, last column, last row), from 1
    uncalculated: int = 0  # formula cells with no result saved


@dataclass
class OdsBook:
    sheets: list
    null_date: datetime.date = DAY_ZERO  # day 0 of numbers shown as dates


def is_ods(data: bytes) -> bool:
    """An OpenDocument spreadsheet: a zip archive whose ``mimetype`` entry names the type. The
    standard asks for that entry to be first and stored uncompressed, so its bytes are usually at a
    fixed place; an archive written otherwise (the entry compressed, given extra fields, or missing,
    with the type in the manifest) is looked into, as LibreOffice opens those too."""
    if data[:4] != b"PK\x03\x04":
        return False
    if data[30:38] == b"mimetype" and MIMETYPE in data[38:38 + 80]:
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return _read(archive, "mimetype", 200).strip() == MIMETYPE
            return "content.xml" in names and "META-INF/manifest.xml" in names and _MANIFEST_TYPE.search(
                _read(archive, "META-INF/manifest.xml")) is not None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False


_MANIFEST_TYPE = re.compile(rb'full-path="/"[^>]*media-type="application/vnd\.oasis\.opendocument\.spreadsheet"'
                            rb'|media-type="application/vnd\.oasis\.opendocument\.spreadsheet"[^>]*full-path="/"')


def read_ods(data: bytes, rows: int = MAX_ROWS) -> OdsBook:
    """Every sheet of an .ods file, in order, each to its first ``rows`` rows. Raises OdsError for a
    file that is not one, is damaged, is encrypted (protected with a password) or has a sheet larger
    than a spreadsheet can be."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise OdsError(_DAMAGED) from None
    with archive:
        names = set(archive.namelist())
        if "content.xml" not in names:
            raise OdsError(_DAMAGED)
        if "META-INF/manifest.xml" in names and b"encryption-data" in _read(archive, "META-INF/manifest.xml"):
            raise OdsError("The spreadsheet is protected with a password, so it cannot be read. Open it, remove "
                           "the password, save it and upload it again.")
        if _has_doctype(archive, "content.xml"):
            raise OdsError(_DAMAGED)  # office suites never write one
        if archive.getinfo("content.xml").file_size > MAX_CONTENT_BYTES:
            raise OdsError(_TOO_LARGE)
        try:
            with archive.open("content.xml") as source:
                book = _read_content(source, rows)
        except OdsError:
            raise
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, SyntaxError, RecursionError,
                NotImplementedError):  # XML errors are SyntaxErrors
            raise OdsError(_DAMAGED) from None
    return book


_TOO_LARGE = ("The spreadsheet is too large to read: it holds far more cells than a spend file. Open it, delete "
              "what is beyond the table (empty rows and columns too), save it and upload it again.")
_DAMAGED = ("The spreadsheet cannot be read, as part of it is damaged. Open it in the program that made it, save "
            "it as an OpenDocument Spreadsheet (.ods) or an Excel Workbook (.xlsx) and upload it again.")


_NULL_DATE = re.compile(rb"<(?:[\w.-]+:)?null-date\b[^>]*\b(?:[\w.-]+:)?date-value\s*=\s*[\"'](\d{4}-\d\d-\d\d)")


def null_date(data: bytes) -> datetime.date:
    """The day numbers shown as dates count from (30 December 1899 unless the spreadsheet says
    otherwise, as one made with the 1904 date system does), read from the settings at the start of
    the content; the same day for a file that cannot be read (the full read says what is wrong)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            match = _NULL_DATE.search(_read(archive, "content.xml"))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError):
        return DAY_ZERO
    return (_null_date(match[1].decode()) if match else None) or DAY_ZERO


def _read(archive, name: str, limit: int = 1 << 20) -> bytes:
    with archive.open(name) as source:
        return source.read(limit)


def _has_doctype(archive, name: str) -> bool:
    return b"<!DOCTYPE" in _read(archive, name, 4096)


def _iterparse(source, events):
    try:
        from defusedxml.ElementTree import iterparse
    except ImportError:  # the standard library's parser, which fetches no external entities
        from xml.etree.ElementTree import iterparse
    return iterparse(source, events=events)


def _count(element, name: str, limit: int) -> int:
    try:
        return max(1, min(int(element.get(name, "1")), limit))
    except ValueError:
        return 1


def _read_content(source, kept_rows: int = MAX_ROWS) -> OdsBook:
    hidden_styles: set[str] = set()
    sheets: list[OdsSheet] = []
    day_zero = DAY_ZERO
    sheet = None
    depth = 0  # of tables: a table inside a cell (rare) is read as part of its cell's sheet, not a sheet
    row_number = 0  # rows of the sheet so far, from 1, counting repeats and empty rows
    pending_rows = 0  # empty rows not yet added: added only when a filled row comes after them
    row: list = []
    pending_cells = 0
    column = 0
    style = ""  # the name of the style being read
    table = row_element = None  # the sheet's and the row's elements, emptied as they are read
    cells = 0  # held in memory, over every sheet
    links = 0  # inside table:dde-links
    for event, element in _iterparse(source, ("start", "end")):
        tag = element.tag
        if tag == T_DDE_LINKS:
            links += 1 if event == "start" else -1
            continue
        if links:
            if event == "end":
                element.clear()
            continue
        if event == "start":
            if tag == T_TABLE:
                depth += 1
                if depth == 1:
                    sheet = OdsSheet(title=element.get(T_NAME, f"Sheet{len(sheets) + 1}"),
                                     visible=element.get(T_STYLE_NAME) not in hidden_styles)
                    sheets.append(sheet)
                    row_number = pending_rows = 0
                    table = element
            elif tag == T_ROW and depth == 1:
                row, pending_cells, column, row_element = [], 0, 0, element
            elif tag == S_STYLE:
                style = element.get(S_NAME, "")
            continue
        if tag == S_TABLE_PROPERTIES and element.get(T_DISPLAY) == "false":
            hidden_styles.add(style)
        elif tag == S_STYLE:
            element.clear()
        elif tag == T_NULL_DATE:
            day_zero = _null_date(element.get(T_DATE_VALUE)) or day_zero
        elif depth != 1:
            if tag == T_TABLE:
                depth -= 1
        elif tag in (T_CELL, T_COVERED) and kept_rows < MAX_ROWS and row_number + pending_rows >= kept_rows:
            del row_element[:]  # beyond the rows asked for: only passed over
        elif tag in (T_CELL, T_COVERED):
            repeat = _count(element, T_COLUMNS_REPEATED, MAX_COLUMNS)
            # A covered cell (under a merge) is empty, unless the merge kept what it held (Calc asks).
            value, uncalculated = _cell_value(element)
            if value is None:
                pending_cells = min(pending_cells + repeat, MAX_COLUMNS)  # empty to the edge: nothing to hold
            else:
                if column + pending_cells + repeat > MAX_COLUMNS:
                    raise OdsError(_too_large(sheet.title))
                cells += pending_cells + repeat
                if cells > MAX_CELLS:
                    raise OdsError(_TOO_LARGE)
                row.extend([None] * pending_cells)
                column += pending_cells
                pending_cells = 0
                spanned_columns = _count(element, T_COLUMNS_SPANNED, MAX_COLUMNS)
                spanned_rows = _count(element, T_ROWS_SPANNED, MAX_ROWS)
                if tag == T_CELL and (spanned_columns > 1 or spanned_rows > 1):
                    first_row = row_number + pending_rows + 1
                    sheet.merged.append((column + 1, first_row, column + spanned_columns,
                                         first_row + spanned_rows - 1))
                row.extend([value] * repeat)
                column += repeat
            sheet.uncalculated += repeat if uncalculated else 0
            del row_element[:]  # the cell is read: a row of a million cells is not held
        elif tag == T_ROW:
            repeat = _count(element, T_ROWS_REPEATED, MAX_ROWS)
            if not row:
                pending_rows = min(pending_rows + repeat, MAX_ROWS)  # empty rows to the edge: nothing to hold
            else:
                if row_number + pending_rows + repeat > MAX_ROWS:
                    raise OdsError(_too_large(sheet.title))
                if row_number + pending_rows < kept_rows:
                    cells += len(row) * (min(repeat, kept_rows - row_number - pending_rows) - 1)
                    if cells > MAX_CELLS:
                        raise OdsError(_TOO_LARGE)
                row_number += pending_rows
                pending_rows = 0
                if element.get(T_VISIBILITY) in ("collapse", "filter"):
                    sheet.hidden_rows.extend(range(row_number + 1, row_number + repeat + 1))
                if row_number < kept_rows:
                    sheet.values.extend([] for _ in range(row_number - len(sheet.values)))
                    sheet.values.append(row)
                    sheet.values.extend(list(row) for _ in range(min(repeat, kept_rows - row_number) - 1))
                row_number += repeat
            row = []
            element.clear()
            del table[:]  # rows read (in a group of rows, the group's element stays until it ends)
        elif tag == T_TABLE:
            depth -= 1
            element.clear()
    return OdsBook(sheets=sheets, null_date=day_zero)


def _too_large(title: str) -> str:
    return (f"The sheet “{title}” is larger than a spreadsheet can be. Open it, delete what is beyond the table, "
            "save it and upload it again.")


def _null_date(text) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat((text or "")[:10])
    except ValueError:
        return None


_DURATION = re.compile(r"^-?P(?:\d+D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$")


_ERRORS = re.compile(r"#(N/A|NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!)|Err:\d+")


def _cell_value(cell):
    """(value, whether it is a formula with no result saved) of a table cell. Text is the cell's
    ``office:string-value`` where it has one (its paragraphs are then the text as a format shows it:
    "Paid to Acme Ltd" for "Acme Ltd"), else its paragraphs. An error is its text (#N/A, #DIV/0!),
    whatever value an older office suite saved beside it (OpenOffice wrote 0)."""
    kind = cell.get(O_VALUE_TYPE)
    paragraphs = [child for child in cell if child.tag in (X_P, X_H)]
    text = _cell_text(paragraphs)
    formula = cell.get(T_FORMULA) is not None
    if cell.get(C_VALUE_TYPE) == "error" or (formula and _ERRORS.fullmatch(text.strip())):
        return text.strip(), False
    value = None
    if kind in ("float", "currency", "percentage"):
        value = _float(cell.get(O_VALUE))
    elif kind == "date":
        value = _date(cell.get(O_DATE))
    elif kind == "time":
        value = _time(cell.get(O_TIME))
    elif kind == "boolean":
        value = {"true": True, "false": False}.get((cell.get(O_BOOLEAN) or "").lower())
    elif kind == "string":
        value = cell.get(O_STRING) or text or None
    if value is None and text:
        value = text  # a value written in a form not read above
    # A formula whose result is "" is saved with an empty paragraph; one never calculated, with none.
    return value, value is None and formula and kind is None and not paragraphs


def _float(text):
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) and abs(value) < 1e15 else None


def _date(text):
    try:
        value = datetime.datetime.fromisoformat((text or "").strip())
    except ValueError:
        return None
    return value.replace(tzinfo=None)


def _time(text):
    match = _DURATION.match((text or "").strip())
    if not match or not any(match.groups()):
        return None
    hours, minutes, seconds = int(match[1] or 0), int(match[2] or 0), float(match[3] or 0)
    try:
        return datetime.time(hours % 24, minutes, int(seconds))
    except ValueError:
        return None


def _cell_text(paragraphs) -> str:
    try:
        return "\n".join(_text_of(paragraph) for paragraph in paragraphs).strip("\n")
    except RecursionError:  # spans nested thousands deep: no office suite writes that
        raise OdsError(_DAMAGED) from None


def _text_of(element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == X_S:
            parts.append(" " * _count(child, _q(TEXT, "c"), 1000))
        elif child.tag == X_TAB:
            parts.append("\t")
        elif child.tag == X_BREAK:
            parts.append("\n")
        elif child.tag != O_ANNOTATION:
            parts.append(_text_of(child))
        parts.append(child.tail or "")
    return "".join(parts)
