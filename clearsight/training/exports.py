"""CSV and XLSX downloads. Cells that a spreadsheet would run as a formula are written as text."""

import csv
import io

from django.http import Http404, HttpResponse
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMATS = {"csv", "xlsx"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Control characters that XML (and so XLSX) cannot hold: a name with one in it, pasted from another
# system, would otherwise stop an export: ILLEGAL_CHARACTERS_RE is openpyxl's own, so the two agree.


def safe(value):
    if value is None:
        return ""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + value
    return value


def xlsx_available():
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        return False
    return True


def download(filename, headers, rows, fmt, sheet_title="Sheet1"):
    if fmt not in FORMATS or (fmt == "xlsx" and not xlsx_available()):
        raise Http404
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([safe(v) for v in row])
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        book = Workbook()
        sheet = book.active
        sheet.title = sheet_title[:31]
        sheet.append(list(headers))
        for row in rows:
            sheet.append([safe(v) for v in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response
