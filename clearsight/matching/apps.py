from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "clearsight.matching"
    label = "matching"
    verbose_name = "Record matching"

    def ready(self):
        from . import reviews  # noqa: F401  (registers the supplier and company kinds of match)
        from clearsight.supply import api as supply

        from .attention import register
        from .company import company_number_origin, settle_after_change
        from .same_as import same_organisation_url
        from .resolve import resolve_supplier_names

        register()
        supply.resolve_supplier_names.provide(resolve_supplier_names)
        supply.company_number_origin.provide(company_number_origin)
        supply.same_organisation_url.provide(same_organisation_url)
        supply.suppliers_changed.listen(settle_after_change)

    def load_demo_followups(self):
        # After the other contexts' demo records: the suppliers spend's demo import made are matched too.
        from .demo import load

        load()
