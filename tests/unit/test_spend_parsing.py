"""The rules for reading spend files, cell by cell."""

import datetime
import hashlib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clearsight.spend import parsing
from clearsight.spend.parsing import CellError


@pytest.mark.parametrize("text, expected", [
    ("1450.18", "1450.18"), ("1,450.18", "1450.18"), ("£1,450.18", "1450.18"), ("(1,450.18)", "-1450.18"),
    ("-1450.18", "-1450.18"), ("-£1,450.18", "-1450.18"), ("£-1,450.18", "-1450.18"), ("1,450.18 CR", "-1450.18"),
    ("1450.18-", "-1450.18"), (" 500 ", "500.00"), ("2240", "2240.00"), ("8151.9", "8151.90"), ("-0.01", "-0.01"),
    ("1,234,567.89", "1234567.89"), ("GBP 12.50", "12.50"),
])
def test_amounts_in_the_ways_councils_write_them(text, expected):
    assert parsing.parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["12.3.4", "1,45.00", "abc", "£", "--5", "(5", "1 00", "12,3", "((5))", "-(5)"])
def test_an_amount_that_is_not_a_number_is_refused(text):
    with pytest.raises(CellError, match="not a number"):
        parsing.parse_amount(text)


@pytest.mark.parametrize("text", ["0.005", "1.005", "1,450.185"])
def test_an_amount_with_more_than_two_decimal_places_is_refused_not_rounded(text):
    with pytest.raises(CellError, match="more than two decimal places"):
        parsing.parse_amount(text)


def test_a_blank_amount_is_refused_and_a_huge_one_too():
    with pytest.raises(CellError, match="no amount"):
        parsing.parse_amount("  ")
    with pytest.raises(CellError, match="too large"):
        parsing.parse_amount("9" * 15)


