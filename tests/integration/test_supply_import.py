"""Importing contract registers: Salford's real register imports cleanly and only once; a file with
problems is refused as a whole, with every problem named."""

import csv
import io
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse

from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role
from clearsight.supply import imports
from clearsight.supply.models import Contract, Supplier

from ..factories import SupplierFactory, make_user
from ..shared_data import shared_file


@pytest.fixture
def salford():
    """Salford's contract register, from ../shared (the test skips without it)."""
    return shared_file("data/salford-contract-register/salford_CONTRACT_REGISTER_clean_2022-07.csv")


def independent_sums(path):
    """Sum the value columns straight from the file, with nothing from Clearsight's import code."""
    annual = total = Decimal("0")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    a, t = header.index("Annual Value"), header.index("Total Contract Value (including extensions)")
    for row in rows[1:]:
        for index, target in ((a, "annual"), (t, "total")):
            text = row[index].strip()
            try:
                value = Decimal(text)
            except ArithmeticError:
                continue  # "-" and blanks: no value
            if target == "annual":
                annual += value
            else:
                total += value
    return len(rows) - 1, annual, total


@pytest.mark.django_db
def test_the_salford_register_imports_cleanly_and_only_once(anytown, salford):
    data = salford.read_bytes()
    result = imports.import_contracts(anytown, data, file_name=salford.name)
    assert result.ok, result.rejected[:5]
    rows, annual, total = independent_sums(salford)
    assert rows == 360
    assert result.created == 360
    contracts = Contract.objects.filter(organisation=anytown)
    assert contracts.count() == 360
    sums = contracts.aggregate(annual=Sum("annual_value"), total=Sum("total_value"))
    assert sums["annual"] == annual
    assert sums["total"] == total
    # The untidy values are listed, not silently dropped: "TBC" dates are blank, "22/04/222" is named.
    assert any("22/04/222" in w.message for w in result.warnings)
    # Frameworks let to "Various" suppliers are recorded without a supplier, and said so.
    with open(salford, encoding="utf-8-sig", newline="") as handle:
        various = sum(1 for row in csv.DictReader(handle) if row["Supplier Company Name"].strip() == "Various")
    assert various > 0
    assert contracts.filter(supplier__isnull=True).count() == various
    assert sum("“Various”" in w.message and "not linked to a supplier" in w.message for w in result.warnings) == various
    # Suppliers: found or added by name, with postcode, padded company number and SME filled in.
    diver = Supplier.objects.get(organisation=anytown, name="Underwater Diving Services Ltd")
    assert (diver.postcode, diver.company_number, diver.is_sme) == ("LA14 2TB", "02535986", True)
    assert diver.source == "contracts"
    contract = contracts.get(reference="S1417")
    assert contract.supplier == diver and contract.proclass_code == "231810" and contract.source_row == 2

    again = imports.import_contracts(anytown, data, file_name=salford.name)
    assert (again.created, again.updated, again.unchanged, again.suppliers_added) == (0, 0, 360, 0)
    assert Contract.objects.filter(organisation=anytown).count() == 360


@pytest.mark.django_db
def test_a_changed_value_is_updated_on_the_next_import(anytown):
    first = "Contract Reference,Contract Title,Supplier Name,Total Contract Value,Start Date\nR1,Cleaning,Acme Ltd,1000,2026-04-01\n"
    assert imports.import_contracts(anytown, first.encode()).created == 1
    second = first.replace("1000", "1500")
    result = imports.import_contracts(anytown, second.encode())
    assert (result.created, result.updated) == (0, 1)
    assert Contract.objects.get(organisation=anytown).total_value == Decimal("1500")


@pytest.mark.django_db
def test_a_file_with_problems_is_refused_whole_and_every_problem_is_named(anytown):
    text = ("Contract Title,Supplier,Annual Value,Contract Manager\n"
            "Good contract,Acme Ltd,100,\n"
            ",Beta Ltd,200,\n"
            "Third,,abc,\n"
            "Fourth,Gamma Ltd,-5,nobody@example.org\n")
    result = imports.import_contracts(anytown, text.encode())
    assert not result.ok
    problems = {(r.row, r.reason) for r in result.rejected}
    assert (3, "The contract title is missing") in problems
    assert (4, "The supplier's name is missing") in problems
    assert any(row == 4 and "“abc” is not an amount" in reason for row, reason in problems)
    assert any(row == 5 and "cannot be negative" in reason for row, reason in problems)
    assert any(row == 5 and "nobody@example.org" in reason for row, reason in problems)
    assert Contract.objects.count() == 0 and Supplier.objects.count() == 0


@pytest.mark.django_db
def test_a_file_without_the_needed_columns_says_which_are_missing(anytown):
    with pytest.raises(imports.ImportFileError, match="Missing: contract title"):
        imports.import_contracts(anytown, b"Supplier,Value\nAcme,1\n")


@pytest.mark.django_db
def test_contract_managers_are_matched_by_email_or_name(anytown):
    manager = make_user(anytown, Role.CONTRACT_MANAGER)
    text = f"Title,Supplier,Contract Manager\nA,Acme Ltd,{manager.email.upper()}\nB,Acme Ltd,{manager.full_name}\n"
    result = imports.import_contracts(anytown, text.encode())
    assert result.ok and result.created == 2
    assert set(Contract.objects.values_list("contract_manager", flat=True)) == {manager.pk}


@pytest.mark.django_db
def test_existing_suppliers_are_used_and_blank_details_filled_but_never_overwritten(anytown):
    from clearsight.supply.names import normalise_name

    supplier = SupplierFactory(organisation=anytown, name="Acme Ltd", postcode="AN1 1AA")
    supplier.aliases.create(organisation=anytown, name="Acme Ltd", normalised=normalise_name("Acme Ltd"))
    text = "Title,Supplier Company Name,Supplier Postcode,Company Number,SME Supplier?\nA,ACME LIMITED,M5 4WT,123456,No\n"
    result = imports.import_contracts(anytown, text.encode())
    assert result.ok and result.suppliers_added == 0
    supplier.refresh_from_db()
    assert (supplier.postcode, supplier.company_number, supplier.is_sme) == ("AN1 1AA", "00123456", False)


@pytest.mark.django_db
def test_the_import_page_shows_the_result_and_the_rejected_rows(client, sign_in, anytown, salford):
    officer = make_user(anytown, Role.PROCUREMENT_OFFICER)
    sign_in(client, officer)
    url = reverse("supply:contract-import")
    bad = io.BytesIO(b"Title,Supplier\n,Acme Ltd\n")
    bad.name = "register.csv"
    page = client.post(url, {"file": bad}).content.decode()
    assert "Nothing was imported: 1 problem found" in page and "The contract title is missing" in page
    good = io.BytesIO(salford.read_bytes())
    good.name = salford.name
    page = client.post(url, {"file": good}).content.decode()
    assert "360 contracts imported" in page
    assert "Values that could not be read" in page
    assert AuditEvent.objects.filter(actor=officer, record_type="contract register import").count() == 2
