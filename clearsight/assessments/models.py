"""Supplier assessments and action plans.

An Assessment is one questionnaire sent to one supplier through a secure, expiring link. The supplier
answers without an account; a council user reviews the answers and the scored result, and marks it
reviewed (the assessment is then "completed" and counts as current for twelve months, until a later
one supersedes it). A sub-standard or poor result opens an ActionPlan with Actions; a plan closes
when every action is done or when it is escalated to sanctions or termination.

Links: the random token is shown once (in the email) and only its SHA-256 hash is stored.
Evidence files are kept under PRIVATE_FILES_ROOT/evidence with random names.
"""

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from clearsight.core.models import ChangeableRecord, Organisation
from clearsight.core.roles import Capability
from clearsight.core.scoping import ScopedQuerySet
from clearsight.supply.api import Supplier, SupplierContact, supply_org_ids


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _scope_to_assessors(queryset, viewer, org_field="organisation_id"):
    if not viewer.can(Capability.ASSESS_SUPPLIERS) and not viewer.can(Capability.VIEW_SUPPLIERS):
        return queryset.none()
    return queryset.filter(**{f"{org_field}__in": supply_org_ids(viewer)})


class Assessment(ChangeableRecord):
    """A questionnaire sent to a supplier, its answers, and the council's review of them."""

    class Status(models.TextChoices):
        SENT = "sent", "Sent"
        IN_PROGRESS = "in_progress", "Supplier answering"
        SUBMITTED = "submitted", "Waiting for review"
        REVIEWED = "reviewed", "Completed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Result(models.TextChoices):
        GOOD = "good", "Good"
        ADEQUATE = "adequate", "Adequate"
        SUB_STANDARD = "sub_standard", "Sub-standard"
        POOR = "poor", "Poor"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="supplier_assessments")
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="assessments")
    questionnaire = models.CharField(max_length=40, help_text="Key of the questionnaire version sent.")
    questionnaire_reason = models.CharField(max_length=500, blank=True,
                                            help_text="Why this questionnaire was chosen, in words.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SENT)

    # Who it went to
    contact = models.ForeignKey(SupplierContact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recipient_name = models.CharField(max_length=200, blank=True)
    recipient_email = models.EmailField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    # The link (only the hash of the token is kept)
    token_hash = models.CharField(max_length=64, unique=True)
    link_expires_at = models.DateTimeField()
    link_revoked_at = models.DateTimeField(null=True, blank=True)
    link_revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")

    # The supplier's answers: {question key: {"answer": ..., "detail": ...}}
    answers = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    declared_by_name = models.CharField(max_length=200, blank=True)
    declared_by_role = models.CharField(max_length=200, blank=True)

    # The council's review
    result = models.CharField(max_length=20, choices=Result.choices, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    explanation = models.JSONField(default=list, blank=True, help_text="Sentences explaining the result.")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True, help_text="The date the review was completed.")
    review_note = models.TextField(blank=True)
    superseded_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = "supplier assessment"
        indexes = [models.Index(fields=["organisation", "status", "completed_on"])]

    def __str__(self):
        return f"Assessment of {self.supplier}"

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        return _scope_to_assessors(queryset, viewer)

    @property
    def is_open_for_answers(self):
        return self.status in (self.Status.SENT, self.Status.IN_PROGRESS)


class EvidenceFile(models.Model):
    """A file uploaded as evidence: by the supplier for a question, or by a council user for an action."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(Assessment, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="evidence")
    action = models.ForeignKey("Action", null=True, blank=True, on_delete=models.CASCADE, related_name="evidence")
    question = models.CharField(max_length=60, blank=True)
    stored_name = models.CharField(max_length=100, unique=True, help_text="Random file name under evidence/.")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", help_text="Empty when the supplier uploaded it.")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = "evidence file"

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        return _scope_to_assessors(queryset, viewer)

    @property
    def path(self):
        return settings.PRIVATE_FILES_ROOT / "evidence" / self.stored_name


class ActionPlan(models.Model):
    """What a supplier must improve after a sub-standard or poor assessment."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    class Escalation(models.TextChoices):
        NONE = "", "Not escalated"
        SANCTIONS = "sanctions", "Sanctions"
        TERMINATION = "termination", "Termination"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="action_plans")
    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="action_plan")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    escalation = models.CharField(max_length=20, choices=Escalation.choices, blank=True, default="")
    escalation_reason = models.TextField(blank=True)
    escalated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    escalated_at = models.DateTimeField(null=True, blank=True)
    closing_note = models.TextField(blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = "action plan"

    def __str__(self):
        return f"Action plan for {self.supplier}"

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        return _scope_to_assessors(queryset, viewer)


class Action(ChangeableRecord):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    evidence_note = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = "action plan action"

    def __str__(self):
        return self.description[:60]

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        return _scope_to_assessors(queryset, viewer, "plan__organisation_id")
