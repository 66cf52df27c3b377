"""Forms for a case's support plan, safety plans, outcome scores and the children-at-risk register.
Each field is shown with ``{% govuk_field %}``; error messages follow the GOV.UK Design System."""

from django import forms
from django.db.models import Q
from django.utils import timezone

from clearsight.core import locking
from clearsight.core.dates import long_date
from clearsight.core.fields import GovUKDateField
from clearsight.core.models import User

from .models import AddressFlag, Placement, ServiceReferral, SupportTask
from .outcomes import MEASURE_HINTS, MEASURES
from .register import AS_RECORDED, KNOWN_NOW
from .services import CASE_ROLES

REGISTER_VIEWS = [
    (KNOWN_NOW, "The records as known now"),
    (AS_RECORDED, "What the register said on that date"),
]
REGISTER_VIEW_HINTS = {
    KNOWN_NOW: "Includes anything recorded or corrected since about that date.",
    AS_RECORDED: "Only what had been recorded by the end of that day, to compare with a report made then.",
}

TEXT_LIMIT = 5000
DATE_HINT = "For example, 27 3 2026"


def _today():
    return timezone.localdate()


def possible_owners(case, *also):
    """The people who may own a support task: those who can work on cases in the case's organisation, its
    assigned caseworkers, and anyone named in ``also`` (the current owner, the signed-in user)."""
    query = Q(memberships__organisation_id=case.organisation_id, memberships__role__in=CASE_ROLES) | \
        Q(case_assignments__case=case, case_assignments__ended_at__isnull=True) | \
        Q(pk__in=[u.pk for u in also if u is not None])
    return User.objects.filter(query, is_active=True).distinct().order_by("full_name")


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{user.full_name} ({user.job_title})" if user.job_title else user.full_name


