"""Intelligence about premises, businesses, vehicles and people of concern, graded with the national
intelligence grading (3x5x2), and the premises and businesses it is about.

Who may see what is decided in ``handling.py`` (plain functions with their own tests); the models'
``scope_for_user`` methods only call them."""

import uuid

from django.conf import settings
from django.db import models

from clearsight.core.models import Organisation
from clearsight.core.references import new_reference
from clearsight.core.scoping import ScopedQuerySet

from .premises_types import all_types

# The kinds of premises partners record: reference data with its source and version (premises_types.py).
PREMISES_TYPES = all_types()
PREMISES_TYPE_LABELS = dict(PREMISES_TYPES)


class Premises(models.Model):
    """A place partners hold intelligence about or plan operations against."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="premises",
                                     help_text="The organisation that recorded it.")
    address = models.TextField()
    postcode = models.CharField(max_length=10, blank=True)
    premises_type = models.CharField("Type of premises", max_length=30, choices=PREMISES_TYPES)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["address"]
        verbose_name = "premises"
        verbose_name_plural = "premises"

    def __str__(self):
        first_line = self.address.splitlines()[0] if self.address else ""
        return f"{first_line}, {self.postcode}".strip(", ")

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        from .handling import record_org_ids

        return queryset.filter(organisation_id__in=record_org_ids(viewer))


class Business(models.Model):
    """A business partners hold intelligence about. ``supplier`` is set when a match with a council
    supplier is confirmed (or certain), so the business and the supplier show as one profile."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="businesses",
                                     help_text="The organisation that recorded it.")
    name = models.CharField(max_length=300)
    trading_names = models.TextField(blank=True, help_text="Other names it trades as, one a line.")
    company_number = models.CharField(max_length=12, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    premises = models.ManyToManyField(Premises, blank=True, related_name="businesses")
    supplier = models.ForeignKey("supply.Supplier", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="intelligence_businesses")
    supplier_linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                           on_delete=models.SET_NULL, related_name="+")
    supplier_linked_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "businesses"

    def __str__(self):
        return self.name

    @property
    def trading_name_list(self):
        return [line.strip() for line in self.trading_names.splitlines() if line.strip()]

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        from .handling import record_org_ids

        return queryset.filter(organisation_id__in=record_org_ids(viewer))


def _new_reference():
    return new_reference("INT")


class IntelligenceReport(models.Model):
    """One piece of intelligence, graded with the national intelligence grading."""

    class Subject(models.TextChoices):
        PREMISES = "premises", "Premises"
        BUSINESS = "business", "Business"
        VEHICLE = "vehicle", "Vehicle"
        PERSON = "person", "Person of concern"

    class Source(models.TextChoices):
        RELIABLE = "1", "1: reliable source"
        UNTESTED = "2", "2: untested source"
        NOT_RELIABLE = "3", "3: source not reliable"

    class Assessment(models.TextChoices):
        A = "A", "A: the source knows it directly"
        B = "B", "B: the source knows it indirectly, and it is backed up by other information"
        C = "C", "C: the source knows it indirectly"
        D = "D", "D: not known how the source knows it"
        E = "E", "E: suspected to be false"

    class Handling(models.TextChoices):
        P = "P", "P: may be shared lawfully"
        C = "C", "C: may be shared lawfully, only on the conditions set"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=20, unique=True, default=_new_reference, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="intelligence_reports",
                                     help_text="The organisation that owns the report.")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    date = models.DateField("Date of the intelligence")
    subject_kind = models.CharField("What it is about", max_length=20, choices=Subject.choices)
    premises = models.ManyToManyField(Premises, blank=True, related_name="intelligence_reports")
    businesses = models.ManyToManyField(Business, blank=True, related_name="intelligence_reports")
    text = models.TextField("The intelligence")
    source_evaluation = models.CharField(max_length=1, choices=Source.choices)
    assessment = models.CharField("Intelligence assessment", max_length=1, choices=Assessment.choices)
    handling_code = models.CharField(max_length=1, choices=Handling.choices)
    handling_conditions = models.TextField(blank=True)
    conditions_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="+",
        help_text="With handling code C: the only other organisations that may see it.")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = "intelligence report"

    def __str__(self):
        return self.reference

    @property
    def grading(self):
        return f"{self.source_evaluation}{self.assessment}{self.handling_code}"

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        from .handling import visible_reports

        return visible_reports(queryset, viewer)


class ConcernPremises(models.Model):
    """A concern linked to premises by someone handling the concern."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    concern = models.ForeignKey("concerns.Concern", on_delete=models.CASCADE, related_name="+")
    premises = models.ForeignKey(Premises, on_delete=models.CASCADE, related_name="concern_links")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["concern", "premises"], name="one_link_per_concern_premises")]
