from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "clearsight.assessments"
    label = "assessments"
    verbose_name = "Supplier assessments and action plans"

    def ready(self):
        from clearsight.screening import api as screening
        from clearsight.supply.api import register_section

        from clearsight.core.email import email_failed

        from . import attention, logs, sections, services
        from .status import current_assessment_supplier_ids

        screening.assessed_supplier_ids.provide(current_assessment_supplier_ids)
        logs.install()
        email_failed.connect(services.link_email_failed, dispatch_uid="assessments.link_email_failed")
        attention.register()
        register_section(order=30, template="assessments/_supplier_assessments.html", context=sections.supplier_section)

    def load_demo_data(self):
        from .demo import load

        load()
