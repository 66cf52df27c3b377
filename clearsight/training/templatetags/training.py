from django import template
from django.utils.html import format_html

from clearsight.core.suppression import FEWER_THAN

from .. import compliance as c

register = template.Library()

COLOURS = {
    c.Status.COMPLIANT: "green", c.Status.DUE_SOON: "yellow", c.Status.IN_GRACE: "blue",
    c.Status.OVERDUE: "red", c.Status.NEVER_TRAINED: "orange", c.Status.NOT_REQUIRED: "grey",
}


@register.filter
def status_tag(status):
    """A GOV.UK tag for a compliance status."""
    status = c.Status(status)
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', COLOURS[status], c.STATUS_LABELS[status])


@register.filter
def percent(rate):
    """A Rate as '87%' ('No one counted' when there is nobody to count, 'fewer than 5' when the
    group is too small to show to the viewer)."""
    if getattr(rate, "hidden", False):
        return FEWER_THAN
    value = rate.percent if rate is not None else None
    return "No one counted" if value is None else f"{value}%"
