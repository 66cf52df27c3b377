from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "clearsight.intelligence"
    label = "intelligence"
    verbose_name = "Intelligence, premises and businesses"

    def ready(self):
        from clearsight.partnership import api as partnership

        from . import linking, services

        linking.register()
        partnership.agenda_sources.add(partnership.AgendaSource(
            "intelligence", lambda org_ids, since, until: services.agenda_items(org_ids, since)))

    def load_demo_data(self):
        from .demo import load

        load()
