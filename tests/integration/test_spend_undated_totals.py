"""Every page's spend figures agree: lines without a date count in the supplier's total, and in the
financial year their file's period lies within; the pages say plainly that some lines have no date."""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from clearsight.core.roles import Role
from clearsight.spend import summary
from clearsight.supply.api import Supplier

from ..factories import make_user
from ..spend_helpers import csv_bytes, run_spend_file

pytestmark = pytest.mark.django_db

NAME = "Lambeth Living Ltd"


@pytest.fixture
def spend(anytown):
    """A quarter whose dates were lost (its period from the file name), a dated July line, and a file
    with no date column and no period."""
    run_spend_file(anytown, csv_bytes([["Supplier Name", "Paid Date", "Amount"], [NAME, "", "1000.00"],
                                       [NAME, "", "500.00"]]), name="expenditure-over-500-apr-jun-2014.csv")
    run_spend_file(anytown, csv_bytes([["Supplier Name", "Paid Date", "Amount"], [NAME, "05/07/2014", "250.00"]]),
                   name="july.csv")
    run_spend_file(anytown, csv_bytes([["Supplier Name", "Amount"], [NAME, "40.00"]]), name="summary.csv")
    return Supplier.objects.get(organisation=anytown, name=NAME)


def test_undated_lines_of_a_quarter_count_in_its_financial_year(anytown, spend):
    assert summary.spend_by_year(anytown) == [(2015, Decimal("1750.00"), 3), (None, Decimal("40.00"), 1)]
    assert summary.supplier_spend_by_year(spend) == [(2015, Decimal("1750.00"), 3), (None, Decimal("40.00"), 1)]
    year = (datetime.date(2014, 4, 1), datetime.date(2015, 3, 31))
    assert summary.spend_by_supplier(anytown, *year) == {spend.pk: Decimal("1750.00")}, "screening and board figures"
    assert summary.total_spend(anytown, *year) == Decimal("1750.00")
    assert summary.spend_by_supplier(anytown, datetime.date(2014, 4, 1), datetime.date(2014, 4, 30)) == {}, \
        "not placed in a month finer than their file's period"


def test_the_supplier_page_total_agrees_with_the_spend_overview_and_says_some_lines_have_no_date(
        client, sign_in, anytown, spend):
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    overview = html.unescape(client.get(reverse("spend:overview")).content.decode())
    top = overview[overview.index('id="top-suppliers"'):]
    assert NAME in top and "£1,790.00" in top
    assert "3 of these lines have no date in their files." in overview
    page = html.unescape(client.get(reverse("supply:supplier", kwargs={"public_id": spend.public_id})).content.decode())
    section = re.sub(r"<[^>]+>", "", page[page.index('id="spend"'):])
    assert "Paid to this supplier in the imported spend files: £1,790.00 over 4 payment lines." in section
    assert ("3 of these lines have no date in their files. They are counted in the financial year of the period "
            "their file covers, or under “Date not known” where that period is not known or is in more than one "
            "financial year.") in section
    assert "2014 to 2015" in section and "£1,750.00" in section
    assert "Date not known" in section and "£40.00" in section


def test_the_import_report_says_which_year_its_undated_lines_are_counted_in(anytown):
    spend_import = run_spend_file(anytown, csv_bytes([["Supplier Name", "Paid Date", "Amount"], [NAME, "", "9.00"]]),
                                  name="expenditure-over-500-apr-jun-2014.csv")
    assert spend_import.report["warnings"][0].endswith(
        "The file covers 01/04/2014 to 30/06/2014: they are counted in the financial year 2014 to 2015.")
