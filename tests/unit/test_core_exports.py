"""The one writer of tables (clearsight.core.exports): formulas are always neutralised."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.http import Http404
from openpyxl import load_workbook

from clearsight.core import exports
from clearsight.core.exports import Sheet, neutralise


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"])
def test_text_that_would_run_as_a_formula_gets_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", [3, -3, 1.5, -1450.18, Decimal("-12.50"), 0, True, datetime.date(2026, 4, 3)])
def test_numbers_dates_and_booleans_stay_as_they_are(value):
    assert neutralise(value) == value


def test_none_is_blank_and_control_characters_are_dropped_before_the_check():
    assert neutralise(None) == "" and neutralise("Anna\x0bCurrent") == "AnnaCurrent"
    assert neutralise("\x0b=1") == "'=1" and neutralise("a\x00b\x1fc\td") == "abc\td"
    assert neutralise("Plain text") == "Plain text" and neutralise("a=b") == "a=b"


def read_csv(content: bytes):
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_csv_is_utf8_with_a_byte_order_mark_and_formulas_neutralised():
    content = exports.write_csv(["Name", "=Header"], [["=1+1", 5], ["Zoë £", -2], [None, Decimal("3.10")]])
    assert read_csv(content) == [["Name", "'=Header"], ["'=1+1", "5"], ["Zoë £", "-2"], ["", "3.10"]]


def test_xlsx_round_trip_keeps_numbers_and_neutralises_formulas():
    content = exports.write_xlsx([
        Sheet("Figures", ["Name", "Amount"], [["=1+1", 5], ["-minus", -1450.18], ["Plain", Decimal("2.50")]],
              title="Spend", notes=["Period: 2025 to 2026"], first_column_width=50),
        Sheet("Figures", ["Other"], [[datetime.date(2026, 4, 3)]]),
        Sheet("a/b:c*d?[e]" + "x" * 40, ["H"], []),
    ])
    book = load_workbook(io.BytesIO(content))
    assert len(book.sheetnames) == 3 and book.sheetnames[:2] == ["Figures", "Figures 2"]
    assert len(book.sheetnames[2]) <= 31 and not set("/:*?[]") & set(book.sheetnames[2])
    sheet = book["Figures"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows == [["Spend", None], ["Period: 2025 to 2026", None], ["Name", "Amount"], ["'=1+1", 5],
                    ["'-minus", -1450.18], ["Plain", 2.5]]
    assert sheet["A1"].font.bold and sheet["A3"].font.bold and sheet.column_dimensions["A"].width == 50
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert book["Figures 2"]["A2"].value == datetime.datetime(2026, 4, 3)


def test_downloads_are_uncached_attachments_and_other_formats_are_not_found():
    response = exports.download("team", ["A"], [["=1+1"]], "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8" and response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"] == 'attachment; filename="team.csv"'
    assert read_csv(response.content) == [["A"], ["'=1+1"]]
    response = exports.download("team", ["A"], [["=1+1"], [7]], "xlsx", "Team training")
    assert response["Content-Type"] == exports.XLSX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="team.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content))["Team training"]
    assert [c.value for c in sheet["A"]] == ["A", "'=1+1", 7]
    with pytest.raises(Http404):
        exports.download("team", ["A"], [], "pdf")
