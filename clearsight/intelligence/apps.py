from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "clearsight.intelligence"
    label = "intelligence"
    verbose_name = "Intelligence, premises and businesses"
