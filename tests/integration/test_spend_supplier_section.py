"""The supplier page shows what the council paid the supplier, by financial year."""

import html
from datetime import date

import pytest
from django.urls import reverse

from clearsight.core.roles import Role

from ..factories import SupplierFactory, make_user
from ..spend_helpers import make_spend


@pytest.mark.django_db
def test_the_supplier_page_shows_spend_by_financial_year(client, sign_in, anytown):
    supplier = SupplierFactory(organisation=anytown, name="Acme Cleaning Ltd")
    other = SupplierFactory(organisation=anytown, name="Other Ltd")
    make_spend(anytown, supplier, "1000.50", paid_on=date(2025, 3, 31))  # financial year 2024 to 2025
    make_spend(anytown, supplier, "2000", paid_on=date(2025, 4, 1))  # 2025 to 2026
    make_spend(anytown, supplier, "-500", paid_on=date(2026, 1, 15))  # a credit note, 2025 to 2026
    make_spend(anytown, other, "99999", paid_on=date(2025, 6, 1))
    sign_in(client, make_user(anytown, Role.PROCUREMENT_OFFICER))
    page = html.unescape(client.get(reverse("supply:supplier", kwargs={"public_id": supplier.public_id})).content.decode())
    section = page[page.index('id="spend"'):]
    assert "£2,500.50" in section and "3 payment lines" in section
    assert "2025 to 2026" in section and "£1,500.00" in section
    assert "2024 to 2025" in section and "£1,000.50" in section
    assert "99,999" not in section
    assert 'id="spend-names"' not in section  # named one way only: no table of names
