from django import template
from django.utils.formats import number_format

from clearsight.core.suppression import FEWER_THAN, NO_DATA, NOT_SHOWN, WITHHELD

register = template.Library()


@register.filter
def cell(value):
    """A table cell as shown: whole numbers with thousands separators, anything else as it is."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return number_format(value, force_grouping=True)
    return value


@register.filter
def numeric(value):
    """Whether a cell holds a number, or text standing in for one ("fewer than 5", "75%")."""
    return not isinstance(value, str) or value[:1].isdigit() or value[:1] == "£" or value in (
        FEWER_THAN, NOT_SHOWN, NO_DATA, WITHHELD)
