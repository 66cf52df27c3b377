"""The dates module every context uses: long dates, UK financial years, adding months, working days."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from clearsight.core.dates import (FinancialYear, add_months, add_working_days, is_working_day, long_date,
                                   long_date_time)

LONDON = ZoneInfo("Europe/London")


# --- Writing dates ------------------------------------------------------------------------------------

def test_long_dates_as_govuk_writes_them():
    assert long_date(date(2026, 4, 3)) == "3 April 2026"
    assert long_date(None) == "" and long_date("") == ""
    assert long_date("2026-04-03") == "3 April 2026"  # as JSON stores a date
    # 23:30 UTC on 31 May is 00:30 on 1 June in London (summer time)
    assert long_date(datetime(2026, 5, 31, 23, 30, tzinfo=UTC)) == "1 June 2026"


@pytest.mark.parametrize("value, expected", [
    (datetime(2026, 4, 3, 14, 5, tzinfo=LONDON), "3 April 2026 at 2:05pm"),
    (datetime(2026, 4, 3, 0, 15, tzinfo=LONDON), "3 April 2026 at 12:15am"),
    (datetime(2026, 4, 3, 12, 0, tzinfo=LONDON), "3 April 2026 at 12:00pm"),
    (datetime(2026, 1, 10, 9, 0, tzinfo=UTC), "10 January 2026 at 9:00am"),
    (datetime(2026, 7, 10, 9, 0, tzinfo=UTC), "10 July 2026 at 10:00am"),  # British Summer Time
    (None, ""),
])
def test_long_date_times_in_local_time(value, expected):
    assert long_date_time(value) == expected


# --- Financial years ----------------------------------------------------------------------------------

@pytest.mark.parametrize("day, start_year", [
    (date(2026, 3, 31), 2025),
    (date(2026, 4, 1), 2026),
    (date(2026, 12, 31), 2026),
    (date(2027, 1, 1), 2026),
    (datetime(2026, 3, 31, 23, 59, tzinfo=LONDON), 2025),
    (datetime(2026, 4, 1, 0, 0, tzinfo=LONDON), 2026),
    # 23:30 UTC on 31 March is 00:30 on 1 April in London: the new year has started
    (datetime(2026, 3, 31, 23, 30, tzinfo=UTC), 2026),
])
def test_the_financial_year_a_day_falls_in(day, start_year):
    year = FinancialYear.containing(day)
    assert year == FinancialYear(start_year)
    assert day in year and day not in year.previous and day not in year.next


def test_a_financial_year_runs_from_1_april_to_31_march():
    year = FinancialYear(2026)
    assert (year.starts, year.ends) == (date(2026, 4, 1), date(2027, 3, 31))
    assert (year.start_year, year.end_year) == (2026, 2027)
    assert FinancialYear.ending_in(2027) == year and FinancialYear.ending_in("2027") == year
    assert year.previous == FinancialYear(2025) and year.next == FinancialYear(2027)
    assert FinancialYear(2025) < year
    assert date(2027, 3, 31) in year and date(2027, 4, 1) not in year and date(2026, 3, 31) not in year


def test_labels_are_written_the_govuk_way():
    assert FinancialYear(2026).label == "2026 to 2027" == str(FinancialYear(2026))
    assert FinancialYear.ending_in(2026).label == "2025 to 2026"
    assert FinancialYear(1999).label == "1999 to 2000"


@pytest.mark.parametrize("text, start_year", [
    ("2025 to 2026", 2025),
    ("2025/26", 2025),  # as plan years were titled before
    ("2025/2026", 2025),
    ("2025-26", 2025),
    (" 2099/00 ", 2099),
    ("2025/27", None),
    ("2025 to 2025", None),
    ("Year one", None),
    ("", None),
    (None, None),
])
def test_labels_are_read_back_including_the_old_style(text, start_year):
    year = FinancialYear.from_label(text)
    assert year == (FinancialYear(start_year) if start_year else None)


# --- Adding months ------------------------------------------------------------------------------------

@pytest.mark.parametrize("day, months, expected", [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
    (date(2024, 2, 29), 48, date(2028, 2, 29)),
    (date(2025, 11, 30), 3, date(2026, 2, 28)),
    (date(2025, 3, 31), -1, date(2025, 2, 28)),
    (date(2026, 3, 15), -12, date(2025, 3, 15)),
    (date(2026, 1, 15), -1, date(2025, 12, 15)),
    (date(2026, 5, 31), 0, date(2026, 5, 31)),
])
def test_adding_months_keeps_to_the_end_of_short_months(day, months, expected):
    assert add_months(day, months) == expected


# --- Working days -------------------------------------------------------------------------------------

@pytest.mark.parametrize("day, working", [
    (date(2026, 12, 24), True),
    (date(2026, 12, 25), False),  # Christmas Day
    (date(2026, 12, 26), False),  # Boxing Day, a Saturday
    (date(2026, 12, 28), False),  # Boxing Day's substitute day
    (date(2026, 4, 3), False),  # Good Friday
    (date(2026, 4, 6), False),  # Easter Monday
    (date(2026, 8, 31), False),  # summer bank holiday in England and Wales
    (date(2026, 8, 3), True),  # summer bank holiday in Scotland only
    (date(2026, 3, 17), True),  # St Patrick's Day: Northern Ireland only
    (date(2026, 11, 28), False),  # Saturday
    (date(2026, 11, 29), False),  # Sunday
    (date(2026, 11, 30), True),
])
def test_working_days_in_england_and_wales(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize("start, days, expected", [
    (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Friday to Monday
    (date(2026, 11, 23), 0, date(2026, 11, 23)),
    (date(2026, 12, 24), 1, date(2026, 12, 29)),  # over Christmas, Boxing Day and its substitute
    (date(2026, 12, 24), 2, date(2026, 12, 30)),
    (date(2026, 4, 1), 5, date(2026, 4, 10)),  # over Good Friday and Easter Monday
    (date(2026, 4, 2), 1, date(2026, 4, 7)),
])
def test_adding_working_days_skips_weekends_and_bank_holidays(start, days, expected):
    assert add_working_days(start, days) == expected


def test_rules_may_count_working_days_their_own_way():
    def every_day(day):
        return True

    assert add_working_days(date(2026, 12, 24), 2, every_day) == date(2026, 12, 26)
    assert add_working_days(date(2026, 12, 24), 2, is_working_day=lambda day: day.weekday() < 5) == date(2026, 12, 28)
