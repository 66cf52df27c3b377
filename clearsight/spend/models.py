"""Spend: the payments an organisation publishes in its "spend over £500" files, imported line by line.

A SpendImport is one uploaded file (kept under PRIVATE_FILES_ROOT only until it is imported); each
SpendLine keeps the import (and so the file name) and the row number a person would count in the
file. A SpendMapping remembers which file column means what, per publisher and header layout, once a
person has confirmed it.
"""

import uuid

from django.conf import settings
from django.db import models

from clearsight.core.models import Organisation
from clearsight.core.roles import Capability
from clearsight.core.scoping import ScopedQuerySet
from clearsight.supply.api import Supplier, supply_data_org_ids, supply_org_ids


def _view_scope(queryset, viewer):
    if not viewer.can(Capability.VIEW_SUPPLIERS):
        return queryset.none()
    return queryset.filter(organisation_id__in=supply_org_ids(viewer))


class SpendMapping(models.Model):
    """Which column of a publisher's file holds which field, remembered once a person confirmed it.
    Keyed by the publisher and the file's header signature (its normalised column names). People see,
    change and forget these on the remembered layouts page (issue 16)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    publisher = models.CharField(max_length=200, help_text="Who published the file, for example Oxford City Council.")
    publisher_key = models.CharField(max_length=200)
    header_signature = models.CharField(max_length=64)
    header = models.JSONField(default=list, help_text="The file's column names, as published.")
    mapping = models.JSONField(default=dict, help_text="Field name -> column index.")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    confirmed_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "remembered spend layout"
        constraints = [models.UniqueConstraint(fields=["organisation", "publisher_key", "header_signature"],
                                               name="unique_spend_mapping")]

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        return queryset.filter(organisation_id__in=supply_data_org_ids(viewer))


class SpendImport(models.Model):
    """One uploaded spend file and what became of it."""

    class Status(models.TextChoices):
        READING = "reading", "Reading the file"
        NEEDS_MAPPING = "needs_mapping", "Check the columns"
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        IMPORTED = "imported", "Imported"
        NOTHING_NEW = "nothing_new", "Already imported"
        REJECTED = "rejected", "Rejected"
        FAILED = "failed", "Failed"
        UNDONE = "undone", "Undone"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="spend_imports")
    publisher = models.CharField(max_length=200)
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64, db_index=True)
    file_size = models.PositiveBigIntegerField(default=0)
    stored_path = models.CharField(max_length=500, blank=True, help_text="Relative to PRIVATE_FILES_ROOT; empty once imported.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEEDS_MAPPING)
    header_row = models.PositiveIntegerField(null=True, blank=True, help_text="Row number of the header; empty if none.")
    header = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    period_start = models.DateField(null=True, blank=True, help_text="The period the file covers, if given.")
    period_end = models.DateField(null=True, blank=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    stage = models.CharField(max_length=100, blank=True)
    line_count = models.PositiveIntegerField(default=0, help_text="Lines added by this import.")
    duplicate_count = models.PositiveIntegerField(default=0, help_text="Lines already imported from an earlier file.")
    total_amount = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    report = models.JSONField(default=dict, blank=True, help_text="Warnings, notes and rejected rows.")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    layout = models.ForeignKey(SpendMapping, null=True, blank=True, on_delete=models.SET_NULL, related_name="imports",
                               help_text="The remembered layout this file was imported with.")
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    undone_at = models.DateTimeField(null=True, blank=True, help_text="When the import was undone (its lines removed).")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.file_name

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        return _view_scope(queryset, viewer)

    @property
    def is_finished(self):
        return self.status in {self.Status.IMPORTED, self.Status.NOTHING_NEW, self.Status.REJECTED, self.Status.FAILED,
                               self.Status.UNDONE}

    @property
    def percent_done(self):
        if self.is_finished:
            return 100
        if not self.rows_total:
            return 0
        return min(99, int(100 * self.rows_done / self.rows_total))


class SpendLine(models.Model):
    """One payment line of a spend file."""

    class PayeeKind(models.TextChoices):
        SUPPLIER = "supplier", "Supplier"
        REDACTED = "redacted", "Redacted"
        CARD = "card", "Card payment"
        BLANK = "blank", "No payee given"

    # The three keys have no database constraint (ADR 0014): a million lines would mean three
    # million row-by-row checks of keys the import sets itself, once per import (its organisation,
    # its own record, and suppliers it has just resolved and checks exist). Django still applies
    # the on_delete rules.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="spend_lines",
                                     db_index=False, db_constraint=False)  # in the (organisation, supplier, paid_on) index
    # No index of its own: lines are found by import only when an import is removed (rare).
    spend_import = models.ForeignKey(SpendImport, on_delete=models.CASCADE, related_name="lines", db_index=False,
                                     db_constraint=False)
    source_row = models.PositiveIntegerField(help_text="Row number in the file as a person counts it (header = 1).")
    payee_name = models.CharField(max_length=300, blank=True)
    payee_kind = models.CharField(max_length=10, choices=PayeeKind.choices, default=PayeeKind.SUPPLIER)
    supplier = models.ForeignKey(Supplier, null=True, blank=True, on_delete=models.PROTECT, related_name="spend_lines",
                                 db_index=False, db_constraint=False)  # in the (organisation, supplier, paid_on) index
    amount = models.DecimalField(max_digits=14, decimal_places=2, help_text="Negative for credit notes.")
    paid_on = models.DateField(null=True, blank=True, help_text="Empty when the file gives no date.")
    # Texts as the file has them, in full (issue 16); pages shorten them for display.
    category = models.TextField(blank=True)
    expense_code = models.TextField(blank=True)
    service_area = models.TextField(blank=True)
    reference = models.TextField(blank=True, help_text="Transaction reference in the file.")
    capital_revenue = models.TextField(blank=True)
    payee_code = models.TextField(blank=True, help_text="The publisher's own supplier id.")
    # Supplier identifiers where the file publishes them (issue 16), for matching to the company register.
    company_number = models.TextField(blank=True, default="", help_text="The supplier's company number, as published.")
    vat_number = models.TextField(blank=True, default="", help_text="The supplier's VAT number, as published.")
    postcode = models.TextField(blank=True, default="", help_text="The supplier's postcode, as published.")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        # One index: every index slows a million-line import (ADR 0014). It serves the supplier page
        # (organisation and supplier), totals per supplier over a period, and totals per organisation.
        indexes = [models.Index(fields=["organisation", "supplier", "paid_on"], name="spend_line_supplier")]

    def __str__(self):
        return f"{self.payee_name or self.get_payee_kind_display()} {self.amount}"

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        return _view_scope(queryset, viewer)
