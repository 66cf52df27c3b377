"""The header row of a spend file wherever the publisher put it (issue 16): at the top, after title rows,
as the last line, repeated in the middle, or nowhere. Each file imports on the first upload with the
columns proposed, its exact total and the right number of lines, and rows are numbered as a person
counts them in the file."""

from decimal import Decimal

import pytest

from clearsight.spend import importer
from clearsight.spend.models import SpendLine

from ..spend_helpers import csv_bytes
from ..spend_helpers import run_spend_file as run

pytestmark = pytest.mark.django_db

HEADER = ["Supplier(Beneficiary) Name", "Invoice Payment Date", "Total (excludes VAT)", "Expense Area"]
NAMES = ["Acme Ltd", "Bolt Engineering Limited", "Carters PLC", "Dunmore Homes LLP", "Eden Play CIC"]


def lines(count):
    """Payment lines and their total."""
    rows = [[NAMES[i % 5], f"{i % 28 + 1:02d}/04/2026", f"{(i * 7919) % 100000 / 100 + 500:,.2f}", "Highways"]
            for i in range(count)]
    return rows, sum(Decimal(r[2].replace(",", "")) for r in rows)


def imported(spend_import):
    stored = SpendLine.objects.filter(spend_import=spend_import)
    return stored.count(), sum(stored.values_list("amount", flat=True), Decimal(0))


def test_a_header_as_the_last_line_of_the_file(anytown):
    rows, total = lines(25)
    spend_import = run(anytown, csv_bytes(rows + [HEADER]))
    assert spend_import.status == "imported", spend_import.report
    assert spend_import.header_row == 26
    assert imported(spend_import) == (25, total)
    first = SpendLine.objects.get(spend_import=spend_import, source_row=1)
    assert (first.payee_name, first.paid_on.isoformat()) == ("Acme Ltd", "2026-04-01")
    assert "last row" in " ".join(spend_import.report["notes"])


def test_a_header_as_the_last_line_of_a_large_file(anytown):
    rows, total = lines(6000)
    data = csv_bytes(rows + [HEADER, [], []])
    assert len(data) > importer.HEAD_BYTES
    spend_import = run(anytown, data)
    assert spend_import.status == "imported", spend_import.report
    assert imported(spend_import) == (6000, total)
    assert SpendLine.objects.filter(spend_import=spend_import, source_row=6000).exists()


def test_a_header_after_title_rows(anytown):
    rows, total = lines(22)
    titles = [["Anytown Borough Council"], ["Expenditure over £500, April 2026"], []]
    spend_import = run(anytown, csv_bytes(titles + [HEADER] + rows))
    assert spend_import.status == "imported", spend_import.report
    assert spend_import.header_row == 4 and imported(spend_import) == (22, total)
    assert SpendLine.objects.filter(spend_import=spend_import).order_by("source_row").first().source_row == 5


def test_a_header_repeated_in_the_middle_is_skipped_and_reported(anytown):
    rows, total = lines(30)
    spend_import = run(anytown, csv_bytes([HEADER] + rows[:15] + [HEADER] + rows[15:] + [[h.upper() for h in HEADER]]))
    assert spend_import.status == "imported", spend_import.report
    assert imported(spend_import) == (30, total)
    notes = spend_import.report["notes"]
    assert "Row 17 was skipped: it repeats the header row." in notes
    assert "Row 33 was skipped: it repeats the header row." in notes
    assert SpendLine.objects.filter(spend_import=spend_import, source_row=18).get().payee_name == rows[15][0]


def test_a_file_with_no_header_at_all(anytown):
    rows, total = lines(24)
    spend_import = run(anytown, csv_bytes(rows), confirm=False)
    assert spend_import.status == "needs_mapping"
    assert {k: spend_import.mapping["columns"].get(k) for k in ("payee_name", "paid_on", "amount")} == {
        "payee_name": 0, "paid_on": 1, "amount": 2}
    spend_import = run(anytown, csv_bytes(rows), name="again.csv")
    assert spend_import.status == "imported", spend_import.report
    assert imported(spend_import) == (24, total)
    assert SpendLine.objects.filter(spend_import=spend_import).order_by("source_row").first().source_row == 1


def test_supplier_identifiers_are_stored_where_published(anytown):
    header = ["Directorate", "Name:", "Company No", "VAT Reg No", "Supplier Postcode", "Payment Date", "Net Amount",
              "VAT", "Gross Amount"]
    rows = [["Place", "Acme Ltd", "01234567", "GB123456789", "BB5 1LA", "01/04/2026", "100.00", "20.00", "120.00"],
            ["People", "Bolt (Scotland) Ltd", "SC123456", "", "EH1 1YZ", "02/04/2026", "250.50", "50.10", "300.60"],
            ["Place", "Carters PLC", "", "GB987654321", "LS1 4AP", "03/04/2026", "1,000.00", "0.00", "1,000.00"]]
    spend_import = run(anytown, csv_bytes([header] + rows))
    assert spend_import.status == "imported", spend_import.report
    assert imported(spend_import)[1] == Decimal("1350.50")  # the net amounts
    bolt = SpendLine.objects.get(spend_import=spend_import, payee_name="Bolt (Scotland) Ltd")
    assert (bolt.company_number, bolt.vat_number, bolt.postcode, bolt.service_area) == ("SC123456", "", "EH1 1YZ", "People")
