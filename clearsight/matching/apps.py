from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "clearsight.matching"
    label = "matching"
    verbose_name = "Record matching"
