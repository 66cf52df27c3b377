"""Forms for planning operations and recording what they achieved. Each field is shown with
``{% govuk_field %}``; ``version`` detects a second person's edit in between."""

import re

from django import forms

from clearsight.cases.api import case_by_reference, cases_opened_from
from clearsight.concerns.api import concern_by_reference, exploitation_type_ids, exploitation_types
from clearsight.core import locking
from clearsight.core.fields import GovUKDateField
from clearsight.core.models import Organisation

from . import services
from .models import Intervention, Operation


def _count(label, hint=""):
    return forms.IntegerField(
        label=label, min_value=0, max_value=10000, initial=0, help_text=hint,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={"required": f"Enter the number of {label[0].lower() + label[1:]}, or 0",
                        "invalid": f"{label} must be a whole number, like 2",
                        "min_value": f"{label} must be 0 or more", "max_value": f"{label} must be 10,000 or fewer"})


class PlanForm(locking.StartingValues, forms.Form):
    """An operation's plan. The version and the values the form started from let a save refused because
    someone else saved first be merged with theirs (core.locking)."""

    name = forms.CharField(label="Operation name", max_length=200,
                           help_text="For example, ‘Operation Aidant: car washes’",
                           error_messages={"required": "Enter the operation name"})
    date = GovUKDateField(label="Date of the operation", what="the date of the operation",
                          help_text="For example, 27 3 2026", error_messages={"required": "Enter the date of the operation"})
    status = forms.ChoiceField(label="Status", widget=forms.RadioSelect, choices=Operation.Status.choices,
                               initial=Operation.Status.PLANNED, error_messages={"required": "Select the status"})
    lead_agency = forms.ChoiceField(label="Lead agency", error_messages={"required": "Select the lead agency"})
    participating_agencies = forms.MultipleChoiceField(label="Other agencies taking part", required=False,
                                                       widget=forms.CheckboxSelectMultiple)
    target_premises = forms.MultipleChoiceField(label="Target premises", required=False, widget=forms.CheckboxSelectMultiple,
                                                help_text="Premises are added from intelligence. Select every one the operation will visit.")
    exploitation_types = forms.MultipleChoiceField(label="Types of exploitation suspected", required=False,
                                                   widget=forms.CheckboxSelectMultiple, help_text="Select all that apply")
    powers = forms.CharField(label="Powers to be used", required=False, max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text="For example, a warrant under section 23 of the Misuse of Drugs Act, licensing powers of entry")
    reception_arrangements = forms.CharField(label="Reception centre arrangements", required=False, max_length=4000,
                                             widget=forms.Textarea(attrs={"rows": 4}),
                                             help_text="Where potential victims will be taken, who staffs it, interpreters, and the first responders on call")
    version = forms.IntegerField(widget=forms.HiddenInput, initial=0)

    def __init__(self, *args, lead_choices, premises, **kwargs):
        super().__init__(*args, **kwargs)
        self.leads = {str(o.public_id): o for o in lead_choices}
        self.fields["lead_agency"].choices = ([("", "Select the lead agency")] if len(self.leads) > 1 else []) + [
            (k, o.name) for k, o in self.leads.items()]
        self.agencies = {str(o.public_id): o for o in Organisation.objects.filter(is_active=True)}
        self.fields["participating_agencies"].choices = [(k, o.name) for k, o in self.agencies.items()]
        self.premises = {str(p.public_id): p for p in premises}
        self.fields["target_premises"].choices = [(k, f"{p} ({p.get_premises_type_display()})") for k, p in self.premises.items()]
        self.fields["exploitation_types"].choices = exploitation_types()

    @staticmethod
    def initial_for(operation):
        return {
            "name": operation.name, "date": operation.date, "status": operation.status,
            "lead_agency": str(operation.lead_agency.public_id),
            "participating_agencies": [str(o.public_id) for o in operation.participating_agencies.all()],
            "target_premises": [str(p.public_id) for p in services.targeted_premises(operation)],
            "exploitation_types": [t.code for t in operation.exploitation_types.all()],
            "powers": operation.powers, "reception_arrangements": operation.reception_arrangements,
            "version": operation.version,
        }

    def clean_lead_agency(self):
        value = self.cleaned_data["lead_agency"]
        if value not in self.leads:
            raise forms.ValidationError("Select the lead agency")
        return self.leads[value]

    def clean_participating_agencies(self):
        return [self.agencies[k] for k in self.cleaned_data["participating_agencies"]]

    def clean_target_premises(self):
        return [self.premises[k] for k in self.cleaned_data["target_premises"]]

    def clean_exploitation_types(self):
        """The ids of the chosen types, for the operation's relation to them."""
        return exploitation_type_ids(self.cleaned_data["exploitation_types"])


