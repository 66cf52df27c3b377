from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "clearsight.screening"
    label = "screening"
    verbose_name = "Supplier risk screening"

    def ready(self):
        from clearsight.supply.sections import register_section

        from .sections import supplier_risk_context

        register_section(order=10, template="screening/_supplier_risk.html", context=supplier_risk_context)

    def load_demo_data(self):
        from .demo import load

        load()
