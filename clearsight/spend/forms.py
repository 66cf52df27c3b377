"""Forms for the spend pages. Each field is shown with ``{% govuk_field %}``."""

from django import forms

from clearsight.core import locking
from clearsight.core.fields import GovUKDateField

from .parsing import FIELDS, REQUIRED_FIELDS

MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class UploadForm(forms.Form):
    publisher = forms.CharField(
        label="Who published the file?", max_length=200,
        help_text="For example, Oxford City Council. Clearsight remembers the columns of each publisher's files.",
        error_messages={"required": "Enter who published the file"})
    file = forms.FileField(label="Upload a spend file", help_text="A CSV file, an Excel workbook (.xlsx or .xls) or an OpenDocument spreadsheet (.ods).",
                           error_messages={"required": "Select a spend file"})

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        if len(organisations) > 1:
            self.fields["organisation"] = forms.ChoiceField(
                label="Which organisation's spend is this?", widget=forms.RadioSelect,
                choices=[(str(o.public_id), o.name) for o in organisations],
                error_messages={"required": "Select the organisation whose spend this is"})
            self.order_fields(["organisation", "publisher", "file"])

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise forms.ValidationError("The selected file is empty")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 200MB")
        if not upload.name.lower().endswith((".csv", ".txt", ".tsv", ".xlsx", ".xls", ".ods")):
            raise forms.ValidationError("The selected file must be a CSV file, an Excel workbook (.xlsx or .xls) or "
                                        "an OpenDocument spreadsheet (.ods)")
        return upload


HINTS = {"credit": "Optional. Where a ledger has a Debit and a Credit column: each line's credit is taken off "
                    "its amount, so choose the Debit column as the amount."}


class ColumnsForm(locking.StartingValues, forms.Form):
    """Which column holds each field (a remembered layout's page; the columns page adds the period).
    It carries the columns it started from, so that a change refused because someone else changed
    the layout first is merged with theirs (core.locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, header=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Not in this file")] + [(str(i), name or f"Column {i + 1} (no name)")
                                                  for i, name in enumerate(header)]
        fields = {}
        for key, label in FIELDS.items():
            required = key in REQUIRED_FIELDS
            fields[f"col_{key}"] = forms.ChoiceField(
                label=label, choices=choices, required=required,
                help_text="Needed." if required else HINTS.get(key, "Optional."),
                error_messages={"required": f"Select the column that holds the {label.lower()}"})
        self.fields = {**fields, **self.fields}

    def clean(self):
        data = super().clean()
        chosen = [data.get(f"col_{key}") for key in FIELDS if data.get(f"col_{key}")]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError("Each column can hold only one field. Choose a different column for each.")
        return data

    def columns(self):
        return {key: int(self.cleaned_data[f"col_{key}"]) for key in FIELDS if self.cleaned_data.get(f"col_{key}")}


class MappingForm(ColumnsForm):
    """Which column holds each field, with the file's period for lines without a date."""

    period_start = GovUKDateField(label="First day the file covers", what="the first day", required=False,
                                  help_text="Needed if no column holds the date. For example, 1 4 2014")
    period_end = GovUKDateField(label="Last day the file covers", what="the last day", required=False,
                                help_text="For example, 30 6 2014")

    def clean(self):
        data = super().clean()
        if self.has_error("period_start") or self.has_error("period_end"):
            return data  # a day that is not a real date says so on its own; it was entered
        start, end = data.get("period_start"), data.get("period_end")
        if not start and not end and not data.get("col_paid_on") and not self.errors.get("col_paid_on"):
            # Every line would have no date: without the period, nothing could tell its lines from
            # the same lines imported again, or place them in a year.
            self.add_error("period_start", "Enter the first day the file covers, as no column holds the date")
            self.add_error("period_end", "Enter the last day the file covers, as no column holds the date")
        elif bool(start) != bool(end):
            self.add_error("period_end" if start else "period_start", "Enter both the first and the last day, or neither")
        elif start and end and end < start:
            self.add_error("period_end", "The last day must be the same as or after the first day")
        return data


class ForgetLayoutForm(forms.Form):
    """Forgetting a remembered layout: the version the person saw on the confirmation page."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class UndoForm(forms.Form):
    """Undoing an import: the version of the import the person saw on the confirmation page."""

    version = forms.IntegerField(widget=forms.HiddenInput)
