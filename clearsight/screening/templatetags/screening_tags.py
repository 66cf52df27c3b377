from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.filter
def pounds(value):
    """£1,234,567 (whole pounds; credits shown with a minus sign)."""
    if value is None:
        return ""
    amount = Decimal(value).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return f"{'-' if amount < 0 else ''}£{abs(amount):,}"


@register.filter
def share(value):
    return "–" if value is None else f"{value}%"
