"""What supply asks of the supply chain apps built on it (matching, screening), without importing
them (ADR 0027): they fill these in their ``AppConfig.ready``."""

from clearsight.core.hooks import Event, Slot

# {name: supplier id} for names as written in a file, creating suppliers and review items (matching).
resolve_supplier_names = Slot("supply.resolve_supplier_names")

# Suppliers were added or changed what they do or where: (organisation, supplier ids or None for all,
# **facts) -> risk screening works their risk out again; matching settles what a company number typed
# or removed settles. Facts: changed_by (the person who changed a supplier's details), expense_categories;
# a listener takes the facts it uses and ignores the rest.
suppliers_changed = Event("supply.suppliers_changed")

# Where a supplier's company number came from, when matching found or was told it: (supplier, can_manage)
# -> {"text": words for the supplier page, "url": a page to say it is not this company, or ""}, or None.
company_number_origin = Slot("supply.company_number_origin", default=lambda supplier, can_manage: None)

# A page where a person says the supplier is the same organisation as another of its organisation's
# suppliers (matching merges them): (supplier, can_manage) -> its address, or "" (none, or not theirs).
same_organisation_url = Slot("supply.same_organisation_url", default=lambda supplier, can_manage: "")
