from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "clearsight.intelligence"
    label = "intelligence"
    verbose_name = "Intelligence, premises and businesses"

    def ready(self):
        from . import linking

        linking.register()

    def load_demo_data(self):
        from .demo import load

        load()
