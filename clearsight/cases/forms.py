"""Forms for opening a case, the person record, the NRM decision tracker, sharing and closing.
Each field is shown with ``{% govuk_field %}``; error messages follow the GOV.UK Design System."""

from django import forms
from django.utils import timezone

from clearsight.core import locking
from clearsight.core.dates import long_date
from clearsight.core.fields import GovUKDateField

from .models import ContactChannel, NrmRecord, Person, RiskStatus
from .services import OPENING_CATEGORIES, VULNERABILITY_MARKERS

DATE_HINT = "For example, 27 3 2026"
YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes(value):
    return value == "yes"


def as_yes_no(value):
    return "yes" if value else "no"


def _not_in_future(value, what):
    if value and value > timezone.localdate():
        raise forms.ValidationError(f"{what} must be today or in the past")
    return value


# --- Search before create ---------------------------------------------------------------------------

class PersonSearchForm(forms.Form):
    name = forms.CharField(
        label="Name or alias", max_length=200, required=False,
        help_text="Any name they are known by, including names used during exploitation.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False}),
    )
    date_of_birth = GovUKDateField(label="Date of birth (if known)", what="the date of birth", required=False,
                                   help_text="For example, 27 3 2007")

    def clean_date_of_birth(self):
        return _not_in_future(self.cleaned_data.get("date_of_birth"), "Date of birth")

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("name", "").strip() and not data.get("date_of_birth"):
            self.add_error("name", "Enter a name or alias, or a date of birth")
        return data


class NewPersonForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=100, required=False,
                                 widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False}))
    last_name = forms.CharField(label="Last name", max_length=100, required=False,
                                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False}))
    date_of_birth = GovUKDateField(label="Date of birth (if known)", what="the date of birth", required=False,
                                   help_text="For example, 27 3 2007. If they are not sure, give your best estimate and say so below.")
    date_of_birth_estimated = forms.BooleanField(label="This date of birth is an estimate", required=False)
    gender = forms.ChoiceField(label="Gender", choices=Person.Gender.choices, widget=forms.RadioSelect,
                               initial=Person.Gender.UNKNOWN, error_messages={"required": "Select their gender, or 'Not known'"})
    nationalities = forms.CharField(label="Nationalities (if known)", max_length=300, required=False,
                                    help_text="Separate more than one with commas.")

    def clean_date_of_birth(self):
        return _not_in_future(self.cleaned_data.get("date_of_birth"), "Date of birth")

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("first_name", "").strip() and not data.get("last_name", "").strip():
            self.add_error("first_name", "Enter their first name or last name. If you do not know their name, "
                                         "enter what they are called, such as 'Girl at the nail bar'")
        if data.get("date_of_birth_estimated") and not data.get("date_of_birth"):
            self.add_error("date_of_birth", "Enter the estimated date of birth, or untick 'This date of birth is an estimate'")
        return data

    def person_fields(self):
        data = self.cleaned_data
        return {
            "first_name": data["first_name"].strip(),
            "last_name": data["last_name"].strip(),
            "date_of_birth": data["date_of_birth"],
            "date_of_birth_estimated": bool(data["date_of_birth"] and data["date_of_birth_estimated"]),
            "gender": data["gender"],
            "nationalities": data["nationalities"].strip(),
        }


