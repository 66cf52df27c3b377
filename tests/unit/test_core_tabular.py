"""The one reader of tables (clearsight.core.tabular): files, amounts and dates."""

import datetime
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from clearsight.core import tabular
from clearsight.core.tabular import BLANK_DATE, TIME_ONLY, CellError, FileError

# ---------------------------------------------------------------- amounts


@pytest.mark.parametrize("text, expected", [
    ("1450.18", "1450.18"), ("1450.18-", "-1450.18"), ("1450.18 -", "-1450.18"), ("-1450.18", "-1450.18"),
    ("(12.50)", "-12.50"), ("(1,450.18)", "-1450.18"), ("( £1,450.18 )", "-1450.18"), ("£1,234.5", "1234.50"),
    ("£ 1,234.50", "1234.50"), ("-£5", "-5.00"), ("£-5", "-5.00"), ("£5-", "-5.00"), ("1,450.18 CR", "-1450.18"),
    ("GBP 12.50", "12.50"), (" 500 ", "500.00"), ("1,234,567.89", "1234567.89"), ("0.01", "0.01"), ("7", "7.00"),
    # spaces separating thousands: ordinary, no-break (copied from a web page), thin and narrow no-break
    ("1 000", "1000.00"), ("£ 1\u00a0974.00", "1974.00"), ("-£ 4\u00a0409.37", "-4409.37"),
    ("1\u2009234\u2009567.89", "1234567.89"), ("1\u202f000.50 CR", "-1000.50"),
])
def test_amounts_as_councils_publish_them(text, expected):
    assert tabular.parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["1.005", "0.005", "1450.181", "£1,450.185", "(1.005)"])
def test_more_than_two_decimal_places_is_refused_not_rounded(text):
    with pytest.raises(CellError, match="more than two decimal places") as caught:
        tabular.parse_amount(text)
    assert text in str(caught.value) and text in caught.value.plain and caught.value.kind == "decimal places"


def test_three_decimal_places_may_be_a_thousands_separator_and_the_message_says_so():
    with pytest.raises(CellError, match="could mean 1,005"):
        tabular.parse_amount("1.005")


@pytest.mark.parametrize("text, why", [
    ("12a", "“a” cannot be part of an amount"), ("abc", "cannot be part of an amount"), ("€5", "“€”"),
    ("1 00", "may only separate thousands"), ("12 3.50", "may only separate thousands"),
    ("1 000,50", "commas may only separate thousands"),
    ("1\u00a000", "spaces inside the number may only separate thousands"), ("12,3", "commas may only separate thousands"),
    ("1,45.00", "commas may only separate thousands"), ("12.3.4", "more than one full stop"),
    ("--5", "negative twice"), ("(-5)", "negative twice"), ("(5", "brackets"), ("((5))", "brackets"),
    ("£", ""), ("£-£5", ""),
])
def test_anything_else_is_refused_saying_what_was_found(text, why):
    with pytest.raises(CellError, match="not a number") as caught:
        tabular.parse_amount(text)
    assert f"“{text}”" in str(caught.value) and why in str(caught.value)
    assert caught.value.plain.startswith(f"“{text}” is not an amount") and caught.value.kind == "not a number"


def test_a_blank_amount_and_a_huge_one_are_refused():
    with pytest.raises(CellError, match="no amount") as caught:
        tabular.parse_amount("  ")
    assert caught.value.kind == "blank"
    with pytest.raises(CellError, match="too large") as caught:
        tabular.parse_amount("9" * 15)
    assert caught.value.kind == "too large"
    with pytest.raises(CellError, match="too large"):
        tabular.parse_amount("£1,000,000,000,000.00")


