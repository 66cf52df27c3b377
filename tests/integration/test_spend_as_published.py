"""Spend files as councils publish them (issue 16): quirks of real files that must import first time,
with exact totals, instead of refusing the whole file."""

from decimal import Decimal

import pytest

from clearsight.spend import parsing
from clearsight.spend.models import SpendLine

from ..spend_helpers import csv_bytes
from ..spend_helpers import run_spend_file as run

pytestmark = pytest.mark.django_db

HEADER = ["Supplier Name", "Payment Date", "Amount", "Description"]


def imported_total(spend_import):
    return sum(SpendLine.objects.filter(spend_import=spend_import).values_list("amount", flat=True), Decimal(0))


def test_a_long_description_is_stored_in_full(anytown):
    description = "Supply and installation of replacement fire doors to the north wing, " * 8  # ~560 characters
    rows = [HEADER, ["Acme Ltd", "01/04/2026", "1,450.18", description], ["Acme Ltd", "02/04/2026", "10.00", "Keys"]]
    spend_import = run(anytown, csv_bytes(rows))
    assert spend_import.status == "imported", spend_import.report
    assert imported_total(spend_import) == Decimal("1460.18")
    stored = SpendLine.objects.get(spend_import=spend_import, source_row=2)
    assert max(stored.category, stored.service_area, key=len) == description.strip()


def test_rows_with_a_trailing_na_cell_beyond_the_header_are_read(anytown):
    rows = [HEADER, ["Acme Ltd", "01/04/2026", "100.00", "Keys", "#N/A"],
            ["Bolt Ltd", "02/04/2026", "200.50", "Bolts", ""], ["Bolt Ltd", "03/04/2026", "0.50", "Nuts"]]
    spend_import = run(anytown, csv_bytes(rows))
    assert spend_import.status == "imported", spend_import.report
    assert spend_import.line_count == 3 and imported_total(spend_import) == Decimal("301.00")


def test_a_trailing_cell_with_something_in_it_still_refuses_the_row(anytown):
    rows = [HEADER, ["Acme Ltd", "01/04/2026", "100.00", "Keys", "123.45"]]
    spend_import = run(anytown, csv_bytes(rows))
    assert spend_import.status == "rejected"
    assert not SpendLine.objects.exists()


def test_trailing_minus_amounts_are_credits(anytown):
    rows = [HEADER, ["Acme Ltd", "01/04/2026", "290.25-", "Credit note"], ["Acme Ltd", "02/04/2026", "1,000.00", "Works"]]
    spend_import = run(anytown, csv_bytes(rows))
    assert spend_import.status == "imported", spend_import.report
    assert imported_total(spend_import) == Decimal("709.75")


@pytest.mark.parametrize("payee, kind", [
    ("Redactive Publishing Ltd", "supplier"),
    ("REDACTED", "redacted"),
    ("Redacted personal data", "redacted"),
    ("*** Redaction ***", "redacted"),
    ("Name removed", "redacted"),
])
def test_a_company_whose_name_contains_redact_is_not_taken_for_redacted_data(payee, kind):
    assert parsing.payee_kind(payee) == kind


@pytest.mark.parametrize("header, field", [
    ("Total (excludes VAT)", "amount"),
    ("Name:", "payee_name"),
    ("Supplier(Beneficiary) Name", "payee_name"),
    ("Invoice Payment Date", "paid_on"),
])
def test_headers_councils_write_are_recognised(header, field):
    assert parsing.header_field(header) == field


def test_a_file_with_those_headers_imports_with_its_total(anytown):
    rows = [["Name:", "Invoice Payment Date", "Total (excludes VAT)", "Service"],
            ["Acme Ltd", "01/04/2026", "1,450.18", "Highways"], ["Bolt Ltd", "02/04/2026", "49.82", "Parks"]]
    spend_import = run(anytown, csv_bytes(rows), confirm=False)
    assert spend_import.status == "needs_mapping"
    assert {spend_import.mapping["columns"].get(k) for k in ("payee_name", "paid_on", "amount")} == {0, 1, 2}
    spend_import = run(anytown, csv_bytes(rows), name="again.csv")
    assert spend_import.status == "imported", spend_import.report
    assert imported_total(spend_import) == Decimal("1500.00")


def test_a_grand_total_line_equal_to_the_lines_above_is_left_out_and_noted(anytown):
    rows = [HEADER, ["Acme Ltd", "01/04/2026", "100.00", "Keys"], ["Bolt Ltd", "02/04/2026", "250.50", "Bolts"],
            ["Grand Total", "", "350.50", ""]]
    spend_import = run(anytown, csv_bytes(rows))
    assert spend_import.status == "imported", spend_import.report
    assert spend_import.line_count == 2 and imported_total(spend_import) == Decimal("350.50")
    assert any("Grand Total" in note for note in spend_import.report["notes"])


def test_a_total_in_another_column_with_no_payee_is_left_out(anytown):
    rows = [["Body", "Supplier Name", "Payment Date", "Amount"], ["Anytown", "Acme Ltd", "01/04/2026", "100.00"],
            ["Anytown", "Bolt Ltd", "02/04/2026", "20.00"], ["Total", "", "", "120.00"]]
    spend_import = run(anytown, csv_bytes(rows))
    assert spend_import.status == "imported", spend_import.report
    assert spend_import.line_count == 2 and imported_total(spend_import) == Decimal("120.00")


def test_a_total_line_that_is_not_the_sum_refuses_the_file_saying_why(anytown):
    rows = [HEADER, ["Acme Ltd", "01/04/2026", "100.00", "Keys"], ["Grand Total", "", "999.00", ""]]
    spend_import = run(anytown, csv_bytes(rows))
    assert spend_import.status == "rejected"
    assert not SpendLine.objects.exists()
    assert "not the sum of the lines above it (£100.00)" in str(spend_import.report["rejected"])


def test_a_supplier_whose_name_starts_with_total_is_a_payment(anytown):
    rows = [HEADER, ["Total Gas & Power Ltd", "01/04/2026", "80.00", "Gas"], ["Totals", "", "80.00", ""]]
    spend_import = run(anytown, csv_bytes(rows))
    assert spend_import.status == "imported", spend_import.report
    assert spend_import.line_count == 1 and imported_total(spend_import) == Decimal("80.00")


@pytest.mark.parametrize("label, is_total", [
    ("Grand Total", True), ("Sub-total", True), ("TOTALS", True), ("Total for period", True), ("total ", True),
    ("Net spend", True), ("Gross payments", True), ("Net Spend Solutions", False), ("Net Expenditure Ltd", False),
    ("Total Gas & Power Ltd", False), ("Totally Local Company", False), ("", False)])
def test_total_labels(label, is_total):
    assert parsing.is_total_label(label) is is_total
