"""The Modern Slavery Statement: its text sections, the people who sign it off, its saved versions
and the summary for the UK statement registry.

A statement belongs to one organisation. It sets out the activity proposed in one action plan year
(``plan``) and reports the year-end review of the previous one (``reviewed_plan``). Its figures,
tables and appendices are assembled from Clearsight's data each time (``assemble.py``); a saved
version stores the whole assembled document, so it never changes afterwards. Approval saves an
approved version and freezes the statement.
"""


from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from clearsight.actionplan.api import PlanYear
from clearsight.core.models import Organisation, TimestampedRecord
from clearsight.core.roles import Capability
from clearsight.core.scoping import ScopedQuerySet


def statement_org_ids(user) -> set:
    """Organisations whose statements the user may read (or write)."""
    return user.organisation_ids_with(Capability.VIEW_ACTION_PLAN, Capability.WRITE_STATEMENT)


class Statement(TimestampedRecord):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="statements")
    title = models.CharField(max_length=200)
    covers_from = models.DateField(help_text="The start of the period the statement covers")
    covers_to = models.DateField()
    figures_from = models.DateField(help_text="The start of the period the context figures count")
    figures_to = models.DateField()
    plan = models.ForeignKey(PlanYear, on_delete=models.PROTECT, related_name="statements",
                             help_text="The action plan year whose proposed activity the statement sets out")
    reviewed_plan = models.ForeignKey(PlanYear, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                      help_text="The previous year whose review the statement reports")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    approved_on = models.DateField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    started_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                     help_text="The statement this draft was started from")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "statement"
        ordering = ["organisation", "-covers_from", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(covers_to__gt=models.F("covers_from")), name="statement_covers_forward"),
            models.CheckConstraint(condition=Q(figures_to__gte=models.F("figures_from")), name="statement_figures_forward"),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def scope_for_user(cls, queryset, user):
        return queryset.filter(organisation_id__in=statement_org_ids(user))

    @property
    def is_frozen(self):
        return self.status == self.Status.APPROVED


class Section(models.Model):
    """A text section the statement owner writes. Blank lines separate paragraphs; lines starting
    with a dash are a bulleted list."""

    class Key(models.TextChoices):
        INTRODUCTION = "introduction", "Introduction and scope"
        RESPONSIBILITIES = "responsibilities", "Responsibilities"
        REVIEW_PROCESS = "review-process", "Review process"
        SERVICES = "services", "The council’s services"
        CUSTOM = "custom", "Other text"

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(max_length=40)
    kind = models.CharField(max_length=20, choices=Key.choices)
    title = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    completed = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["statement", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["statement", "key"], name="section_key_once_per_statement")]

    def __str__(self):
        return self.title


class Signatory(models.Model):
    """Someone who signs the statement off, such as the council's leader or chief executive."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="signatories")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["statement", "position", "pk"]


class StatementVersion(models.Model):
    """The whole assembled document at one moment (``content``): never changed afterwards."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    note = models.CharField(max_length=500, blank=True)
    approved = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["statement", "-number"]
        constraints = [models.UniqueConstraint(fields=["statement", "number"], name="version_number_once")]


class RegistrySummary(models.Model):
    """The six areas of the UK statement registry's summary, filled from the data, then edited."""

    AREAS = [
        ("structure", "Organisational structure and supply chains"),
        ("policies", "Policies"),
        ("risk", "Risk assessment"),
        ("due_diligence", "Due diligence"),
        ("training", "Training"),
        ("goals", "Goals and key performance indicators"),
    ]

    statement = models.OneToOneField(Statement, on_delete=models.CASCADE, related_name="registry_summary")
    structure = models.TextField(blank=True)
    policies = models.TextField(blank=True)
    risk = models.TextField(blank=True)
    due_diligence = models.TextField(blank=True)
    training = models.TextField(blank=True)
    goals = models.TextField(blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    version = models.PositiveIntegerField(default=1)

    def rows(self):
        return [(label, getattr(self, key)) for key, label in self.AREAS]
