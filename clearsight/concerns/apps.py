from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "clearsight.concerns"
    label = "concerns"
    verbose_name = "Concerns and referrals"

    def ready(self):
        from clearsight.partnership import api as partnership

        from .agenda import new_concerns
        from .attention import register

        register()
        partnership.agenda_sources.add(partnership.AgendaSource("concerns", new_concerns))

    def load_demo_data(self):
        from .demo import load

        load()
