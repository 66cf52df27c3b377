"""The one reader of tables (clearsight.core.tabular) on files as councils' systems really write them:
workbooks with a wrong recorded size, several sheets or merged cells; CSV separated by semicolons,
tabs or vertical bars; Excel's "Unicode Text"; and the amounts and dates finance systems export."""

import datetime
import io
import re
import zipfile
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from clearsight.core import tabular
from clearsight.core.tabular import CellError, FileError

# ---------------------------------------------------------------- workbooks


def saved(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_dimension(data: bytes, ref: str | None) -> bytes:
    """The workbook with each sheet's recorded size (its <dimension>) set to ``ref``, or removed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                written = f'<dimension ref="{ref}"/>'.encode() if ref else b""
                content, found = re.subn(rb'<dimension ref="[^"]*"/>', written, content)
                assert found == 1
            copy.writestr(item, content)
    return out.getvalue()


PAYMENTS = [["Supplier", "Amount", "Date paid", "Reference"]] + [
    [f"Supplier {n}", f"{100 + n}", f"2025-04-0{n}", f"INV{n}"] for n in range(1, 9)]


def payments_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    for row in PAYMENTS:
        sheet.append([int(cell) if cell.isdigit() else datetime.date.fromisoformat(cell) if cell[:2] == "20" else cell
                      for cell in row])
    return saved(book)


@pytest.mark.parametrize("recorded", ["A1", "A1:D5", "A1:B9", "A1:D3", None])
def test_a_workbook_that_records_a_wrong_size_is_read_to_its_last_cell(recorded):
    data = with_dimension(payments_workbook(), recorded)
    rows, described = tabular.read_rows(data)
    assert rows == PAYMENTS and described == "Excel workbook"


def test_every_row_of_a_workbook_has_as_many_cells_as_the_widest():
    book = Workbook()
    sheet = book.active
    sheet.append(["Supplier", "Amount", "Date paid", "Notes"])
    sheet.append(["Acme Ltd", 12])  # no cells at all for the last two columns
    sheet.append([])
    sheet.append(["Beta", 7, None, "late"])
    rows, _ = tabular.read_rows(with_dimension(saved(book), None))
    assert rows == [["Supplier", "Amount", "Date paid", "Notes"], ["Acme Ltd", "12", "", ""], ["", "", "", ""],
                    ["Beta", "7", "", "late"]]


def test_the_sheet_holding_the_table_is_read_and_the_description_names_it():
    book = Workbook()
    notes = book.active
    notes.title = "Notes"
    for line in ["Payments over £500, April 2025", "Published under the Transparency Code", "", "Contact: finance"]:
        notes.append([line])
    payments = book.create_sheet("Payments")
    payments.append(["Supplier", "Amount"])
    payments.append(["Acme Ltd", 1450.18])
    payments.append(["Beta", 12])
    summary = book.create_sheet("Summary")
    summary.append(["Total", 1462.18])
    lookup = book.create_sheet("Codes")  # larger, but hidden: not read
    for n in range(20):
        lookup.append([f"C{n}", f"Code {n}"])
    lookup.sheet_state = "hidden"
    rows, described = tabular.read_rows(saved(book))
    assert rows == [["Supplier", "Amount"], ["Acme Ltd", "1450.18"], ["Beta", "12"]]
    assert described == "Excel workbook, sheet “Payments”"


def test_of_two_sheets_holding_tables_the_larger_is_read_and_the_first_of_equals():
    book = Workbook()
    columns = book.active
    columns.title = "Columns"
    columns.append(["Column", "Meaning"])  # a short table describing the columns
    columns.append(["Amount", "Net of VAT"])
    payments = book.create_sheet("April")
    for n in range(5):
        payments.append([f"Supplier {n}", n + 500])
    assert tabular.read_rows(saved(book)) == (
        [[f"Supplier {n}", str(n + 500)] for n in range(5)], "Excel workbook, sheet “April”")
    book.remove(columns)
    copy = book.create_sheet("May")
    for n in range(5):
        copy.append([f"Other {n}", n])
    assert tabular.read_rows(saved(book))[1] == "Excel workbook, sheet “April”"


def test_a_merged_payee_or_date_is_read_on_every_line_of_the_merge_but_a_merged_amount_is_not():
    book = Workbook()
    sheet = book.active
    sheet.append(["Payments over £500"])
    sheet.merge_cells("A1:D1")  # a title across the sheet stays one cell
    sheet.append(["Supplier", "Date paid", "Amount", "Service"])
    sheet.append(["Acme Ltd", datetime.date(2025, 4, 1), 100, "Adults"])
    sheet.append([None, None, 200, None])
    sheet.append([None, datetime.date(2025, 4, 2), 300, None])
    sheet.merge_cells("A3:A5")
    sheet.merge_cells("B3:B4")
    sheet.merge_cells("D3:D4")
    sheet.append(["Beta", datetime.date(2025, 4, 3), 900, "Children"])
    sheet.append(["Gamma", None, None, "Children"])
    sheet.merge_cells("C6:C7")  # one amount over two lines: copying it would count it twice
    rows, _ = tabular.read_rows(saved(book))
    assert rows == [["Payments over £500", "", "", ""],
                    ["Supplier", "Date paid", "Amount", "Service"],
                    ["Acme Ltd", "2025-04-01", "100", "Adults"],
                    ["Acme Ltd", "2025-04-01", "200", "Adults"],
                    ["Acme Ltd", "2025-04-02", "300", ""],
                    ["Beta", "2025-04-03", "900", "Children"],
                    ["Gamma", "", "", "Children"]]


def test_a_merge_across_columns_fills_only_its_first_column():
    book = Workbook()
    sheet = book.active
    sheet.append(["Supplier", None, "Amount"])
    sheet.append(["Acme Ltd", None, 5])
    sheet.append([None, None, 6])
    sheet.merge_cells("A1:B1")
    sheet.merge_cells("A2:B3")
    rows, _ = tabular.read_rows(saved(book))
    assert rows == [["Supplier", "", "Amount"], ["Acme Ltd", "", "5"], ["Acme Ltd", "", "6"]]


def test_a_damaged_workbook_is_refused_saying_how_to_fix_it():
    data = payments_workbook()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as copy:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"</sheetData>", b"<row r=")
            copy.writestr(item, content)
    with pytest.raises(FileError, match=r"cannot be read, as part of it is damaged.*save it as an Excel Workbook"):
        tabular.read_rows(out.getvalue())


def test_an_old_excel_workbook_is_refused_saying_to_save_it_as_xlsx_or_csv():
    old = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    with pytest.raises(FileError, match=r"old Excel workbook \(\.xls\).*\(\.xlsx\) or as CSV UTF-8"):
        tabular.read_rows(old)


# ---------------------------------------------------------------- CSV delimiters and encodings


@pytest.mark.parametrize("delimiter, named", [(";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars (|)")])
def test_csv_separated_by_semicolons_tabs_or_vertical_bars_is_read_and_described(delimiter, named):
    lines = ["Payments over £500, April 2025", "", "Supplier;Amount;Date paid", "Acme, Ltd;1,450.18;01/04/2025",
             "Beta;12.50;02/04/2025", "Gamma;7;03/04/2025"]
    data = "\r\n".join(line.replace(";", delimiter) for line in lines).encode()
    rows, described = tabular.read_rows(data)
    assert rows[2:] == [["Supplier", "Amount", "Date paid"], ["Acme, Ltd", "1,450.18", "01/04/2025"],
                        ["Beta", "12.50", "02/04/2025"], ["Gamma", "7", "03/04/2025"]]
    assert described == f"CSV, UTF-8, separated by {named}"


@pytest.mark.parametrize("text", [
    'Supplier,Amount,Description\r\n"Smith; Jones",5,"Repairs; parts"\r\nBeta,6,"a; b; c"\r\n',
    "Supplier,Amount,Description\r\nSmith,5,Repairs; parts\r\nBeta,6,Cleaning; windows\r\n",
    "Supplier,Amount\r\nA|B;C,5\r\n",
])
def test_a_comma_file_with_other_separators_in_its_text_is_read_with_commas(text):
    rows, described = tabular.read_rows(text.encode())
    assert described == "CSV, UTF-8" and all(len(row) == len(rows[0]) for row in rows)


def test_a_file_of_one_column_is_read_as_one_column():
    assert tabular.read_rows(b"Supplier\r\nAcme Ltd\r\n") == ([["Supplier"], ["Acme Ltd"]], "CSV, UTF-8")


@pytest.mark.parametrize("bom, codec", [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_excel_unicode_text_in_utf16_with_a_byte_order_mark_is_read(bom, codec):
    text = "Supplier\tAmount\r\nCafé Zoë\t£1,450.18\r\nŁódź Sp. z o.o.\t5\r\n"
    rows, described = tabular.read_rows(bom + text.encode(codec))
    assert rows == [["Supplier", "Amount"], ["Café Zoë", "£1,450.18"], ["Łódź Sp. z o.o.", "5"]]
    assert described == "CSV, UTF-16, separated by tabs"


def test_utf16_cut_part_of_the_way_through_a_character_is_refused_as_a_file_error():
    data = b"\xff\xfe" + "Supplier\tAmount\r\nAcme\t5\r\nBeta\t6\r\n".encode("utf-16-le")
    cut = data[:data.rfind(b"\n") + 1]  # how the importer reads the start of a large file
    with pytest.raises(FileError, match="ends part of the way through a character"):
        tabular.read_rows(cut)
    lone_surrogate = b"\xff\xfe" + "Supplier\r\nA".encode("utf-16-le") + b"\x00\xd8" + "b\r\n".encode("utf-16-le")
    with pytest.raises(FileError, match="Row 2 has characters that are not UTF-16 text"):
        tabular.decode(lone_surrogate)


@pytest.mark.parametrize("data", [
    "Supplier,Amount\r\n".encode("utf-16-le"),  # no byte order mark: cannot be told from binary data
    b"\xff\xfe\x00\x00" + "Supplier".encode("utf-32-le"),
    b"\xff\xfe" + b"\x00\x00" * 20,
])
def test_other_data_with_nul_bytes_is_still_refused(data):
    with pytest.raises(FileError, match="not a CSV text file"):
        tabular.read_rows(data)


# ---------------------------------------------------------------- amounts


@pytest.mark.parametrize("text", ["-", " - ", "£ -", "£-", " £ -   ", "£\u00a0-\u00a0", "GBP -", "\u2212"])
def test_excels_accounting_zero_is_read_as_nothing(text):
    assert tabular.parse_amount(text) == Decimal("0.00")


@pytest.mark.parametrize("text, expected", [
    ("\u22121,450.18", "-1450.18"), ("£\u22125", "-5.00"), ("\u2212£12.50", "-12.50"), ("1450.18\u2212", "-1450.18"),
    (".50", "0.50"), ("-.5", "-0.50"), ("£.99", "0.99"), ("(.50)", "-0.50"),
    ("1234.5600", "1234.56"), ("1,234.5000", "1234.50"), ("1.0000", "1.00"), ("0.0000", "0.00"),
    ("-12.3400000", "-12.34"), ("(£1,450.1800)", "-1450.18"),
    ("12.50 GBP", "12.50"), ("1,450.18 GBP", "1450.18"), ("12.50GBP", "12.50"), ("(5.00) GBP", "-5.00"),
    ("GBP 12.50", "12.50"),
])
def test_amounts_as_finance_systems_and_databases_export_them(text, expected):
    assert tabular.parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["1234.5678", "1.0001", "12.3450", "1.500", "1234.500", ".005", "0.0050"])
def test_a_real_fraction_of_a_penny_or_three_decimal_places_is_still_refused(text):
    with pytest.raises(CellError, match="more than two decimal places") as caught:
        tabular.parse_amount(text)
    assert caught.value.kind == "decimal places" and f"“{text}”" in caught.value.plain


@pytest.mark.parametrize("text, reading", [("1.005", "1,005"), ("123.456", "123,456"), ("1.500", "1,500")])
def test_three_decimal_places_after_at_most_three_digits_may_be_thousands(text, reading):
    with pytest.raises(CellError, match=f"could mean {reading}"):
        tabular.parse_amount(text)


@pytest.mark.parametrize("text", ["1234.567", "1,234.567", "12345.678", "0.005", "1.0005"])
def test_no_thousands_reading_is_offered_where_there_cannot_be_one(text):
    with pytest.raises(CellError, match="more than two decimal places") as caught:
        tabular.parse_amount(text)
    assert "could mean" not in str(caught.value) and "pounds and pence" in str(caught.value)


@pytest.mark.parametrize("text", [".", "-.", "GBP", "GBP 5 GBP", "£5 GBP", "--", "- -", "5."])
def test_what_is_still_not_an_amount(text):
    with pytest.raises(CellError, match="not a number") as caught:
        tabular.parse_amount(text)
    assert caught.value.kind == "not a number"


@given(st.decimals(min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"), places=2),
       st.integers(min_value=2, max_value=6))
def test_any_amount_reads_back_with_a_minus_sign_currency_after_or_trailing_zeros(value, zeros):
    plain = f"{abs(value):,.2f}"
    sign = "\u2212" if value < 0 else ""
    assert tabular.parse_amount(f"{sign}{plain} GBP") == value
    assert tabular.parse_amount(f"{sign}{abs(value):.2f}{'0' * zeros}") == value


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize("text, expected", [
    ("20250401", "2025-04-01"), ("19900101", "1990-01-01"), ("21001231", "2100-12-31"), ("20240229", "2024-02-29"),
    ("01/04/2025 12:00:00 AM", "2025-04-01"), ("1/4/2025 9:30 pm", "2025-04-01"), ("2025-04-01 11:59PM", "2025-04-01"),
    ("1st April 2025", "2025-04-01"), ("22nd Jan 2026", "2026-01-22"), ("3rd-Mar-26", "2026-03-03"),
    ("4th April 2025", "2025-04-04"), ("21ST JUNE 2025", "2025-06-21"),
    ("Tue 01 Apr 2025", "2025-04-01"), ("Tuesday, 1 April 2025", "2025-04-01"), ("tues 1-Apr-2025", "2025-04-01"),
    ("Tue, 01/04/2025 09:30", "2025-04-01"), ("Wednesday 2nd April 2025", "2025-04-02"),
])
def test_dates_as_other_systems_write_them(text, expected):
    assert tabular.parse_date(text) == datetime.date.fromisoformat(expected)


def test_a_time_with_am_or_pm_and_no_date_is_a_time_only():
    assert tabular.parse_date("12:00:00 AM") is tabular.TIME_ONLY


@pytest.mark.parametrize("text, message, kind", [
    ("19891231", "eight digits are read as year, month and day", "not a date"),
    ("01042025", "eight digits are read as year, month and day", "not a date"),  # day first: not read
    ("21010101", "eight digits are read as year, month and day", "not a date"),
    ("20251301", "does not exist", "no such date"),
    ("20250231", "does not exist", "no such date"),
    ("2025040", "not a date", "not a date"), ("202504011", "not a date", "not a date"),
    ("Mon 01 Apr 2025", "1 April 2025 is a Tuesday, not a Monday", "not a date"),
    ("Friday, 04/01/2025", "4 January 2025 is a Saturday, not a Friday", "not a date"),
    ("Someday 1 April 2025", "not a date", "not a date"), ("April 1st 2025", "not a date", "not a date"),
    ("31st February 2025", "does not exist", "no such date"),
])
def test_eight_digits_or_a_weekday_that_cannot_be_right_are_refused(text, message, kind):
    with pytest.raises(CellError, match=message) as caught:
        tabular.parse_date(text)
    assert caught.value.kind == kind and f"“{text}”" in str(caught.value)


def test_the_day_first_message_is_not_given_for_eight_digits():
    with pytest.raises(CellError) as caught:
        tabular.parse_date("20251301")
    assert "day first" not in str(caught.value)


@given(st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_every_date_reads_back_as_eight_digits_with_its_weekday_or_as_an_ordinal(day):
    weekday = tabular.WEEKDAYS[day.weekday()]
    month = tabular.MONTH_NAMES[day.month - 1]
    suffix = "th" if 11 <= day.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    for text in (f"{day:%Y%m%d}", f"{weekday}, {day.day} {month} {day.year}", f"{weekday[:3]} {day:%d/%m/%Y}",
                 f"{day.day}{suffix} {month} {day.year}", f"{day:%d/%m/%Y} 11:15:00 PM"):
        assert tabular.parse_date(text) == day


def test_the_1904_date_system_is_read_from_the_workbook_itself():
    import io as _io

    from openpyxl import Workbook
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    from clearsight.core.tabular import MAC_DATES, counts_days_from_1904, read_rows

    def book(mac):
        workbook = Workbook()
        if mac:
            workbook.epoch = CALENDAR_MAC_1904
        workbook.active.append(["Supplier", "Amount"])
        out = _io.BytesIO()
        workbook.save(out)
        return out.getvalue()

    assert counts_days_from_1904(book(True)) and not counts_days_from_1904(book(False))
    assert read_rows(book(True))[1].endswith(MAC_DATES) and not read_rows(book(False))[1].endswith(MAC_DATES)
    assert not counts_days_from_1904(b"Supplier,Amount\nAcme,1\n")
    assert not counts_days_from_1904(b"PK\x03\x04 not really a workbook")
