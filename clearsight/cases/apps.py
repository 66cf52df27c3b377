from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "clearsight.cases"
    label = "cases"
    verbose_name = "Victim support casework"
