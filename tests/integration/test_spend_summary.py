import datetime
from decimal import Decimal

import pytest

from clearsight.spend import summary
from tests.spend_helpers import make_spend

from ..factories import SupplierFactory

pytestmark = pytest.mark.django_db


def test_totals_by_supplier_year_and_period(anytown, bexford):
    acme = SupplierFactory(organisation=anytown, name="Acme Cleaning")
    bolt = SupplierFactory(organisation=anytown, name="Bolt Builders")
    make_spend(anytown, acme, "1000.50", datetime.date(2024, 3, 31))   # year ending 2024
    make_spend(anytown, acme, "200.25", datetime.date(2024, 4, 1))     # year ending 2025
    make_spend(anytown, acme, "-50.00", datetime.date(2024, 5, 1))     # a credit note
    make_spend(anytown, bolt, "99.99")                                  # undated
    make_spend(anytown, None, "10.00", datetime.date(2024, 6, 1), payee_name="")
    make_spend(bexford, SupplierFactory(organisation=bexford, name="Other"), "5000")

    assert summary.spend_by_supplier(anytown) == {acme.pk: Decimal("1150.75"), bolt.pk: Decimal("99.99")}
    assert summary.spend_by_supplier(anytown, start=datetime.date(2024, 4, 1)) == {acme.pk: Decimal("150.25")}
    assert summary.total_spend(anytown) == Decimal("1260.74")
    assert summary.total_spend(anytown, end=datetime.date(2024, 3, 31)) == Decimal("1000.50")
    assert summary.supplier_spend_by_year(acme) == [(2025, Decimal("150.25"), 2), (2024, Decimal("1000.50"), 1)]
    assert summary.spend_by_year(anytown)[-1] == (None, Decimal("99.99"), 1)
    # Spend on 31 March 2024 is in the year ending then; spend on 1 April 2024 in the next (tests/unit/test_core_dates.py)
    assert [year for year, _, _ in summary.spend_by_year(anytown)] == [2025, 2024, None]