class OutcomesForm(locking.StartingValues, forms.Form):
    """What an operation achieved. The version and the values the form started from let a save refused
    because someone else saved first be merged with theirs (core.locking)."""

    arrests_modern_slavery = _count("Arrests under the Modern Slavery Act 2015")
    arrests_immigration = _count("Arrests for immigration offences")
    arrests_other = _count("Arrests for other offences")
    closures = _count("Closure orders")
    prohibition_notices = _count("Prohibition notices")
    prevention_orders = _count("Slavery and trafficking prevention orders")
    risk_orders = _count("Slavery and trafficking risk orders")
    intelligence_reports = _count("Intelligence reports submitted", "New intelligence reports that came from the operation")
    intelligence_gained = forms.CharField(label="Intelligence gained", required=False, max_length=4000,
                                          widget=forms.Textarea(attrs={"rows": 4}),
                                          help_text="A summary. Do not name people here: put intelligence about people in an intelligence report.")
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIELDS = ["arrests_modern_slavery", "arrests_immigration", "arrests_other", "closures", "prohibition_notices",
              "prevention_orders", "risk_orders", "intelligence_reports", "intelligence_gained"]

    @classmethod
    def initial_for(cls, operation):
        return {**{name: getattr(operation, name) for name in cls.FIELDS}, "version": operation.version}


CONCERN_REF = re.compile(r"^MS-[A-Z0-9]{4}-[A-Z0-9]{4}$")
CASE_REF = re.compile(r"^CASE-[A-Z0-9]{4}-[A-Z0-9]{4}$")


class VictimForm(forms.Form):
    """Link a potential victim by the reference of the concern (and the person's number on it) or
    of the support case. Only records the user can already see are found."""

    reference = forms.CharField(label="Concern or case reference", max_length=20,
                                help_text="For example, MS-7K4Q-2D9X or CASE-3HJK-8PQR",
                                widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": False,
                                                              "autocomplete": "off"}),
                                error_messages={"required": "Enter the concern or case reference"})
    person = forms.IntegerField(label="Person number on the concern", required=False, min_value=1, max_value=50,
                                help_text="Only for a concern about more than one person: the concern page numbers them, such as Person 2",
                                widget=forms.NumberInput(attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}),
                                error_messages={"invalid": "The person number must be a number, like 2",
                                                "min_value": "The person number must be 1 or more",
                                                "max_value": "The person number must be 50 or fewer"})

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        reference = (data.get("reference") or "").strip().upper().replace(" ", "")
        if not reference or self.errors:
            return data
        data["concern_person"] = data["case"] = None
        if CONCERN_REF.match(reference):
            concern = concern_by_reference(self.user, reference)
            if concern is None:
                self.add_error("reference", "No concern with that reference is open to you. Ask its first responder to link it")
                return data
            people = list(concern.people.all())
            number = data.get("person") or (1 if len(people) == 1 else None)
            if number is None:
                self.add_error("person", f"This concern is about {len(people)} people. Enter the person number")
                return data
            match = next((p for p in people if p.position == number), None)
            if match is None:
                self.add_error("person", f"This concern has no person {number}")
                return data
            data["concern_person"] = match
            # The support case opened from this concern, when there is exactly one the user can see.
            cases = cases_opened_from(self.user, concern.public_id)
            data["case"] = cases[0] if len(cases) == 1 and len(people) == 1 else None
        elif CASE_REF.match(reference):
            case = case_by_reference(self.user, reference)
            if case is None:
                self.add_error("reference", "No case with that reference is open to you. Ask its caseworker to link it")
                return data
            data["case"] = case
        else:
            self.add_error("reference", "Enter a concern reference like MS-7K4Q-2D9X or a case reference like CASE-3HJK-8PQR")
        return data


class InterventionForm(forms.Form):
    agency = forms.ChoiceField(label="Agency", error_messages={"required": "Select the agency"})
    kind = forms.ChoiceField(label="What they did", widget=forms.RadioSelect, choices=Intervention.Kind.choices,
                             error_messages={"required": "Select what the agency did"})
    count = forms.IntegerField(label="How many", min_value=1, max_value=10000,
                               widget=forms.NumberInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
                               error_messages={"required": "Enter how many", "invalid": "How many must be a whole number, like 3",
                                               "min_value": "How many must be 1 or more",
                                               "max_value": "How many must be 10,000 or fewer"})

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = {str(o.public_id): o for o in agencies}
        self.fields["agency"].choices = [("", "Select the agency")] + [(k, o.name) for k, o in self.agencies.items()]

    def clean_agency(self):
        value = self.cleaned_data["agency"]
        if value not in self.agencies:
            raise forms.ValidationError("Select the agency")
        return self.agencies[value]
