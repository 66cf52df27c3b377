from django import template
from django.utils.formats import number_format

from .. import govuk
from ..dates import FinancialYear, long_date, long_date_time
from ..roles import role_label

register = template.Library()


@register.simple_tag
def govuk_field(field, **options):
    """{% govuk_field form.email heading=True label_size="m" %}"""
    return govuk.render_field(field, **options)


@register.simple_tag
def govuk_error_summary(form, also="", also_href=""):
    """{% govuk_error_summary form %}; ``also`` is one more error, last, for an input the form does not
    hold (a file input, say), linking to ``also_href``."""
    return govuk.error_summary(form, also, also_href) if form is not None and form.errors else ""


@register.filter
def govuk_date(value):
    """Dates as GOV.UK writes them: 3 April 2026."""
    return long_date(value)


@register.filter
def govuk_datetime(value):
    """3 April 2026 at 2:05pm"""
    return long_date_time(value)


@register.filter
def financial_year_ending(year):
    """The financial year ending in ``year`` (2026, or "2026"), as GOV.UK writes it: 2025 to 2026."""
    return FinancialYear.ending_in(int(year)).label if year else ""


@register.filter
def thousands(value):
    return number_format(value, force_grouping=True)


@register.filter
def role_name(value):
    return role_label(value)
