"""Forms for intelligence, premises and businesses. Each field is shown with ``{% govuk_field %}``."""

from django import forms
from django.utils import timezone

from clearsight.core.fields import GovUKDateField
from clearsight.core.models import Organisation

from .models import IntelligenceReport
from .premises_types import offered_types

R = IntelligenceReport


def _organisation_field(form, organisations, what):
    if len(organisations) > 1:
        form.fields["organisation"] = forms.ChoiceField(
            label=f"Which organisation is recording this {what}?", widget=forms.RadioSelect,
            choices=[(str(o.public_id), o.name) for o in organisations],
            error_messages={"required": "Select the organisation recording it"})
    form.organisations = {str(o.public_id): o for o in organisations}


def _chosen_organisation(form):
    if "organisation" in form.fields:
        return form.organisations.get(form.cleaned_data.get("organisation"))
    return next(iter(form.organisations.values()), None)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class PremisesForm(forms.Form):
    address = forms.CharField(label="Address", max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages={"required": "Enter the address of the premises"})
    postcode = forms.CharField(label="Postcode", max_length=10, required=False,
                               widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}))
    premises_type = forms.ChoiceField(label="Type of premises", choices=offered_types, widget=forms.RadioSelect,
                                      error_messages={"required": "Select the type of premises"})

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        _organisation_field(self, list(organisations), "premises")
        if "organisation" in self.fields:
            self.order_fields(["organisation", "address", "postcode", "premises_type"])

    def clean_postcode(self):
        return self.cleaned_data["postcode"].strip().upper()

    @property
    def chosen_organisation(self):
        return _chosen_organisation(self)


class BusinessForm(forms.Form):
    name = forms.CharField(label="Name", max_length=300, error_messages={"required": "Enter the name of the business"})
    trading_names = forms.CharField(label="Other names it trades as", required=False, max_length=2000,
                                    widget=forms.Textarea(attrs={"rows": 3}), help_text="One name a line.")
    company_number = forms.CharField(label="Company number", max_length=12, required=False,
                                     widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
                                     help_text="If it is a registered company, for example 01234567.")
    address = forms.CharField(label="Address", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    postcode = forms.CharField(label="Postcode", max_length=10, required=False,
                               widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}))
    premises = forms.MultipleChoiceField(label="Premises it uses", required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, organisations=(), premises=(), **kwargs):
        super().__init__(*args, **kwargs)
        _organisation_field(self, list(organisations), "business")
        self.premises_by_id = {str(p.public_id): p for p in premises}
        if self.premises_by_id:
            self.fields["premises"].choices = [(k, str(p)) for k, p in self.premises_by_id.items()]
        else:
            del self.fields["premises"]
        if "organisation" in self.fields:
            self.order_fields(["organisation"])

    def clean_company_number(self):
        value = self.cleaned_data["company_number"].strip().upper().replace(" ", "")
        if value and not value.isalnum():
            raise forms.ValidationError("Company number must contain only letters and numbers, like 01234567")
        return value

    def clean_postcode(self):
        return self.cleaned_data["postcode"].strip().upper()

    def clean_premises(self):
        return [self.premises_by_id[k] for k in self.cleaned_data.get("premises", [])]

    @property
    def chosen_organisation(self):
        return _chosen_organisation(self)


