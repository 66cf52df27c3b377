from django.core.management.base import BaseCommand

from clearsight.concerns.models import ExploitationType, Indicator
from clearsight.concerns.reference_data import load


class Command(BaseCommand):
    help = "Load or update indicators and exploitation types from clearsight/concerns/reference/."

    def handle(self, *args, **options):
        load(Indicator, ExploitationType)
        self.stdout.write(f"{Indicator.objects.count()} indicators, {ExploitationType.objects.count()} exploitation types")
