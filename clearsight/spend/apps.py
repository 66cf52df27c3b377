from django.apps import AppConfig


class SpendConfig(AppConfig):
    name = "clearsight.spend"
    label = "spend"
    verbose_name = "Spend"

    def ready(self):
        from clearsight.supply.api import register_section

        from .sections import supplier_spend_context

        register_section(order=20, template="spend/_supplier_spend.html", context=supplier_spend_context)

    def load_demo_data(self):
        from .demo import load

        load()