class OpenCaseForm(forms.Form):
    team = forms.ChoiceField(label="Which team will hold the case?", widget=forms.RadioSelect,
                             error_messages={"required": "Select the team that will hold the case",
                                             "invalid_choice": "Select the team that will hold the case"})
    category = forms.ChoiceField(label="What do you think now?", choices=OPENING_CATEGORIES, widget=forms.RadioSelect,
                                 help_text="This is your professional judgement today. You can change it as you learn more.",
                                 error_messages={"required": "Select whether you think they are at risk of exploitation or a victim"})
    exploitation_types = forms.MultipleChoiceField(
        label="What kind of exploitation?", widget=forms.CheckboxSelectMultiple, required=False,
        help_text="Select all that apply. Leave blank if you do not know yet.",
    )
    vulnerability_markers = forms.MultipleChoiceField(
        label="Vulnerabilities", choices=VULNERABILITY_MARKERS, widget=forms.CheckboxSelectMultiple, required=False,
        help_text="Select all that apply.",
    )

    def __init__(self, teams, exploitation_types, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.teams = {str(t.public_id): t for t in teams}
        several_orgs = len({t.organisation_id for t in teams}) > 1
        self.fields["team"].choices = [
            (key, f"{t.name} ({t.organisation.name})" if several_orgs else t.name) for key, t in self.teams.items()
        ]
        self.fields["exploitation_types"].choices = list(exploitation_types)

    def clean_team(self):
        return self.teams[self.cleaned_data["team"]]


# --- The person record ------------------------------------------------------------------------------

class PersonEditForm(locking.StartingValues, forms.Form):
    first_name = forms.CharField(label="First name", max_length=100, required=False,
                                 widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False}))
    last_name = forms.CharField(label="Last name", max_length=100, required=False,
                                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False}))
    aliases = forms.CharField(label="Other names and aliases", required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="One per line, including names used during exploitation.")
    date_of_birth = GovUKDateField(label="Date of birth", what="the date of birth", required=False,
                                   help_text="For example, 27 3 2007. Leave blank if not known.")
    date_of_birth_estimated = forms.BooleanField(label="This date of birth is an estimate", required=False)
    gender = forms.ChoiceField(label="Gender", choices=Person.Gender.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Select their gender, or 'Not known'"})
    nationalities = forms.CharField(label="Nationalities", max_length=300, required=False,
                                    help_text="Separate more than one with commas.")
    languages = forms.CharField(label="Languages they speak", max_length=300, required=False,
                                help_text="Their first language first. Separate more than one with commas.")
    interpreter_needed = forms.ChoiceField(label="Do they need an interpreter?", choices=YES_NO, widget=forms.RadioSelect,
                                           error_messages={"required": "Select yes if they need an interpreter"})
    immigration_status = forms.ChoiceField(label="Immigration status", choices=Person.ImmigrationStatus.choices,
                                           widget=forms.RadioSelect,
                                           error_messages={"required": "Select their immigration status, or 'Not known'"})
    no_recourse_to_public_funds = forms.ChoiceField(
        label="Do they have no recourse to public funds?", choices=YES_NO, widget=forms.RadioSelect,
        help_text="Someone with no recourse to public funds cannot get most benefits or council housing.",
        error_messages={"required": "Select yes if they have no recourse to public funds"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIELDS = {  # form field -> what it is called in the audit log
        "first_name": "first name", "last_name": "last name", "aliases": "aliases", "date_of_birth": "date of birth",
        "date_of_birth_estimated": "whether the date of birth is estimated", "gender": "gender",
        "nationalities": "nationalities", "languages": "languages", "interpreter_needed": "interpreter",
        "immigration_status": "immigration status", "no_recourse_to_public_funds": "no recourse to public funds",
    }

    @classmethod
    def initial_for(cls, person):
        return {
            "first_name": person.first_name, "last_name": person.last_name, "aliases": person.aliases,
            "date_of_birth": person.date_of_birth, "date_of_birth_estimated": person.date_of_birth_estimated,
            "gender": person.gender, "nationalities": person.nationalities, "languages": person.languages,
            "interpreter_needed": as_yes_no(person.interpreter_needed), "immigration_status": person.immigration_status,
            "no_recourse_to_public_funds": as_yes_no(person.no_recourse_to_public_funds), "version": person.version,
        }

    def clean_date_of_birth(self):
        return _not_in_future(self.cleaned_data.get("date_of_birth"), "Date of birth")

    def clean(self):
        data = super().clean()
        if data.get("date_of_birth_estimated") and not data.get("date_of_birth") and "date_of_birth" not in self.errors:
            self.add_error("date_of_birth", "Enter the estimated date of birth, or untick 'This date of birth is an estimate'")
        return data

    def person_fields(self):
        data = self.cleaned_data
        return {
            "first_name": data["first_name"].strip(), "last_name": data["last_name"].strip(),
            "aliases": "\n".join(line.strip() for line in data["aliases"].splitlines() if line.strip()),
            "date_of_birth": data["date_of_birth"],
            "date_of_birth_estimated": bool(data["date_of_birth"] and data["date_of_birth_estimated"]),
            "gender": data["gender"], "nationalities": data["nationalities"].strip(), "languages": data["languages"].strip(),
            "interpreter_needed": _yes(data["interpreter_needed"]), "immigration_status": data["immigration_status"],
            "no_recourse_to_public_funds": _yes(data["no_recourse_to_public_funds"]),
        }


class ContactForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of contact", choices=ContactChannel.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select the kind of contact"})
    value = forms.CharField(label="Phone number, email address or address", max_length=300,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            error_messages={"required": "Enter the phone number, email address or address"})
    safe_to_contact = forms.ChoiceField(
        label="Is it safe to contact them here?", choices=[("yes", "Yes, it is safe"), ("no", "No, do not use it to contact them")],
        widget=forms.RadioSelect,
        help_text="For example, an exploiter may read their messages or answer their phone.",
        error_messages={"required": "Select whether it is safe to contact them here"},
    )
    notes = forms.CharField(label="Notes (optional)", max_length=300, required=False,
                            help_text="For example, only call after 6pm, or ask for them by another name.")

    def clean_value(self):
        return " ".join(self.cleaned_data["value"].split()) if self.cleaned_data.get("kind") != "address" \
            else self.cleaned_data["value"].strip()


# --- The NRM decision tracker ---------------------------------------------------------------------

class NrmEventForm(locking.StartingValues, forms.Form):
    """One event of an NRM referral on its own short form. ``record`` is the NRM record as loaded
    (None before the referral), ``purpose`` is "record", "reconsidered" or "change"
    (nrm_events.form_purpose); pass what was posted as ``data=``. The hidden version is the record's,
    so that a second person recording at the same moment is told instead of overwriting, and the
    values the form started from let that save be merged with theirs (core.locking)."""

    FIELDS = ()  # the NRM record's fields this form sets
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, record, purpose, *args, **kwargs):
        self.record, self.purpose = record, purpose
        kwargs.setdefault("initial", self.initial_for(record))
        super().__init__(*args, **kwargs)

    def initial_for(self, record):
        initial = {"version": record.version if record is not None else 0}
        if record is not None:
            initial.update({name: getattr(record, name) for name in self.FIELDS})
        return initial

    def _on_or_after(self, name, earliest, message):
        """The field's value, refused with ``message`` (its ``{date}`` filled in) if before ``earliest``."""
        value = self.cleaned_data.get(name)
        if value and earliest and value < earliest:
            raise forms.ValidationError(message.format(date=long_date(earliest)))
        return value

    def _on_or_before(self, name, latest, message):
        value = self.cleaned_data.get(name)
        if value and latest and value > latest:
            raise forms.ValidationError(message.format(date=long_date(latest)))
        return value

    def record_fields(self):
        return {name: self.cleaned_data[name] for name in self.FIELDS}

    def changed_labels(self):
        """The labels of the fields whose values differ from the record's, for the audit log."""
        if self.record is None:
            return []
        return [self.fields[name].label for name, value in self.record_fields().items() if getattr(self.record, name) != value]


