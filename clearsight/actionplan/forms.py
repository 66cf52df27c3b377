"""Forms for the action plan. Each field is shown with ``{% govuk_field %}``; ``version`` detects a
second person's edit in between."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone

from clearsight.core import locking
from clearsight.core.dates import FinancialYear, long_date
from clearsight.core.fields import GovUKDateField

from . import rules
from .models import Area, Framework, PlanAction

YES_NO = [("yes", "Yes"), ("no", "No")]




def example(d) -> str:
    """A date as the hint of a day-month-year field shows it: "For example, 31 3 2027"."""
    return f"For example, {d.day} {d.month} {d.year}"


def next_plan_year(today) -> tuple:
    """(title, start, end) of the financial year after the current one, as the example a new plan
    year's fields show."""
    year = FinancialYear.containing(today).next
    return year.label, year.starts, year.ends


def _text(label, error, *, rows=None, max_length=4000, help_text="", required=True):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, max_length=max_length, required=required, help_text=help_text, widget=widget,
                           error_messages={"required": error,
                                           "max_length": f"{label} must be {max_length:,} characters or fewer"})


class PlanForm(forms.Form):
    title = _text("Title", "Enter a title for the plan year", max_length=100, help_text="For example, 2026 to 2027")
    starts_on = GovUKDateField(label="Start date", what="the start date", help_text="For example, 1 4 2026",
                               error_messages={"required": "Enter the start date"})
    ends_on = GovUKDateField(label="End date", what="the end date", help_text="For example, 31 3 2027",
                             error_messages={"required": "Enter the end date"})
    framework = forms.ChoiceField(label="Group the actions by", widget=forms.RadioSelect,
                                  error_messages={"required": "Select how the actions are grouped"})

    def __init__(self, *args, organisation, with_framework=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        title, starts_on, ends_on = next_plan_year(timezone.localdate())
        self.fields["title"].help_text = f"For example, {title}"
        self.fields["starts_on"].help_text = example(starts_on)
        self.fields["ends_on"].help_text = example(ends_on)
        if with_framework:
            self.frameworks = {f.code: f for f in Framework.objects.prefetch_related("areas")}
            self.fields["framework"].choices = [(code, f.name) for code, f in self.frameworks.items()]
            self.fields["framework"].item_hints = {
                code: ", ".join(a.name for a in f.areas.all()) for code, f in self.frameworks.items()}
        else:
            del self.fields["framework"]

    def clean_title(self):
        from . import services

        title = self.cleaned_data["title"].strip()
        if services.title_taken(self.organisation, title):
            raise forms.ValidationError(f"There is already a plan year called {title}: choose another title")
        return title

    def clean_framework(self):
        return self.frameworks[self.cleaned_data["framework"]]

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on <= starts_on:
            self.add_error("ends_on", "The end date must be after the start date")
        elif starts_on and ends_on:
            from . import services

            clash = services.overlapping_plan(self.organisation, starts_on, ends_on)
            if clash is not None:
                self.add_error("starts_on", f"These dates overlap the plan year {clash.title} ({long_date(clash.starts_on)} "
                                            f"to {long_date(clash.ends_on)}): choose dates outside it")
        return data


class ActionForm(locking.StartingValues, forms.Form):
    title = _text("Short name", "Enter a short name for the action", max_length=300,
                  help_text="For example, Modern slavery training for contract managers")
    description = _text("What will be done", "Enter what will be done", rows=4,
                        help_text="Write it as it should read in the statement")
    area = forms.ChoiceField(label="Area", widget=forms.RadioSelect, error_messages={"required": "Select the area"})
    owner = forms.ChoiceField(label="Owner", help_text="The person responsible, and the organisation they do it for",
                              error_messages={"required": "Select the owner"})
    due_on = GovUKDateField(label="Due date", what="the due date", help_text="For example, 31 3 2027",
                            error_messages={"required": "Enter the due date"})
    other_areas = forms.MultipleChoiceField(label="Also counts towards", required=False,
                                            widget=forms.CheckboxSelectMultiple,
                                            help_text="Areas of other frameworks, for reports that use them. Select all that apply.")
    version = forms.IntegerField(widget=forms.HiddenInput, initial=0)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["due_on"].help_text = f"Within the plan year. {example(plan.ends_on)}"
        self.areas = {a.code: a for a in plan.framework.areas.all()}
        self.fields["area"].choices = [(code, a.name) for code, a in self.areas.items()]
        self.fields["area"].item_hints = {code: a.description for code, a in self.areas.items()}
        self.others = {f"{a.framework.code}:{a.code}": a
                       for a in Area.objects.exclude(framework=plan.framework).select_related("framework")}
        self.fields["other_areas"].choices = [(k, f"{a.framework.name}: {a.name}") for k, a in self.others.items()]
        self.owners = {f"{u.public_id}:{o.public_id}": (u, o) for u, o in rules.owner_choices(plan)}
        self.fields["owner"].choices = [("", "Select the owner")] + [
            (k, f"{u.full_name}{', ' + u.job_title if u.job_title else ''} – {o.name}") for k, (u, o) in self.owners.items()]

    @staticmethod
    def initial_for(action):
        return {"title": action.title, "description": action.description, "area": action.area.code,
                "owner": f"{action.owner.public_id}:{action.owner_organisation.public_id}", "due_on": action.due_on,
                "other_areas": [f"{a.framework.code}:{a.code}" for a in action.other_areas.select_related("framework")],
                "version": action.version}

    def clean_area(self):
        return self.areas[self.cleaned_data["area"]]

    def clean_due_on(self):
        """Within the plan year: the year-end review asks what was done by then, and work that runs
        on is carried into the next year."""
        value = self.cleaned_data["due_on"]
        if not self.plan.starts_on <= value <= self.plan.ends_on:
            raise forms.ValidationError(f"The due date must be within the plan year, {long_date(self.plan.starts_on)} "
                                        f"to {long_date(self.plan.ends_on)}")
        return value

    def clean_other_areas(self):
        return [self.others[k] for k in self.cleaned_data["other_areas"]]

    def clean_owner(self):
        value = self.cleaned_data["owner"]
        if value not in self.owners:
            raise forms.ValidationError("Select the owner")
        return value

    def clean(self):
        data = super().clean()
        if "owner" in data:
            data["owner"], data["owner_organisation"] = self.owners[data["owner"]]
        return data


class ProgressForm(forms.Form):
    text = _text("What has happened", "Enter what has happened", rows=5,
                 help_text="For example, what was done, what is planned next and anything that is holding it up")
    status = forms.ChoiceField(label="Status of the action now", widget=forms.RadioSelect,
                               choices=[(v, label) for v, label in PlanAction.Status.choices if v != "not_done"],
                               error_messages={"required": "Select the status of the action now"})
    version = forms.IntegerField(widget=forms.HiddenInput, initial=0)


class ReviewOpenForm(forms.Form):
    review_due_on = GovUKDateField(label="Reply by", what="the reply-by date",
                                   help_text="Owners are chased after this date.",
                                   error_messages={"required": "Enter the date owners must reply by"})

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None:
            # About a month after the year ends, or from today if it has already ended.
            suggested = max(plan.ends_on, timezone.localdate()) + timedelta(days=30)
            self.fields["review_due_on"].help_text = f"Owners are chased after this date. {example(suggested)}"

    def clean_review_due_on(self):
        value = self.cleaned_data["review_due_on"]
        if value < timezone.localdate():
            raise forms.ValidationError("The reply-by date must be today or in the future")
        return value


class ResponseForm(locking.StartingValues, forms.Form):
    undertaken = _text("What was done", "Enter what was done", rows=6,
                       help_text="Write it as it should read in the statement under ‘activity undertaken’. "
                                 "If nothing was done, say why.")
    done = forms.ChoiceField(label="Was the action completed?", widget=forms.RadioSelect, choices=YES_NO,
                             error_messages={"required": "Select yes if the action was completed"})
    continues = forms.ChoiceField(label="Should it continue next year?", widget=forms.RadioSelect, choices=YES_NO,
                                  error_messages={"required": "Select yes if the action should continue next year"})
    next_year_description = _text("What it should say next year", "", rows=4, required=False,
                                  help_text="Only if it continues. Leave blank to keep the wording it has now.")
    version = forms.IntegerField(widget=forms.HiddenInput, initial=0)

    @staticmethod
    def initial_for(response):
        if response is None:
            return {"version": 0}
        return {"undertaken": response.undertaken, "done": "yes" if response.done else "no",
                "continues": "yes" if response.continues else "no",
                "next_year_description": response.next_year_description, "version": response.version}

    def clean_done(self):
        return self.cleaned_data["done"] == "yes"

    def clean_continues(self):
        return self.cleaned_data["continues"] == "yes"


class CloseForm(PlanForm):
    """The next plan year: its title and dates (the framework stays the same)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, with_framework=False, **kwargs)
        self.fields["title"].label = "Title of the next plan year"
        self.fields["starts_on"].label = "Start date of the next plan year"
        self.fields["ends_on"].label = "End date of the next plan year"
        for name in ("starts_on", "ends_on"):
            if isinstance(self.initial.get(name), date):
                self.fields[name].help_text = example(self.initial[name])
        if self.initial.get("title"):
            self.fields["title"].help_text = f"For example, {self.initial['title']}"
