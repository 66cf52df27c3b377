"""The overview's figures: spend by tier, ranking by spend multiplied by risk, suppliers to assess
next and coverage of high-risk spend."""

from decimal import Decimal

from clearsight.screening.overview import build_overview

D = Decimal
SUPPLIERS = {1: ("Builder", "b"), 2: ("Cleaner", "c"), 3: ("Stationer", "s"), 4: ("Unscreened", "u"), 5: ("Care", "k")}
RISKS = {1: (68, "very_high", "Construction"), 2: (45, "high", "Cleaning"), 3: (5, "low", ""), 5: (40, "high", "Care")}


def test_spend_by_tier_with_shares_and_suppliers_not_screened():
    o = build_overview({1: D("100"), 2: D("200"), 3: D("600"), 4: D("100")}, RISKS, SUPPLIERS, set())
    tiers = {t.tier: t for t in o.tiers}
    assert [t.label for t in o.tiers] == ["Very high", "High", "Medium", "Low", "Not screened"]
    assert tiers["low"].spend == D("600") and tiers["low"].share == D("60.0")
    assert tiers[None].suppliers == 1 and tiers[None].share == D("10.0")
    assert tiers["medium"].share == D("0.0")


def test_ranked_by_spend_multiplied_by_risk():
    o = build_overview({1: D("100"), 2: D("200"), 3: D("600")}, RISKS, SUPPLIERS, set())
    assert [(r.name, r.weighted) for r in o.ranked] == [("Cleaner", D("90.00")), ("Builder", D("68.00")), ("Stationer", D("30.00"))]


def test_next_to_assess_leaves_out_assessed_low_risk_and_credit_only_suppliers():
    o = build_overview({1: D("100"), 2: D("200"), 3: D("600"), 5: D("-50")}, RISKS, SUPPLIERS, {2})
    assert [r.name for r in o.next_to_assess] == ["Builder"]


def test_coverage_is_the_share_of_high_risk_spend_with_a_current_assessment():
    o = build_overview({1: D("100"), 2: D("300"), 3: D("600")}, RISKS, SUPPLIERS, {2, 3})
    assert o.high_spend == D("400") and o.high_assessed_spend == D("300")
    assert o.coverage == D("75.0")
    assert (o.high_suppliers, o.high_assessed_suppliers) == (2, 1)


def test_no_high_risk_spend_means_coverage_is_not_a_number():
    assert build_overview({3: D("10")}, RISKS, SUPPLIERS, set()).coverage is None


def test_suppliers_of_other_organisations_are_ignored():
    o = build_overview({99: D("1000"), 1: D("10")}, RISKS, SUPPLIERS, set())
    assert sum(t.suppliers for t in o.tiers) == 1