class NrmReferralForm(NrmEventForm):
    FIELDS = ("referred_on", "competent_authority", "nrm_reference")
    referred_on = GovUKDateField(label="Date referred to the NRM", what="the date referred", help_text=DATE_HINT,
                                 error_messages={"required": "Enter the date they were referred to the NRM"})
    competent_authority = forms.ChoiceField(label="Which competent authority decides?", choices=NrmRecord.Authority.choices,
                                            widget=forms.RadioSelect,
                                            help_text="The Home Office sends adults' referrals to the Single Competent Authority "
                                                      "unless they are for Immigration Enforcement.",
                                            error_messages={"required": "Select the competent authority that decides"})
    nrm_reference = forms.CharField(label="NRM reference (optional)", max_length=60, required=False,
                                    help_text="The reference the Home Office gave the referral, if you have it.",
                                    widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": False}))

    def initial_for(self, record):
        initial = super().initial_for(record)
        initial.setdefault("competent_authority", NrmRecord.Authority.SCA)
        return initial

    def clean_referred_on(self):
        _not_in_future(self.cleaned_data.get("referred_on"), "The date referred")
        record = self.record
        if record is None:
            return self.cleaned_data.get("referred_on")
        later = [d for d in (record.rg_decided_on, record.cg_decided_on, record.withdrawn_on,
                             record.reconsideration_requested_on, record.consent_to_remain_on) if d]
        return self._on_or_before("referred_on", min(later) if later else None,
                                  "The date referred must be on or before the first event recorded after it, {date}")


class NrmDecisionForm(NrmEventForm):
    """The Reasonable Grounds or the Conclusive Grounds decision (``stage`` "rg" or "cg")."""

    decision = forms.ChoiceField(choices=[(NrmRecord.Decision.POSITIVE, "Positive"), (NrmRecord.Decision.NEGATIVE, "Negative")],
                                 widget=forms.RadioSelect)
    decided_on = GovUKDateField(help_text=DATE_HINT)

    NAMES = {"rg": "Reasonable Grounds", "cg": "Conclusive Grounds"}

    def __init__(self, record, purpose, stage, *args, due=None, **kwargs):
        self.stage, self.due = stage, due
        self.FIELDS = (f"{stage}_decision", f"{stage}_decided_on")
        super().__init__(record, purpose, *args, **kwargs)
        name = self.NAMES[stage]
        self.fields["decision"].label = f"What was the {name} decision?"
        self.fields["decision"].help_text = ("A positive decision means the competent authority thinks they may be a victim."
                                             if stage == "rg" else
                                             "A positive decision means the competent authority decided they are a victim.")
        self.fields["decision"].what = f"the {name} decision"
        self.fields["decision"].error_messages["required"] = f"Select whether the {name} decision was positive or negative"
        self.fields["decided_on"].label = "Date of the decision"
        self.fields["decided_on"].what = "the date of the decision"
        self.fields["decided_on"].error_messages["required"] = f"Enter the date of the {name} decision"
        if due is not None:
            self.fields["decided_on"].help_text = (f"It was due on {long_date(due)}, 5 working days after the referral. "
                                                   f"{DATE_HINT}")

    def initial_for(self, record):
        initial = {"version": record.version if record is not None else 0}
        if record is not None and getattr(record, f"{self.stage}_decision") != NrmRecord.Decision.PENDING and self.purpose == "change":
            initial.update(decision=getattr(record, f"{self.stage}_decision"),
                           decided_on=getattr(record, f"{self.stage}_decided_on"))
        return initial

    def clean_decided_on(self):
        _not_in_future(self.cleaned_data.get("decided_on"), "The date of the decision")
        record = self.record
        if self.purpose == "reconsidered":
            return self._on_or_after("decided_on", record.reconsideration_requested_on,
                                     "The date of the decision must be on or after the date reconsideration was asked for, {date}")
        if self.stage == "rg":
            self._on_or_before("decided_on", record.cg_decided_on if record.cg_decision != NrmRecord.Decision.PENDING else None,
                               "The date of the decision must be on or before the Conclusive Grounds decision, {date}")
            return self._on_or_after("decided_on", record.referred_on,
                                     "The date of the decision must be on or after the date referred, {date}")
        return self._on_or_after("decided_on", record.rg_decided_on or record.referred_on,
                                 "The date of the decision must be on or after the Reasonable Grounds decision, {date}")

    def clean_decision(self):
        value = self.cleaned_data.get("decision")
        if self.stage == "rg" and value == NrmRecord.Decision.NEGATIVE and self.record.cg_decision != NrmRecord.Decision.PENDING:
            raise forms.ValidationError("A Conclusive Grounds decision is recorded, which follows only a positive Reasonable "
                                        "Grounds decision. Select positive")
        return value

    def record_fields(self):
        reconsidered = self.purpose == "reconsidered" or (self.purpose == "change" and getattr(self.record, f"{self.stage}_reconsidered"))
        return {f"{self.stage}_decision": self.cleaned_data["decision"], f"{self.stage}_decided_on": self.cleaned_data["decided_on"],
                f"{self.stage}_reconsidered": reconsidered}

    def changed_labels(self):
        labels = {f"{self.stage}_decision": "decision", f"{self.stage}_decided_on": "date of the decision",
                  f"{self.stage}_reconsidered": "made on reconsideration"}
        return [labels[name] for name, value in self.record_fields().items() if getattr(self.record, name) != value]


class NrmReconsiderationForm(NrmEventForm):
    FIELDS = ("reconsideration_requested_on",)
    reconsideration_requested_on = GovUKDateField(label="Date reconsideration was asked for",
                                                  what="the date reconsideration was asked for", help_text=DATE_HINT,
                                                  error_messages={"required": "Enter the date reconsideration was asked for"})

    def __init__(self, record, purpose, *args, decided_on=None, **kwargs):
        self.decided_on = decided_on  # the negative decision's date
        super().__init__(record, purpose, *args, **kwargs)

    def clean_reconsideration_requested_on(self):
        _not_in_future(self.cleaned_data.get("reconsideration_requested_on"), "The date reconsideration was asked for")
        return self._on_or_after("reconsideration_requested_on", self.decided_on or self.record.referred_on,
                                 "The date reconsideration was asked for must be on or after the decision, {date}")


class NrmWithdrawalForm(NrmEventForm):
    FIELDS = ("withdrawn_on",)
    withdrawn_on = GovUKDateField(label="Date they withdrew from the NRM", what="the date they withdrew",
                                  help_text=f"Adults may withdraw at any time. {DATE_HINT}",
                                  error_messages={"required": "Enter the date they withdrew from the NRM"})

    def clean_withdrawn_on(self):
        _not_in_future(self.cleaned_data.get("withdrawn_on"), "The date they withdrew")
        return self._on_or_after("withdrawn_on", self.record.referred_on,
                                 "The date they withdrew must be on or after the date referred, {date}")


class NrmConsentForm(NrmEventForm):
    FIELDS = ("consent_to_remain_on",)
    consent_to_remain_on = GovUKDateField(label="Date they consented to stay in the NRM", what="the date they consented",
                                          help_text=f"Someone who turns 18 before the Conclusive Grounds decision must consent "
                                                    f"to stay in the NRM. {DATE_HINT}",
                                          error_messages={"required": "Enter the date they consented to stay in the NRM"})

    def clean_consent_to_remain_on(self):
        _not_in_future(self.cleaned_data.get("consent_to_remain_on"), "The date they consented")
        return self._on_or_after("consent_to_remain_on", self.record.referred_on,
                                 "The date they consented must be on or after the date referred, {date}")


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label="How many extra days of move-on support?", min_value=1, max_value=365,
                              widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
                              error_messages={"required": "Enter the number of extra days",
                                              "invalid": "The number of extra days must be a whole number, like 30",
                                              "min_value": "The number of extra days must be 1 or more",
                                              "max_value": "The number of extra days must be 365 or fewer"})
    agreed_on = GovUKDateField(label="Date the extension was agreed", what="the date agreed", help_text=DATE_HINT,
                               error_messages={"required": "Enter the date the extension was agreed"})
    reason = forms.CharField(label="Why (the recovery needs assessment)", max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 4}))

    def clean_agreed_on(self):
        return _not_in_future(self.cleaned_data.get("agreed_on"), "The date agreed")


