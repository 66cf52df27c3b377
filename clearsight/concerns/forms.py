"""The questions of the report-a-concern journey, one page each, and the triage form."""

from django import forms

from clearsight.core.fields import GovUKDateField

from .consent import ReportedConsent
from .models import Action, Concern, ConcernPerson, ExploitationType, Indicator, Triage
from .routing import AgeGroup

TEXT_LIMIT = 15000

YES_NO = [("yes", "Yes"), ("no", "No")]


def yes_no(value):
    return None if value in (None, "") else value == "yes"


def as_yes_no(value):
    return "" if value is None else ("yes" if value else "no")


class DangerForm(forms.Form):
    immediate_danger = forms.ChoiceField(
        label="Is anyone in immediate danger?", choices=Concern.Danger.choices, widget=forms.RadioSelect,
        help_text="For example, someone is being hurt or threatened now, or is about to be moved.",
        error_messages={"required": "Select if anyone is in immediate danger"},
    )


class PoliceForm(forms.Form):
    called_999 = forms.ChoiceField(
        label="Have you called 999?", choices=YES_NO, widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you have called 999"},
    )
    police_reference = forms.CharField(
        label="Police reference number (if you have one)", required=False, max_length=60,
        help_text="The incident or crime reference the police gave you. You can add it later.",
    )


class WhatForm(forms.Form):
    what_happened = forms.CharField(
        label="What did you see or hear?", widget=forms.Textarea(attrs={"rows": 8}), max_length=TEXT_LIMIT,
        help_text="Say what made you concerned, in your own words. Include what people said, how they looked and behaved, and anything about where they live or work.",
        error_messages={"required": "Enter what you saw or heard"},
    )


class WhereForm(forms.Form):
    location = forms.CharField(
        label="Address or place", widget=forms.Textarea(attrs={"rows": 3}), max_length=1000,
        help_text="As much of the address as you know, or describe the place, such as 'the car wash behind the station'.",
        error_messages={"required": "Enter the address or describe the place"},
    )
    premises_type = forms.ChoiceField(
        label="What kind of place is it?", widget=forms.RadioSelect,
        choices=[c for c in Concern.Premises.choices if c[0] != Concern.Premises.FACTORY_OR_WAREHOUSE],
        error_messages={"required": "Select what kind of place it is"},
    )
    premises_other = forms.CharField(label="If somewhere else, what kind of place?", required=False, max_length=200)

    def clean(self):
        data = super().clean()
        if data.get("premises_type") == Concern.Premises.OTHER and not data.get("premises_other"):
            self.add_error("premises_other", "Enter what kind of place it is")
        return data


