from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "clearsight.operations"
    label = "operations"
    verbose_name = "Disruption operations"

    def load_demo_data(self):
        from .demo import load

        load()
