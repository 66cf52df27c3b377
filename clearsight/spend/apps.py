from django.apps import AppConfig


class SpendConfig(AppConfig):
    name = "clearsight.spend"
    label = "spend"
    verbose_name = "Spend"

    def ready(self):
        from clearsight.matching.api import add_account_names_source
        from clearsight.supply.api import register_section

        from .sections import supplier_spend_context
        from .summary import names_under_supplier_numbers

        register_section(order=20, template="spend/_supplier_spend.html", context=supplier_spend_context)
        # Register matching finds a renamed supplier by another name paid under its supplier number.
        add_account_names_source(names_under_supplier_numbers)

    def load_demo_data(self):
        from .demo import load

        load()
