import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from clearsight.core.models import ChangeableRecord, Organisation, Partnership, TimestampedRecord, User
from clearsight.core.roles import Role
from clearsight.core.references import new_reference
from clearsight.core.scoping import ScopedQuerySet

from .consent import ReportedConsent
from .routing import ActionKind, AgeGroup, Consent, Due


class Indicator(models.Model):
    """Reference data: an indicator of modern slavery (loaded from reference/indicators.json)."""

    class Category(models.TextChoices):
        GENERAL = "general", "General indicators"
        CHILD = "child", "Indicators of child victims"
        SITUATIONAL = "situational", "Situational indicators"

    code = models.CharField(max_length=40, unique=True)
    category = models.CharField(max_length=20, choices=Category.choices)
    # The theme a reporter finds it under ("Work and pay"), and its place in the list.
    group = models.CharField(max_length=40, blank=True)
    group_label = models.CharField(max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)
    source = models.CharField(max_length=300)
    version = models.CharField(max_length=20)

    class Meta:
        ordering = ["position", "code"]

    def __str__(self):
        return self.text


class ExploitationType(models.Model):
    """Reference data: a type of exploitation, mapped to the Home Office form's checkbox."""

    code = models.CharField(max_length=40, unique=True)
    label = models.CharField(max_length=200)
    home_office_key = models.CharField(max_length=80)
    is_local = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(max_length=300)
    version = models.CharField(max_length=20)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.label


def _new_reference():
    return new_reference("MS")


class ConcernQuerySet(ScopedQuerySet):
    def reported_by(self, user):
        """A reporter's own reports: they see what they wrote and its status, not the case behind it."""
        queryset = self.filter(reporter=user)
        queryset._scoped = True
        return queryset


class Concern(TimestampedRecord):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        NEW = "new", "New"
        IN_TRIAGE = "in_triage", "In triage"
        ACTIONS_OPEN = "actions_open", "Actions open"
        DUTIES_DISCHARGED = "duties_discharged", "Duties discharged"
        NO_FURTHER_ACTION = "no_further_action", "No further action"

    class Danger(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        NOT_SURE = "not_sure", "I'm not sure"

    class Premises(models.TextChoices):
        CAR_WASH = "car_wash", "Car wash"
        NAIL_BAR = "nail_bar", "Nail bar or beauty salon"
        FARM = "farm", "Farm or field"
        FACTORY = "factory", "Factory or food processing"
        WAREHOUSE = "warehouse", "Warehouse or distribution centre"
        CONSTRUCTION = "construction", "Building site"
        HOTEL = "hotel", "Hotel, hostel or guest house"
        TAKEAWAY = "takeaway", "Restaurant or takeaway"
        PRIVATE_HOUSE = "private_house", "Private house or flat"
        HMO = "hmo", "House in multiple occupation"
        CARE = "care", "Care home or home care"
        PUBLIC_PLACE = "public_place", "Street or other public place"
        OTHER = "other", "Somewhere else"
        # Recorded before factories and warehouses were told apart (concerns 0005), where the place
        # said neither: kept as recorded, never offered for a new report.
        FACTORY_OR_WAREHOUSE = "factory_or_warehouse", "Factory or warehouse (recorded before the two were separate)"

    reference = models.CharField(max_length=20, unique=True, default=_new_reference, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    reporter = models.ForeignKey(User, on_delete=models.PROTECT, related_name="concerns_reported")
    reporter_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="concerns_reported")
    # The council whose first responders handle it (the reporter's council, or the council of a
    # partnership the reporter's organisation belongs to).
    handling_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="concerns_handled", null=True)

    immediate_danger = models.CharField(max_length=10, choices=Danger.choices, blank=True)
    called_999 = models.BooleanField(null=True)
    police_reference = models.CharField(max_length=60, blank=True)
    what_happened = models.TextField(blank=True)
    location = models.TextField(blank=True)
    premises_type = models.CharField(max_length=20, choices=Premises.choices, blank=True)
    premises_other = models.CharField(max_length=200, blank=True)
    seen_on = models.DateField(null=True, blank=True)
    still_happening = models.CharField(max_length=10, choices=Danger.choices, blank=True)
    indicators = models.ManyToManyField(Indicator, blank=True, related_name="+")
    indicator_details = models.TextField(blank=True)
    exploitation_types = models.ManyToManyField(ExploitationType, blank=True, related_name="+")
    exploitation_other = models.CharField(max_length=200, blank=True)
    business_involved = models.CharField(max_length=10, choices=Danger.choices, blank=True)
    business_details = models.TextField(blank=True)

    submitted_at = models.DateTimeField(null=True, blank=True)
    draft_expires_at = models.DateTimeField(null=True, blank=True)

    objects = ConcernQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-created_at"]

    def __str__(self):
        return self.reference

    @classmethod
    def scope_for_user(cls, queryset, user):
        """Concerns a first responder or team manager handles: those of their organisations, and of the
        members of any partnership that shares concerns with their organisation, while an information
        sharing agreement covering concerns is in force between them (an expired agreement stops the
        sharing). Never drafts."""
        from clearsight.partnership.api import organisations_sharing_with

        handling = user.organisation_ids_with_role(Role.FIRST_RESPONDER) | user.organisation_ids_with_role(Role.TEAM_MANAGER)
        if not handling:
            return queryset.none()
        partnerships = Partnership.objects.filter(members__in=handling, shares_concerns=True)
        agreed = organisations_sharing_with(handling, "concerns")
        shared = Organisation.objects.filter(partnerships__in=partnerships, pk__in=agreed).values("id")
        return queryset.filter(Q(handling_organisation_id__in=handling) | Q(handling_organisation_id__in=shared)).exclude(
            status=Concern.Status.DRAFT
        )

    def renew_draft(self):
        self.draft_expires_at = timezone.now() + timedelta(days=settings.CONCERN_DRAFT_DAYS)

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def urgency(self):
        """Sorting key for the triage queue: danger first, then children, then oldest."""
        danger = 0 if self.immediate_danger == self.Danger.YES else 1 if self.immediate_danger == self.Danger.NOT_SURE else 2
        child = 0 if any((p.triage_age_group or p.age_group) in (AgeGroup.CHILD, AgeGroup.UNKNOWN) for p in self.people.all()) else 1
        return (danger, child, self.submitted_at or self.created_at)


