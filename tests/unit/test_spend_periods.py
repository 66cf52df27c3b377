"""Where lines without a date are counted: in the financial year (or any period asked for) that their
file's period lies wholly within, never in a finer one."""

from datetime import date

from clearsight.spend.summary import period_within, year_of_period


def test_a_quarter_within_one_financial_year_is_that_year():
    assert year_of_period(date(2014, 4, 1), date(2014, 6, 30)) == 2015  # 2014 to 2015
    assert year_of_period(date(2012, 1, 1), date(2012, 3, 31)) == 2012  # 2011 to 2012, to its last day


def test_a_period_across_two_financial_years_or_not_known_is_in_no_year():
    assert year_of_period(date(2014, 1, 1), date(2014, 6, 30)) is None
    assert year_of_period(None, None) is None


def test_lines_without_a_date_count_in_a_period_only_when_their_files_period_lies_within_it():
    november = (date(2011, 11, 1), date(2011, 11, 30))
    assert period_within(*november, date(2011, 11, 1), date(2011, 11, 30)), "a month's file in that month"
    assert period_within(*november, date(2011, 4, 1), date(2012, 3, 31))
    assert not period_within(*november, date(2011, 11, 1), date(2011, 11, 15)), "no finer than the file's period"
    assert not period_within(None, None, date(2011, 4, 1), date(2012, 3, 31))
    assert period_within(*november, None, date(2011, 12, 31)), "open at the start"