# --- Sharing and closing ------------------------------------------------------------------------------

class ShareForm(forms.Form):
    organisation = forms.ChoiceField(label="Organisation to share with", widget=forms.RadioSelect,
                                     error_messages={"required": "Select the organisation to share the case with",
                                                     "invalid_choice": "Select the organisation to share the case with"})
    agreement = forms.CharField(label="Information sharing agreement", max_length=300,
                                help_text="The agreement that allows this sharing, such as the partnership's protocol.",
                                error_messages={"required": "Enter the information sharing agreement"})
    reason = forms.CharField(label="Why are you sharing this case?", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                             help_text="What the partner needs it for. Share only what is necessary.",
                             error_messages={"required": "Enter why you are sharing this case"})

    def __init__(self, organisations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.public_id): o for o in organisations}
        self.fields["organisation"].choices = [(key, o.name) for key, o in self.organisations.items()]

    def clean_organisation(self):
        return self.organisations[self.cleaned_data["organisation"]]


class CloseForm(forms.Form):
    reason = forms.CharField(label="Why are you closing this case?", max_length=2000, widget=forms.Textarea(attrs={"rows": 5}),
                             help_text="For example, support has ended and they are safe, or they moved to another area and "
                                       "their case was passed on.",
                             error_messages={"required": "Enter why you are closing this case"})
    version = forms.IntegerField(widget=forms.HiddenInput)


