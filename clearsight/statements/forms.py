"""Forms for the statement builder. Each field is shown with ``{% govuk_field %}``; ``version``
detects a second person's edit in between, and the values a form started from (``started_from``) let
that edit be merged with theirs (core.locking, ADR 0038)."""

from django import forms
from django.utils import timezone

from clearsight.core import locking
from clearsight.core.fields import GovUKDateField

from . import rules
from .models import RegistrySummary


def _date(label, what, hint="For example, 1 4 2026"):
    return GovUKDateField(label=label, what=what, help_text=hint, error_messages={"required": f"Enter {what}"})


class DetailsForm(locking.StartingValues, forms.Form):
    """The statement's title, the plans it uses and its periods."""

    plan = forms.ChoiceField(label="Action plan year the statement proposes activity for",
                             error_messages={"required": "Select the action plan year the statement proposes activity for"})
    reviewed_plan = forms.ChoiceField(label="Action plan year the statement reviews", required=False,
                                      help_text="Usually the year before. Choose ‘None’ for a council’s first statement.")
    title = forms.CharField(label="Title", max_length=200, required=False,
                            help_text="Leave empty to use ‘<council> Modern Slavery Statement <year>’",
                            widget=forms.TextInput(attrs={"class": "govuk-!-width-full"}))
    covers_from = _date("Start of the period the statement covers", "the start of the period the statement covers")
    covers_to = _date("End of the period the statement covers", "the end of the period the statement covers",
                      "For example, 31 3 2027")
    figures_from = _date("Start of the period the figures cover", "the start of the period the figures cover",
                         "For example, 1 4 2025")
    figures_to = _date("End of the period the figures cover", "the end of the period the figures cover",
                       "For example, 31 3 2026")
    version = forms.IntegerField(widget=forms.HiddenInput, initial=0)

    def __init__(self, *args, plans, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.plans = {str(p.public_id): p for p in plans}
        self.fields["plan"].choices = [("", "Select a year")] + [(k, p.title) for k, p in self.plans.items()]
        self.fields["reviewed_plan"].choices = [("", "None")] + [
            (k, f"{p.title} ({p.get_status_display().lower()})") for k, p in self.plans.items()]

    @staticmethod
    def initial_for(statement):
        return {"plan": str(statement.plan.public_id),
                "reviewed_plan": str(statement.reviewed_plan.public_id) if statement.reviewed_plan else "",
                "title": statement.title, "covers_from": statement.covers_from, "covers_to": statement.covers_to,
                "figures_from": statement.figures_from, "figures_to": statement.figures_to,
                "version": statement.version}

    def clean_plan(self):
        value = self.cleaned_data["plan"]
        if value not in self.plans:
            raise forms.ValidationError("Select the action plan year the statement proposes activity for")
        return self.plans[value]

    def clean_reviewed_plan(self):
        value = self.cleaned_data["reviewed_plan"]
        if not value:
            return None
        if value not in self.plans:
            raise forms.ValidationError("Select the action plan year the statement reviews, or ‘None’")
        return self.plans[value]

    def clean(self):
        data = super().clean()
        errors = rules.period_errors(data.get("covers_from"), data.get("covers_to"), data.get("figures_from"),
                                     data.get("figures_to"), self.today)
        errors.update(rules.plan_errors(data.get("plan"), data.get("reviewed_plan")))
        for field, message in errors.items():
            self.add_error(field, message)
        return data


class SectionForm(locking.StartingValues, forms.Form):
    title = forms.CharField(label="Heading", max_length=200, required=False,
                            widget=forms.TextInput(attrs={"class": "govuk-!-width-full"}))
    text = forms.CharField(label="Text", required=False, max_length=20000,
                           widget=forms.Textarea(attrs={"rows": 16}),
                           help_text="Leave a blank line between paragraphs. Start a line with a dash (-) to make a "
                                     "bulleted list.",
                           error_messages={"max_length": "The text must be 20,000 characters or fewer"})
    completed = forms.ChoiceField(label="Have you completed this section?", widget=forms.RadioSelect,
                                  choices=[("yes", "Yes, I’ve completed this section"),
                                           ("no", "No, I’ll come back to it later")],
                                  error_messages={"required": "Select whether you have completed this section"})
    version = forms.IntegerField(widget=forms.HiddenInput, initial=0)

    def __init__(self, *args, custom, **kwargs):
        super().__init__(*args, **kwargs)
        self.custom = custom
        if not custom:
            del self.fields["title"]

    @staticmethod
    def initial_for(section):
        """The form's values for ``section`` as saved now (None: a new section of one's own)."""
        if section is None:
            return {"version": 0, "completed": ""}
        return {"title": section.title, "text": section.text, "version": section.version,
                "completed": "yes" if section.completed else ("no" if section.updated_at else "")}

    def clean(self):
        data = super().clean()
        if self.custom and not (data.get("title") or "").strip():
            self.add_error("title", "Enter a heading for the section")
        if data.get("completed") == "yes" and not (data.get("text") or "").strip():
            self.add_error("text", "Write the section before marking it as completed")
        return data


class SignOffForm(locking.StartingValues, forms.Form):
    """Up to three people who sign the statement off."""

    SLOTS = 3
    version = forms.IntegerField(widget=forms.HiddenInput, initial=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, self.SLOTS + 1):
            self.fields[f"name_{n}"] = forms.CharField(label="Name", max_length=200, required=False,
                                                       widget=forms.TextInput(attrs={"autocomplete": "off"}))
            self.fields[f"role_{n}"] = forms.CharField(label="Role", max_length=200, required=False,
                                                       help_text="For example, Leader of the Council")
            self.fields[f"name_{n}"].what = f"the name of person {n}"
            self.fields[f"role_{n}"].what = f"the role of person {n}"

    @staticmethod
    def initial_for(statement):
        """The form's values for the people who sign ``statement`` off, as saved now."""
        initial = {"version": statement.version}
        for n, person in enumerate(statement.signatories.all(), start=1):
            initial.update({f"name_{n}": person.name, f"role_{n}": person.role})
        return initial

    def clean(self):
        data = super().clean()
        people = []
        for n in range(1, self.SLOTS + 1):
            name, role = (data.get(f"name_{n}") or "").strip(), (data.get(f"role_{n}") or "").strip()
            if name and not role:
                self.add_error(f"role_{n}", f"Enter the role of {name}")
            elif role and not name:
                self.add_error(f"name_{n}", f"Enter the name of the {role}")
            elif name:
                people.append((name, role))
        if not people and not self.errors:
            self.add_error("name_1", "Enter the name of at least one person who signs the statement off")
        data["people"] = people
        return data

    def slots(self):
        return [(self[f"name_{n}"], self[f"role_{n}"], n) for n in range(1, self.SLOTS + 1)]


class VersionForm(forms.Form):
    note = forms.CharField(label="Note about this version", max_length=500, required=False,
                           help_text="For example, ‘Sent to the leadership team for comments’",
                           widget=forms.TextInput(attrs={"class": "govuk-!-width-full"}))


class ApproveForm(forms.Form):
    approved_on = _date("Date of approval", "the date of approval", "The date the statement was approved. "
                        "For example, 14 7 2026")
    version = forms.IntegerField(widget=forms.HiddenInput, initial=0)

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def clean_approved_on(self):
        value = self.cleaned_data["approved_on"]
        if value and value > self.today:
            raise forms.ValidationError("The date of approval must be today or in the past")
        return value


class RegistryForm(locking.StartingValues, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, initial=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in RegistrySummary.AREAS:
            self.fields[key] = forms.CharField(label=label, required=False, max_length=5000,
                                               widget=forms.Textarea(attrs={"rows": 5}),
                                               error_messages={"max_length": f"{label} must be 5,000 characters or fewer"})

    @staticmethod
    def initial_for(summary):
        return {key: getattr(summary, key) for key, _ in RegistrySummary.AREAS} | {"version": summary.version}

    def area_fields(self):
        return [self[key] for key, _ in RegistrySummary.AREAS]