class WhenForm(forms.Form):
    seen_on = GovUKDateField(
        label="When did you see or hear this?", what="the date you saw or heard this",
        help_text="For example, 3 11 2026. If you are not sure, give your best guess.",
        error_messages={"required": "Enter the date you saw or heard this"},
    )
    still_happening = forms.ChoiceField(
        label="Do you think it is still happening?", choices=YES_NO + [("not_sure", "I'm not sure")],
        widget=forms.RadioSelect, error_messages={"required": "Select if you think it is still happening"},
    )

    def clean_seen_on(self):
        from django.utils import timezone

        value = self.cleaned_data["seen_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError("The date you saw or heard this must be today or in the past")
        return value


class PersonForm(forms.Form):
    name = forms.CharField(
        label="Their name, or a description", required=False, max_length=200,
        help_text="Only if you know it. A description is fine, such as 'young man working at the car wash'.",
    )
    age_group = forms.ChoiceField(
        label="How old are they?", choices=ConcernPerson.AGE_CHOICES, widget=forms.RadioSelect,
        help_text="If you do not know, choose 'Not known'. Anyone who might be under 18 is treated as a child until their age is known.",
        error_messages={"required": "Select how old they are, or 'Not known'"},
    )
    gender = forms.ChoiceField(
        label="Gender (optional)", required=False, widget=forms.RadioSelect,
        choices=[("female", "Female"), ("male", "Male"), ("unknown", "Not known")],
    )
    nationality = forms.CharField(label="Nationality or language they speak (optional)", required=False, max_length=100)


class WishesForm(forms.Form):
    """For an adult: what the reporter knows of their consent to the report, and their wishes."""

    reported_consent = forms.ChoiceField(
        label="Do they know you are reporting this, and do they agree?", choices=ReportedConsent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select if they know about this report, or 'I do not know'"},
    )
    reported_wishes = forms.CharField(
        label="What do they want to happen? (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_LIMIT,
        help_text="In their words if you can, such as 'she does not want anyone told' or 'he wants to leave but is "
                  "scared of losing his job'. It helps the first responder talk to them about what happens next.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reported_consent"].item_hints = {
            ReportedConsent.UNABLE: "For example, because of a learning disability, an illness, or drink or drugs.",
        }


class AddInformationForm(forms.Form):
    text = forms.CharField(
        label="Add information to your report", widget=forms.Textarea(attrs={"rows": 8}), max_length=TEXT_LIMIT,
        help_text="Anything you have seen, heard or found out since you sent it. The first responder and anyone "
                  "working on it will see it, with today's date.",
        error_messages={"required": "Enter the information you want to add"},
    )


class MorePeopleForm(forms.Form):
    more = forms.ChoiceField(
        label="Do you know about anyone else involved?", choices=YES_NO, widget=forms.RadioSelect,
        help_text="Someone else who may be being exploited. Do not include the people you think are exploiting them.",
        error_messages={"required": "Select yes if you know about anyone else involved"},
    )


class IndicatorsForm(forms.Form):
    """The signs, one group of checkboxes per theme (``indicators_<theme>``), only those of ``categories``
    (see signs.categories_for: an adult's report shows no children's signs)."""

    def __init__(self, *args, categories=None, **kwargs):
        from .signs import categories_for, grouped

        super().__init__(*args, **kwargs)
        self.groups = grouped(Indicator.objects.all(), categories or categories_for([]))
        for group in self.groups:
            self.fields[f"indicators_{group.code}"] = forms.MultipleChoiceField(
                label=group.label, choices=group.items, required=False, widget=forms.CheckboxSelectMultiple,
            )
        self.fields["indicator_details"] = forms.CharField(
            label="Anything else you noticed (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4}),
            max_length=TEXT_LIMIT,
        )


class ExploitationForm(forms.Form):
    exploitation_types = forms.MultipleChoiceField(
        label="What kind of exploitation might this be?", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Select all that might apply. If you do not know, leave them all unticked.",
    )
    exploitation_other = forms.CharField(label="If other, what kind?", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exploitation_types"].choices = [(t.code, t.label) for t in ExploitationType.objects.all()]


class BusinessForm(forms.Form):
    business_involved = forms.ChoiceField(
        label="Is a business or organisation involved?", choices=YES_NO + [("not_sure", "I'm not sure")],
        widget=forms.RadioSelect,
        help_text="For example, the place they work, an employment agency, or a supplier or contractor of the council.",
        error_messages={"required": "Select if a business or organisation is involved"},
    )
    business_details = forms.CharField(
        label="Name and address of the business or organisation, if you know them", required=False,
        widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
    )


# --- triage -------------------------------------------------------------------------------------

class TriageForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What is your judgement?", choices=Triage.Outcome.choices, widget=forms.RadioSelect,
        help_text="Indicators support your judgement; they do not decide it. Your name is recorded with this decision.",
        error_messages={"required": "Select your judgement"},
    )
    reasoning = forms.CharField(
        label="Why? Give your reasons", widget=forms.Textarea(attrs={"rows": 5}), max_length=TEXT_LIMIT,
        error_messages={"required": "Enter the reasons for your judgement"},
    )
    immediate_danger = forms.ChoiceField(
        label="Is anyone in immediate danger now?", choices=YES_NO, widget=forms.RadioSelect,
        error_messages={"required": "Select yes if anyone is in immediate danger now"},
    )
    supplier_involved = forms.ChoiceField(
        label="Is a supplier or contractor of the council involved?", choices=YES_NO, widget=forms.RadioSelect,
        error_messages={"required": "Select yes if a supplier or contractor is involved"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, reported=None, **kwargs):
        """``reported``: field name -> the reporter's answer (triage_summary.ReportedAnswer), shown as the hint."""
        super().__init__(*args, **kwargs)
        for name, answer in (reported or {}).items():
            if answer.hint:
                self.fields[name].help_text = answer.hint


class TriagePersonForm(forms.Form):
    """The facts the law turns on, for one person."""

    is_potential_victim = forms.ChoiceField(
        label="Are they a potential victim?", choices=YES_NO, widget=forms.RadioSelect,
        error_messages={"required": "Select yes if they are a potential victim"},
    )
    age_group = forms.ChoiceField(
        label="Age", choices=ConcernPerson.AGE_CHOICES, widget=forms.RadioSelect,
        help_text="Someone whose age is not known but may be under 18 is treated as a child.",
        error_messages={"required": "Select their age group"},
    )
    consent = forms.ChoiceField(
        label="For adults: do they consent to an NRM referral?", choices=ConcernPerson.CONSENT_CHOICES,
        widget=forms.RadioSelect, required=False,
        help_text="Children are referred without consent. Explain the NRM first, in a language they understand.",
    )
    care_and_support_needs = forms.ChoiceField(
        label="For adults: do they have care and support needs?", choices=YES_NO, widget=forms.RadioSelect, required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("is_potential_victim") == "yes" and data.get("age_group") == AgeGroup.ADULT:
            if not data.get("consent"):
                self.add_error("consent", "Select whether they consent to an NRM referral")
            if not data.get("care_and_support_needs"):
                self.add_error("care_and_support_needs", "Select yes if they have care and support needs")
        return data


class CompleteActionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What happened?", widget=forms.RadioSelect,
        choices=[(Action.Status.DONE, "Done"), (Action.Status.NOT_NEEDED, "Not needed")],
        error_messages={"required": "Select whether the action was done or was not needed"},
    )
    reference = forms.CharField(label="Reference", required=False, max_length=100)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=TEXT_LIMIT)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Action.Status.DONE and not data.get("reference"):
            self.add_error("reference", "Enter the reference you were given, or 'none given'")
        if data.get("outcome") == Action.Status.NOT_NEEDED and not data.get("notes"):
            self.add_error("notes", "Explain why this action is not needed")
        return data
