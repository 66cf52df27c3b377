"""Inherent risk of a supplier: each factor in words, unknowns said as unknowns."""

from decimal import Decimal

import pytest

from clearsight.screening import risk
from clearsight.screening.reference_data import reference_from_files


@pytest.fixture(scope="module")
def reference():
    return reference_from_files()


def texts(result):
    return [f.text for f in result.factors]


def test_a_construction_company_sourcing_from_a_tier_3_country_scores_above_a_local_stationery_supplier(reference):
    builder = risk.screen(risk.Profile(name="Northgate Build Ltd", sic_codes=["41201"], operating_countries=["GB"],
                                       sourcing_countries=["ER"]), reference)
    stationer = risk.screen(risk.Profile(name="Anytown Office Supplies", sic_codes=["47620"], operating_countries=["GB"],
                                         sourcing_countries=["GB"], uses_agency_labour=False, subcontracts_work=False,
                                         provides_worker_accommodation=False, charges_recruitment_fees=False), reference)
    assert builder.score > stationer.score
    assert builder.tier in ("high", "very_high") and stationer.tier == "low"
    assert "Construction: a high-risk sector in UK public procurement guidance (SIC 41201)" in texts(builder)
    assert "Sources from Eritrea: Tier 3 in the US Trafficking in Persons report" in texts(builder)
    # The explanation's points add up to the score
    assert sum(f.points for f in builder.factors) == builder.score


def test_the_stationery_supplier_is_explained_too(reference):
    result = risk.screen(risk.Profile(sic_codes=["47620"], operating_countries=["GB"], sourcing_countries=["GB"]), reference)
    assert any(t.startswith("Not in a high-risk sector as far as its records show (SIC 47620") for t in texts(result))
    assert any("United Kingdom: Tier 1" in t for t in texts(result))


def test_a_supplier_nobody_knows_anything_about_is_not_low_risk(reference):
    result = risk.screen(risk.Profile(name="J Smith"), reference)
    assert result.tier == "medium"
    unknown = [f.text for f in result.unknowns]
    assert any(t.startswith("Sector not known") for t in unknown)
    assert "Countries not known: no countries of operation or sourcing are recorded" in unknown
    assert any(t.startswith("Not known whether it charges workers recruitment fees") for t in unknown)


def test_sector_comes_from_proclass_spend_categories_and_words(reference):
    by_proclass = risk.screen(risk.Profile(proclass=[("130000", "Cleaning & Janitorial")]), reference)
    assert by_proclass.factors[0].text.startswith("Cleaning and laundry: a high-risk sector")
    assert "ProClass 130000" in by_proclass.factors[0].text
    by_spend = risk.screen(risk.Profile(expense_categories=["Temporary Bureau Staffing"]), reference)
    assert by_spend.factors[0].text.startswith("Temporary staffing and labour provision")
    assert "spend category 'Temporary Bureau Staffing'" in by_spend.factors[0].text
    by_name = risk.screen(risk.Profile(name="Sparkle Hand Car Wash"), reference)
    assert by_name.factors[0].text.startswith("Car washes and vehicle valeting")
    by_record = risk.screen(risk.Profile(sectors=["catering"]), reference)
    assert by_record.factors[0].text.startswith("Hospitality and catering")


def test_words_that_only_look_like_a_sector_do_not_count(reference):
    result = risk.screen(risk.Profile(name="Shield Cyber Security Ltd", keywords="cyber security consultancy"), reference)
    assert not any("Security services" in t for t in texts(result))


def test_a_sector_counts_once_however_many_match(reference):
    result = risk.screen(risk.Profile(sic_codes=["81210", "80100"], operating_countries=["GB"], sourcing_countries=["GB"]), reference)
    sector = [f for f in result.factors if f.group == "sector"]
    assert len(sector) == 2 and sum(f.points for f in sector) == 35
    assert sector[1].text.startswith("Also ")


