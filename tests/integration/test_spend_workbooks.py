"""Workbooks as councils publish them (issue 16, found by a second adversarial probe): the sheet of
payment lines is found among others, payments on several sheets, hidden rows and formulas never
calculated are refused saying what to do, and amounts are rounded as the spreadsheet shows them."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from clearsight.spend.models import SpendImport, SpendLine

from ..spend_helpers import run_spend_file

pytestmark = pytest.mark.django_db

HEADER = ["Supplier Name", "Paid Date", "Amount", "Expenditure Category"]


def lines(count, start=1):
    return [[f"Supplier {n} Ltd", datetime.datetime(2025, 4, n), 10.0 * n, "Care"] for n in range(start, start + count)]


def workbook(sheets, hidden_rows=(), mac_dates=False):
    book = Workbook()
    if mac_dates:  # the "1904 date system" of workbooks from older Excel for Mac
        book.epoch = CALENDAR_MAC_1904
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for number in hidden_rows:
            sheet.row_dimensions[number].hidden = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_payments_sheet_is_read_though_a_list_of_suppliers_is_longer(anytown):
    suppliers = [["Supplier", "Category"]] + [[f"Supplier {n} Ltd", "Care"] for n in range(1, 60)]
    data = workbook({"Suppliers": suppliers, "Payments": [HEADER] + lines(4)})
    spend_import = run_spend_file(anytown, data, name="spend.xlsx")
    assert spend_import.status == SpendImport.Status.IMPORTED, spend_import.report
    assert spend_import.line_count == 4 and spend_import.total_amount == Decimal("100.00")
    assert spend_import.report["format"] == "Excel workbook, sheet “Payments”"


def test_a_sheet_a_month_laid_out_alike_imports_as_one_file(anytown):
    # A quarterly workbook with a sheet a month (and a cover sheet): imported together, each sheet's
    # title rows, header and total line left out, each line keeping its own sheet's row number.
    def month(title, first, count):
        rows = [[f"Payments over £500: {title} 2025"], HEADER] + lines(count, start=first)
        return rows + [["Total", None, sum(line[2] for line in lines(count, start=first)), None]]

    data = workbook({"Read me": [["Published under the Open Government Licence"]],
                     "April": month("April", 1, 3), "May": month("May", 10, 5)})
    spend_import = run_spend_file(anytown, data, name="spend-q1.xlsx")
    assert spend_import.status == SpendImport.Status.IMPORTED, spend_import.report
    assert spend_import.report["format"] == "Excel workbook, sheets “April” and “May”"
    assert spend_import.line_count == 8 and spend_import.total_amount == Decimal("660.00")
    assert ("The sheets have the same columns and were read as one file: “April” (3 lines), “May” (5 lines)."
            in spend_import.report["notes"])
    assert "On each sheet, the first row comes before the header row and was not read." in spend_import.report["notes"]
    assert SpendLine.objects.get(payee_name="Supplier 10 Ltd").source_row == 3  # row 3 of “May”
    assert SpendLine.objects.get(payee_name="Supplier 1 Ltd").source_row == 3  # row 3 of “April”


def test_a_bad_line_on_a_later_sheet_is_named_by_its_sheet_and_row(anytown):
    may = [HEADER] + lines(5, start=10)
    may[3][2] = "ten pounds"
    data = workbook({"April": [HEADER] + lines(3), "May": may})
    spend_import = run_spend_file(anytown, data, name="spend.xlsx")
    assert spend_import.status == SpendImport.Status.REJECTED
    assert [row for row, _ in spend_import.report["rejected"]] == ["4 of sheet “May”"]
    assert not SpendLine.objects.exists()


def test_a_sheet_that_repeats_another_sheets_lines_is_refused(anytown):
    # "Over £25,000" beside the month's payments: the same lines twice, so refused, not counted twice.
    data = workbook({"All payments": [HEADER] + lines(5), "Over 25000": [HEADER] + lines(5)[3:]})
    spend_import = run_spend_file(anytown, data, name="spend.xlsx")
    assert spend_import.status == SpendImport.Status.REJECTED
    error = spend_import.report["errors"][0]
    assert "payment lines on more than one sheet (“All payments”, “Over 25000”)" in error
    assert "row 2 of “Over 25000” repeats row 5 of “All payments”" in error
    assert not SpendLine.objects.exists()


def test_a_sheet_of_totals_a_supplier_under_the_same_columns_is_refused(anytown):
    summary = [HEADER] + [[f"Supplier {n} Ltd", None, 10.0 * n, None] for n in range(1, 4)]
    spend_import = run_spend_file(anytown, workbook({"April": [HEADER] + lines(3), "Summary": summary}),
                                  name="spend.xlsx")
    assert spend_import.status == SpendImport.Status.REJECTED
    assert "no line of “Summary” has a date or transaction reference" in spend_import.report["errors"][0]


def test_a_dated_summary_of_the_other_sheets_under_the_same_columns_is_refused(anytown):
    # Totals by expense type at the month's end: dated, no payee, each the total of its type's payments.
    april = [HEADER, ["Acme Ltd", datetime.datetime(2025, 4, 1), 10.0, "Care"],
             ["Bolt Ltd", datetime.datetime(2025, 4, 2), 20.0, "Care"],
             ["Crane Ltd", datetime.datetime(2025, 4, 3), 30.0, "Cleaning"]]
    summary = [HEADER, ["", datetime.datetime(2025, 4, 30), 30.0, "Care"], ["", datetime.datetime(2025, 4, 30), 30.0, "Cleaning"]]
    spend_import = run_spend_file(anytown, workbook({"April": april, "By type": summary}), name="spend.xlsx")
    assert spend_import.status == SpendImport.Status.REJECTED
    assert "the lines of “By type” add up to those of “April” (£60.00), so it may be a summary of them" in \
        spend_import.report["errors"][0]
    # With more sheets, the one that sums others up is named, with them.
    may = [HEADER] + lines(2, start=10)  # £100 and £110 of care
    summary[1][2] = 240.0
    spend_import = run_spend_file(anytown, workbook({"April": april, "May": may, "Totals": summary}), name="spend-2.xlsx")
    assert "the lines of “Totals” add up to those of “April” and “May” (£270.00)" in spend_import.report["errors"][0]
    assert not SpendLine.objects.exists()


def test_sheets_whose_lines_have_no_date_or_reference_are_refused(anytown):
    # Nothing tells a sheet of repeats from a sheet of new payments.
    undated = [["Supplier Name", "Amount"], ["Acme Ltd", 10.0], ["Bolt Ltd", 20.0]]
    spend_import = run_spend_file(anytown, workbook({"April": undated, "May": undated[:2]}), name="spend.xlsx")
    assert spend_import.status == SpendImport.Status.REJECTED
    assert "cannot tell whether one sheet repeats another's lines" in spend_import.report["errors"][0]


def test_hidden_rows_are_refused_not_imported_or_dropped_silently(anytown):
    rows = [HEADER] + lines(3) + [["Private Person", datetime.datetime(2025, 4, 9), 999.0, "Care"]]
    spend_import = run_spend_file(anytown, workbook({"Payments": rows}, hidden_rows=[5]), name="spend.xlsx")
    assert spend_import.status == SpendImport.Status.REJECTED
    assert "hidden rows with something in them (rows 5)" in spend_import.report["errors"][0]
    assert not SpendLine.objects.exists()


def test_formulas_never_calculated_are_refused_saying_to_save_the_workbook(anytown):
    rows = [HEADER] + [["Acme Ltd", datetime.datetime(2025, 4, 1), "=10*2", "Care"]]
    data = workbook({"Payments": rows})  # openpyxl writes formulas without their values, as a program does
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"<v></v>" in archive.read("xl/worksheets/sheet1.xml")
    spend_import = run_spend_file(anytown, data, name="spend.xlsx")
    assert spend_import.status == SpendImport.Status.REJECTED
    assert "formulas whose results were never calculated" in spend_import.report["errors"][0]


def test_amounts_are_rounded_as_the_spreadsheet_shows_them(anytown):
    rows = [HEADER] + [["Acme Ltd", datetime.datetime(2025, 4, 1), 2.675, "Care"],
                       ["Bolt Ltd", datetime.datetime(2025, 4, 2), 1.005, "Care"]]
    spend_import = run_spend_file(anytown, workbook({"Payments": rows}), name="spend.xlsx")
    assert spend_import.status == SpendImport.Status.IMPORTED, spend_import.report
    assert sorted(SpendLine.objects.values_list("amount", flat=True)) == [Decimal("1.01"), Decimal("2.68")]


def test_a_formula_whose_result_is_empty_text_is_calculated(anytown):
    # Excel saves =IF(...,"",...) that gave "" as <c t="str"><f>…</f><v/></c>: calculated, and empty.
    rows = [HEADER + ["Note"]] + [line + ['=IF(1,"","x")'] for line in lines(2)]
    data = workbook({"Payments": rows})
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b'"><f>IF(1,"","x")</f><v></v></c>', b'" t="str"><f>IF(1,"","x")</f><v/></c>')
                assert content.count(b't="str"') == 2
            target.writestr(item, content)
    spend_import = run_spend_file(anytown, out.getvalue(), name="spend.xlsx")
    assert spend_import.status == SpendImport.Status.IMPORTED, spend_import.report
    assert spend_import.line_count == 2


def test_payments_on_several_sheets_laid_out_differently_are_refused_too(anytown):
    may = [HEADER + ["Reference"]] + [line + [f"R{n}"] for n, line in enumerate(lines(5, start=10))]
    data = workbook({"April": [HEADER] + lines(3), "May": may})
    spend_import = run_spend_file(anytown, data, name="spend.xlsx")
    assert spend_import.status == SpendImport.Status.REJECTED
    assert "payment lines on more than one sheet (“April”, “May”), and “May” has other columns than “April”" in \
        spend_import.report["errors"][0]


@pytest.mark.parametrize("mac_dates", [False, True], ids=["1900 date system", "1904 date system"])
def test_day_numbers_in_the_date_column_are_read_as_the_workbook_counts_days(anytown, mac_dates):
    # A date column formatted as numbers holds day counts: from 1899-12-30 in most workbooks, from
    # 1904-01-01 in those made by older Excel for Mac (four years and a day apart). Cells formatted as
    # dates are read right either way.
    day_zero = datetime.date(1904, 1, 1) if mac_dates else datetime.date(1899, 12, 30)
    rows = [HEADER,
            ["Acme Ltd", (datetime.date(2025, 4, 1) - day_zero).days, 10.0, "Care"],
            ["Bolt Ltd", datetime.datetime(2025, 4, 2), 20.0, "Care"]]
    spend_import = run_spend_file(anytown, workbook({"Payments": rows}, mac_dates=mac_dates), name="spend.xlsx")
    assert spend_import.status == SpendImport.Status.IMPORTED, spend_import.report
    assert dict(SpendLine.objects.values_list("payee_name", "paid_on")) == {
        "Acme Ltd": datetime.date(2025, 4, 1), "Bolt Ltd": datetime.date(2025, 4, 2)}
    assert ("1904" in spend_import.report["format"]) is mac_dates


def test_an_excel_97_2003_workbook_imports_with_its_exact_total(anytown):
    # A council's older spend files are .xls: the import reads them as it reads .xlsx.
    import datetime as dt

    import xlwt

    book = xlwt.Workbook()
    book.add_sheet("Read me").write(0, 0, "Spend over £500")
    sheet = book.add_sheet("Spend")
    for column, name in enumerate(["Supplier Name", "Payment Date", "Amount", "Expense Type"]):
        sheet.write(0, column, name)
    date = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    lines = [("Acme Cleaning Ltd", 1000.50, "Cleaning"), ("Bolt Fixings Ltd", -250.25, "Repairs"),
             ("Care Co Ltd", 99.99, "Care")]
    for row, (payee, amount, category) in enumerate(lines, start=1):
        sheet.write(row, 0, payee)
        sheet.write(row, 1, dt.date(2025, 4, row), date)
        sheet.write(row, 2, amount)
        sheet.write(row, 3, category)
    sheet.write(4, 0, "Total")
    sheet.write(4, 2, 850.24)
    out = io.BytesIO()
    book.save(out)

    spend_import = run_spend_file(anytown, out.getvalue(), name="spend-2025-04.xls")
    assert spend_import.status == SpendImport.Status.IMPORTED, spend_import.report
    assert spend_import.report["format"] == "Excel 97-2003 workbook (.xls), sheet “Spend”"
    stored = SpendLine.objects.filter(spend_import=spend_import)
    assert stored.count() == 3 and sum(stored.values_list("amount", flat=True)) == Decimal("850.24")
    assert stored.get(payee_name="Bolt Fixings Ltd").paid_on == dt.date(2025, 4, 2)


def test_an_opendocument_spreadsheet_imports_with_its_exact_total(anytown):
    # Councils that save with LibreOffice publish .ods: the import reads them as it reads .xlsx.
    from ..ods_helpers import day, money, ods, row, sheet, text

    header = row(text("Supplier Name"), text("Payment Date"), text("Amount"), text("Expense Type"))
    lines = [row(text("Acme Cleaning Ltd"), day("2025-04-01", "01/04/2025"), money("1000.5", "£1,000.50"), text("Cleaning")),
             row(text("Bolt Fixings Ltd"), day("2025-04-02", "02/04/2025"), money("-250.25", "-£250.25"), text("Repairs"),
                 attributes=' table:number-rows-repeated="2"'),  # the same credit twice, as Calc writes it
             row(text("Total"), '<table:table-cell/>',
                 '<table:table-cell table:formula="of:=SUM([.C2:.C4])" office:value-type="currency" office:currency="GBP" '
                 'office:value="500" calcext:value-type="currency"><text:p>£500.00</text:p></table:table-cell>')]
    data = ods(sheet("Read me", row(text("Spend over £500"))), sheet("Spend", header, *lines))

    spend_import = run_spend_file(anytown, data, name="spend-2025-04.ods")
    assert spend_import.status == SpendImport.Status.IMPORTED, spend_import.report
    assert spend_import.report["format"] == "OpenDocument spreadsheet (.ods), sheet “Spend”"
    stored = SpendLine.objects.filter(spend_import=spend_import)
    assert stored.count() == 3 and sum(stored.values_list("amount", flat=True)) == Decimal("500.00")
    assert stored.filter(payee_name="Bolt Fixings Ltd").count() == 2


# What an adversarial review of sheets read together found: each sheet is now read as if it were a
# file of its own (its totals, counts and notes are its own), then the sheets are compared.
D = datetime.datetime


def month(first, count, *after, header=HEADER):
    return [header] + lines(count, start=first) + [list(row) for row in after]


@pytest.mark.parametrize("sheets, count, total", [
    # a total of May alone after April without one (was taken for a payment: the sum ran on from April)
    ({"Apr": month(1, 3), "May": month(10, 3, ["Total", None, 330.0, None])}, 6, "390.00"),
    # a footnote under each month (only the last sheet's was a note)
    ({"Apr": month(1, 3, ["Source: finance system"]), "May": month(10, 3, ["Source: finance system"])}, 6, "390.00"),
    # a month with no payments: a note, or a total of nothing
    ({"Apr": month(1, 3), "May": [HEADER, ["No payments over £500 were made in May"]], "Jun": month(20, 3)}, 6, "690.00"),
    ({"Apr": month(1, 3), "May": [HEADER, ["Total", None, 0, None]], "Jun": month(20, 3)}, 6, "690.00"),
    # each month ends with its total and a count of its lines
    ({"Apr": month(1, 3, ["Total", None, 60.0, None], ["No. of transactions", None, 3, None]),
      "May": month(10, 3, ["Total", None, 330.0, None], ["No. of transactions", None, 3, None])}, 6, "390.00"),
    # a grand total of every sheet on the last one
    ({"Apr": month(1, 3, ["Total", None, 60.0, None]),
      "May": month(10, 3, ["Total", None, 330.0, None], ["Grand Total", None, 390.0, None])}, 6, "390.00"),
    # the same standing payments each month: equal totals are no summary
    ({"Apr": [HEADER, ["Acme Ltd", D(2025, 4, 1), 500.0, "Rent"], ["Bolt Ltd", D(2025, 4, 1), 250.0, "Rent"]],
      "May": [HEADER, ["Acme Ltd", D(2025, 5, 1), 500.0, "Rent"], ["Bolt Ltd", D(2025, 5, 1), 250.0, "Rent"]]},
     4, "1500.00"),
    # two months whose totals agree by chance, with fewer lines in one: not a summary of the other
    ({"Apr": [HEADER, ["Acme Ltd", D(2025, 4, 1), 500.0, "Rent"], ["Bolt Ltd", D(2025, 4, 2), 500.0, "Rent"]],
      "May": [HEADER] + [[f"Hall {n} Ltd", D(2025, 5, n), 250.0, "Rent"] for n in range(1, 5)]}, 6, "2000.00"),
    # a town council: May's one grant equals April's two, by chance (a second review)
    ({"Apr": [HEADER, ["Village Hall Trust", D(2025, 4, 3), 500.0, "Grants"], ["Scout Group", D(2025, 4, 17), 750.0, "Grants"]],
      "May": [HEADER, ["Allotment Society", D(2025, 5, 9), 1250.0, "Grants"]]}, 3, "2500.00"),
    # April's rent in one payment, May's in two halves: April's line is no total of May's (it is earlier)
    ({"Apr": [HEADER, ["Landlord Ltd", D(2025, 4, 1), 5000.0, "Rent"]],
      "May": [HEADER, ["Landlord Ltd", D(2025, 5, 1), 2500.0, "Rent"], ["Landlord Ltd", D(2025, 5, 16), 2500.0, "Rent"]]},
     3, "10000.00"),
    # an invoice split between two directorates' sheets: the same payee, amount and date, another category
    ({"Adults": [HEADER, ["Acme Ltd", D(2025, 4, 1), 500.0, "Adult care"], ["Bolt Ltd", D(2025, 4, 2), 10.0, "Adult care"]],
      "Children": [HEADER, ["Acme Ltd", D(2025, 4, 1), 500.0, "Children's care"], ["Care Co", D(2025, 4, 3), 20.0, "Fostering"]]},
     4, "1030.00"),
    # a table that starts at B4 on one sheet and A1 on the other
    ({"Apr": month(1, 3), "May": [[None], [None], [None]] + [[None] + row for row in month(10, 3)]}, 6, "390.00"),
], ids=["a sheet's own total", "a footnote on each sheet", "a nil month", "a total of nothing", "totals and counts",
        "a grand total of every sheet", "equal months", "totals agreeing by chance", "one grant equal to two",
        "rent in halves", "an invoice split between sheets", "a margin column"])
def test_each_sheet_read_together_is_read_as_a_file_of_its_own(anytown, sheets, count, total):
    spend_import = run_spend_file(anytown, workbook(sheets), name="spend.xlsx")
    assert spend_import.status == SpendImport.Status.IMPORTED, spend_import.report
    assert spend_import.line_count == count and spend_import.total_amount == Decimal(total)


@pytest.mark.parametrize("sheets, says", [
    # May's total with a date and no payee: refused as it is when May is uploaded alone
    ({"Apr": month(1, 3), "May": month(10, 3, ["", D(2025, 5, 31), 330.0, None])},
     "Row 5 of sheet “May” has an amount that is the sum of the lines above it (£330.00) but no payee"),
    # a summary of one month beside the quarter
    ({"Apr": month(1, 3), "May": month(10, 3), "Apr by directorate": [HEADER, ["", D(2025, 4, 30), 60.0, "Care"]]},
     "the lines of “Apr by directorate” add up to those of “Apr” (£60.00)"),
    # lines above a sheet's header, which would not be read
    ({"Apr": month(1, 3), "May": lines(2, start=10) + month(12, 1) + [["See the notes sheet"]]},
     "“May” has lines with amounts above its header row"),
    # a summary sheet of a line a month, and a pivot of one month by service area and type (a second review)
    ({"Apr": month(1, 3), "May": month(10, 3), "Summary": [HEADER, ["April", D(2025, 4, 30), 60.0, None],
                                                           ["May", D(2025, 5, 31), 330.0, None]]},
     "the lines of “Summary” add up to those of “Apr” and “May” (£390.00)"),
    ({"Apr": [HEADER + ["Service Area"], ["Acme Ltd", D(2025, 4, 1), 10.0, "Care", "Adults"],
              ["Bolt Ltd", D(2025, 4, 2), 20.0, "Care", "Adults"], ["Crane Ltd", D(2025, 4, 3), 30.0, "Cleaning", "Adults"],
              ["Dove Ltd", D(2025, 4, 4), 40.0, "Care", "Children"]],
      "By area": [HEADER + ["Service Area"], ["", D(2025, 4, 30), 30.0, "Care", "Adults"],
                  ["", D(2025, 4, 30), 30.0, "Cleaning", "Adults"], ["", D(2025, 4, 30), 40.0, "Care", "Children"]]},
     "the lines of “By area” add up to those of “Apr” (£100.00)"),
], ids=["a dated total with no payee", "a summary of one month", "lines above a header", "a line a month",
        "a pivot by two keys"])
def test_sheets_read_together_that_could_be_wrong_are_refused_saying_why(anytown, sheets, says):
    spend_import = run_spend_file(anytown, workbook(sheets), name="spend.xlsx")
    assert spend_import.status == SpendImport.Status.REJECTED
    report = spend_import.report
    assert says in " ".join(report["errors"] + [f"Row {row} {reason}" for row, reason in report["rejected"]])
    assert not any(note.startswith("The sheets have the same columns") for note in report.get("notes", []))
    assert not SpendLine.objects.exists()


def test_the_report_names_the_sheets_it_did_not_read(anytown):
    may = [["Payments over £500"]] * 25 + [HEADER] + lines(3, start=10)  # its header is too far down to be found
    spend_import = run_spend_file(anytown, workbook({"Read me": [["About this file"]], "Apr": month(1, 3), "May": may}),
                                  name="spend.xlsx")
    assert spend_import.status == SpendImport.Status.IMPORTED and spend_import.line_count == 3
    assert ("Not read: the sheets “Read me” and “May”, with no payment lines under a header in their first rows."
            in spend_import.report["notes"])


def test_the_report_names_a_hidden_sheet_it_did_not_read(anytown):
    book = Workbook()
    book.active.title = "April"
    for line in [HEADER] + lines(3):
        book.active.append(line)
    old = book.create_sheet("March (old)")
    for line in [HEADER] + lines(2, start=20):
        old.append(line)
    old.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    spend_import = run_spend_file(anytown, out.getvalue(), name="spend.xlsx")
    assert spend_import.status == SpendImport.Status.IMPORTED and spend_import.line_count == 3
    assert ("Not read: the sheet “March (old)”, hidden in the workbook. To import it, unhide it, save the workbook "
            "and upload it again." in spend_import.report["notes"])
