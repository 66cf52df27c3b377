from django.apps import AppConfig


class SupplyConfig(AppConfig):
    name = "clearsight.supply"
    label = "supply"
    verbose_name = "Supply chain due diligence"

    def load_demo_data(self):
        from .demo import load

        load()
