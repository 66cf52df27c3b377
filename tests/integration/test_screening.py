"""Risk screening with the database: results stored with the reference versions used, bulk
screening, contracts and spend feeding the sector, the overview and its downloads, the supplier
page section, "Screen again", and the Global Slavery Index loaded by a user."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from clearsight.core.models import AuditEvent
from clearsight.core.roles import Role
from clearsight.screening.models import CountryRisk, GoodAtRisk, ReferenceDataset, RiskSector, SupplierRisk
from clearsight.screening.services import screen_suppliers
from clearsight.supply.models import Supplier

from ..factories import ContractFactory, SupplierFactory
from ..shared_data import shared_file
from ..spend_helpers import make_spend

pytestmark = pytest.mark.django_db
GSI = "data/gsi-2023-and-country-risk/Full_Modern_Slavery_Prevalence_Table.csv"  # in ../shared


def supplier(organisation, name, **fields):
    return SupplierFactory(organisation=organisation, name=name, **fields)


@pytest.fixture
def builder(anytown):
    return supplier(anytown, "Northgate Build Ltd", sic_codes=["41201"], operating_countries=["GB"], sourcing_countries=["ER"])


@pytest.fixture
def stationer(anytown):
    return supplier(anytown, "Anytown Office Supplies", sic_codes=["47620"], operating_countries=["GB"],
                    sourcing_countries=["GB"], uses_agency_labour=False, subcontracts_work=False,
                    provides_worker_accommodation=False, charges_recruitment_fees=False)


@pytest.fixture
def no_assessments(monkeypatch):
    assessed = set()
    # Screening learns of assessments through the slot assessments fills (clearsight.screening.api).
    monkeypatch.setattr("clearsight.screening.api.assessed_supplier_ids._function", lambda organisation, on=None: assessed)
    return assessed


def test_the_reference_data_is_in_the_database_with_its_sources_and_versions():
    assert set(ReferenceDataset.objects.values_list("key", flat=True)) >= {"sectors", "tip", "dol", "countries"}
    assert not ReferenceDataset.objects.filter(key="gsi").exists()  # never shipped
    assert RiskSector.objects.filter(key="construction").exists()
    assert CountryRisk.objects.get(code="ER").tip_tier == "Tier 3"
    assert GoodAtRisk.objects.filter(good="Cotton").count() > 10
    assert all(d.source and d.version for d in ReferenceDataset.objects.all())


def test_screening_stores_score_tier_factors_and_the_versions_used(anytown, builder, stationer):
    assert screen_suppliers(anytown) == 2
    risk = SupplierRisk.objects.get(supplier=builder)
    assert risk.score > SupplierRisk.objects.get(supplier=stationer).score
    assert risk.tier == "very_high"
    assert "Sources from Eritrea: Tier 3 in the US Trafficking in Persons report" in [f["text"] for f in risk.factors]
    assert risk.reference_versions["tip"] == ReferenceDataset.objects.get(key="tip").version
    assert risk.organisation == anytown


def test_screening_again_replaces_the_result(anytown, builder):
    screen_suppliers(anytown, [builder.id])
    Supplier.objects.filter(pk=builder.pk).update(sourcing_countries=["GB"])
    screen_suppliers(anytown, [builder.id])
    assert SupplierRisk.objects.filter(supplier=builder).count() == 1
    assert not any("Eritrea" in f["text"] for f in SupplierRisk.objects.get(supplier=builder).factors)


def test_only_the_organisations_own_suppliers_are_screened(anytown, bexford, builder):
    theirs = supplier(bexford, "Bexford Cleaning Co")
    assert screen_suppliers(anytown, [builder.id, theirs.id]) == 1
    assert not SupplierRisk.objects.filter(supplier=theirs).exists()
    assert screen_suppliers(anytown, []) == 0


def test_contract_proclass_and_spend_categories_count_towards_the_sector(anytown):
    cleaner = supplier(anytown, "A N Other Ltd")
    ContractFactory(organisation=anytown, supplier=cleaner, title="Office services", proclass_code="130000",
                    proclass_description="Cleaning & Janitorial")
    agency = supplier(anytown, "People Ltd")
    line = make_spend(anytown, agency, "1200.00")
    type(line).objects.filter(pk=line.pk).update(category="Temporary Bureau Staffing")
    screen_suppliers(anytown)
    assert SupplierRisk.objects.get(supplier=cleaner).factors[0]["text"].startswith("Cleaning and laundry")
    agency_factors = SupplierRisk.objects.get(supplier=agency).factors
    assert "spend category 'Temporary Bureau Staffing'" in agency_factors[0]["text"]


def test_screening_puts_back_reference_data_that_is_missing(anytown, builder):
    ReferenceDataset.objects.all().delete()
    screen_suppliers(anytown)
    assert ReferenceDataset.objects.filter(key="tip").exists()
    assert SupplierRisk.objects.get(supplier=builder).tier == "very_high"


def test_loading_the_global_slavery_index_adds_a_country_factor(anytown, builder):
    gsi = shared_file(GSI)
    screen_suppliers(anytown)
    before = SupplierRisk.objects.get(supplier=builder).score
    out = io.StringIO()
    call_command("load_global_slavery_index", str(gsi), stdout=out)
    assert "160 countries" in out.getvalue()
    assert CountryRisk.objects.get(code="ER").gsi_prevalence == Decimal("90.3")
    assert CountryRisk.objects.get(code="CI").gsi_prevalence is not None  # "Côte d’Ivoire" in Windows-1252
    screen_suppliers(anytown)
    risk = SupplierRisk.objects.get(supplier=builder)
    assert "Eritrea: an estimated 90.3 people in modern slavery per 1,000 (Global Slavery Index 2023)" in [f["text"] for f in risk.factors]
    assert risk.score > before or risk.score == 100
    assert risk.reference_versions["gsi"] == "Global Slavery Index 2023"


def test_a_bad_global_slavery_index_file_loads_nothing_and_says_which_rows(tmp_path):
    bad = tmp_path / "gsi.csv"
    bad.write_text("Country,Prevalence_Per_1000\nEritrea,90.3\nAtlantis,3\nChad,lots\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("load_global_slavery_index", str(bad))
    assert "Row 3: country 'Atlantis'" in str(error.value) and "Row 4: prevalence 'lots'" in str(error.value)
    assert not CountryRisk.objects.exclude(gsi_prevalence=None).exists()
    assert not ReferenceDataset.objects.filter(key="gsi").exists()
    with pytest.raises(CommandError, match="no file"):
        call_command("load_global_slavery_index", str(tmp_path / "missing.csv"))


def test_the_reference_command_reloads_the_files():
    RiskSector.objects.filter(key="construction").update(weight=1)
    call_command("load_screening_reference", stdout=io.StringIO())
    assert RiskSector.objects.get(key="construction").weight == 35


# --- Pages ---------------------------------------------------------------------------------------------

@pytest.fixture
def spent(anytown, builder, stationer, no_assessments):
    care = supplier(anytown, "Sunrise Care Homes", sic_codes=["87100"], operating_countries=["GB"], sourcing_countries=["GB"])
    make_spend(anytown, builder, "100000.00", paid_on=date(2024, 6, 1))
    make_spend(anytown, builder, "-5000.00", paid_on=date(2024, 7, 1))  # a credit note
    make_spend(anytown, stationer, "20000.00", paid_on=date(2024, 6, 1))
    make_spend(anytown, care, "50000.00", paid_on=date(2023, 6, 1))
    screen_suppliers(anytown)
    return {"builder": builder, "stationer": stationer, "care": care, "assessed": no_assessments}


def test_overview_shows_spend_by_tier_ranking_next_to_assess_and_coverage(client, sign_in, user_with, spent):
    spent["assessed"].add(spent["care"].id)
    sign_in(client, user_with(Role.PROCUREMENT_OFFICER))
    response = client.get(reverse("screening:overview"))
    assert response.status_code == 200
    figures = response.context["figures"]
    tiers = {t.tier: t for t in figures.tiers}
    assert tiers["very_high"].spend == Decimal("95000.00")
    assert tiers["low"].spend == Decimal("20000.00")
    assert [r.name for r in figures.ranked][0] == "Northgate Build Ltd"
    assert [r.name for r in figures.next_to_assess] == ["Northgate Build Ltd"]
    assert figures.high_spend == Decimal("145000.00") and figures.high_assessed_spend == Decimal("50000.00")
    assert figures.coverage == Decimal("34.5")
    page = response.content.decode()
    assert "34.5%" in page and "£95,000" in page
    assert AuditEvent.objects.filter(record_type="supply chain risk overview").exists()


def test_overview_for_one_financial_year(client, sign_in, user_with, spent):
    sign_in(client, user_with(Role.CONTRACT_MANAGER))
    response = client.get(reverse("screening:overview"), {"year": "2024"})
    figures = response.context["figures"]
    assert {r.name for r in figures.ranked} == {"Sunrise Care Homes"}  # financial year 2023 to 2024
    response = client.get(reverse("screening:overview"), {"year": "2025"})
    assert {r.name for r in response.context["figures"].ranked} == {"Northgate Build Ltd"}
    page = response.content.decode()
    assert "for financial year 2024 to 2025" in page and '<option value="2025" selected>2024 to 2025</option>' in page


def test_each_table_downloads_as_csv(client, sign_in, user_with, spent):
    sign_in(client, user_with(Role.PROCUREMENT_OFFICER))
    for table, first in (("tiers", "Very high"), ("ranked", "Northgate Build Ltd"), ("next", "Northgate Build Ltd"),
                         ("coverage", "High and very high risk spend (£)")):
        response = client.get(reverse("screening:export", kwargs={"table": table}))
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[1][0] == first
    assert client.get(reverse("screening:export", kwargs={"table": "people"})).status_code == 404
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, record_type="supply chain risk overview").count() == 4


def test_the_overview_shows_only_the_users_own_organisations_suppliers(client, sign_in, bexford, spent):
    from ..factories import make_user

    other = make_user(bexford, Role.PROCUREMENT_OFFICER)
    sign_in(client, other)
    page = client.get(reverse("screening:overview")).content.decode()
    assert "Northgate" not in page


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.STATEMENT_OWNER, Role.STAFF])
def test_people_who_must_not_see_supplier_names_are_refused(client, sign_in, user_with, role):
    sign_in(client, user_with(role))
    assert client.get(reverse("screening:overview")).status_code == 403
    assert client.get(reverse("screening:export", kwargs={"table": "ranked"})).status_code == 403


def test_the_supplier_page_shows_the_risk_and_its_factors(client, sign_in, user_with, anytown, builder):
    screen_suppliers(anytown)
    sign_in(client, user_with(Role.CONTRACT_MANAGER))
    page = client.get(reverse("supply:supplier", kwargs={"public_id": builder.public_id})).content.decode()
    assert "Very high risk" in page
    assert "Construction: a high-risk sector in UK public procurement guidance (SIC 41201)" in page
    assert "TIP 2024" in page
    assert "Screen again" not in page  # contract managers do not change supply data


def test_screen_again(client, sign_in, user_with, anytown, builder):
    officer = user_with(Role.PROCUREMENT_OFFICER)
    sign_in(client, officer)
    page = client.get(reverse("supply:supplier", kwargs={"public_id": builder.public_id})).content.decode()
    assert "not been screened yet" in page and "Screen now" in page
    response = client.post(reverse("screening:screen-again", kwargs={"public_id": builder.public_id}))
    assert response.status_code == 302
    risk = SupplierRisk.objects.get(supplier=builder)
    assert risk.screened_by == officer
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CHANGE, record_id=str(builder.public_id)).exists()
    page = client.get(response["Location"]).content.decode()
    assert "has been screened again: very high risk" in page


def test_screen_again_is_refused_to_others(client, sign_in, user_with, bexford, builder):
    from ..factories import make_user

    sign_in(client, user_with(Role.CONTRACT_MANAGER))
    assert client.post(reverse("screening:screen-again", kwargs={"public_id": builder.public_id})).status_code == 403
    sign_in(client, make_user(bexford, Role.PROCUREMENT_OFFICER))
    assert client.post(reverse("screening:screen-again", kwargs={"public_id": builder.public_id})).status_code == 404
    assert not SupplierRisk.objects.filter(supplier=builder).exists()


def test_the_reference_page_names_sources_and_versions(client, sign_in, user_with):
    sign_in(client, user_with(Role.PROCUREMENT_OFFICER))
    page = client.get(reverse("screening:reference")).content.decode()
    assert "TIP 2024" in page and "Construction" in page and "load_global_slavery_index" in page


def test_a_spend_import_can_hand_over_categories_and_earlier_ones_are_kept(anytown):
    agency = supplier(anytown, "People Ltd")
    screen_suppliers(anytown, [agency.id], expense_categories={agency.id: ["Temporary Bureau Staffing"]})
    assert SupplierRisk.objects.get(supplier=agency).expense_categories == ["Temporary Bureau Staffing"]
    # A later import with other lines: the earlier category still counts
    screen_suppliers(anytown, [agency.id], expense_categories={agency.id: ["Consultants Fees"]})
    risk = SupplierRisk.objects.get(supplier=agency)
    assert risk.expense_categories == ["Consultants Fees", "Temporary Bureau Staffing"]
    assert risk.factors[0]["text"].startswith("Temporary staffing and labour provision")
