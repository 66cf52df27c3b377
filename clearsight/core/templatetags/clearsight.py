from django import template
from django.utils import timezone
from django.utils.formats import number_format

from .. import govuk
from ..dates import long_date
from ..roles import role_label

register = template.Library()


@register.simple_tag
def govuk_field(field, **options):
    """{% govuk_field form.email heading=True label_size="m" %}"""
    return govuk.render_field(field, **options)


@register.simple_tag
def govuk_error_summary(form):
    return govuk.error_summary(form) if form is not None and form.errors else ""


@register.filter
def govuk_date(value):
    """Dates as GOV.UK writes them: 3 April 2026."""
    return long_date(value)


@register.filter
def govuk_datetime(value):
    """3 April 2026 at 2:05pm"""
    if not value:
        return ""
    value = timezone.localtime(value)
    hour = value.hour % 12 or 12
    return f"{value.day} {value:%B %Y} at {hour}:{value:%M}{'am' if value.hour < 12 else 'pm'}"


@register.filter
def thousands(value):
    return number_format(value, force_grouping=True)


@register.filter
def role_name(value):
    return role_label(value)