class ConcernPerson(models.Model):
    """A person the concern is about. As much or as little as the reporter knows."""

    AGE_CHOICES = [(AgeGroup.CHILD, "Under 18"), (AgeGroup.ADULT, "18 or over"), (AgeGroup.UNKNOWN, "Not known")]
    CONSENT_CHOICES = [(Consent.GIVEN, "Yes, they agree to be referred to the NRM"),
                       (Consent.REFUSED, "No, they do not agree"),
                       (Consent.UNABLE, "They are not able to give consent")]

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="people")
    position = models.PositiveSmallIntegerField(default=1)
    name = models.CharField("Name or description", max_length=200, blank=True)
    age_group = models.CharField(max_length=10, choices=AGE_CHOICES)
    gender = models.CharField(max_length=20, blank=True)
    nationality = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)
    # Triage: the first responder's judgement of the facts the law turns on.
    triage_age_group = models.CharField(max_length=10, choices=AGE_CHOICES, blank=True)
    consent = models.CharField(max_length=10, choices=CONSENT_CHOICES, blank=True)
    care_and_support_needs = models.BooleanField(null=True)
    is_potential_victim = models.BooleanField(null=True)
    # The reporter's answer, for an adult: do they know about the report and agree to it, and what do
    # they want (in their words where possible). Triage starts from it; the first responder decides.
    reported_consent = models.CharField(max_length=20, choices=ReportedConsent.choices, blank=True)
    reported_wishes = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return f"Person {self.position}"

    @property
    def label(self):
        return self.name or f"Person {self.position}"


class AddedInformationQuerySet(ScopedQuerySet):
    pass


