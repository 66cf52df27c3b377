"""What other contexts may use of supply (ADR 0027; `lint-imports` keeps everything else private).

Suppliers are what the other supply chain apps (matching, spend, screening, assessments: one bounded
context with supply) relate to and query, so the supplier models and who may see them are here;
intelligence also reads ``Supplier`` to match the businesses it knows to suppliers (``linking``),
which is still to be replaced with functions. The board asks only whether an organisation has
suppliers (``has_suppliers``). Those apps add sections to the supplier page (``register_section``)
and fill supply's hooks (``resolve_supplier_names``, ``suppliers_changed``, ``company_number_origin``,
``same_organisation_url``) in their
``AppConfig.ready``."""

from .hooks import company_number_origin, resolve_supplier_names, same_organisation_url, suppliers_changed
from .names import (name_variants, normalise_address, normalise_company_number, normalise_name, normalise_postcode,
                    name_before_legal_form, name_parts, name_words, parts_paid_first, postcode_district, trading_names, written_name)
from .models import STATEMENT_AREAS, Contract, Supplier, SupplierAlias, SupplierContact, supply_data_org_ids, supply_org_ids
from .sections import register_section



def suppliers_for_user(user):
    """The suppliers the user may see (scoped as the supplier pages are)."""
    return Supplier.objects.for_user(user)


def has_suppliers(organisation_id) -> bool:
    """Whether the organisation keeps a supplier register (any supplier at all; no details)."""
    return Supplier.objects.unscoped("whether an organisation has suppliers (no details)").filter(
        organisation_id=organisation_id).exists()


__all__ = [
    "STATEMENT_AREAS", "Contract", "Supplier", "SupplierAlias", "SupplierContact", "company_number_origin", "same_organisation_url",
    "register_section",
    "name_variants", "normalise_address", "normalise_company_number", "normalise_name", "normalise_postcode",
    "has_suppliers", "postcode_district", "resolve_supplier_names", "suppliers_changed", "suppliers_for_user",
    "supply_data_org_ids", "supply_org_ids", "written_name", "name_parts", "parts_paid_first", "trading_names", "name_before_legal_form", "name_words",
]