def test_countries_worst_counts_in_full_and_others_add_a_little(reference):
    one = risk.screen(risk.Profile(sourcing_countries=["CN"]), reference)
    two = risk.screen(risk.Profile(sourcing_countries=["CN", "KP", "TR"]), reference)
    points = lambda r: sum(f.points for f in r.factors if f.group == "countries")  # noqa: E731
    assert points(one) == 25
    assert 25 < points(two) <= risk.COUNTRY_CAP


def test_a_country_without_a_tier_is_unknown_not_safe(reference):
    result = risk.screen(risk.Profile(operating_countries=["IN"], sourcing_countries=["IN"]), reference)
    factor = next(f for f in result.factors if "India" in f.text)
    assert factor.unknown and "risk is not known" in factor.text
    assert factor.points == risk.COUNTRY_NOT_GRADED_POINTS


def test_goods_on_the_us_list_from_a_listed_country(reference):
    result = risk.screen(risk.Profile(goods=["Cotton uniforms"], sourcing_countries=["TM"]), reference)
    goods = [f for f in result.factors if f.group == "goods"]
    assert any(f.text.startswith("Cotton from Turkmenistan: on the US Department of Labor list") for f in goods)
    assert any(f.text.startswith("Garments") for f in goods)
    assert sum(f.points for f in goods) <= risk.GOODS_CAP and goods[0].points == 20


def test_goods_on_the_list_from_unknown_places_are_said_to_be_unknown(reference):
    result = risk.screen(risk.Profile(goods=["Nitrile gloves"]), reference)
    factor = next(f for f in result.factors if f.group == "goods")
    assert factor.unknown and factor.points == risk.GOOD_SOURCE_UNKNOWN
    assert "Malaysia" in factor.text and "not known" in factor.text


def test_goods_not_on_the_list(reference):
    result = risk.screen(risk.Profile(goods=["Paper"], sourcing_countries=["GB"]), reference)
    assert "Not on the US Department of Labor list: Paper" in texts(result)


def test_workforce_and_business_model(reference):
    result = risk.screen(risk.Profile(uses_agency_labour=True, subcontracts_work=False, provides_worker_accommodation=True,
                                      charges_recruitment_fees=None), reference)
    workforce = {f.text: f.points for f in result.factors if f.group == "workforce"}
    assert workforce["Uses agency labour: people employed by a third party are harder to see and to protect"] == 10
    assert any(t.startswith("Provides accommodation for its workers") for t in workforce)
    assert workforce["Not known whether it charges workers recruitment fees"] == risk.WORKFORCE_UNKNOWN_POINTS
    assert "Recorded that it does not subcontract work" in workforce


def test_the_global_slavery_index_adds_a_factor_only_when_loaded(reference):
    profile = risk.Profile(sourcing_countries=["ER"])
    without = risk.screen(profile, reference)
    reference.gsi, reference.gsi_version = {"ER": Decimal("90.3")}, "Global Slavery Index 2023"
    try:
        with_gsi = risk.screen(profile, reference)
    finally:
        reference.gsi, reference.gsi_version = {}, ""
    assert "Eritrea: an estimated 90.3 people in modern slavery per 1,000 (Global Slavery Index 2023)" in texts(with_gsi)
    assert with_gsi.score == without.score + 10


@pytest.mark.parametrize("score, tier", [(0, "low"), (14, "low"), (15, "medium"), (34, "medium"), (35, "high"),
                                         (59, "high"), (60, "very_high"), (100, "very_high")])
def test_tiers(score, tier):
    assert risk.tier_for(score) == tier


def test_the_score_never_passes_100(reference):
    result = risk.screen(risk.Profile(sic_codes=["45200"], name="Hand Car Wash", goods=["Cotton", "Bricks", "Cobalt", "Gold"],
                                      sourcing_countries=["KP", "ER", "CN", "TM"], uses_agency_labour=True, subcontracts_work=True,
                                      provides_worker_accommodation=True, charges_recruitment_fees=True), reference)
    assert result.score == 100 and result.tier == "very_high"
