"""Lambeth's payments files (2011-12), as published: each ends with a total line ("Grand Total" where
the payee would be, or "Total" in the first column). The payments read from each file must add up to
the total the council printed, and the total line itself must never become a payment."""

import csv
import io
import re
from decimal import Decimal

import pytest

from clearsight.spend import importer

from ..shared_data import shared_file
from ..spend_helpers import run_spend_file


def lambeth_files():
    return sorted(shared_file("data/lambeth-payments-to-suppliers-2011-12").glob("*.csv"))


def printed_total(path):
    """The total the file states on its own total line, read simply: the row whose first
    cell says "total" or "grand total", and its amount. None when the file has no total line."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    for row in csv.reader(io.StringIO(text, newline=None)):
        if row and row[0].strip().lower() in ("total", "grand total"):
            amounts = [c for c in row if re.fullmatch(r"\s*£?[\d,]+\.\d\d\s*", c)]
            return Decimal(amounts[0].replace(",", "").replace("£", "").strip())
    return None


def test_every_lambeth_file_adds_up_to_its_printed_total():
    checked = 0
    for path in lambeth_files():
        layout = importer.inspect(path.read_bytes())
        parsed = importer.parse_lines(layout.rows, layout.header_index, layout.width, layout.mapping.columns)
        assert not parsed.rejected, (path.name, parsed.rejected)
        expected = printed_total(path)
        if expected is None:
            continue
        assert Decimal(parsed.total_pence) / 100 == expected, path.name
        checked += 1
    assert checked >= 15


@pytest.mark.django_db
def test_a_lambeth_file_with_its_total_in_the_first_column_imports_with_the_printed_total(anytown):
    path = shared_file("data/lambeth-payments-to-suppliers-2011-12/2012-06-payments.csv")
    spend_import = run_spend_file(anytown, path.read_bytes(), name=path.name, publisher="London Borough of Lambeth")
    assert spend_import.status == "imported", spend_import.report
    assert spend_import.total_amount == printed_total(path) == Decimal("40292334.84")
    assert any("a total line ('Total'" in note for note in spend_import.report["notes"])
