"""When a supplier's assessment stays current and when it must be repeated. Plain functions."""

import calendar
from datetime import date, timedelta

CURRENT_FOR_MONTHS = 12
DEFAULT_RENEWAL_NOTICE_DAYS = 90
DUE_SOON_DAYS = 30


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later (or earlier), kept within the month (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def current_until(completed_on: date) -> date:
    """The last day an assessment completed on ``completed_on`` counts as current."""
    return add_months(completed_on, CURRENT_FOR_MONTHS) - timedelta(days=1)


def is_current(completed_on: date | None, on: date) -> bool:
    return completed_on is not None and completed_on <= on <= current_until(completed_on)


def earliest_completion_still_current(on: date) -> date:
    """Assessments completed on or after this date are still current on ``on``."""
    return add_months(on, -CURRENT_FOR_MONTHS) + timedelta(days=1)
