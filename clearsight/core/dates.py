"""Dates, in one place: how they are written (GOV.UK style), UK financial years, adding months and
counting working days.

Plain functions and values, so that rule modules written without Django can use them too: Django
(for local time) and the ``holidays`` package (for bank holidays) are only imported when a function
needs them. Templates write dates with the ``govuk_date`` and ``govuk_datetime`` filters and
financial years with ``financial_year_ending``, which call this module.
"""

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache


def _local(value):
    """An aware date and time in local time; anything else as it is."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        from django.utils import timezone

        return timezone.localtime(value)
    return value


def _day(value) -> date:
    """The date of a date, or of a date and time in local time."""
    value = _local(value)
    return value.date() if isinstance(value, datetime) else value


# --- Writing dates ------------------------------------------------------------------------------------

def long_date(value) -> str:
    """3 April 2026 ("" for no date); a date and time is taken in local time. An ISO date string
    ("2026-04-03", as JSON stores a date, for example in a statement's stored version) is read too."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    value = _local(value)
    return f"{value.day} {value:%B %Y}"


def long_date_time(value) -> str:
    """3 April 2026 at 2:05pm ("" for none), in local time."""
    if not value:
        return ""
    value = _local(value)
    hour = value.hour % 12 or 12
    return f"{value.day} {value:%B %Y} at {hour}:{value:%M}{'am' if value.hour < 12 else 'pm'}"


# --- Financial years ----------------------------------------------------------------------------------

# "2025 to 2026", and as labels were written before: "2025/26", "2025/2026", "2025-26".
_LABEL = re.compile(r"^\s*(\d{4})\s*(?:to|/|-|–)\s*(\d{2}|\d{4})\s*$")


@dataclass(frozen=True, order=True)
class FinancialYear:
    """A UK financial year, 1 April to 31 March, written the GOV.UK way: "2026 to 2027".

    Records name a year either by the calendar year it starts in (the board's "fy-2026") or by the
    one it ends in (a supplier's statement "for 2027", spend by year). ``FinancialYear(2026)`` and
    ``FinancialYear.ending_in(2027)`` are the same year; read back ``start_year`` or ``end_year``.
    """

    start_year: int

    @classmethod
    def containing(cls, day) -> "FinancialYear":
        """The financial year a day falls in (a date and time is taken in local time)."""
        day = _day(day)
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def ending_in(cls, year: int) -> "FinancialYear":
        """The financial year that ends on 31 March of ``year``."""
        return cls(int(year) - 1)

    @classmethod
    def from_label(cls, text) -> "FinancialYear | None":
        """The year a label names: "2025 to 2026", or as stored before, "2025/26" or "2025/2026".
        None for anything else, including two years that do not follow each other."""
        match = _LABEL.match(text or "")
        if not match:
            return None
        start, end = int(match[1]), match[2]
        expected = str(start + 1) if len(end) == 4 else f"{(start + 1) % 100:02d}"
        return cls(start) if end == expected else None

    @property
    def end_year(self) -> int:
        return self.start_year + 1

    @property
    def starts(self) -> date:
        """1 April"""
        return date(self.start_year, 4, 1)

    @property
    def ends(self) -> date:
        """31 March, the last day in the year."""
        return date(self.end_year, 3, 31)

    @property
    def label(self) -> str:
        """2026 to 2027"""
        return f"{self.start_year} to {self.end_year}"

    @property
    def previous(self) -> "FinancialYear":
        return FinancialYear(self.start_year - 1)

    @property
    def next(self) -> "FinancialYear":
        return FinancialYear(self.start_year + 1)

    def __contains__(self, day) -> bool:
        return self.starts <= _day(day) <= self.ends

    def __str__(self) -> str:
        return self.label


# --- Adding months ------------------------------------------------------------------------------------

def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later (earlier when negative), kept within the month:
    31 January + 1 month is 28 February (29 in a leap year); 29 February + 12 months is 28 February."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


# --- Working days -------------------------------------------------------------------------------------

@lru_cache(maxsize=16)
def _bank_holidays(year: int):
    import holidays

    # England's bank holidays are Wales's too.
    return holidays.UK(subdiv="ENG", years=year)


def is_working_day(day: date) -> bool:
    """Monday to Friday, except bank holidays in England and Wales."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, days: int, is_working_day=is_working_day) -> date:
    """The day ``days`` working days after ``start``, which does not count itself: one working day
    after a Friday is the Monday. Rules may pass their own ``is_working_day`` (tests pass one where
    every day counts)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day
