"""Risk screening: the reference data screening uses (each table with its source and version) and
the latest screening result of each supplier."""

from django.conf import settings
from django.db import models

from clearsight.core.roles import Capability
from clearsight.core.scoping import ScopedQuerySet
from clearsight.supply.api import Supplier, supply_org_ids

from .risk import TIERS


class ReferenceDataset(models.Model):
    """One table of reference data as loaded: where it came from and which version it is."""

    key = models.CharField(max_length=20, unique=True)  # sectors, tip, dol, countries, gsi
    title = models.CharField(max_length=200)
    version = models.CharField(max_length=100)
    source = models.TextField()
    licence = models.TextField(blank=True)
    shipped = models.BooleanField(default=True, help_text="Shipped with Clearsight (not loaded by a user).")
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return f"{self.title} ({self.version})"


class RiskSector(models.Model):
    """A high-risk sector and how codes, spend categories and words map to it."""

    key = models.CharField(max_length=40, unique=True)
    label = models.CharField(max_length=200)
    why = models.TextField()
    weight = models.PositiveSmallIntegerField()
    sic_prefixes = models.JSONField(default=list)
    proclass_prefixes = models.JSONField(default=list)
    expense_phrases = models.JSONField(default=list)
    keywords = models.JSONField(default=list)
    exclude = models.JSONField(default=list)
    supplier_sectors = models.JSONField(default=list, help_text="Keys of supply.models.SECTORS that mean this sector.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.label


class CountryRisk(models.Model):
    """A country (ISO 3166 alpha-2) with its US Trafficking in Persons tier and, if an organisation
    has loaded the Global Slavery Index, its estimated prevalence."""

    code = models.CharField(max_length=2, unique=True)
    name = models.CharField(max_length=100)
    tip_tier = models.CharField(max_length=30, blank=True)
    gsi_prevalence = models.DecimalField("Estimated people in modern slavery per 1,000", max_digits=6,
                                         decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class GoodAtRisk(models.Model):
    """A good on the US Department of Labor list, for one country."""

    country_code = models.CharField(max_length=2)
    good = models.CharField(max_length=200)
    exploitation = models.CharField(max_length=200)

    class Meta:
        ordering = ["good", "country_code"]


class SupplierRisk(models.Model):
    """The latest screening of a supplier: its inherent risk, and why."""

    TIERS = TIERS

    supplier = models.OneToOneField(Supplier, on_delete=models.CASCADE, related_name="risk")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField()
    tier = models.CharField(max_length=10, choices=TIERS)
    factors = models.JSONField(default=list)
    reference_versions = models.JSONField(default=dict)
    expense_categories = models.JSONField(default=list, help_text="The spend expense categories seen for the supplier "
                                                                   "(kept so that a later import adds to them).")
    screened_at = models.DateTimeField()
    screened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "supplier risk"
        indexes = [models.Index(fields=["organisation", "tier"])]

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        if not viewer.can(Capability.VIEW_SUPPLIERS):
            return queryset.none()
        return queryset.filter(organisation_id__in=supply_org_ids(viewer))

    @property
    def tier_label(self):
        return dict(TIERS)[self.tier]