@given(st.decimals(min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"), places=2))
def test_any_amount_written_with_thousands_and_pound_sign_reads_back(value):
    plain = f"{abs(value):,.2f}"
    written = f"(£{plain})" if value < 0 else f"£{plain}"
    assert parsing.parse_amount(written) == value
    assert parsing.parse_amount(str(value)) == value


@pytest.mark.parametrize("text, expected", [
    ("07/04/2015", "2015-04-07"), ("7/4/2015", "2015-04-07"), ("07/04/15", "2015-04-07"), ("07.04.2015", "2015-04-07"),
    ("7-Apr-15", "2015-04-07"), ("07-apr-2015", "2015-04-07"), ("7 April 2015", "2015-04-07"), ("1-Sept-15", "2015-09-01"),
    ("2015-04-07", "2015-04-07"), ("2015-04-07 00:00:00", "2015-04-07"), ("2015-04-07T00:00:00", "2015-04-07"),
    ("07/04/2015 00:00", "2015-04-07"),
])
def test_dates_in_the_ways_councils_write_them(text, expected):
    assert parsing.parse_date(text) == datetime.date.fromisoformat(expected)


def test_a_time_without_a_date_or_a_blank_is_no_date_not_an_error():
    assert parsing.parse_date("00:00:00") is parsing.TIME_ONLY
    assert parsing.parse_date("") is parsing.BLANK_DATE


@pytest.mark.parametrize("text", ["31/02/2015", "2015-13-01", "32-Jan-15", "7-Foo-15", "yesterday", "2015/04", "1-Aprilx-15"])
def test_a_date_that_does_not_exist_is_refused(text):
    with pytest.raises(CellError):
        parsing.parse_date(text)


@given(st.dates(min_value=datetime.date(1970, 1, 1), max_value=datetime.date(2069, 12, 31)))
def test_every_real_date_reads_back_in_each_format(day):
    for text in (f"{day:%d/%m/%Y}", f"{day.day}-{day:%b-%y}", day.isoformat()):
        assert parsing.parse_date(text) == day


@pytest.mark.parametrize("payee, category, kind", [
    ("Redacted personal data", "", "redacted"), ("REDACTED", "", "redacted"), ("Redacted, personal data", "", "redacted"),
    ("", "", "blank"), ("   ", "", "blank"), ("Purchase Card", "", "card"), ("GPC card payments", "", "card"),
    ("TESCO STORES", "Purchase card", "card"), ("Infomill", "Subscriptions", "supplier"),
    ("Cardiff Building Services", "", "supplier"),
    # a person whose name is not published, as direct-payment files write it; a name with more is a supplier's
    ("Individual", "", "redacted"), ("PRIVATE INDIVIDUAL", "", "redacted"), ("Service User", "", "redacted"),
    ("Personal Information", "", "redacted"), ("Foster Carers", "", "redacted"),
    ("Individual Care Services Ltd", "", "supplier"), ("Carers Trust", "", "supplier"), ("Private Eye", "", "supplier"),
])
def test_payee_kinds(payee, category, kind):
    assert parsing.payee_kind(payee, category) == kind


def test_a_card_line_naming_a_merchant_is_resolved_but_the_card_itself_is_not():
    assert parsing.card_payee_is_merchant("TESCO STORES")
    assert not parsing.card_payee_is_merchant("Procurement card")


def test_decoding_utf8_bom_and_windows_1252():
    assert parsing.decode("Supplier,Amount\nCafé,1\n".encode()) == ("Supplier,Amount\nCafé,1\n", "UTF-8")
    assert parsing.decode(b"\xef\xbb\xbfSupplier\n")[1] == "UTF-8 with BOM"
    assert parsing.decode("Amount\n£5\n".encode("cp1252")) == ("Amount\n£5\n", "Windows-1252")


def test_the_header_row_is_found_below_title_rows_or_not_at_all():
    rows = [["Oxford City Council spend"], [], ["Supplier Name", "Amount", "Paid Date"], ["A", "1", "01/01/2015"]]
    assert parsing.find_header(rows) == 2
    assert parsing.find_header([["A", "1", "01/01/2015"]]) is None


def test_columns_are_mapped_by_synonyms_whatever_the_spelling():
    header = ["body_name", "Organisatonal Unit", "Expenditure Catergory", "Expenditure Code", "Paid Date ",
              "Trans No", "Amount", "caporrev", "Supplier ID", "Supplier Name", ""]
    mapping = parsing.guess_mapping(header, [])
    assert mapping.certain
    assert mapping.columns == {"service_area": 1, "category": 2, "expense_code": 3, "paid_on": 4, "reference": 5,
                               "amount": 6, "capital_revenue": 7, "payee_code": 8, "payee_name": 9}


def test_headers_written_as_one_word_in_camel_case_are_read_as_their_words():
    # The Transparency Code's machine-readable schema names columns this way (a blind combined
    # authority's file: its header was read as a payment line).
    header = ["OrganisationLabel", "ServiceLabel", "ExpenditureCategory", "PaymentDate", "SupplierName",
              "TransactionRef", "AmountGBP", "SupplierVATNumber"]
    assert parsing.find_header([header, ["Anytown CA", "Transport", "Grants", "2024-10-01", "Acme Ltd", "R1",
                                         "GBP 96,542.69", ""]]) == 0
    mapping = parsing.guess_mapping(header, [])
    assert (mapping.columns["paid_on"], mapping.columns["payee_name"], mapping.columns["amount"]) == (3, 4, 6)
    assert parsing.normalise_header("SupplierVATNumber") == "supplier vat number"
    assert parsing.normalise_header("AMOUNT") == "amount" and parsing.normalise_header("Net amount") == "net amount"


def test_a_row_of_group_labels_above_the_header_is_not_the_header():
    # Merged cells over a two-row header ("Amount" over Net, VAT and Gross): the row below names the columns.
    rows = [["Transaction", "", "Supplier", "", "Amount", "", "", "Classification"],
            ["Date", "Ref", "Name", "Number", "Net", "VAT", "Gross", "Expense Type"],
            ["02/09/2024", "AP600032", "NHS Property Services Ltd", "280755", "62187.58", "12437.52", "74625.10",
             "Estates"]]
    assert parsing.find_header(rows) == 1
    # with "Date" and "Supplier" merged down over both rows (a workbook's merged cells are read on each)
    merged = [["Date", "Supplier", "Amount", "", ""], ["Date", "Supplier", "Net", "VAT", "Gross"],
              ["02/09/2024", "Acme Ltd", "100.00", "20.00", "120.00"]]
    assert parsing.find_header(merged) == 1
    # a header with a first data line below it is still the header
    assert parsing.find_header([["Supplier", "Amount", "Date"], ["Acme Ltd", "5.00", "01/04/2024"]]) == 0


def test_a_capital_or_revenue_column_in_camel_case_is_still_known():
    assert parsing.guess_mapping(["Supplier", "Amount", "CapOrRev"], []).columns["capital_revenue"] == 2


def test_a_mapping_without_a_payee_column_or_with_two_amounts_is_uncertain():
    assert not parsing.guess_mapping(["Date", "Amount"], []).certain
    doubtful = parsing.guess_mapping(["Supplier", "Amount", "Net amount"], [])
    assert not doubtful.certain and "More than one column" in doubtful.doubts[0]


def test_without_a_header_columns_are_guessed_from_their_contents():
    sample = [["ACME LTD", "01/04/2015", "1,200.00", "K100"], ["BOLT PLC", "02/04/2015", "99.50", "K200"]]
    mapping = parsing.guess_mapping(None, sample)
    assert not mapping.certain
    assert mapping.columns == {"payee_name": 0, "paid_on": 1, "amount": 2}


def test_header_signature_ignores_case_spacing_and_punctuation():
    assert parsing.header_signature(["Supplier Name", "Amount"], 2) == parsing.header_signature(["supplier_name", "AMOUNT "], 2)
    assert parsing.header_signature(["Supplier Name", "Amount"], 2) != parsing.header_signature(["Amount", "Supplier Name"], 2)
    # as before camel case was parted, so that a layout remembered then is still found
    assert parsing.header_signature(["SupplierName", "AmountGBP"], 2) == \
        hashlib.sha256(b"suppliername|amountgbp").hexdigest()[:32]


def test_the_period_is_read_from_a_quarterly_file_name():
    assert parsing.period_from_file_name("expenditure-over-500-apr-jun-2014.csv") == (
        datetime.date(2014, 4, 1), datetime.date(2014, 6, 30))
    assert parsing.period_from_file_name("spend_Jan_Mar_2018.xlsx") == (datetime.date(2018, 1, 1), datetime.date(2018, 3, 31))
    assert parsing.period_from_file_name("spend.csv") is None
