"""Victim support casework. Field names follow the Human Trafficking Case Data Standard where it fits
(prs_*, vic_*, cas_* in ../shared/reference/htcds-case-data-standard.md)."""


from django.db import models
from django.db.models import Q
from django.utils import timezone

from clearsight.core.models import ChangeableRecord, Organisation, Team, TeamMember, User
from clearsight.core.roles import Role
from clearsight.core.references import new_reference
from clearsight.core.scoping import ScopedQuerySet


def _reference():
    return new_reference("CASE")


class PersonQuerySet(ScopedQuerySet):
    pass


class Person(ChangeableRecord):
    class Gender(models.TextChoices):  # HTCDS prs_Gender
        FEMININE = "feminine", "Female"
        MASCULINE = "masculine", "Male"
        TRANS_FEMININE = "transgender_feminine", "Transgender female"
        TRANS_MASCULINE = "transgender_masculine", "Transgender male"
        NON_CONFORMING = "non_conforming", "Non-binary or gender non-conforming"
        UNKNOWN = "unknown", "Not known"

    class ImmigrationStatus(models.TextChoices):
        BRITISH = "british", "British or Irish citizen"
        SETTLED = "settled", "Settled status or indefinite leave"
        PRE_SETTLED = "pre_settled", "Pre-settled status"
        VISA = "visa", "Visa or limited leave"
        ASYLUM = "asylum", "Asylum seeker"
        REFUGEE = "refugee", "Refugee or humanitarian protection"
        NO_STATUS = "no_status", "No immigration status"
        UNKNOWN = "unknown", "Not known"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    first_name = models.CharField("First name", max_length=100, blank=True)  # prs_FirstName
    last_name = models.CharField("Last name", max_length=100, blank=True)  # prs_SecondName
    aliases = models.TextField("Other names and aliases", blank=True, help_text="One per line, including names used during exploitation.")
    date_of_birth = models.DateField("Date of birth", null=True, blank=True)  # prs_Birthdate
    date_of_birth_estimated = models.BooleanField(default=False)
    gender = models.CharField(max_length=30, choices=Gender.choices, default=Gender.UNKNOWN)
    nationalities = models.CharField("Nationalities", max_length=300, blank=True)  # prs_Citizenship
    languages = models.CharField("Languages", max_length=300, blank=True)  # prs_PrimaryLanguage, prs_SecondaryLanguage
    interpreter_needed = models.BooleanField(default=False)
    immigration_status = models.CharField(max_length=20, choices=ImmigrationStatus.choices, default=ImmigrationStatus.UNKNOWN)
    no_recourse_to_public_funds = models.BooleanField("No recourse to public funds", default=False)
    created_at = models.DateTimeField(default=timezone.now)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = PersonQuerySet.as_manager()

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if self.anonymised_at:
            return "Anonymised person"
        return " ".join(filter(None, [self.first_name, self.last_name])) or "Name not known"

    @classmethod
    def scope_for_user(cls, queryset, user):
        """People with a case the user may see, and no one else. Being recorded by the user's
        organisation is not enough: another team's caseworker must not see the person's details.
        Search before create finds people known to other teams through a narrow duplicate check
        that tells only which team knows them (services.known_to_other_teams)."""
        return queryset.filter(pk__in=Case.objects.for_user(user).values("person_id"))


class ContactChannel(models.Model):
    class Kind(models.TextChoices):
        PHONE = "phone", "Phone"
        EMAIL = "email", "Email"
        ADDRESS = "address", "Postal address"
        OTHER = "other", "Other"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(max_length=300)
    safe_to_contact = models.BooleanField("Safe to contact here", default=False)
    notes = models.CharField(max_length=300, blank=True)


class CaseQuerySet(ScopedQuerySet):
    pass


