"""Excel 97-2003 workbooks (.xls), read by the same rules as .xlsx (core/tabular.py, through xlrd):
dates as dates, numbers to the penny as shown, merged payees on each of their lines, error cells as
their text (#N/A), hidden rows with something in them refused, the 1904 date system said, and the
sheet that holds the table chosen. The workbooks are written here with xlwt, as Excel 97-2003 saves
them."""

import datetime
import io

import pytest
import xlwt

from clearsight.core import tabular
from clearsight.core.tabular import FileError

DATE = xlwt.easyxf(num_format_str="DD/MM/YYYY")


def workbook(fill, *, dates_1904=False, notes_first=False) -> bytes:
    book = xlwt.Workbook()
    book.dates_1904 = dates_1904
    if notes_first:
        book.add_sheet("Read me").write(0, 0, "Payments over £500, published under the Open Government Licence")
    fill(book.add_sheet("Payments"))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def payments(sheet):
    for column, name in enumerate(["Supplier Name", "Paid Date", "Amount"]):
        sheet.write(0, column, name)
    sheet.write(1, 0, "Acme Ltd")
    sheet.write(1, 1, datetime.date(2024, 4, 3), DATE)
    sheet.write(1, 2, 1234.56)
    sheet.write(2, 0, "Bolt Ltd")
    sheet.write(2, 1, datetime.date(2024, 4, 4), DATE)
    sheet.write(2, 2, -2.675)  # shown as -2.68
    sheet.write_merge(3, 4, 0, 0, "Care Co Ltd")  # a payee merged down over two payments
    sheet.write(3, 1, datetime.date(2024, 4, 5), DATE)
    sheet.write(3, 2, 10)
    sheet.write(4, 1, datetime.date(2024, 4, 6), DATE)
    sheet.write(4, 2, 20)
    sheet.write(5, 0, "Dove Ltd")
    sheet.write(5, 1, datetime.date(2024, 4, 7), DATE)
    sheet.row(5).set_cell_error(2, 42)  # a lookup that found nothing: #N/A, as Excel saves it


def test_an_xls_workbook_is_read_as_an_xlsx_one_is():
    rows, described = tabular.read_rows(workbook(payments))
    assert described == "Excel 97-2003 workbook (.xls)"
    assert rows == [["Supplier Name", "Paid Date", "Amount"], ["Acme Ltd", "2024-04-03", "1234.56"],
                        ["Bolt Ltd", "2024-04-04", "-2.68"], ["Care Co Ltd", "2024-04-05", "10"],
                        ["Care Co Ltd", "2024-04-06", "20"], ["Dove Ltd", "2024-04-07", "#N/A"]]


def test_hidden_rows_with_something_in_them_are_refused_as_in_an_xlsx_workbook():
    def hidden(sheet):
        payments(sheet)
        sheet.row(2).hidden = True

    with pytest.raises(FileError, match=r"hidden rows with something in them \(rows 3\)"):
        tabular.read_rows(workbook(hidden))


def test_the_1904_date_system_and_the_sheet_holding_the_table_are_said():
    data = workbook(payments, dates_1904=True, notes_first=True)
    rows, described = tabular.read_rows(data)
    assert described == "Excel 97-2003 workbook (.xls), sheet “Payments”" + tabular.MAC_DATES
    assert rows[1][:2] == ["Acme Ltd", "2024-04-03"]  # a cell formatted as a date is right either way
    assert tabular.counts_days_from_1904(data)
    assert not tabular.counts_days_from_1904(workbook(payments))
    assert [title for title, _ in tabular.sheet_heads(data)] == ["Read me", "Payments"]


def test_a_file_in_the_old_container_that_is_no_workbook_is_refused_saying_what_to_do():
    old = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # as a password-protected .xlsx begins
    with pytest.raises(FileError, match=r"protected with a password.*\(\.xlsx\) or as CSV UTF-8"):
        tabular.read_rows(old)


def test_a_hidden_sheet_is_named_for_the_report():
    book = xlwt.Workbook()
    book.add_sheet("Payments").write(0, 0, "Supplier Name")
    old = book.add_sheet("Old")
    old.write(0, 0, "Supplier Name")
    old.visibility = 1  # hidden, as Excel 97-2003 saves a hidden sheet
    out = io.BytesIO()
    book.save(out)
    assert tabular.hidden_sheets(out.getvalue()) == ["Old"]
