"""Disruption operations: joint operations by partner agencies against premises, what was planned
and what they achieved.

Who may see an operation: people who work in partnership (Capability.WORK_IN_PARTNERSHIP) in the
lead agency or one of the participating agencies. Only partnership coordinators
(Capability.RUN_PARTNERSHIP) of those agencies plan and change operations (``access.py``).

Potential victims identified are never typed in here: each is a link to the concern's person or to
the support case that already holds their age group, NRM referral or Duty to Notify report, support
and outcomes (see ``figures.py``)."""


from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from clearsight.core.acting import organisation_ids
from clearsight.core.models import Organisation, TimestampedRecord
from clearsight.core.references import new_reference
from clearsight.core.roles import Capability
from clearsight.core.scoping import ScopedQuerySet


def _reference():
    return new_reference("OP")


def partnership_org_ids(user) -> set:
    """Organisations where the user holds a role that works in partnership."""
    return organisation_ids(user, Capability.WORK_IN_PARTNERSHIP)


class OperationQuerySet(ScopedQuerySet):
    pass


class Operation(TimestampedRecord):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        DONE = "done", "Carried out"
        CANCELLED = "cancelled", "Cancelled"

    reference = models.CharField(max_length=20, unique=True, default=_reference, editable=False)
    name = models.CharField("Operation name", max_length=200)
    date = models.DateField("Date of the operation")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED, db_index=True)
    lead_agency = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="operations_led")
    participating_agencies = models.ManyToManyField(Organisation, blank=True, related_name="operations_joined")
    target_premises = models.ManyToManyField("intelligence.Premises", blank=True, related_name="operations")
    exploitation_types = models.ManyToManyField("concerns.ExploitationType", blank=True, related_name="+")
    powers = models.TextField("Powers to be used", blank=True)
    reception_arrangements = models.TextField("Reception centre arrangements", blank=True)

    # Outcomes (recorded once the operation has been carried out).
    arrests_modern_slavery = models.PositiveIntegerField("Arrests under the Modern Slavery Act", default=0)
    arrests_immigration = models.PositiveIntegerField("Arrests for immigration offences", default=0)
    arrests_other = models.PositiveIntegerField("Arrests for other offences", default=0)
    closures = models.PositiveIntegerField("Closure orders", default=0)
    prohibition_notices = models.PositiveIntegerField("Prohibition notices", default=0)
    prevention_orders = models.PositiveIntegerField("Slavery and trafficking prevention orders", default=0)
    risk_orders = models.PositiveIntegerField("Slavery and trafficking risk orders", default=0)
    intelligence_reports = models.PositiveIntegerField("Intelligence reports submitted", default=0)
    intelligence_gained = models.TextField("Intelligence gained", blank=True)
    outcomes_recorded_at = models.DateTimeField(null=True, blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = OperationQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "reference"]

    def __str__(self):
        return f"{self.name} ({self.reference})"

    @classmethod
    def scope_for_user(cls, queryset, user):
        """Operations led by an organisation where the user works in partnership, or joined by one of
        them while an information sharing agreement covering operations is in force with the lead
        agency (an expired agreement stops the sharing)."""
        from clearsight.partnership.api import organisations_sharing_with

        orgs = partnership_org_ids(user)
        if not orgs:
            return queryset.none()
        joined = Operation.participating_agencies.through.objects.filter(organisation_id__in=orgs).values("operation_id")
        agreed = organisations_sharing_with(orgs, "operations")
        return queryset.filter(Q(lead_agency_id__in=orgs) | Q(pk__in=joined, lead_agency_id__in=agreed))

    @property
    def arrests(self):
        return self.arrests_modern_slavery + self.arrests_immigration + self.arrests_other


class OperationVictim(models.Model):
    """A potential victim identified during an operation: a link to the concern's person, to the
    support case, or to both. Nothing about the person is stored here."""

    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="victims")
    concern_person = models.ForeignKey("concerns.ConcernPerson", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+")
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(concern_person__isnull=False) | Q(case__isnull=False),
                                   name="operation_victim_linked"),
            models.UniqueConstraint(fields=["operation", "concern_person"], name="operation_victim_once_by_concern"),
            models.UniqueConstraint(fields=["operation", "case"], name="operation_victim_once_by_case"),
        ]


class Intervention(models.Model):
    """What one agency did during the operation, counted (inspections, visits, notices served)."""

    class Kind(models.TextChoices):
        LICENSING = "licensing", "Licensing inspection"
        HOUSING = "housing", "Housing standards inspection"
        FIRE = "fire", "Fire safety inspection"
        ENVIRONMENTAL_HEALTH = "environmental_health", "Environmental health or food hygiene inspection"
        HEALTH_AND_SAFETY = "health_and_safety", "Health and safety inspection"
        IMMIGRATION = "immigration", "Immigration check"
        WAGES = "wages", "Minimum wage or tax check"
        WELFARE = "welfare", "Welfare check of workers"
        SAFEGUARDING = "safeguarding", "Safeguarding visit"
        OTHER = "other", "Other"

    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="interventions")
    agency = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    count = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["agency__name", "kind"]
