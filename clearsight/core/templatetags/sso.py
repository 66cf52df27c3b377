"""{% identity_providers as providers %}: the identity providers offered on the sign-in page (ADR 0035)."""

from django import template

register = template.Library()


@register.simple_tag
def identity_providers():
    from ..models import IdentityProvider

    return list(IdentityProvider.objects.filter(is_active=True).order_by("name"))