# --- Caseworkers -----------------------------------------------------------------------------------

class AssignCaseworkerForm(forms.Form):
    caseworker = forms.ChoiceField(label="Who should work on this case?", widget=forms.RadioSelect,
                                   help_text="Caseworkers in the case's team.",
                                   error_messages={"required": "Select the caseworker to assign",
                                                   "invalid_choice": "Select the caseworker to assign"})

    def __init__(self, users, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.users = {str(u.public_id): u for u in users}
        self.fields["caseworker"].choices = [
            (key, f"{u.full_name} ({u.job_title})" if u.job_title else u.full_name) for key, u in self.users.items()]

    def clean_caseworker(self):
        return self.users[self.cleaned_data["caseworker"]]


# --- A change of risk status --------------------------------------------------------------------------

class RiskStatusForm(forms.Form):
    category = forms.ChoiceField(label="What do you think now?", choices=RiskStatus.Category.choices, widget=forms.RadioSelect,
                                 help_text="Your professional judgement from the date below.",
                                 error_messages={"required": "Select whether you think they are a victim, at risk, "
                                                             "or no longer at risk of exploitation"})
    exploitation_types = forms.MultipleChoiceField(
        label="What kind of exploitation?", widget=forms.CheckboxSelectMultiple, required=False,
        help_text="Select all that apply. Leave blank if you do not know.",
    )
    vulnerability_markers = forms.MultipleChoiceField(
        label="Vulnerabilities", choices=VULNERABILITY_MARKERS, widget=forms.CheckboxSelectMultiple, required=False,
        help_text="Select all that apply.",
    )
    valid_from = GovUKDateField(label="From what date?", what="the date", help_text=DATE_HINT,
                                error_messages={"required": "Enter the date this status applies from"})

    def __init__(self, case, exploitation_types, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["exploitation_types"].choices = list(exploitation_types)

    def clean_valid_from(self):
        value = _not_in_future(self.cleaned_data.get("valid_from"), "The date")
        if value and value < self.case.opened_on:
            raise forms.ValidationError(
                f"The date must be on or after the day the case was opened, {long_date(self.case.opened_on)}")
        return value
