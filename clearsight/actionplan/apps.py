from django.apps import AppConfig


class ActionPlanConfig(AppConfig):
    name = "clearsight.actionplan"
    label = "actionplan"
    verbose_name = "Action plan and year-end review"

    def ready(self):
        from .attention import register

        register()

    def load_demo_data(self):
        from .demo import load

        load()
