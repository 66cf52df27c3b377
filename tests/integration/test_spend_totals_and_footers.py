"""Total lines, notes and short rows as councils' finance systems write them (issue 16, found by an
adversarial probe): a total is never imported as a payment, however it is labelled, and a file whose
only quirk is the shape of its rows imports first time with the exact count and total."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from clearsight.spend import importer
from clearsight.spend.models import SpendImport, SpendLine

from ..spend_helpers import csv_bytes, run_spend_file

pytestmark = pytest.mark.django_db

HEADER = ["Supplier Name", "Paid Date", "Amount", "Expenditure Category"]
LINES = [["Acme Cleaning Ltd", "01/04/2025", "1,000.50", "Cleaning"],
         ["Bolt Fixings Ltd", "02/04/2025", "250.25", "Repairs"],
         ["Total Pest Control (UK) Ltd", "03/04/2025", "1,250.75", "Pest control"],  # a supplier, not a total
         ["Care Co Ltd", "04/04/2025", "99.99", "Care"]]
TOTAL = Decimal("2601.49")
COUNT = len(LINES)


def imported(spend_import, count=COUNT, total=TOTAL):
    assert spend_import.status == SpendImport.Status.IMPORTED, spend_import.report
    assert spend_import.line_count == count
    assert spend_import.total_amount == total
    assert sum(SpendLine.objects.filter(spend_import=spend_import).values_list("amount", flat=True)) == total
    return {note for _, note in spend_import.report.get("skipped", [])} | set(spend_import.report.get("notes", []))


@pytest.mark.parametrize("label", ["Total Expenditure", "Total for April 2025", "Report Total", "Total Payments",
                                   "Sum", "", "TOTAL SPEND"])
def test_a_total_line_however_labelled_is_left_out(anytown, label):
    rows = [HEADER] + LINES + [[label, "", "2,601.49", ""]]
    imported(run_spend_file(anytown, csv_bytes(rows)))
    assert not SpendLine.objects.filter(payee_name=label).exists() or not label


def test_a_total_with_text_where_the_date_would_be_is_left_out(anytown):
    rows = [HEADER] + LINES + [["Total", "4 transactions", "2,601.49", ""]]
    imported(run_spend_file(anytown, csv_bytes(rows)))


def test_sub_totals_then_a_grand_total_are_all_left_out(anytown):
    rows = [HEADER] + LINES[:2] + [["Sub-total", "", "1,250.75", ""]] + LINES[2:] + \
        [["Sub-total", "", "1,350.74", ""], ["Grand Total", "", "2,601.49", ""]]
    imported(run_spend_file(anytown, csv_bytes(rows)))


def test_a_payee_that_only_reads_like_a_total_is_a_payment(anytown):
    # Not the sum of the lines above it: an ordinary payment to "Total Care", dated or not; and names
    # that only look like labels are suppliers.
    rows = [HEADER] + LINES + [["Total Care", "05/04/2025", "10.00", "Care"], ["Total Care", "", "20.00", "Care"],
                               ["Total For Kids Ltd", "06/04/2025", "30.00", "Care"], ["B & F", "07/04/2025", "40.00", ""]]
    imported(run_spend_file(anytown, csv_bytes(rows)), count=len(LINES) + 4, total=TOTAL + Decimal("100.00"))


def test_a_line_labelled_total_that_is_not_the_sum_is_still_refused(anytown):
    rows = [HEADER] + LINES + [["Grand Total", "", "9,999.99", ""]]
    spend_import = run_spend_file(anytown, csv_bytes(rows))
    assert spend_import.status == SpendImport.Status.REJECTED
    assert "is not the sum of the lines above it" in spend_import.report["rejected"][0][1]
    assert not SpendLine.objects.exists()


def test_a_workbook_with_an_unlabelled_sum_under_the_amounts_imports_the_payments_only(anytown):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for payee, date, amount, category in LINES:
        sheet.append([payee, datetime.datetime.strptime(date, "%d/%m/%Y"), float(amount.replace(",", "")), category])
    sheet.append([None, None, f"=SUM(C2:C{len(LINES) + 1})", None])
    sheet.cell(row=len(LINES) + 2, column=3).value = float(TOTAL)  # as Excel saves a formula's value
    out = io.BytesIO()
    book.save(out)
    imported(run_spend_file(anytown, out.getvalue(), name="spend.xlsx"))


def test_rows_without_their_empty_last_cells_import(anytown):
    rows = [HEADER] + [line[:3] for line in LINES]  # the category left off, as some exports do
    imported(run_spend_file(anytown, csv_bytes(rows)))


def test_a_row_missing_a_chosen_cell_is_refused_and_says_so(anytown):
    rows = [HEADER] + LINES + [["Dove Ltd", "05/04/2025"]]
    spend_import = run_spend_file(anytown, csv_bytes(rows))
    assert spend_import.status == SpendImport.Status.REJECTED
    assert [tuple(row) for row in spend_import.report["rejected"]] == [(6, "has 2 columns but the header has 4: a cell may be missing")]


def test_notes_below_the_lines_are_left_out(anytown):
    rows = [HEADER] + LINES + [["Page 1 of 1"], ["Figures exclude VAT.", "", "", ""]]
    notes = imported(run_spend_file(anytown, csv_bytes(rows)))
    assert any("note" in note for note in notes)


def test_whole_numbers_in_a_workbooks_date_column_are_dates(anytown):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for payee, date, amount, category in LINES:
        serial = (datetime.datetime.strptime(date, "%d/%m/%Y").date() - datetime.date(1899, 12, 30)).days
        sheet.append([payee, serial, float(amount.replace(",", "")), category])  # a date column formatted as numbers
    out = io.BytesIO()
    book.save(out)
    received = importer.receive_file(anytown, "Anytown Council", "spend.xlsx", out.getvalue())
    assert not any("Excel writes for dates" in doubt for doubt in received.mapping["doubts"])
    received.delete()
    imported(run_spend_file(anytown, out.getvalue(), name="spend.xlsx"))
    assert sorted(SpendLine.objects.values_list("paid_on", flat=True)) == [
        datetime.date(2025, 4, day) for day in (1, 2, 3, 4)]


def test_a_csv_with_excel_day_numbers_for_dates_says_what_they_are(anytown):
    rows = [HEADER] + [["Acme Cleaning Ltd", "45748", "10.00", "Cleaning"]]
    received = importer.receive_file(anytown, "Anytown Council", "spend.csv", csv_bytes(rows))
    assert not received.mapping["certain"]  # the person checking the columns is told before the import
    assert any("Excel writes for dates" in doubt for doubt in received.mapping["doubts"])
    received.delete()
    spend_import = run_spend_file(anytown, csv_bytes(rows))
    assert spend_import.status == SpendImport.Status.REJECTED
    reason = spend_import.report["rejected"][0][1]
    assert "it looks like a date as Excel stores it (1 April 2025)" in reason


def test_a_lone_amount_below_the_lines_is_refused_not_left_out(anytown):
    rows = [HEADER] + LINES + [["7.50"], ["Figures exclude VAT."]]
    spend_import = run_spend_file(anytown, csv_bytes(rows))
    assert spend_import.status == SpendImport.Status.REJECTED
    assert [row for row, _ in spend_import.report["rejected"]] == [6]


# ---------------------------------------------------------------- totals as a second probe wrote them

A = ["Acme Ltd", "01/04/2025", "100.00", "Cleaning"]
B = ["Bolt Ltd", "02/04/2025", "50.00", "Repairs"]
C = ["Care Co Ltd", "03/04/2025", "25.50", "Care"]
D = ["Dove Ltd", "04/04/2025", "4.50", "Care"]


def amount_only(amount, label=""):
    return [label, "", amount, ""]


@pytest.mark.parametrize("rows, count, total", [
    # unlabelled sub-totals, then an unlabelled grand total
    ([A, B, amount_only("150.00"), C, D, amount_only("30.00"), amount_only("180.00")], 4, "180.00"),
    # labelled sub-totals, then an unlabelled grand total
    ([A, B, amount_only("150.00", "Sub-total"), C, amount_only("25.50", "Sub-total"), amount_only("175.50")], 3, "175.50"),
    # an unlabelled total written twice
    ([A, B, amount_only("150.00"), amount_only("150.00")], 2, "150.00"),
    # payments as a third probe found them wrongly refused: a blank payee with a date and details, the
    # same payee and amount twice, a merchant called TOTAL, a payee like "Sum Of Parts" paid twice
    ([["", "01/04/2025", "500.00", "Hardship Grant"], ["", "01/04/2025", "500.00", "Hardship Grant"],
      ["", "02/04/2025", "1,000.00", "Hardship Grant"]], 3, "2000.00"),
    ([["Sum Of Parts", "01/04/2025", "-1,426.49", ""], ["Sum Of Parts", "02/04/2025", "-1,426.49", ""]], 2, "-2852.98"),
    ([["Shell", "01/04/2025", "50.00", "Fuel"], ["TOTAL", "02/04/2025", "50.00", "Fuel"]], 2, "100.00"),
    ([["Acme Ltd", "", "75.00", ""], ["Acme Ltd", "", "75.00", ""]], 2, "150.00"),
    # three grants with no payee and no date but their category, the third the sum of the first two
    ([["", "", "250.00", "Grant"], ["", "", "250.00", "Grant"], ["", "", "500.00", "Grant"]], 3, "1000.00"),
    # Excel's Subtotal rows, in the payee column and in another column
    ([A, ["Acme Ltd Total", "", "100.00", ""], B, ["Total Bolt Ltd", "", "50.00", ""], amount_only("150.00", "Grand Total")],
     2, "150.00"),
    ([C, D, ["", "", "30.00", "Care Total"], A, ["", "", "100.00", "Cleaning Total"]], 3, "130.00"),
    # a finance report's group totals ("Total for Adult Social Care" under that directorate's lines)
    ([C, D, ["", "", "30.00", "Total for Care"], A, ["", "", "100.00", "Cleaning Sub-total"],
      amount_only("130.00", "Grand Total")], 3, "130.00"),
    ([A, ["Total for Acme Ltd", "", "100.00", ""], B, ["Bolt Ltd Sub Total", "", "50.00", ""]], 2, "150.00"),
    # with a date (found by a review): left out when it is the group's sum
    ([C, D, ["", "30/04/2025", "30.00", "Total for Care"], A, ["Total for Acme Ltd", "30/04/2025", "100.00", ""]],
     3, "130.00"),
    # and a payment when it is not ("Total Care" paid after "Care")
    ([["Care", "01/04/2025", "10.00", ""], ["Total Care", "02/04/2025", "25.00", "Care"]], 2, "35.00"),
    # balances carried between pages, a page total and a count
    ([A, B, amount_only("150.00", "Carried forward"), amount_only("150.00", "Brought forward"), C,
      amount_only("175.50", "Grand Total")], 3, "175.50"),
    ([A, B, amount_only("150.00", "Page Total"), C, amount_only("25.50", "Page Total"),
      amount_only("175.50", "Grand Total")], 3, "175.50"),
    ([A, B, C, amount_only("3", "No. of transactions")], 3, "175.50"),
    ([A, ["Acme Ltd Count", "", "1", ""], B, ["Bolt Ltd Count", "", "1", ""]], 2, "150.00"),
    # rows of nothing: a dash or a zero, no payee and no date
    ([A, B, amount_only("£ -"), amount_only("0.00")], 2, "150.00"),
    # a fuel card's merchant called TOTAL, dated, with details: a payment
    ([A, ["TOTAL", "05/04/2025", "60.00", "Fuel"]], 2, "160.00"),
    # a ledger's net total under its Debit and Credit totals (the blind .ods set)
    ([A, B, amount_only("150.00", "Total"), ["", "", "150.00", "Net spend"]], 2, "150.00"),
])
def test_totals_however_a_finance_system_writes_them(anytown, rows, count, total):
    imported(run_spend_file(anytown, csv_bytes([HEADER] + rows)), count=count, total=Decimal(total))


@pytest.mark.parametrize("rows, row, says", [
    # an amount alone that is not the sum: a wrong total, or a payment that lost its payee and date
    ([A, B, amount_only("149.99")], 4, "has an amount but no payee or date"),
    # the sum of the lines above, with a date but no payee: a total or a payment?
    ([A, B, ["", "05/04/2025", "150.00", ""]], 4, "is the sum of the lines above it (£150.00) but no payee"),
    # a payee's sub-total with the payee copied into it (a merged cell), in a file of dated lines
    ([A, ["Acme Ltd", "03/04/2025", "55.00", "Cleaning"], ["Acme Ltd", "", "155.00", ""], B], 4,
     "is the sum of the lines above it (£155.00) and the payee of the line above it, but no date"),
    # ... also for a group of one line
    ([B, ["Bolt Ltd", "", "50.00", ""], A, ["Acme Ltd", "", "100.00", ""]], 3,
     "is the sum of the lines above it (£50.00) and the payee of the line above it"),
    # a payee that reads like a total, whose amount is the sum
    ([A, B, ["Total payments made in April 2025", "30/04/2025", "150.00", ""]], 4, "reads like a total"),
    # a fuel card's merchant TOTAL whose amount is the sum of the lines above it
    ([["Shell", "01/04/2025", "50.00", "Fuel"], ["BP", "01/04/2025", "10.00", "Fuel"],
      ["TOTAL", "02/04/2025", "60.00", "Fuel"]], 4, "it has a date and details"),
    # the sub-total of a group of one line, unlabelled: a total, or a payment that lost its payee?
    ([A, amount_only("100.00"), B], 3, "has an amount but no payee or date"),
    # a dated 'Total' that is not the sum, with nothing else: a wrong total, not a merchant
    ([A, B, ["Total", "30/04/2025", "175.00", ""]], 4, "is not the sum of the lines above it"),
    ([A, B, amount_only("100.00", "Brought forward")], 4, "says 'Brought forward'"),
    ([A, B, amount_only("7", "No. of transactions")], 4, "is not the number of lines above it"),
    # the sum, with neither payee nor date in a file of dated lines, labelled in words that are not a
    # total's: it was imported as a payment with no payee (the blind .ods set's "Net spend")
    ([A, B, ["", "", "150.00", "Spend this month"]], 4, "is the sum of the lines above it (£150.00) but no payee or date"),
])
def test_a_line_that_may_be_a_total_or_a_payment_is_refused_saying_why(anytown, rows, row, says):
    spend_import = run_spend_file(anytown, csv_bytes([HEADER] + rows))
    assert spend_import.status == SpendImport.Status.REJECTED, spend_import.report
    assert [(number, says in reason) for number, reason in spend_import.report["rejected"]] == [(row, True)]
    assert not SpendLine.objects.exists()


def test_rows_of_nothing_but_na_are_left_out(anytown):
    rows = [HEADER] + LINES + [["#N/A"] * 4, ["#N/A", "#N/A", "#N/A", ""]]
    imported(run_spend_file(anytown, csv_bytes(rows)))


def test_in_a_file_without_dates_a_line_without_a_payee_is_a_payment(anytown):
    rows = [["Transaction Number", "Supplier Name", "Net Amount"], ["4500001", "Acme Cleaning Ltd", "600.00"],
            ["4500002", "", "600.00"], ["4500003", "Bolt Fixings Ltd", "700.00"], ["", "", "1,900.00"]]
    spend_import = run_spend_file(anytown, csv_bytes(rows))
    imported(spend_import, count=3, total=Decimal("1900.00"))


def test_in_a_file_of_many_blank_payees_a_blank_payee_that_is_a_sum_is_a_payment(anytown):
    # Grants to individuals, their names left out: the third line is the sum of the two above, and a payment.
    rows = [["Paid Date", "Recipient", "Amount"]] + [["01/04/2025", "", "500.00"], ["01/04/2025", "", "500.00"],
                                                     ["02/04/2025", "", "1,000.00"], ["03/04/2025", "", "250.00"],
                                                     ["03/04/2025", "Care Co Ltd", "99.00"]]
    imported(run_spend_file(anytown, csv_bytes(rows)), count=5, total=Decimal("2349.00"))


def test_a_card_merchant_called_total_in_a_file_of_bare_lines_is_a_payment(anytown):
    rows = [["Transaction Date", "Merchant Name", "Amount"], ["01/04/2025", "SHELL", "40.00"],
            ["02/04/2025", "BP", "20.00"], ["03/04/2025", "TOTAL UK", "60.00"]]
    imported(run_spend_file(anytown, csv_bytes(rows)), count=3, total=Decimal("120.00"))


def test_a_ledger_with_debit_and_credit_columns_imports_each_line_as_the_debit_less_the_credit(anytown):
    # A blind borough council's workbook: one of Debit and Credit filled on each line, and a total.
    header = ["Supplier Name", "Paid Date", "Debit", "Credit", "Expenditure Category"]
    rows = [header, ["Acme Cleaning Ltd", "01/04/2025", "1,000.50", "", "Cleaning"],
            ["Bolt Fixings Ltd", "02/04/2025", "", "250.25", "Repairs"],  # a credit note
            ["Care Co Ltd", "03/04/2025", "(20.00)", "", "Care"],
            ["Dove Ltd", "04/04/2025", "99.99", "", "Care"],
            ["Total", "", "1,080.49", "250.25", ""]]
    spend_import = run_spend_file(anytown, csv_bytes(rows))
    imported(spend_import, count=4, total=Decimal("830.24"))
    assert spend_import.mapping["columns"]["credit"] == 3
    assert "Each line's amount is “Debit” less “Credit”: credits were taken off." in spend_import.report["notes"]
    assert SpendLine.objects.get(spend_import=spend_import, payee_name="Bolt Fixings Ltd").amount == Decimal("-250.25")


def test_a_ledger_line_with_neither_a_debit_nor_a_credit_is_refused(anytown):
    header = ["Supplier Name", "Paid Date", "Debit", "Credit"]
    rows = [header, ["Acme Cleaning Ltd", "01/04/2025", "1,000.50", ""], ["Bolt Fixings Ltd", "02/04/2025", "", ""],
            ["Care Co Ltd", "03/04/2025", "", "12x"], ["Dove Ltd", "04/04/2025", "", "20.00"],
            ["Eve Ltd", "05/04/2025", "", "30.00"]]
    spend_import = run_spend_file(anytown, csv_bytes(rows))
    assert spend_import.status == SpendImport.Status.REJECTED
    (first, no_amount), (second, unreadable) = spend_import.report["rejected"]
    assert (first, no_amount) == (3, "has no amount")
    assert (second, unreadable) == (4, "has a credit that is not a number: “12x”")
    assert not SpendLine.objects.exists()


@pytest.mark.parametrize("credit", ["250.25", "-250.25", "(250.25)", "250.25 CR"])
def test_a_credit_is_taken_off_however_its_column_writes_it(anytown, credit):
    # found by a review: a credit written negative was added instead
    header = ["Supplier Name", "Paid Date", "Debit", "Credit"]
    rows = [header, ["Acme Cleaning Ltd", "01/04/2025", "1,000.50", ""],
            ["Bolt Fixings Ltd", "02/04/2025", "", credit],
            # a spreadsheet leaves off the empty credit cell at the end of a row
            ["Care Co Ltd", "03/04/2025", "99.99"]]
    imported(run_spend_file(anytown, csv_bytes(rows)), count=3, total=Decimal("850.24"))


def test_a_signed_amount_beside_debit_and_credit_columns_is_the_amount_and_credits_are_not_taken_off_twice(anytown):
    header = ["Supplier Name", "Paid Date", "Debit", "Credit", "Net"]
    rows = [header, ["Acme Cleaning Ltd", "01/04/2025", "100.00", "", "100.00"],
            ["Bolt Fixings Ltd", "02/04/2025", "", "20.00", "-20.00"], ["Care Co Ltd", "03/04/2025", "50.00", "", "50.00"]]
    spend_import = run_spend_file(anytown, csv_bytes(rows))
    imported(spend_import, count=3, total=Decimal("130.00"))
    assert spend_import.mapping["columns"]["amount"] == 4 and "credit" not in spend_import.mapping["columns"]