class Case(ChangeableRecord):
    class Status(models.TextChoices):  # HTCDS cas_Status
        ACTIVE = "active", "Active"
        FOLLOW_UP = "follow_up", "Follow-up"
        CLOSED = "closed", "Closed"

    reference = models.CharField(max_length=20, unique=True, default=_reference, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="cases")
    source_concern = models.UUIDField(null=True, blank=True, help_text="The concern this case was opened from.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    opened_on = models.DateField(default=timezone.localdate)
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.TextField(blank=True)  # cas_ReasonForCaseClosure
    anonymised_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "reference"]

    def __str__(self):
        return self.reference

    @classmethod
    def scope_for_user(cls, queryset, user):
        """Assigned caseworkers; managers of the case's team; and caseworkers, team managers and first
        responders of organisations the case is explicitly shared with."""
        managed_teams = TeamMember.objects.filter(user=user, is_manager=True,
                                                  team__organisation_id__in=user.organisation_ids_with_role(Role.TEAM_MANAGER)).values("team_id")
        shared_orgs = user.organisation_ids_with_role(Role.CASEWORKER) | user.organisation_ids_with_role(Role.TEAM_MANAGER) \
            | user.organisation_ids_with_role(Role.FIRST_RESPONDER)
        shared = CaseShare.objects.filter(organisation_id__in=shared_orgs, ended_at__isnull=True).values("case_id")
        assigned = CaseAssignment.objects.filter(user=user, ended_at__isnull=True).values("case_id")
        return queryset.filter(Q(pk__in=assigned) | Q(team_id__in=managed_teams) | Q(pk__in=shared))


class CaseAssignment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="case_assignments")
    assigned_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)


