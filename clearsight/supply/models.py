"""Supplier and contract registers: who the council buys from, what it has let, and what it knows
about each supplier (its sectors, countries, workforce model, licences and its own modern slavery
statement). Risk screening, spend, assessments and matching build on these records."""

import uuid

from django.conf import settings
from django.db import models

from clearsight.core.models import Organisation
from clearsight.core.roles import Capability, Role
from clearsight.core.scoping import ScopedQuerySet

SUPPLY_ROLES = (Role.PROCUREMENT_OFFICER, Role.CONTRACT_MANAGER)


def supply_org_ids(user, roles=SUPPLY_ROLES):
    """The organisations whose supplier registers the user works on."""
    ids = set()
    for role in roles:
        ids |= user.organisation_ids_with_role(role)
    return ids


def supply_data_org_ids(user):
    """The organisations whose supply data (imports, matching, registers) the user may change."""
    return supply_org_ids(user, (Role.PROCUREMENT_OFFICER,)) if user.can(Capability.MANAGE_SUPPLY_DATA) else set()


# The six areas a modern slavery statement is recommended to cover (Home Office statutory guidance).
STATEMENT_AREAS = [
    ("structure", "Organisation structure and supply chains"),
    ("policies", "Policies in relation to slavery and human trafficking"),
    ("due_diligence", "Due diligence processes"),
    ("risk", "Risk assessment and management"),
    ("kpis", "Key performance indicators to measure effectiveness"),
    ("training", "Training on modern slavery and trafficking"),
]


class Supplier(models.Model):
    """A business or body the organisation pays or contracts with."""

    SOURCES = [("register", "Entered in the register"), ("spend", "Found in a spend file"),
               ("contracts", "Found in a contract register import"), ("demo", "Demo data")]

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="suppliers",
                                     help_text="The buying organisation whose register this is.")
    name = models.CharField(max_length=300)
    company_number = models.CharField(max_length=12, blank=True, db_index=True)
    charity_number = models.CharField(max_length=12, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    sic_codes = models.JSONField(default=list, blank=True, help_text="SIC 2007 codes, five digits.")
    sectors = models.JSONField(default=list, blank=True, help_text="Sector keys (see risk reference data).")
    keywords = models.TextField(blank=True, help_text="What the supplier provides, in a few words.")
    goods = models.JSONField(default=list, blank=True, help_text="Goods supplied, for the goods-at-risk list.")
    operating_countries = models.JSONField(default=list, blank=True, help_text="ISO 3166 alpha-2 codes.")
    sourcing_countries = models.JSONField(default=list, blank=True, help_text="ISO 3166 alpha-2 codes.")
    is_sme = models.BooleanField("Small or medium-sized enterprise", null=True, blank=True)
    annual_turnover = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    # Workforce and business model (None: not known)
    uses_agency_labour = models.BooleanField(null=True, blank=True)
    subcontracts_work = models.BooleanField(null=True, blank=True)
    provides_worker_accommodation = models.BooleanField(null=True, blank=True)
    charges_recruitment_fees = models.BooleanField(null=True, blank=True)
    source = models.CharField(max_length=20, choices=SOURCES, default="register")
    needs_review = models.BooleanField(default=False, help_text="Created for a name that may be an existing supplier.")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["organisation", "name"])]

    def __str__(self):
        return self.name

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        if not viewer.can(Capability.VIEW_SUPPLIERS):
            return queryset.none()
        return queryset.filter(organisation_id__in=supply_org_ids(viewer))


class SupplierAlias(models.Model):
    """Another name a supplier goes by (a spelling in a spend file, a trading name). A confirmed
    alias resolves that name straight to the supplier on every later import."""

    SOURCES = [("name", "The supplier's own name"), ("spend", "Spend file"), ("contracts", "Contract register"),
               ("confirmed", "Confirmed by a person"), ("entered", "Entered by a person")]

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    normalised = models.CharField(max_length=300)
    source = models.CharField(max_length=20, choices=SOURCES, default="name")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "normalised"], name="unique_supplier_alias")]

    def __str__(self):
        return self.name


class SupplierLicence(models.Model):
    KINDS = [("glaa", "GLAA labour provider licence"), ("cqc", "CQC registration"),
             ("sia", "SIA approved contractor"), ("other", "Other")]

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="licences")
    kind = models.CharField(max_length=10, choices=KINDS)
    number = models.CharField(max_length=50, blank=True)
    valid_until = models.DateField(null=True, blank=True)


class SupplierStatement(models.Model):
    """The supplier's own modern slavery statement for a year."""

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="statements")
    year = models.PositiveIntegerField(help_text="The financial year the statement covers, by its end year.")
    url = models.URLField(blank=True)
    areas_covered = models.JSONField(default=list, blank=True, help_text="Keys from STATEMENT_AREAS.")
    board_approved = models.BooleanField(null=True, blank=True)
    signed = models.BooleanField(null=True, blank=True)
    signed_by = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["supplier", "year"], name="unique_supplier_statement_year")]


class SupplierContact(models.Model):
    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    is_main = models.BooleanField(default=False)


class Contract(models.Model):
    """A contract let by the organisation."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="contracts")
    supplier = models.ForeignKey(Supplier, null=True, blank=True, on_delete=models.PROTECT, related_name="contracts")
    reference = models.CharField(max_length=60, blank=True)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    directorate = models.CharField(max_length=200, blank=True)
    annual_value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    total_value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    current_expiry = models.DateField(null=True, blank=True)
    category = models.CharField(max_length=200, blank=True)
    proclass_code = models.CharField(max_length=12, blank=True)
    proclass_description = models.CharField(max_length=200, blank=True)
    procurement_route = models.CharField(max_length=100, blank=True)
    contract_manager = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="managed_contracts")
    source_file = models.CharField(max_length=300, blank=True)
    source_row = models.PositiveIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["organisation", "reference"], condition=~models.Q(reference=""),
                                               name="unique_contract_reference")]

    def __str__(self):
        return self.title

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        if not viewer.can(Capability.VIEW_SUPPLIERS):
            return queryset.none()
        return queryset.filter(organisation_id__in=supply_org_ids(viewer))
