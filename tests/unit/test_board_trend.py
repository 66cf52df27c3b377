"""The board summary's trend against a year earlier: which period it compares with, and that a
hidden figure is never compared (a trend must not give a small number away)."""

from datetime import date

from clearsight.board.figures import previous_period, trend
from clearsight.core.suppression import FEWER_THAN, NO_DATA, NOT_SHOWN, WITHHELD


def test_the_period_compared_with_is_the_same_dates_a_year_earlier():
    assert previous_period(date(2025, 4, 1), date(2026, 3, 31)) == (date(2024, 4, 1), date(2025, 3, 31))
    # A year to date compares with the same part of the year before
    assert previous_period(date(2026, 4, 1), date(2026, 11, 23)) == (date(2025, 4, 1), date(2025, 11, 23))
    assert previous_period(date(2028, 2, 29), date(2028, 2, 29)) == (date(2027, 2, 28), date(2027, 2, 28))


def test_counts_and_percentages_shown_in_both_periods_are_compared():
    assert trend("Concerns reported", 17, 12).text == "Up from 12 a year earlier"
    assert trend("Concerns reported", 1200, 1500).text == "Down from 1,500 a year earlier"
    assert trend("Training compliance rate", "75%", "80%").direction == "down"
    assert trend("Concerns reported", 9, 9).text == "The same as a year earlier"


def test_a_hidden_or_missing_figure_is_never_compared():
    for now, then in ((FEWER_THAN, 12), (12, FEWER_THAN), (WITHHELD, 40), ("75%", NOT_SHOWN), (8, NO_DATA)):
        result = trend("A figure", now, then)
        assert result.direction == "" and result.text == f"A year earlier: {then}"
