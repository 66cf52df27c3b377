import datetime
import math

from django import forms
from django.contrib.auth import authenticate
from django.utils import timezone

from . import locking, throttle
from .fields import GovUKDateField
from .models import AuditEvent, Organisation, User
from .roles import ROLE_CHOICES


class SignInForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": False}),
        error_messages={"required": "Enter your email address", "invalid": "Enter an email address in the correct format, like name@example.org"},
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        self.attempt = None  # throttle.Attempt: call succeeded(response) once signed in
        self.refusal = None  # throttle.Refusal: too many failures, the password was not checked
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        checked = throttle.begin(self.request, data["email"])
        if isinstance(checked, throttle.Refusal):
            self.refusal = checked
            raise forms.ValidationError(checked.message, code="throttled")
        self.attempt = checked
        self.user = authenticate(self.request, username=data["email"].lower(), password=data["password"])
        if self.user is None:
            self.attempt.failed()
            raise forms.ValidationError("The email address or password is not right", code="invalid_login")
        return data


class SecurityCodeForm(forms.Form):
    otp_token = forms.CharField(
        label="Security code",
        help_text="The 6-digit code shown in your authenticator app",
        max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "govuk-input--width-5", "spellcheck": False}),
        error_messages={"required": "Enter the security code"},
    )

    def __init__(self, device, *args, **kwargs):
        self.device = device
        self.wait = None  # timedelta: a code was not right just now, so none is checked until this has passed
        super().__init__(*args, **kwargs)

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"].replace(" ", "")
        if not token.isdigit() or len(token) != 6:
            raise forms.ValidationError("Enter the 6-digit security code")
        if self.device is not None:
            # django-otp refuses every code, the right one too, for a short and growing time after a
            # wrong one (OTP_TOTP_THROTTLE_FACTOR): say so, and for how long, rather than "not right".
            self.wait = code_wait(self.device, timezone.now())
            if self.wait:
                raise forms.ValidationError(
                    f"Your last security code was not right, so wait {wait_text(self.wait)} before trying again, "
                    "then enter the code your app shows",
                    code="throttled",
                )
        if self.device is None or not self.device.verify_token(token):
            raise forms.ValidationError("The security code is not right, or it has expired. Enter the code your app shows now")
        return token


def code_wait(device, now):
    """How long until ``device`` checks a security code again after wrong ones (django-otp's growing
    wait, 1, 2, 4 … seconds), or None if it checks one now."""
    allowed, details = device.verify_is_allowed()
    if allowed or not details or not details.get("locked_until"):
        return None
    wait = details["locked_until"] - now
    return wait if wait > datetime.timedelta(0) else None


def wait_text(wait):
    """'1 second', '4 seconds', then as the sign-in waits are told ('2 minutes'): rounded up, so
    waiting that long is always enough."""
    seconds = max(1, math.ceil(wait.total_seconds()))
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    return throttle.wait_text(wait)


class PersonForm(locking.StartingValues, forms.Form):
    """What an administrator may change about a person. ``version`` detects concurrent edits, and the
    values the form started from let a save refused because someone else saved first be merged with
    theirs (core.locking)."""

    full_name = forms.CharField(label="Full name", max_length=200, error_messages={"required": "Enter the person's full name"},
                                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False}))
    job_title = forms.CharField(label="Job title", max_length=200, required=False)
    phone = forms.CharField(label="Work phone number", max_length=40, required=False,
                            widget=forms.TextInput(attrs={"type": "tel", "class": "govuk-input--width-20"}))
    roles = forms.MultipleChoiceField(
        label="Roles",
        choices=ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select every role this person has in this organisation",
    )
    is_active = forms.TypedChoiceField(
        label="Can this person sign in?",
        choices=[("yes", "Yes"), ("no", "No, their account is suspended")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether this person can sign in"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    @staticmethod
    def initial_for(person, organisation):
        """The form's values for ``person`` as saved now, with their roles in ``organisation``."""
        return {"full_name": person.full_name, "job_title": person.job_title, "phone": person.phone,
                "roles": person.roles_in(organisation), "is_active": "yes" if person.is_active else "no",
                "version": person.version}


class AuditSearchForm(forms.Form):
    action = forms.ChoiceField(label="What happened", required=False,
                               choices=[("", "Any")] + list(AuditEvent.Action.choices))
    record_type = forms.CharField(label="Record type", required=False, max_length=60,
                                  help_text="For example, user")
    record_id = forms.CharField(label="Record reference", required=False, max_length=64)
    date_from = GovUKDateField(label="From", required=False, what="the start date", help_text="For example, 27 3 2026")
    date_to = GovUKDateField(label="To", required=False, what="the end date", help_text="For example, 31 3 2026")
    organisation = forms.ModelChoiceField(label="Organisation", required=False, queryset=Organisation.objects.none(), empty_label="Any")

    def __init__(self, organisations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].to_field_name = "public_id"

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return data


__all__ = ["SignInForm", "SecurityCodeForm", "PersonForm", "AuditSearchForm", "User"]
