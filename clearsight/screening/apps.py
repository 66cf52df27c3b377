from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "clearsight.screening"
    label = "screening"
    verbose_name = "Supplier risk screening"

    def ready(self):
        from clearsight.supply import api as supply

        from .sections import supplier_risk_context
        from .services import screen_suppliers

        supply.register_section(order=10, template="screening/_supplier_risk.html", context=supplier_risk_context)
        supply.suppliers_changed.listen(screen_suppliers)

    def load_demo_data(self):
        from .demo import load

        load()
