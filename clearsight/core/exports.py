"""Writing tables: CSV and Excel (XLSX) files, and the downloads that carry them. The one writer for
every context; what goes in a table is the context's.

Every cell passes through ``neutralise``, always: a text that a spreadsheet would run as a formula
(one starting with =, +, -, @, a tab or a carriage return, as OWASP's CSV injection advice lists) is
written with a leading apostrophe, so it shows as text; numbers, dates and booleans stay what they
are, so a negative number is still a number. Control characters that XML (and so XLSX) cannot hold
are dropped from text, in both formats, so a name pasted from another system cannot stop an export.

CSV files are UTF-8 with a byte order mark (so Excel reads £ and accents) and Windows line endings.
Downloads are attachments that are not cached (``Cache-Control: no-store``): exports hold what only
their reader may see.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.http import Http404, HttpResponse
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMATS = ("csv", "xlsx")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The value as it is safe to write in a cell: None is blank, text cannot run as a formula."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def write_csv(headers: Iterable, rows: Iterable[Iterable]) -> bytes:
    """A CSV file (UTF-8 with a byte order mark) of a header row and the rows, every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(v) for v in headers])
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@dataclass
class Sheet:
    """One sheet of a workbook: optional ``title`` (large, bold) and ``notes`` lines above the table,
    then the header row (bold) and the rows."""

    name: str
    headers: list
    rows: Iterable[Iterable]
    title: str = ""
    notes: list = field(default_factory=list)
    first_column_width: float | None = None


def write_xlsx(sheets: Iterable[Sheet]) -> bytes:
    """An Excel workbook with a sheet for each of ``sheets``, every cell neutralised."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    used = set()
    for sheet in sheets:
        page = book.create_sheet(_sheet_name(sheet.name, used))
        if sheet.title:
            page.append([neutralise(sheet.title)])
            page.cell(row=1, column=1).font = Font(bold=True, size=14)
        for note in sheet.notes:
            page.append([neutralise(note)])
        page.append([neutralise(h) for h in sheet.headers])
        for cell in page[page.max_row]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            page.append([neutralise(v) for v in row])
        if sheet.first_column_width:
            page.column_dimensions["A"].width = sheet.first_column_width
    if not book.worksheets:
        book.create_sheet("Sheet1")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(name: str, used: set) -> str:
    """A sheet name Excel accepts: 31 characters at most, none of []:*?/\\, and not used already."""
    base = "".join(" " if c in "[]:*?/\\" else c for c in (name or "")).strip().strip("'")[:31] or "Sheet"
    candidate, number = base, 1
    while candidate.lower() in used:
        number += 1
        candidate = f"{base[:31 - len(str(number)) - 1]} {number}"
    used.add(candidate.lower())
    return candidate


def attachment(content: bytes, filename: str, fmt: str) -> HttpResponse:
    """A download of ``content`` (a file written here) as ``filename``.``fmt``, not cached."""
    response = HttpResponse(content, content_type=CSV_TYPE if fmt == "csv" else XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


def download(filename: str, headers, rows, fmt: str = "csv", sheet_name: str = "Sheet1") -> HttpResponse:
    """One table as a CSV or XLSX download (404 for any other format)."""
    if fmt == "csv":
        return attachment(write_csv(headers, rows), filename, fmt)
    if fmt == "xlsx":
        return attachment(write_xlsx([Sheet(sheet_name, list(headers), rows)]), filename, fmt)
    raise Http404
