"""Estimate the matching parameters of every organisation (or one) now and store them, so that the
next spend import and register check reuse them (ADR 0032). Runs reuse stored parameters until the
records matched against grow by a quarter or people decide pairs; run this daily to keep them fresh
without an import paying for it.

    manage.py train_matching [--organisation ID] [--purpose "supplier names"|"company register"]
"""

from django.core.management.base import BaseCommand, CommandError

from clearsight.core.models import Organisation
from clearsight.matching.parameter_store import PURPOSES
from clearsight.matching.training import train_organisation
from clearsight.supply.api import Supplier


class Command(BaseCommand):
    help = "Estimate and store the supplier matching parameters of each organisation with suppliers."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", type=int, help="Only this organisation (its id).")
        parser.add_argument("--purpose", choices=PURPOSES, help="Only this purpose.")

    def handle(self, organisation=None, purpose=None, **options):
        with_suppliers = Supplier.objects.unscoped("listing the organisations that have suppliers to match") \
            .values_list("organisation_id", flat=True).distinct()
        organisations = Organisation.objects.filter(pk__in=with_suppliers).order_by("pk")
        if organisation is not None:
            organisations = Organisation.objects.filter(pk=organisation)
            if not organisations:
                raise CommandError(f"There is no organisation {organisation}")
        for org in organisations:
            for name, sentence in train_organisation(org, (purpose,) if purpose else PURPOSES):
                self.stdout.write(f"{org.name}, {name}: {sentence}")
