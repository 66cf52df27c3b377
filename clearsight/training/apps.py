from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "clearsight.training"
    label = "training"
    verbose_name = "Workforce training"

    def ready(self):
        from .attention import register

        register()

    def load_demo_data(self):
        from .demo import load

        load()
