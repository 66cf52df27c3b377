from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "clearsight.matching"
    label = "matching"
    verbose_name = "Record matching"

    def ready(self):
        from . import reviews  # noqa: F401  (registers the supplier and company kinds of match)
        from .attention import register

        register()
