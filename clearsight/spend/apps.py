from django.apps import AppConfig


class SpendConfig(AppConfig):
    name = "clearsight.spend"
    label = "spend"
    verbose_name = "Spend"

    def load_demo_data(self):
        from .demo import load

        load()
