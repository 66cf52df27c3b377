"""Matching records: loaded company register extracts, where a supplier's company number came from,
and the review queue of matches a person must confirm or reject."""

import uuid

from django.conf import settings
from django.db import models

from clearsight.core.models import Organisation
from clearsight.core.roles import Capability
from clearsight.core.scoping import ScopedQuerySet
from clearsight.supply.api import Supplier, supply_data_org_ids


class CompanyRegister(models.Model):
    """One loaded extract of a company register (public reference data, shared by every organisation)."""

    source = models.CharField(max_length=200, help_text="Where the extract came from, for example "
                              "'Modern Slavery Statement Registry, private organisations'.")
    version = models.CharField(max_length=100, blank=True, help_text="Its date or version, if known.")
    file_name = models.CharField(max_length=300)
    entry_count = models.PositiveIntegerField(default=0)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-loaded_at"]

    def __str__(self):
        return f"{self.source} {self.version}".strip()


class CompanyRegisterEntry(models.Model):
    register = models.ForeignKey(CompanyRegister, on_delete=models.CASCADE, related_name="entries")
    name = models.CharField(max_length=300)
    company_number = models.CharField(max_length=12, db_index=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    country = models.CharField(max_length=60, blank=True)
    source_row = models.PositiveIntegerField()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.company_number})"


class CompanyNumberSource(models.Model):
    """Where a supplier's company number came from, when matching set it."""

    METHODS = [("matched", "Matched automatically"), ("confirmed", "Confirmed by a person"),
               ("entered", "Entered by a person deciding a match")]

    supplier = models.OneToOneField(Supplier, on_delete=models.CASCADE, related_name="company_number_source")
    company_number = models.CharField(max_length=12)
    entry = models.ForeignKey(CompanyRegisterEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    register_label = models.CharField(max_length=300, blank=True, help_text=(
        "The register and version, kept if it is removed; empty for a number a person entered that no "
        "loaded register holds."))
    method = models.CharField(max_length=10, choices=METHODS)
    probability = models.FloatField()
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    at = models.DateTimeField(auto_now_add=True)


class MatchReview(models.Model):
    """A record and its possible matches, for a person to choose one of them or none.

    ``kind`` says what is being matched (see reviews.KINDS): "supplier" (a name in an import created a
    provisional supplier that may be an existing one) or "company" (a supplier may be a company in
    the register). The record and its candidates are kept as snapshots (``left``, ``candidates``) as
    they were compared, so the decision can always be shown as it was made. ``right``,
    ``probability``, ``reasons`` and the ``candidate_*`` fields describe the most likely candidate
    until a person decides, and then the one they chose."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        CONFIRMED = "confirmed", "Confirmed: the same organisation"
        REJECTED = "rejected", "Rejected: different organisations"
        WITHDRAWN = "withdrawn", "No longer needed"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    source = models.CharField(max_length=20, blank=True, help_text="What found it: spend, contracts, register.")
    subject_supplier = models.ForeignKey(Supplier, null=True, blank=True, on_delete=models.CASCADE,
                                         related_name="match_reviews")
    candidate_supplier = models.ForeignKey(Supplier, null=True, blank=True, on_delete=models.CASCADE,
                                           related_name="candidate_match_reviews")
    # A register loaded again replaces its entries: the review (and a decision's memory) stays, and
    # finds the company again by its number (candidate_ref).
    candidate_entry = models.ForeignKey(CompanyRegisterEntry, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")
    # For kinds added by other contexts: their own identifiers of the two records.
    subject_ref = models.CharField(max_length=64, blank=True)
    candidate_ref = models.CharField(max_length=64, blank=True)
    normalised = models.CharField(max_length=300, blank=True, help_text="The name's matching key (rejections remember it).")
    left = models.JSONField(default=dict)
    # The candidate shown first (the most likely); once decided, the one chosen.
    right = models.JSONField(default=dict)
    probability = models.FloatField()
    reasons = models.JSONField(default=list)
    candidates = models.JSONField(default=list, help_text=(
        "The candidates ranked, most likely first, as they were compared: each a dict with record (a "
        "snapshot), probability, reasons and what identifies it (supplier id, entry id, ref)."))
    why_asked = models.TextField(blank=True, help_text="Why Clearsight did not match them itself, in words.")
    suggests_none = models.BooleanField(default=False, help_text=(
        "Clearsight suggests none of these: the closest candidate is more likely another company (a group "
        "company, one of another country, or one whose name agrees only in part): linker.Ranked.suggests_none."))
    chosen = models.PositiveSmallIntegerField(null=True, blank=True, help_text=(
        "The position in candidates of the one a person chose; empty when none was (or not yet)."))
    withdrawn_because = models.TextField(blank=True, help_text=(
        "Why the question is no longer needed (its supplier merged into one with a company number, or given "
        "one meanwhile), in words: status withdrawn, asked of no one and learnt from by no run."))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["suggests_none", "-probability", "created_at"]
        indexes = [models.Index(fields=["organisation", "status"])]
        verbose_name = "supplier match"

    def __str__(self):
        return f"{self.left.get('name', '')} / {self.right.get('name', '')}"

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        if not viewer.can(Capability.MANAGE_SUPPLY_DATA):
            return queryset.none()
        return queryset.filter(organisation_id__in=supply_data_org_ids(viewer))


class MatchingRun(models.Model):
    """What the latest run of each source (a spend file, a contract register, the company register)
    did with an organisation's names, so that an empty review queue can say why it is empty."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=20, help_text="spend, contracts or register")
    counts = models.JSONField(default=dict)
    at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "source"], name="one_latest_run_per_source")]
        ordering = ["-at"]

    def __str__(self):
        return f"{self.source} {self.at:%Y-%m-%d}"

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        return MatchReview.scope_for_user(queryset, viewer)


class MatchingParameters(models.Model):
    """The matching model's parameters as estimated for one organisation and purpose (ADR 0032), kept
    so that each run does not estimate them again: Splink's m and u per comparison level, the settings
    they were used in, how they were found, from how many records and decisions, and when. They are
    estimated again when the records have grown or shrunk markedly, when people have decided pairs
    since, when the model's comparisons change, or on demand (manage.py train_matching)."""

    class Purpose(models.TextChoices):
        SUPPLIER_NAMES = "supplier names", "New names against the organisation's suppliers"
        COMPANY_REGISTER = "company register", "Suppliers against the company register"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=30, choices=Purpose.choices)
    parameters = models.JSONField(default=list, help_text=(
        "[{comparison, level, m, u}] as estimated, before people's decisions adjust them (they are "
        "applied on each run)."))
    settings = models.JSONField(default=dict, help_text="Splink's settings dictionary with these values.")
    model_fingerprint = models.CharField(max_length=64, help_text="Which comparisons and levels they are for.")
    method = models.TextField(help_text="How they were found, in words.")
    left_count = models.PositiveIntegerField(default=0)
    right_count = models.PositiveIntegerField(default=0, help_text="Records matched against (suppliers or register entries).")
    label_count = models.PositiveIntegerField(default=0, help_text="People's decisions there were.")
    seconds = models.FloatField(default=0.0, help_text="How long the estimation took.")
    estimated_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "purpose"], name="one_parameter_set_per_purpose")]
        ordering = ["organisation", "purpose"]
        verbose_name_plural = "matching parameters"

    def __str__(self):
        return f"{self.purpose} {self.estimated_at:%Y-%m-%d}"
