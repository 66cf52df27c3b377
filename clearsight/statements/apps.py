from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "clearsight.statements"
    label = "statements"
    verbose_name = "Modern Slavery Statement"

    def ready(self):
        from .attention import register

        register()

    def load_demo_data(self):
        from .demo import load

        load()
