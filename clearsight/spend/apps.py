from django.apps import AppConfig


class SpendConfig(AppConfig):
    name = "clearsight.spend"
    label = "spend"
    verbose_name = "Spend"
