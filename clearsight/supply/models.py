"""Supplier and contract registers: who the council buys from, what it has let, and what it knows
about each supplier (its sectors, countries, workforce model, licences and its own modern slavery
statement). Risk screening, spend, assessments and matching build on these records."""


from django.conf import settings
from django.db import models
from django.utils import timezone

from clearsight.core.models import ChangeableRecord, Organisation
from clearsight.core.roles import Capability, Role
from clearsight.core.scoping import ScopedQuerySet

SUPPLY_ROLES = (Role.PROCUREMENT_OFFICER, Role.CONTRACT_MANAGER)


def supply_org_ids(user, roles=SUPPLY_ROLES):
    """The organisations whose supplier registers the user works on."""
    return user.organisation_ids_with_role(*roles)


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


# Sectors a supplier works in. The keys are what risk screening maps to the high-risk sectors named in
# public procurement guidance (PPN 009); the labels are what people see.
SECTORS = [
    ("agriculture", "Agriculture, food growing and fishing"),
    ("construction", "Construction, building repairs and maintenance"),
    ("manufacturing", "Manufacturing"),
    ("electronics", "Electronics and IT hardware"),
    ("textiles", "Textiles, clothing, uniforms and footwear"),
    ("food_processing", "Food processing and packing"),
    ("hospitality", "Hotels and hospitality"),
    ("catering", "Catering and food services"),
    ("cleaning", "Cleaning"),
    ("security", "Security services"),
    ("logistics", "Logistics, warehousing and delivery"),
    ("transport", "Transport and vehicle hire"),
    ("care", "Health and social care"),
    ("recruitment", "Temporary staffing and recruitment"),
    ("car_wash", "Car washes and valeting"),
    ("waste", "Waste and recycling"),
    ("facilities", "Facilities management and grounds maintenance"),
    ("office_supplies", "Stationery and office supplies"),
    ("it_services", "IT services and software"),
    ("professional_services", "Professional services and consultancy"),
    ("energy", "Energy and utilities"),
    ("leisure", "Leisure, arts and community services"),
    ("other", "Something else"),
]
SECTOR_LABELS = dict(SECTORS)


class SicCode(models.Model):
    """A UK SIC 2007 code and its description: reference data loaded from a published list (see
    ``supply.reference``), recorded with the list's source and version."""

    code = models.CharField(max_length=5, unique=True)
    description = models.CharField(max_length=300)
    source = models.CharField(max_length=300)
    version = models.CharField(max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = "SIC code"

    def __str__(self):
        return f"{self.code} {self.description}"


class Supplier(ChangeableRecord):
    """A business or body the organisation pays or contracts with."""

    SOURCES = [("register", "Entered in the register"), ("spend", "Found in a spend file"),
               ("contracts", "Found in a contract register import"), ("demo", "Demo data")]

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
    description = models.CharField(max_length=200, blank=True, help_text="What the licence is, when it is not one of the listed kinds.")
    number = models.CharField(max_length=50, blank=True)
    valid_until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "pk"]

    @property
    def label(self):
        return self.description if self.kind == "other" and self.description else self.get_kind_display()


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

    class Meta:
        ordering = ["-is_main", "name"]


class Contract(ChangeableRecord):
    """A contract let by the organisation."""

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
    # Contract references repeat in real registers (extensions, lots, frameworks with several suppliers),
    # so an imported row is known again by a key made from its reference, supplier, title and start date.
    import_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["organisation", "reference"])]
        constraints = [models.UniqueConstraint(fields=["organisation", "import_key"], condition=~models.Q(import_key=""),
                                               name="unique_contract_import_key")]

    def __str__(self):
        return self.title

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        if not viewer.can(Capability.VIEW_SUPPLIERS):
            return queryset.none()
        return queryset.filter(organisation_id__in=supply_org_ids(viewer))


class ConcernSupplierLink(models.Model):
    """A concern (in the concerns context) that is about one of the handling organisation's suppliers.
    Handlers of the concern make the link; the supplier page shows only the concern's reference and
    date, never what was reported or who about."""

    concern = models.ForeignKey("concerns.Concern", on_delete=models.CASCADE, related_name="supplier_links")
    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="concern_links")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-linked_at"]
        constraints = [models.UniqueConstraint(fields=["concern", "supplier"], name="unique_concern_supplier_link")]
