from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "clearsight.operations"
    label = "operations"
    verbose_name = "Disruption operations"

    def ready(self):
        from clearsight.intelligence import api as intelligence
        from clearsight.partnership import api as partnership

        from . import services

        intelligence.operations_at_premises.provide(lambda premises, user: services.operations_at(premises).for_user(user))
        partnership.agenda_sources.add(partnership.AgendaSource(
            "operations", lambda org_ids, since, until: services.planned_operations(org_ids)))

    def load_demo_data(self):
        from .demo import load

        load()
