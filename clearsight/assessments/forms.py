"""Forms for assessments and action plans. Each field is shown with ``{% govuk_field %}``; file
inputs with ``assessments/_file_upload.html``."""

from django import forms
from django.utils import timezone

from clearsight.core import locking
from clearsight.core.fields import GovUKDateField
from clearsight.core.models import User

from . import questionnaires
from .models import Action, ActionPlan

OTHER = "other"


class SendForm(forms.Form):
    recipient = forms.ChoiceField(label="Who should we send it to?", widget=forms.RadioSelect,
                                  error_messages={"required": "Select who to send the questionnaire to"})
    name = forms.CharField(label="Their name", max_length=200, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False}))
    email = forms.EmailField(label="Their email address", max_length=254, required=False,
                             widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": False}),
                             error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"})
    kind = forms.ChoiceField(label="Which questionnaire?", widget=forms.RadioSelect,
                             error_messages={"required": "Select which questionnaire to send"})

    def __init__(self, *args, contacts=(), recommended=questionnaires.FULL, reason="", **kwargs):
        super().__init__(*args, **kwargs)
        self.contacts = {str(c.pk): c for c in contacts if c.email}
        self.fields["recipient"].choices = [
            (key, f"{c.name}{', ' + c.role if c.role else ''} ({c.email})") for key, c in self.contacts.items()
        ] + [(OTHER, "Someone else")]
        self.fields["name"].help_text = "Only if you chose someone else"
        self.fields["email"].help_text = "Only if you chose someone else. The link to the questionnaire goes to this address"
        choices = []
        for kind in (questionnaires.SHORT, questionnaires.FULL):
            q = questionnaires.current(kind)
            label = f"{'Short' if kind == questionnaires.SHORT else 'Full'}: {len(q.questions)} questions, about {q.minutes} minutes"
            choices.append((kind, label + (" (recommended)" if kind == recommended else "")))
        self.fields["kind"].choices = choices
        self.fields["kind"].item_hints = {recommended: reason}
        if not self.is_bound:
            self.initial.setdefault("kind", recommended)
            if len(self.contacts) == 1:
                self.initial.setdefault("recipient", next(iter(self.contacts)))

    def clean(self):
        data = super().clean()
        recipient = data.get("recipient")
        if recipient == OTHER:
            if not data.get("email") and "email" not in self.errors:
                self.add_error("email", "Enter the email address to send the questionnaire to")
            data["contact"] = None
        elif recipient in self.contacts:
            contact = self.contacts[recipient]
            data["contact"], data["email"], data["name"] = contact, contact.email, contact.name
        return data


class QuestionForm(forms.Form):
    answer = forms.ChoiceField(widget=forms.RadioSelect)
    detail = forms.CharField(label="Tell us more (optional)", max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text="For example what you do, who is responsible, or when it was last reviewed.")

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        field = self.fields["answer"]
        field.label = question.text
        field.help_text = question.hint
        field.choices = [(o.value, o.label) for o in question.options]
        field.error_messages["required"] = "Select an answer"
        field.error_messages["invalid_choice"] = "Select an answer"


class DeclarationForm(forms.Form):
    name = forms.CharField(label="Your full name", max_length=200,
                           widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": False}),
                           error_messages={"required": "Enter your full name"})
    role = forms.CharField(label="Your job title", max_length=200,
                           widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
                           error_messages={"required": "Enter your job title"})
    confirm = forms.BooleanField(label="I confirm that the answers are true to the best of my knowledge, "
                                       "and that I may answer for the supplier",
                                 error_messages={"required": "Confirm that the answers are true and that you may answer for the supplier"})


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReviewForm(VersionForm):
    note = forms.CharField(label="Your review notes (optional)", max_length=4000, required=False,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="For example what you checked in the evidence, or what you discussed with the supplier.")


def _owner_choices(organisation):
    users = User.objects.filter(memberships__organisation=organisation, is_active=True).distinct().order_by("full_name")
    return [("", "Choose a person")] + [(str(u.public_id), f"{u.full_name} ({u.job_title})" if u.job_title else u.full_name)
                                         for u in users]


class ActionForm(forms.Form):
    description = forms.CharField(label="What must the supplier do?", max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="For example ‘Adopt a written policy that workers never pay recruitment fees’.",
                                  error_messages={"required": "Enter what the supplier must do"})
    owner = forms.ChoiceField(label="Who at the council follows it up?",
                              error_messages={"required": "Select who follows it up", "invalid_choice": "Select who follows it up"})
    due_on = GovUKDateField(label="When must it be done by?", what="the due date", help_text="For example, 27 3 2027",
                            error_messages={"required": "Enter the date it must be done by"})

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = _owner_choices(organisation)
        self.organisation = organisation

    def clean_owner(self):
        return User.objects.filter(public_id=self.cleaned_data["owner"], memberships__organisation=self.organisation).first()

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on and due_on < timezone.localdate():
            raise forms.ValidationError("The due date must be today or in the future")
        return due_on


class ActionUpdateForm(locking.StartingValues, VersionForm):
    """An action's status and evidence. ``has_files``: the action has evidence files, or one comes with
    this save. The values it started from let a save refused because someone else saved first be merged
    with theirs (core.locking); the file, which a browser cannot keep, is asked for again."""

    status = forms.ChoiceField(label="Where has it got to?", widget=forms.RadioSelect, choices=Action.Status.choices,
                               error_messages={"required": "Select where the action has got to"})
    evidence_note = forms.CharField(label="Evidence or notes", max_length=4000, required=False,
                                    widget=forms.Textarea(attrs={"rows": 4}),
                                    help_text="What shows it has been done, for example ‘Policy seen, signed by the director on 3 May’.")

    def __init__(self, *args, has_files=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_files = has_files

    @staticmethod
    def initial_for(action):
        return {"status": action.status, "evidence_note": action.evidence_note, "version": action.version}

    def clean(self):
        data = super().clean()
        if data.get("status") == Action.Status.DONE and not (data.get("evidence_note") or "").strip() and not self.has_files:
            self.add_error("evidence_note", "Describe the evidence that the action is done, or upload it")
        return data


class EscalateForm(VersionForm):
    to = forms.ChoiceField(label="What has been decided?", widget=forms.RadioSelect,
                           choices=[c for c in ActionPlan.Escalation.choices if c[0]],
                           error_messages={"required": "Select sanctions or termination"})
    reason = forms.CharField(label="Why?", max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
                             help_text="This is kept on the supplier's record with your name.",
                             error_messages={"required": "Enter the reason for the decision"})


class CloseForm(VersionForm):
    note = forms.CharField(label="Closing note", max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="What the supplier has put right, or why the plan ends here.",
                           error_messages={"required": "Enter a closing note"})
