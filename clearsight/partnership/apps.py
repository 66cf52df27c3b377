from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "clearsight.partnership"
    label = "partnership"
    verbose_name = "Partnership groups, agreements and meetings"

    def ready(self):
        from .attention import register

        register()

    def load_demo_prerequisites(self):
        from .demo import load_agreements

        load_agreements()

    def load_demo_data(self):
        from .demo import load

        load()
