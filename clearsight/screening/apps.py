from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "clearsight.screening"
    label = "screening"
    verbose_name = "Supplier risk screening"
