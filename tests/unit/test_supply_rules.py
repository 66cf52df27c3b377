"""The council's procurement thresholds, the £36m statement flag and reading untidy register values."""

from datetime import date
from decimal import Decimal

import pytest

from clearsight.supply import rules
from clearsight.supply.imports import normalise_company_number, parse_amount, parse_register_date, parse_sme
from clearsight.supply.models import STATEMENT_AREAS


class TestThresholds:
    def test_under_25000_is_let_by_services(self):
        assert rules.let_by_services(Decimal("24999.99"))
        assert not rules.let_by_services(Decimal("25000"))
        assert not rules.let_by_services(None)

    def test_over_one_million_expects_the_ethical_employment_code(self):
        assert rules.expects_ethical_employment_code(Decimal("1000000.01"))
        assert not rules.expects_ethical_employment_code(Decimal("1000000"))
        assert not rules.expects_ethical_employment_code(None)

    def test_the_whole_life_value_is_used_and_the_annual_value_when_that_is_all_there_is(self):
        assert rules.contract_value(Decimal("10000"), Decimal("40000")) == Decimal("40000")
        assert rules.contract_value(Decimal("10000"), None) == Decimal("10000")
        assert rules.contract_value(None, None) is None

    @pytest.mark.parametrize("value, band", [(Decimal("500"), "under-25k"), (Decimal("25000"), "25k-1m"),
                                             (Decimal("1000000"), "25k-1m"), (Decimal("1200000"), "over-1m"), (None, "unknown")])
    def test_value_bands(self, value, band):
        assert rules.value_band(value) == band

    def test_guidance_says_what_the_thresholds_mean_in_words(self):
        small = " ".join(rules.contract_guidance(Decimal("9600")))
        assert "£9,600" in small and "the service can let it" in small
        big = " ".join(rules.contract_guidance(Decimal("3200000")))
        assert "£3,200,000" in big and "ethical employment code" in big
        middle = " ".join(rules.contract_guidance(Decimal("540000")))
        assert "procurement team" in middle and "ethical employment code" not in middle
        assert "not recorded" in rules.contract_guidance(None)[0]

    def test_money_is_written_the_gov_uk_way(self):
        assert rules.money(Decimal("1450.18")) == "£1,450.18"
        assert rules.money(Decimal("36000000.00")) == "£36,000,000"


class TestStatementFlag:
    TODAY = date(2026, 6, 15)  # in financial year 2026 to 2027; 2025 to 2026 is the latest completed

    def test_statements_are_current_for_the_latest_completed_and_the_current_financial_year(self):
        assert rules.current_statement_years(self.TODAY) == (2026, 2027)  # by the years they end in
        assert rules.current_statement_years(date(2026, 3, 31)) == (2025, 2026)
        assert rules.current_statement_years(date(2026, 4, 1)) == (2026, 2027)

    def test_a_large_supplier_without_a_current_statement_is_flagged_with_the_reason(self):
        reason = rules.statement_flag(Decimal("52000000"), [2023], self.TODAY)
        assert "£52,000,000" in reason and "£36,000,000" in reason
        assert "no statement for 2025 to 2026 or 2026 to 2027 is recorded" in reason
        assert "latest recorded is for 2022 to 2023" in reason

    def test_lists_show_the_reason_in_a_few_words(self):
        assert rules.statement_flag_summary(Decimal("52000000"), [], self.TODAY) == (
            "Turnover £52,000,000, over £36m; no statement for 2025 to 2026 or 2026 to 2027")
        assert rules.statement_flag_summary(Decimal("52000000"), [2026], self.TODAY) is None

    def test_no_statement_at_all_is_said(self):
        assert "No statement is recorded at all" in rules.statement_flag(Decimal("40000000"), [], self.TODAY)

    @pytest.mark.parametrize("years", [[2026], [2027], [2024, 2026]])
    def test_a_statement_for_the_latest_completed_or_current_year_is_enough(self, years):
        assert rules.statement_flag(Decimal("52000000"), years, self.TODAY) is None

    def test_turnover_of_36m_or_less_or_unknown_is_not_flagged(self):
        assert rules.statement_flag(Decimal("36000000"), [], self.TODAY) is None
        assert rules.statement_flag(Decimal("2000000"), [], self.TODAY) is None
        assert rules.statement_flag(None, [], self.TODAY) is None

    def test_missing_statement_areas_are_named(self):
        missing = rules.statement_areas_missing(["structure", "policies"], STATEMENT_AREAS)
        assert len(missing) == 4 and "Due diligence processes" in missing


class TestReadingRegisterValues:
    @pytest.mark.parametrize("text, number, charity", [
        ("2535986", "02535986", ""), ("10320017", "10320017", ""), (" SC249935 ", "SC249935", ""),
        ("OC305934", "OC305934", ""), ("CHA1049226", "", "1049226"), ("-", "", ""), ("Various", "", ""),
        ("Registered Charity", "", ""), ("", "", "")])
    def test_company_numbers_get_their_leading_zeros_back(self, text, number, charity):
        assert normalise_company_number(text)[:2] == (number, charity)

    @pytest.mark.parametrize("text", ["GBML4119704", "AIG 10737370\\nQBE 02641728", "31552R"])
    def test_numbers_in_no_known_format_are_not_stored_and_the_reason_is_given(self, text):
        number, charity, problem = normalise_company_number(text)
        assert (number, charity) == ("", "") and "not in a Companies House format" in problem

    @pytest.mark.parametrize("text, amount", [("5015.20", Decimal("5015.20")), ("£1,450.18", Decimal("1450.18")),
                                              ("(1,450.18)", Decimal("-1450.18")), ("-", None), ("", None), ("N/A", None)])
    def test_amounts(self, text, amount):
        assert parse_amount(text) == amount

    @pytest.mark.parametrize("text", ["abc", "12.3.4", "£"])
    def test_text_that_is_not_an_amount_is_refused(self, text):
        with pytest.raises(ValueError):
            parse_amount(text)

    @pytest.mark.parametrize("text, day", [("2022-03-07", date(2022, 3, 7)), ("07/03/2022", date(2022, 3, 7)),
                                           ("7-Mar-22", date(2022, 3, 7)), ("TBC", None), ("X", None), ("", None)])
    def test_dates(self, text, day):
        assert parse_register_date(text) == day

    def test_an_impossible_date_is_refused(self):
        with pytest.raises(ValueError):
            parse_register_date("22/04/222")

    def test_sme_answers(self):
        assert parse_sme("Yes") is True and parse_sme("no") is False and parse_sme("Various") is None
        with pytest.raises(ValueError):
            parse_sme("perhaps")
