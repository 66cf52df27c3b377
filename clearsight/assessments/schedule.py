"""When a supplier's assessment stays current and when it must be repeated. Plain functions."""

from datetime import date, timedelta

from clearsight.core.dates import add_months

CURRENT_FOR_MONTHS = 12
DEFAULT_RENEWAL_NOTICE_DAYS = 90
DUE_SOON_DAYS = 30


def current_until(completed_on: date) -> date:
    """The last day an assessment completed on ``completed_on`` counts as current."""
    return add_months(completed_on, CURRENT_FOR_MONTHS) - timedelta(days=1)


def is_current(completed_on: date | None, on: date) -> bool:
    return completed_on is not None and completed_on <= on <= current_until(completed_on)


def earliest_completion_still_current(on: date) -> date:
    """Assessments completed on or after this date are still current on ``on``."""
    return add_months(on, -CURRENT_FOR_MONTHS) + timedelta(days=1)
