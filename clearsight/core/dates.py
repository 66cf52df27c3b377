"""Dates as GOV.UK writes them, for Python code (templates use the ``govuk_date`` filter, which calls
this)."""

from django.utils import timezone


def long_date(value) -> str:
    """3 April 2026 ("" for no date); a date and time is taken in local time."""
    if not value:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return f"{value.day} {value:%B %Y}"
