"""Forms for the training pages. Each field is shown with ``{% govuk_field %}``."""

from django import forms
from django.utils import timezone

from clearsight.core.fields import GovUKDateField
from clearsight.core.models import Organisation

from .models import Cohort, Course, StaffMember

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(label="CSV file", error_messages={"required": "Select a CSV file"})

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        if len(organisations) > 1:
            # A training manager for several organisations (a shared service) says which one the file is for.
            self.fields["organisation"] = forms.ChoiceField(
                label="Which organisation is this file for?", widget=forms.RadioSelect,
                choices=[(str(o.public_id), o.name) for o in organisations],
                error_messages={"required": "Select the organisation this file is for"},
            )
            self.order_fields(["organisation", "file"])

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be smaller than 5MB")
        if upload.size == 0:
            raise forms.ValidationError("The selected file is empty")
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError("The selected file must be a CSV")
        return upload


class OverrideForm(forms.Form):
    cohort = forms.ChoiceField(label="Cohort", widget=forms.RadioSelect,
                               error_messages={"required": "Select a cohort"})
    include = forms.ChoiceField(label="What should happen?", widget=forms.RadioSelect,
                                choices=[("yes", "Put them in this cohort"), ("no", "Take them out of this cohort")],
                                error_messages={"required": "Select whether to put them in the cohort or take them out"})
    reason = forms.CharField(label="Reason", max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="This is shown on their record, for example ‘Covers procurement during a secondment’.",
                             error_messages={"required": "Enter the reason"})

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohorts = {str(c.public_id): c for c in Cohort.objects.filter(organisation=organisation)}
        self.fields["cohort"].choices = [(k, c.name) for k, c in self.cohorts.items()]

    def clean_cohort(self):
        return self.cohorts[self.cleaned_data["cohort"]]


class SessionForm(forms.Form):
    course = forms.ChoiceField(label="Course", error_messages={"required": "Select the course"})
    held_on = GovUKDateField(label="Date", what="the date", help_text="For example, 27 3 2026",
                             error_messages={"required": "Enter the date of the session"})
    capacity = forms.IntegerField(label="Places", min_value=1, max_value=1000, widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
                                  error_messages={"required": "Enter how many places there are",
                                                  "invalid": "Places must be a number, like 20",
                                                  "min_value": "Places must be 1 or more", "max_value": "Places must be 1,000 or fewer"})
    venue = forms.CharField(label="Venue or link", max_length=200, required=False)
    facilitators = forms.CharField(label="Facilitators", max_length=300, required=False,
                                   help_text="Who runs the session, for example ‘Anytown Police modern slavery team’.")
    agencies = forms.MultipleChoiceField(label="Partner organisations taking part", required=False,
                                         widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        # The session belongs to its course's organisation; a training manager of several organisations
        # sees each course with its organisation's name.
        courses = Course.objects.filter(organisation__in=organisations).select_related("organisation")
        self.courses = {str(c.public_id): c for c in courses}
        several = len({c.organisation_id for c in courses}) > 1
        self.fields["course"].choices = [("", "Select a course")] + [
            (k, f"{c}, {c.organisation.name}" if several else str(c)) for k, c in self.courses.items()]
        own = [o.pk for o in organisations]
        self.partners = {str(o.public_id): o for o in Organisation.objects.filter(is_active=True).exclude(pk__in=own)}
        self.fields["agencies"].choices = [(k, o.name) for k, o in self.partners.items()]

    def clean_course(self):
        return self.courses[self.cleaned_data["course"]]

    def clean_agencies(self):
        return [self.partners[k] for k in self.cleaned_data["agencies"]]


SCORES = [(str(n), label) for n, label in ((5, "5 – very useful"), (4, "4"), (3, "3"), (2, "2"), (1, "1 – not useful"))]


class AttendanceForm(forms.Form):
    employee_number = forms.CharField(label="Employee number (staff only)", max_length=40, required=False,
                                      widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off", "spellcheck": False}))
    name = forms.CharField(label="Name (attendees from partner organisations)", max_length=200, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False}))
    agency = forms.ChoiceField(label="Their organisation (partner attendees)", required=False)
    role = forms.CharField(label="Their role", max_length=200, required=False, help_text="For example, ‘Police officer’ or ‘Housing officer’.")
    attended = forms.ChoiceField(label="Did they attend?", widget=forms.RadioSelect, initial="yes",
                                 choices=[("yes", "Yes"), ("no", "No, they did not come")],
                                 error_messages={"required": "Select whether they attended"})
    feedback_score = forms.ChoiceField(label="Feedback score (if given)", widget=forms.RadioSelect, required=False,
                                       choices=SCORES, help_text="How useful they said the session was.")

    def __init__(self, *args, organisation, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.session = session
        self.partners = {str(o.public_id): o for o in session.agencies.all()}
        self.fields["agency"].choices = [("", "Select an organisation")] + [(k, o.name) for k, o in self.partners.items()]

    def clean(self):
        data = super().clean()
        number, name = data.get("employee_number", "").strip(), data.get("name", "").strip()
        data["staff"] = None
        if number and name:
            self.add_error("name", "Enter an employee number or a partner attendee's name, not both")
        elif number:
            staff = StaffMember.objects.unscoped("checking an employee number typed by a training manager").filter(
                organisation=self.organisation, employee_number=number).first()
            if staff is None:
                self.add_error("employee_number", "No one in the staff list has this employee number")
            elif self.session.attendances.filter(staff=staff).exists():
                self.add_error("employee_number", "They are already on this session")
            data["staff"] = staff
        elif name:
            if not data.get("agency"):
                self.add_error("agency", "Select their organisation. Add it to the session first if it is not listed")
        else:
            self.add_error("employee_number", "Enter an employee number, or a partner attendee's name")
        if data.get("agency"):
            data["agency"] = self.partners.get(data["agency"])
        if self.session.attendances.count() >= self.session.capacity and not self.errors:
            self.add_error(None, f"The session is full: it has {self.session.capacity} places")
        if data.get("attended") == "no" and data.get("feedback_score"):
            self.add_error("feedback_score", "Only people who attended can give a feedback score")
        return data


def today():
    return timezone.localdate()