class AddedInformation(models.Model):
    """Something the reporter told us after sending their report: appended, dated, never changed."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="added_information")
    added_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    text = models.TextField()

    objects = AddedInformationQuerySet.as_manager()

    class Meta:
        ordering = ["added_at"]
        verbose_name = "added information"
        verbose_name_plural = "added information"

    @classmethod
    def scope_for_user(cls, queryset, user):
        """The reporter of the concern, and whoever handles the concern."""
        return queryset.filter(Q(concern__in=Concern.objects.for_user(user)) | Q(concern__reporter=user))


class Triage(models.Model):
    """The first responder's judgement. Indicators support it; they never decide it."""

    class Outcome(models.TextChoices):
        POTENTIAL_VICTIMS = "potential_victims", "There are potential victims of modern slavery"
        NOT_MODERN_SLAVERY = "not_modern_slavery", "This is not modern slavery: no further action under these duties"
        MORE_INFORMATION = "more_information", "More information is needed before deciding"

    concern = models.OneToOneField(Concern, on_delete=models.CASCADE, related_name="triage")
    first_responder = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    reasoning = models.TextField()
    immediate_danger = models.BooleanField()
    supplier_involved = models.BooleanField()
    triaged_at = models.DateTimeField(default=timezone.now)


class RouteSetting(models.Model):
    """A council's configuration for one kind of action: whether the route exists, who to contact,
    how quickly it is due and who owns it. Administrators edit these; no code changes needed."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="route_settings")
    kind = models.CharField(max_length=30, choices=[(k.value, k.value) for k in ActionKind])
    available = models.BooleanField(default=True, help_text="Untick if this service does not exist in your area, such as an Independent Child Trafficking Guardian service.")
    title = models.CharField(max_length=200, help_text="What the action is called, for example 'Refer to the MASSH (children's front door)'.")
    contact_name = models.CharField(max_length=200, blank=True)
    contact_phone = models.CharField(max_length=60, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_web_form = models.URLField(blank=True)
    guidance = models.TextField(blank=True, help_text="What the person doing the action needs to know.")
    due = models.CharField(max_length=20, choices=[(d.value, d.value.replace("_", " ")) for d in Due], default=Due.WORKING_DAYS)
    due_amount = models.PositiveSmallIntegerField(default=1, help_text="Hours or working days, where the due rule uses a number.")
    owner = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              help_text="Who owns this action. Leave empty for the first responder who triaged the concern.")
    reference_label = models.CharField(max_length=100, blank=True, help_text="What the reference is called, such as 'NRM reference' or 'crime reference'.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "kind"], name="one_route_per_kind")]
        ordering = ["organisation", "kind"]

    def __str__(self):
        return f"{self.organisation}: {self.title}"


class ActionQuerySet(ScopedQuerySet):
    pass


class Action(models.Model):
    """Something a statutory duty or safeguarding route requires, with an owner and a due time."""

    class Status(models.TextChoices):
        OPEN = "open", "To do"
        DONE = "done", "Done"
        NOT_NEEDED = "not_needed", "Not needed"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="actions")
    person = models.ForeignKey(ConcernPerson, null=True, blank=True, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(max_length=30, choices=[(k.value, k.value) for k in ActionKind])
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="actions_owned")
    due_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=100, blank=True)
    notes = models.TextField(blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_at"]

    @classmethod
    def scope_for_user(cls, queryset, user):
        """Actions on concerns the user handles, and actions they own (such as a procurement champion's)."""
        return queryset.filter(Q(concern__in=Concern.objects.for_user(user)) | Q(owner=user))

    @property
    def is_overdue(self):
        return self.status == self.Status.OPEN and self.due_at < timezone.now()


class StatutoryReferral(ChangeableRecord):
    """An NRM referral or a Duty to Notify report, following the Home Office form page by page.

    ``answers`` holds the Home Office field keys and values. It only ever holds answers to pages
    that apply to this referral's branch: a Duty to Notify report keeps no name, date of birth or
    contact details unless the person agrees (see nrm_form.clean_answers)."""

    class Kind(models.TextChoices):
        NRM = "nrm", "NRM referral"
        DUTY_TO_NOTIFY = "dtn", "Duty to Notify report"

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        READY = "ready", "Ready to submit"
        SUBMITTED = "submitted", "Submitted to the Home Office"

    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="referral")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    submitted_on = models.DateField(null=True, blank=True,
                                    help_text="The day the first responder says it was submitted to the Home Office")
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    @classmethod
    def scope_for_user(cls, queryset, user):
        return queryset.filter(action__in=Action.objects.for_user(user))
