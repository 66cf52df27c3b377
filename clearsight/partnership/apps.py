from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "clearsight.partnership"
    label = "partnership"
    verbose_name = "Partnership groups, agreements and meetings"