class CaseShare(models.Model):
    """An explicit decision to share a case with a partner organisation."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    agreement = models.CharField("Information sharing agreement", max_length=300)
    reason = models.TextField()
    shared_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    shared_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)


class NrmRecord(models.Model):
    class Authority(models.TextChoices):
        SCA = "sca", "Single Competent Authority"
        IECA = "ieca", "Immigration Enforcement Competent Authority"
        DEVOLVED = "devolved", "Devolved child decision-making panel"

    class Decision(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        POSITIVE = "positive", "Positive"
        NEGATIVE = "negative", "Negative"

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="nrm")
    referred_on = models.DateField("Date referred")
    competent_authority = models.CharField(max_length=10, choices=Authority.choices, default=Authority.SCA)
    nrm_reference = models.CharField("NRM reference", max_length=60, blank=True)
    rg_decision = models.CharField("Reasonable Grounds decision", max_length=10, choices=Decision.choices, default=Decision.PENDING)
    rg_decided_on = models.DateField("Date of Reasonable Grounds decision", null=True, blank=True)
    rg_reconsidered = models.BooleanField(default=False, help_text="The Reasonable Grounds decision was made on reconsideration.")
    cg_decision = models.CharField("Conclusive Grounds decision", max_length=10, choices=Decision.choices, default=Decision.PENDING)
    cg_decided_on = models.DateField("Date of Conclusive Grounds decision", null=True, blank=True)
    cg_reconsidered = models.BooleanField(default=False, help_text="The Conclusive Grounds decision was made on reconsideration.")
    withdrawn_on = models.DateField("Date withdrawn from the NRM", null=True, blank=True)
    reconsideration_requested_on = models.DateField(null=True, blank=True)
    consent_to_remain_on = models.DateField("Date they consented to remain in the NRM at 18", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)


class MoveOnExtension(models.Model):
    nrm = models.ForeignKey(NrmRecord, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField()
    agreed_on = models.DateField()
    reason = models.TextField(blank=True)


class SupportTask(models.Model):
    class Phase(models.TextChoices):
        IMMEDIATE = "immediate", "Immediate (first 72 hours)"
        SHORT = "short", "Short term (until NRM entry or assessments)"
        MEDIUM = "medium", "Medium term (place of safety)"
        LONG = "long", "Long term (resettlement)"

    class Status(models.TextChoices):
        TO_DO = "to_do", "To do"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="support_tasks")
    phase = models.CharField(max_length=10, choices=Phase.choices)
    description = models.CharField(max_length=300)
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.TO_DO)
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)


class ServiceReferral(models.Model):
    """A referral or an offer of support. An offer through the Modern Slavery Victim Care Contract is
    support inside the NRM (the contract is how the Home Office funds NRM support for adults); a
    declined offer is kept, with when and why, so that it is counted."""

    class Kind(models.TextChoices):
        VICTIM_CARE = "victim_care", "Support through the Modern Slavery Victim Care Contract (NRM support)"
        SERVICE = "service", "Referral to another service"

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        COMPLETED = "completed", "Completed"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="service_referrals")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.SERVICE)
    service = models.CharField(max_length=200)
    partner = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    requested_on = models.DateField(default=timezone.localdate)
    updated_on = models.DateField(default=timezone.localdate)
    notes = models.TextField(blank=True)
    declined_on = models.DateField("Date declined", null=True, blank=True)
    declined_reason = models.TextField("Why it was declined", blank=True)
    version = models.PositiveIntegerField(default=1)  # optimistic locking (core.locking)


class Placement(models.Model):
    class Kind(models.TextChoices):
        EMERGENCY = "emergency", "Emergency placement (before NRM entry, up to 5 working days)"
        RECEPTION = "reception", "Reception centre"
        SAFE_HOUSE = "safe_house", "Safe house (Victim Care Contract)"
        FOSTER = "foster", "Foster care or children's home"
        HOUSING = "housing", "Council or housing association housing"
        OTHER = "other", "Other"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="placements")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    address = models.TextField(blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)  # optimistic locking (core.locking)


class SafetyPlan(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="safety_plans")
    risks = models.TextField()
    measures = models.TextField()
    responsible = models.TextField(help_text="The people and agencies responsible for each measure.")
    review_on = models.DateField()
    reviewed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)


class AddressFlag(models.Model):
    class Reason(models.TextChoices):
        MISSING = "missing", "A child may go missing from here"
        RETRAFFICKING = "retrafficking", "Risk of re-trafficking here"
        EXPLOITERS = "exploiters", "Linked to suspected exploiters"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="address_flags")
    address = models.TextField()
    reason = models.CharField(max_length=20, choices=Reason.choices)
    active = models.BooleanField(default=True)
    created_on = models.DateField(default=timezone.localdate)


class OutcomeScore(models.Model):
    class Measure(models.TextChoices):
        RISK = "risk", "Reduced risk of harm"
        INDEPENDENCE = "independence", "Increased independence"
        TRAUMA = "trauma", "Recovery from trauma"
        RELATIONSHIPS = "relationships", "Healthy and trusting relationships"
        RECOGNISING = "recognising", "Recognising exploitative behaviour"
        SAFETY = "safety", "Describing safety strategies"
        ACCOMMODATION = "accommodation", "Stable accommodation"
        RIGHTS = "rights", "Awareness of rights"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="outcome_scores")
    measure = models.CharField(max_length=20, choices=Measure.choices)
    score = models.PositiveSmallIntegerField(help_text="1 (worst) to 5 (best)")
    scored_on = models.DateField()
    scored_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["scored_on"]


class RiskStatus(models.Model):
    """The case's exploitation status from a date on. Kept as history, never overwritten, so the
    children-at-risk register can say how things stood on any past date."""

    class Category(models.TextChoices):
        VICTIM = "victim", "Thought to be a victim of exploitation"
        AT_RISK = "at_risk", "At risk of exploitation"
        NOT_AT_RISK = "not_at_risk", "No longer thought to be at risk"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="risk_history")
    category = models.CharField(max_length=20, choices=Category.choices)
    exploitation_types = models.JSONField(default=list, help_text="Codes of concerns.ExploitationType")
    vulnerability_markers = models.JSONField(default=list)
    valid_from = models.DateField()
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["valid_from", "recorded_at"]


class RegisterHistory(models.Model):
    """What a case, its person's date of birth and its NRM record said, each time they were saved, so
    that the children-at-risk register can be shown as it was recorded on a past date (``register.py``).
    Rows are written by signals (``history.py``), never changed. ``recorded_at`` is empty for the
    values that records already held when this history began."""

    class Part(models.TextChoices):
        CASE = "case", "Case"
        PERSON = "person", "Date of birth"
        NRM = "nrm", "NRM record"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="register_history")
    part = models.CharField(max_length=10, choices=Part.choices)
    values = models.JSONField(default=dict)
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case", "part", "recorded_at", "pk"]
