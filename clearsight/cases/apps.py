from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "clearsight.cases"
    label = "cases"
    verbose_name = "Victim support casework"

    def ready(self):
        from . import history
        from .attention import register

        register()
        history.connect()

    def load_demo_data(self):
        from .demo import load

        load()
