from django.core.management.base import BaseCommand

from clearsight.screening.models import CountryRisk, GoodAtRisk, ReferenceDataset, RiskSector
from clearsight.screening.reference_data import load


class Command(BaseCommand):
    help = ("Load or update the risk screening reference data (high-risk sectors, US Trafficking in Persons tiers, "
            "US Department of Labor goods) from clearsight/screening/reference/.")

    def handle(self, *args, **options):
        load()
        for dataset in ReferenceDataset.objects.all():
            self.stdout.write(f"{dataset.title}: {dataset.version}")
        self.stdout.write(f"{RiskSector.objects.count()} sectors, {CountryRisk.objects.exclude(tip_tier='').count()} "
                          f"countries with a tier, {GoodAtRisk.objects.count()} goods by country")
        self.stdout.write("Screen suppliers again (screen_suppliers) for the new data to show in their results.")
