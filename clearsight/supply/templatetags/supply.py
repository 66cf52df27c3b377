"""Template tags other contexts use to show supply records: the concern page shows the suppliers a
concern is linked to."""

from django import template

from clearsight.core.roles import Capability

from ..models import ConcernSupplierLink, supply_org_ids
from ..rules import handles_for_council

register = template.Library()


@register.inclusion_tag("supply/_concern_suppliers.html", takes_context=True)
def concern_suppliers(context, concern):
    """The suppliers a concern is linked to, with a link to each supplier's record for people who may
    see the supplier register, and the way to link one for the concern's handlers."""
    user = context["request"].user
    orgs = supply_org_ids(user) if user.can(Capability.VIEW_SUPPLIERS) else set()
    links = [{"link": link, "can_view": link.supplier.organisation_id in orgs}
             for link in ConcernSupplierLink.objects.filter(concern=concern).select_related("supplier", "linked_by")]
    return {"concern": concern, "links": links, "can_link": user.can(Capability.HANDLE_CONCERNS) and handles_for_council(user, concern),
            "csrf_token": context.get("csrf_token")}


@register.filter
def money(value):
    """£1,450.18, or £25,000 for whole pounds; empty when not known."""
    from ..rules import money as as_money

    return "" if value is None or value == "" else as_money(value)


@register.simple_tag(takes_context=True)
def supplier_section(context, template_name, section_context):
    """Render a section another app registered for the supplier page, with the context it returned
    (and the supplier), through the request so that context processors run."""
    from django.template.loader import get_template

    request = context["request"]
    values = {"supplier": context.get("supplier"), **(section_context or {})}
    return get_template(template_name).render(values, request)