class SupportTaskForm(forms.Form):
    phase = forms.ChoiceField(
        label="Phase of support", choices=SupportTask.Phase.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select the phase of support"},
    )
    description = forms.CharField(
        label="What needs to be done", max_length=300,
        help_text="For example, arrange a GP appointment or find a place of safety for tonight.",
        error_messages={"required": "Enter what needs to be done",
                        "max_length": "What needs to be done must be 300 characters or fewer"},
    )
    owner = OwnerChoiceField(
        label="Who will do it", queryset=None, to_field_name="public_id", empty_label="Choose a person",
        error_messages={"required": "Select who will do it", "invalid_choice": "Select who will do it"},
    )
    due_on = GovUKDateField(label="Due date", what="the due date", help_text=DATE_HINT,
                            error_messages={"required": "Enter the due date"})
    status = forms.ChoiceField(
        label="Status", choices=SupportTask.Status.choices, widget=forms.RadioSelect, initial=SupportTask.Status.TO_DO,
        error_messages={"required": "Select the status of the task"},
    )

    def __init__(self, owners, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class SupportTaskEditForm(locking.StartingValues, SupportTaskForm):
    """Changing a task. Pass what was posted as ``data=``. The version and the values the form started
    from let a save refused because someone else saved first be merged with theirs (core.locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    @staticmethod
    def initial_for(task):
        return {"phase": task.phase, "description": task.description, "owner": task.owner.public_id,
                "due_on": task.due_on, "status": task.status, "version": task.version}


class ServiceReferralForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is being offered", choices=ServiceReferral.Kind.choices, widget=forms.RadioSelect,
        initial=ServiceReferral.Kind.SERVICE,
        help_text="The Modern Slavery Victim Care Contract is how support in the NRM is provided to adults: "
                  "an offer through it is NRM support, not support outside the NRM.",
        error_messages={"required": "Select what is being offered"},
    )
    service = forms.CharField(
        label="Service", max_length=200,
        help_text="For example, counselling, immigration advice, an Independent Child Trafficking Guardian or a GP.",
        error_messages={"required": "Enter the service", "max_length": "The service must be 200 characters or fewer"},
    )
    partner = forms.ModelChoiceField(
        label="Partner organisation (if any)", queryset=None, to_field_name="public_id", required=False,
        empty_label="None or not listed",
        help_text="The organisation that provides the service, if it is one of the organisations in Clearsight.",
        error_messages={"invalid_choice": "Select a partner organisation from the list"},
    )
    status = forms.ChoiceField(
        label="Status", choices=ServiceReferral.Status.choices, widget=forms.RadioSelect,
        initial=ServiceReferral.Status.REQUESTED, error_messages={"required": "Select the status of the referral"},
    )
    requested_on = GovUKDateField(label="Date requested", what="the date requested", help_text=DATE_HINT,
                                  error_messages={"required": "Enter the date the referral was requested"})
    declined_on = GovUKDateField(label="Date declined", what="the date it was declined", required=False,
                                 help_text="Only if the person declined it. For example, 27 3 2026")
    declined_reason = forms.CharField(
        label="Why they declined (optional)", required=False, max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In their words if you can, for example they did not want to leave the area.",
        error_messages={"max_length": f"Why they declined must be {TEXT_LIMIT:,} characters or fewer"},
    )
    notes = forms.CharField(
        label="Notes (optional)", required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"Notes must be {TEXT_LIMIT:,} characters or fewer"},
    )

    FIELDS = ("kind", "service", "partner", "status", "requested_on", "declined_on", "declined_reason", "notes")

    def __init__(self, partners, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners

    def clean_requested_on(self):
        value = self.cleaned_data["requested_on"]
        if value and value > _today():
            raise forms.ValidationError("The date requested must be today or in the past")
        return value

    def clean(self):
        data = super().clean()
        declined = data.get("status") == ServiceReferral.Status.DECLINED
        if not declined:
            # A date or reason for a referral that was not declined would be counted as a decline.
            data["declined_on"], data["declined_reason"] = None, ""
            return data
        on = data.get("declined_on")
        if on is None and "declined_on" not in self.errors:
            self.add_error("declined_on", "Enter the date it was declined")
        elif on is not None:
            if on > _today():
                self.add_error("declined_on", "The date declined must be today or in the past")
            elif data.get("requested_on") and on < data["requested_on"]:
                self.add_error("declined_on", "The date declined must be the same as or after the date requested")
        return data


class ServiceReferralEditForm(locking.StartingValues, ServiceReferralForm):
    """Changing a referral. Pass what was posted as ``data=``. The version and the values the form
    started from let a save refused because someone else saved first be merged with theirs (core.locking).
    A page opened before referrals had a version sends none: it is refused and merged like a stale one."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def initial_for(referral):
        return {**{name: getattr(referral, name) for name in ServiceReferralForm.FIELDS},
                "partner": referral.partner.public_id if referral.partner else None, "version": referral.version}


class PlacementForm(forms.Form):
    kind = forms.ChoiceField(
        label="Type of accommodation", choices=Placement.Kind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select the type of accommodation"},
    )
    address = forms.CharField(
        label="Address (optional)", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Leave this out if it is a refuge or safe house whose address must not be written down.",
        error_messages={"max_length": "The address must be 1,000 characters or fewer"},
    )
    starts_on = GovUKDateField(label="Start date", what="the start date", help_text=DATE_HINT,
                               error_messages={"required": "Enter the start date"})
    ends_on = GovUKDateField(label="End date (optional)", what="the end date", required=False,
                             help_text="Leave this empty if the placement has not ended.")

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The end date must be the same as or after the start date")
        return data


class PlacementEndForm(locking.StartingValues, forms.Form):
    """When a placement ended. Pass what was posted as ``data=``. The version and the values the form
    started from let a save refused because someone else saved first be merged with theirs (core.locking)."""

    ends_on = GovUKDateField(label="End date", what="the end date", required=False,
                             help_text="For example, 27 3 2026. Leave this empty if the placement has not ended.")
    # Not required: a page opened before placements had a version sends none, and is refused and merged
    # like a stale one (never an error at a field the person cannot see).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, placement, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.placement = placement

    @staticmethod
    def initial_for(placement):
        return {"ends_on": placement.ends_on, "version": placement.version}

    def clean_ends_on(self):
        value = self.cleaned_data.get("ends_on")
        if value and value < self.placement.starts_on:
            starts = self.placement.starts_on
            raise forms.ValidationError(
                f"The end date must be the same as or after the start date, {long_date(starts)}")
        return value


class SafetyPlanForm(forms.Form):
    risks = forms.CharField(
        label="Risks", max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Who or what could harm them, and where: for example, contact from their exploiters or going missing.",
        error_messages={"required": "Enter the risks", "max_length": f"Risks must be {TEXT_LIMIT:,} characters or fewer"},
    )
    measures = forms.CharField(
        label="What will keep them safe", max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For example, a personal safety device, a specialist placement, or direct work on recognising exploitation.",
        error_messages={"required": "Enter what will keep them safe",
                        "max_length": f"What will keep them safe must be {TEXT_LIMIT:,} characters or fewer"},
    )
    responsible = forms.CharField(
        label="People and agencies responsible", max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Who does what: for example, foster carer, social worker, police, school or college.",
        error_messages={"required": "Enter the people and agencies responsible",
                        "max_length": f"People and agencies responsible must be {TEXT_LIMIT:,} characters or fewer"},
    )
    review_on = GovUKDateField(label="Next review date", what="the next review date", help_text=DATE_HINT,
                               error_messages={"required": "Enter the next review date"})

    def clean_review_on(self):
        value = self.cleaned_data["review_on"]
        if value and value < _today():
            raise forms.ValidationError("The next review date must be today or in the future")
        return value


class SafetyReviewForm(locking.StartingValues, SafetyPlanForm):
    """A review: when it took place, the plan as agreed at the review, and the next review date. The
    version and the values the form started from let a review refused because someone else saved the
    plan first be merged with theirs (core.locking)."""

    field_order = ["reviewed_on", "risks", "measures", "responsible", "review_on"]
    reviewed_on = GovUKDateField(label="Date of the review", what="the date of the review", help_text=DATE_HINT,
                                 error_messages={"required": "Enter the date of the review"})
    version = forms.IntegerField(widget=forms.HiddenInput)

    @staticmethod
    def initial_for(plan):
        """The form as opened: reviewed today, the plan as it is, the next review date to be chosen."""
        return {"reviewed_on": timezone.localdate(), "risks": plan.risks, "measures": plan.measures,
                "responsible": plan.responsible, "version": plan.version}

    @staticmethod
    def saved_now(plan):
        """The plan as saved now, to merge a refused review with: as the form opens, with the next review
        date the other person set, so that a different date chosen here says at the field what it is now."""
        return {**SafetyReviewForm.initial_for(plan), "review_on": plan.review_on}

    def clean_reviewed_on(self):
        value = self.cleaned_data["reviewed_on"]
        if value and value > _today():
            raise forms.ValidationError("The date of the review must be today or in the past")
        return value

    def clean(self):
        data = super().clean()
        if data.get("reviewed_on") and data.get("review_on") and data["review_on"] <= data["reviewed_on"]:
            self.add_error("review_on", "The next review date must be after the date of the review")
        return data


class AddressFlagForm(forms.Form):
    address = forms.CharField(
        label="Address", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the address", "max_length": "The address must be 1,000 characters or fewer"},
    )
    reason = forms.ChoiceField(
        label="Why is this address flagged?", choices=AddressFlag.Reason.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select why this address is flagged"},
    )


SCORE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class OutcomeScoresForm(forms.Form):
    """All eight measures scored on one date, 1 (most concern) to 5 (best)."""

    scored_on = GovUKDateField(label="Date of the scores", what="the date of the scores", help_text=DATE_HINT,
                               error_messages={"required": "Enter the date of the scores"})

    def __init__(self, *args, taken_dates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.taken_dates = set(taken_dates)
        for code, label in MEASURES:
            self.fields[code] = forms.TypedChoiceField(
                label=label, choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect,
                help_text=f"{MEASURE_HINTS[code]} 1 is the most concern, 5 is the best.",
                error_messages={"required": f"Select a score for {label[0].lower() + label[1:]}"},
            )

    def clean_scored_on(self):
        value = self.cleaned_data["scored_on"]
        if value and value > _today():
            raise forms.ValidationError("The date of the scores must be today or in the past")
        if value and value in self.taken_dates:
            raise forms.ValidationError("Scores for this date have already been recorded. Choose another date")
        return value

    def measure_fields(self):
        return [self[code] for code, _ in MEASURES]


class RegisterForm(forms.Form):
    """The date and filters of the children-at-risk register. None of them is personal data."""

    on = GovUKDateField(label="Show the register as it was on", what="the date", required=False,
                        help_text="Leave this empty for today. For example, 1 4 2026")
    view = forms.ChoiceField(
        label="For a past date, use", required=False, widget=forms.RadioSelect, choices=REGISTER_VIEWS,
        initial=KNOWN_NOW,
    )
    exploitation_type = forms.ChoiceField(label="Type of exploitation", required=False)
    marker = forms.ChoiceField(label="Vulnerability", required=False)

    def __init__(self, type_choices, marker_choices, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exploitation_type"].choices = [("", "All types")] + list(type_choices)
        self.fields["marker"].choices = [("", "All children")] + list(marker_choices)
        self.fields["view"].item_hints = REGISTER_VIEW_HINTS

    def clean_on(self):
        value = self.cleaned_data["on"]
        if value and value > _today():
            raise forms.ValidationError("The date must be today or in the past")
        return value

    def clean_view(self):
        return self.cleaned_data["view"] or KNOWN_NOW
