from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "clearsight.assessments"
    label = "assessments"
    verbose_name = "Supplier assessments and action plans"
