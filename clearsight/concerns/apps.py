from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "clearsight.concerns"
    label = "concerns"
    verbose_name = "Concerns and referrals"

    def ready(self):
        from .attention import register

        register()

    def load_demo_data(self):
        from .demo import load

        load()
