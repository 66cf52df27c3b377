"""Acceptance: every Oxford "spend over £500" file imports, the stored totals equal a sum worked out
here independently, and importing the files again adds nothing."""

import csv
import io
from decimal import Decimal

import pytest
from django.db.models import Sum

from clearsight.spend import importer
from clearsight.spend.models import SpendImport, SpendLine
from clearsight.supply.models import Supplier

from ..shared_data import shared_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def oxford_files():
    """The Oxford files, from ../shared (the test skips without them)."""
    return sorted(shared_file("data/oxford-city-council-spend-over-500").glob("*.csv"))


def independent_sum(path):
    """The file's total, by a simple reading: the column headed "amount" (any case), every row
    that has a value in it."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    rows = list(csv.reader(io.StringIO(text)))
    column = [c.strip().lower() for c in rows[0]].index("amount")
    values = [row[column].strip() for row in rows[1:] if len(row) > column and row[column].strip()]
    return sum((Decimal(v) for v in values), Decimal("0")), len(values)


def import_file(organisation, path, user=None):
    spend_import = importer.receive_file(organisation, "Oxford City Council", path.name, path.read_bytes(), user)
    if spend_import.status == SpendImport.Status.NEEDS_MAPPING:
        importer.confirm_mapping(spend_import, spend_import.mapping["columns"], user)
    if spend_import.status == SpendImport.Status.QUEUED:
        spend_import = importer.run_import(spend_import.pk)
    return spend_import


def test_all_oxford_files_import_with_totals_equal_to_an_independent_sum(anytown, oxford_files):
    assert len(oxford_files) == 17
    expected_total, expected_lines = Decimal("0"), 0
    for path in oxford_files:
        total, count = independent_sum(path)
        expected_total += total
        expected_lines += count
        spend_import = import_file(anytown, path)
        assert spend_import.status == SpendImport.Status.IMPORTED, (path.name, spend_import.report)
        assert spend_import.total_amount == total, path.name
        assert spend_import.line_count == count, path.name
        assert spend_import.stored_path == ""
    lines = SpendLine.objects.filter(organisation=anytown)
    assert lines.count() == expected_lines == 61528
    assert lines.aggregate(total=Sum("amount"))["total"].quantize(Decimal("0.01")) == expected_total

    # provenance: the first data line of a file is row 2 of that file
    first = lines.get(spend_import__file_name="expenditure-over-500-apr-jun-2016.csv", source_row=2)
    assert (first.payee_name, first.amount, first.paid_on.isoformat()) == ("Infomill", Decimal("2240.00"), "2016-04-05")
    assert first.supplier.name == "Infomill"

    # apr-jun-2014 lost its dates: imported without dates, with a warning and the period from the name
    undated = SpendImport.objects.get(file_name="expenditure-over-500-apr-jun-2014.csv")
    assert "no date" in undated.report["warnings"][0] and "00:00:00" not in undated.report["warnings"][0]
    assert (undated.period_start.isoformat(), undated.period_end.isoformat()) == ("2014-04-01", "2014-06-30")
    assert not undated.lines.filter(paid_on__isnull=False).exists()

    # jan-mar-2014 ends with a footer row that is skipped with a note
    footer = SpendImport.objects.get(file_name="expenditure-over-500-jan-mar-2014.csv")
    assert any("Row 3861 was skipped" in note for note in footer.report["notes"])

    # redacted payees are kept as such and never become suppliers
    assert lines.filter(payee_kind="redacted").exists()
    assert not Supplier.objects.filter(organisation=anytown, name__icontains="redacted").exists()
    assert not lines.filter(payee_kind="redacted", supplier__isnull=False).exists()
    # a blank payee (the -0.01 difference account lines) is kept without a supplier
    assert lines.filter(payee_kind="blank", amount=Decimal("-0.01"), supplier__isnull=True).exists()

    # the second import of every file adds nothing, and says so
    for path in oxford_files:
        again = import_file(anytown, path)
        assert again.status == SpendImport.Status.NOTHING_NEW
        assert "already imported" in again.report["notes"][0]
    assert SpendLine.objects.filter(organisation=anytown).count() == expected_lines