@given(st.decimals(min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"), places=2))
def test_any_amount_in_pounds_and_pence_reads_back_however_it_is_written(value):
    plain = f"{abs(value):,.2f}"
    for written in (f"(£{plain})", f"{plain}-", f"-£{plain}") if value < 0 else (f"£{plain}", plain):
        assert tabular.parse_amount(written) == value
    assert tabular.parse_amount(str(value)) == value


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize("text, expected", [
    ("31/01/2026", "2026-01-31"), ("3/4/2026", "2026-04-03"), ("31/01/26", "2026-01-31"), ("31.01.2026", "2026-01-31"),
    ("31-01-2026", "2026-01-31"), ("31-Jan-26", "2026-01-31"), ("31-jan-2026", "2026-01-31"), ("3 April 2026", "2026-04-03"),
    ("3 Apr 2026", "2026-04-03"), ("1-Sept-15", "2015-09-01"), ("2026-04-03", "2026-04-03"), ("2026/04/03", "2026-04-03"),
    ("2026-4-3", "2026-04-03"), ("2026-04-03T09:30:00", "2026-04-03"), ("2026-04-03 00:00:00", "2026-04-03"),
    ("03/04/2026 14:05", "2026-04-03"), ("3 April 2026 00:00", "2026-04-03"), ("01/01/70", "1970-01-01"),
    ("31/12/69", "2069-12-31"),
])
def test_dates_are_read_day_first_in_the_listed_spellings(text, expected):
    assert tabular.parse_date(text) == datetime.date.fromisoformat(expected)


def test_a_blank_cell_or_a_time_alone_is_no_date_and_false():
    assert tabular.parse_date("") is BLANK_DATE and tabular.parse_date(" ") is BLANK_DATE
    assert tabular.parse_date("00:00:00") is TIME_ONLY and tabular.parse_date("9:30") is TIME_ONLY
    assert not BLANK_DATE and not TIME_ONLY


@pytest.mark.parametrize("text, message", [
    ("31/02/2026", "does not exist"), ("29/02/2025", "does not exist"), ("2026-13-01", "does not exist"),
    ("04/13/2026", "read day first, so 13 would be the month"), ("32-Jan-26", "does not exist"),
    ("7-Foo-15", "“Foo” is not a month"), ("1-Aprilx-15", "“Aprilx” is not a month"),
    ("07/04.2015", "separators differ"), ("31-01-26", "four digits"), ("22/04/222", "not a date"),
    ("22/04/0222", "not between 1900 and 2200"), ("45383", "not a date"), ("yesterday", "not a date"),
    ("2015/04", "not a date"), ("April 3 2026", "not a date"),
])
def test_impossible_or_ambiguous_dates_are_refused_clearly(text, message):
    with pytest.raises(CellError, match=message) as caught:
        tabular.parse_date(text)
    assert f"“{text}”" in str(caught.value) and caught.value.plain.startswith(f"“{text}” is not a date")
    assert caught.value.kind == ("no such date" if "does not exist" in message or "day first" in message else "not a date")


@given(st.dates(min_value=datetime.date(1970, 1, 1), max_value=datetime.date(2069, 12, 31)))
def test_every_real_date_reads_back_in_each_spelling(day):
    for text in (f"{day:%d/%m/%Y}", f"{day:%d/%m/%y}", f"{day:%d.%m.%Y}", f"{day:%d-%m-%Y}", f"{day.day}-{day:%b-%y}",
                 f"{day.day} {day:%B %Y}", day.isoformat(), f"{day:%Y/%m/%d}"):
        assert tabular.parse_date(text) == day


# ---------------------------------------------------------------- files


def test_csv_in_utf8_with_a_byte_order_mark_and_in_windows_1252():
    text = "Supplier,Amount\r\nCafé Zoë,£5\r\n"
    rows, described = tabular.read_rows(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert rows == [["Supplier", "Amount"], ["Café Zoë", "£5"]] and described == "CSV, UTF-8 with BOM"
    rows, described = tabular.read_rows(text.encode("cp1252"))
    assert rows == [["Supplier", "Amount"], ["Café Zoë", "£5"]] and described == "CSV, Windows-1252"
    assert tabular.read_rows(text.encode("utf-8")) == (rows, "CSV, UTF-8")


def test_files_that_are_not_text_or_are_empty_are_refused():
    with pytest.raises(FileError, match="Row 2"):
        tabular.read_rows(b"Supplier,Amount\nA\x81\x8d,1\n")
    with pytest.raises(FileError, match="not a CSV"):
        tabular.read_rows(b"\x89PNG\x00\x00")
    with pytest.raises(FileError, match="empty"):
        tabular.read_rows(b"  \n")
    with pytest.raises(FileError, match="Excel workbook cannot be opened"):
        tabular.read_rows(b"PK\x03\x04 not really a workbook")


def test_an_xlsx_workbook_is_read_as_text_cells():
    book = Workbook()
    sheet = book.active
    sheet.append(["Supplier", "Amount", "Paid", "Count"])
    sheet.append(["Acme Ltd", 1450.18, datetime.datetime(2026, 4, 3), 7])
    sheet.append(["Beta", 0.1 + 0.2, datetime.date(2026, 1, 31), None])
    sheet.append([None, None, None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    assert tabular.is_xlsx(buffer.getvalue())
    rows, described = tabular.read_rows(buffer.getvalue())
    assert described == "Excel workbook"
    assert rows == [["Supplier", "Amount", "Paid", "Count"], ["Acme Ltd", "1450.18", "2026-04-03", "7"],
                    ["Beta", "0.3", "2026-01-31", ""]]
    assert tabular.parse_amount(rows[1][1]) == Decimal("1450.18") and tabular.parse_date(rows[1][2]) == datetime.date(2026, 4, 3)


ALIASES = {"number": ["employee_number", "employee_no"], "name": ["name", "full_name"], "start": ["start_date"]}


def test_records_are_found_by_their_columns_aliases():
    data = b"Employee No,Full Name,Start Date,Ignored\r\nE1, Ann ,01/02/2020,x\r\n,,,\r\nE2,Bob,,,extra\r\n"
    records, present = tabular.read_records(data, ALIASES, ["number", "name"], with_columns=True)
    assert present == {"number", "name", "start"}
    assert records == [(2, {"number": "E1", "name": "Ann", "start": "01/02/2020"}),
                       (4, {"number": "E2", "name": "Bob", "start": "", "_extra": True})]


def test_records_need_their_required_columns_and_a_limit_on_rows():
    with pytest.raises(FileError, match="Missing: employee number"):
        tabular.read_records(b"Name\nAnn\n", ALIASES, ["number", "name"])
    with pytest.raises(FileError, match="empty"):
        tabular.read_records(b"", ALIASES, ["number"])
    with pytest.raises(FileError, match="more than 2 rows"):
        tabular.read_records(b"Name\nA\nB\nC\n", ALIASES, ["name"], max_rows=2)


def test_header_keys_ignore_case_spacing_punctuation_and_a_byte_order_mark():
    assert tabular.header_key("\ufeff Start  Date ") == "start_date"
    assert tabular.header_key("Total Contract Value (including extensions)") == "total_contract_value_including_extensions"