class ReportForm(forms.Form):
    date = GovUKDateField(label="Date of the intelligence", what="the date of the intelligence",
                          help_text="When it was obtained, for example 27 3 2026",
                          error_messages={"required": "Enter the date of the intelligence"})
    subject_kind = forms.ChoiceField(label="What is it about?", choices=R.Subject.choices, widget=forms.RadioSelect,
                                     error_messages={"required": "Select what the intelligence is about"})
    premises = forms.MultipleChoiceField(label="Premises it is about", required=False, widget=forms.CheckboxSelectMultiple)
    businesses = forms.MultipleChoiceField(label="Businesses it is about", required=False, widget=forms.CheckboxSelectMultiple)
    text = forms.CharField(label="The intelligence", max_length=10000, widget=forms.Textarea(attrs={"rows": 8}),
                           help_text="What is known, and how. Write facts, not opinions.",
                           error_messages={"required": "Enter the intelligence"})
    source_evaluation = forms.ChoiceField(label="How reliable is the source?", choices=R.Source.choices,
                                          widget=forms.RadioSelect,
                                          error_messages={"required": "Select how reliable the source is"})
    assessment = forms.ChoiceField(label="How does the source know it?", choices=R.Assessment.choices,
                                   widget=forms.RadioSelect,
                                   error_messages={"required": "Select how the source knows it"})
    handling_code = forms.ChoiceField(label="Who may it be shared with?", choices=R.Handling.choices,
                                      widget=forms.RadioSelect,
                                      error_messages={"required": "Select who it may be shared with"})
    conditions_organisations = forms.MultipleChoiceField(
        label="With handling code C: the only other organisations that may see it", required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="They must also have an active information sharing agreement covering intelligence.")
    handling_conditions = forms.CharField(label="Conditions on sharing", required=False, max_length=2000,
                                          widget=forms.Textarea(attrs={"rows": 3}),
                                          help_text="With handling code C: what the organisations may and may not do with it, "
                                                    "for example ‘Do not disclose to the premises owner’.")

    def __init__(self, *args, organisations=(), premises=(), businesses=(), partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        _organisation_field(self, list(organisations), "intelligence")
        self.premises_by_id = {str(p.public_id): p for p in premises}
        self.businesses_by_id = {str(b.public_id): b for b in businesses}
        self.partners_by_id = {str(o.public_id): o for o in partners}
        self.fields["premises"].choices = [(k, str(p)) for k, p in self.premises_by_id.items()]
        self.fields["businesses"].choices = [(k, str(b)) for k, b in self.businesses_by_id.items()]
        self.fields["conditions_organisations"].choices = [(k, o.name) for k, o in self.partners_by_id.items()]
        if "organisation" in self.fields:
            self.order_fields(["organisation"])

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value and value > timezone.localdate():
            raise forms.ValidationError("The date of the intelligence must be today or in the past")
        return value

    def clean_premises(self):
        return [self.premises_by_id[k] for k in self.cleaned_data.get("premises", [])]

    def clean_businesses(self):
        return [self.businesses_by_id[k] for k in self.cleaned_data.get("businesses", [])]

    def clean_conditions_organisations(self):
        return [self.partners_by_id[k] for k in self.cleaned_data.get("conditions_organisations", [])]

    def clean(self):
        data = super().clean()
        code = data.get("handling_code")
        if code == "C":
            if not data.get("conditions_organisations"):
                self.add_error("conditions_organisations",
                               "Select the organisations that may see it, or choose handling code P")
            if not (data.get("handling_conditions") or "").strip():
                self.add_error("handling_conditions", "Enter the conditions on sharing")
        elif code == "P" and data.get("conditions_organisations"):
            self.add_error("conditions_organisations",
                           "Only choose organisations with handling code C; with P it goes to every organisation "
                           "with an agreement")
        kind = data.get("subject_kind")
        if kind == R.Subject.PREMISES and "premises" in data and not data.get("premises") and self.premises_by_id:
            self.add_error("premises", "Select the premises it is about")
        if kind == R.Subject.BUSINESS and "businesses" in data and not data.get("businesses") and self.businesses_by_id:
            self.add_error("businesses", "Select the business it is about")
        return data

    @property
    def chosen_organisation(self):
        return _chosen_organisation(self)


class ConcernLinkForm(forms.Form):
    reference = forms.CharField(label="Concern reference", max_length=20,
                                widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
                                help_text="For example MS-AB12-CD34.",
                                error_messages={"required": "Enter the reference of the concern"})

    def __init__(self, *args, concerns=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.concerns = concerns

    def clean_reference(self):
        value = self.cleaned_data["reference"].strip().upper()
        concern = self.concerns.filter(reference=value).first() if self.concerns is not None else None
        if concern is None:
            raise forms.ValidationError("No concern you handle has that reference. Check it and try again")
        return concern


def partner_organisations(exclude_ids):
    return list(Organisation.objects.filter(is_active=True).exclude(pk__in=list(exclude_ids)).order_by("name"))
