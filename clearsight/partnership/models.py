"""Partnership working: groups of agencies, the information sharing agreements between them, and
the groups' meetings with their agendas, minutes and actions.

None of these records holds victims' personal data. A group's contacts are work contact details.
Agendas hold only concern references, dates and statuses (see agenda.py)."""


from django.conf import settings
from django.db import models
from django.utils import timezone

from clearsight.core.acting import organisation_ids
from clearsight.core.dates import long_date
from clearsight.core.models import ChangeableRecord, Organisation
from clearsight.core.roles import Capability
from clearsight.core.scoping import ScopedQuerySet

from . import sharing


def partnership_org_ids(user) -> set:
    """The organisations in which the user works in partnership (coordinators, first responders,
    team managers). Empty for everyone else, including board members (figures only)."""
    return organisation_ids(user, Capability.WORK_IN_PARTNERSHIP, Capability.RUN_PARTNERSHIP)


def running_org_ids(user) -> set:
    """The organisations in which the user may set up groups and agreements and record minutes."""
    return organisation_ids(user, Capability.RUN_PARTNERSHIP)


# --- information sharing agreements ----------------------------------------------------------------

class AgreementQuerySet(ScopedQuerySet):
    pass


class InformationSharingAgreement(ChangeableRecord):
    """An agreement between organisations to share certain kinds of records.

    Its terms are proposed as numbered versions (``AgreementVersion``); a version comes into force
    only when an authorised signatory of *every* party has accepted it in Clearsight, and nothing is
    shared before that (ADR 0026). Any party may suspend it at once or end it. The fields here are
    the terms of the latest version, as the pages show and change them; what is shared follows
    ``in_force_version`` (see sharing.py), which the services in agreements.py set and sharing.py
    checks against the acceptances themselves."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Awaiting acceptance"
        ACTIVE = "active", "Active"
        SUSPENDED = "suspended", "Suspended"
        ENDED = "ended", "Ended"

    title = models.CharField(max_length=200)
    parties = models.ManyToManyField(Organisation, related_name="sharing_agreements")
    purpose = models.TextField(help_text="Why the parties share information, in a few sentences.")
    lawful_basis = models.TextField(
        "Lawful basis",
        help_text="For example: UK GDPR Article 6(1)(e) public task and Article 9(2)(g) substantial public "
                  "interest; Crime and Disorder Act 1998 section 115.")
    data_kinds = models.JSONField("Kinds of data shared", default=list,
                                  help_text="Keys from sharing.DATA_KINDS.")
    starts_on = models.DateField("Start date")
    review_on = models.DateField("Review date")
    ends_on = models.DateField("End date", null=True, blank=True,
                               help_text="The last day of sharing. Leave empty if the agreement runs until it is ended.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    in_force_version = models.ForeignKey("AgreementVersion", null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+", help_text="The version every party has accepted.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    @classmethod
    def scope_for_user(cls, queryset, user):
        """Agreements to which one of the user's partnership organisations, or an organisation for
        which they sign agreements, is a party (in the latest terms or in the terms in force)."""
        orgs = partnership_org_ids(user) | user.organisation_ids_with(Capability.SIGN_AGREEMENTS)
        return queryset.filter(models.Q(parties__in=orgs) | models.Q(in_force_version__parties__in=orgs)).distinct()

    def latest_version(self):
        return self.versions.order_by("-number").first()

    def status_on(self, on=None):
        """What the agreement means on a day: ended, suspended, awaiting acceptance (nothing in
        force yet), or the state of the terms in force on that day."""
        if self.status in (self.Status.ENDED, self.Status.SUSPENDED):
            return self.status
        terms = self.in_force_version
        if terms is None:
            return sharing.DRAFT
        return sharing.agreement_status(_Terms(self.Status.ACTIVE, terms), on or timezone.localdate())

    @property
    def data_kind_labels(self):
        return [sharing.DATA_KINDS.get(key, key) for key in self.data_kinds]


class _Terms:
    """A status with the dates of one set of terms, for sharing.agreement_status."""

    def __init__(self, status, terms):
        self.status, self.starts_on, self.review_on, self.ends_on = status, terms.starts_on, terms.review_on, terms.ends_on


class AgreementVersion(models.Model):
    """One proposed set of terms of an agreement. Immutable once made: a change is a new version,
    which needs every party's acceptance again."""

    agreement = models.ForeignKey(InformationSharingAgreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    parties = models.ManyToManyField(Organisation, related_name="+")
    purpose = models.TextField()
    lawful_basis = models.TextField()
    data_kinds = models.JSONField(default=list)
    starts_on = models.DateField()
    review_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    proposed_for = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     help_text="The organisation the proposer acted for.")
    proposed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["agreement", "number"]
        constraints = [models.UniqueConstraint(fields=["agreement", "number"], name="unique_agreement_version")]

    def __str__(self):
        return f"{self.agreement} (version {self.number})"

    @property
    def data_kind_labels(self):
        return [sharing.DATA_KINDS.get(key, key) for key in self.data_kinds]


class AgreementAcceptance(models.Model):
    """An authorised signatory's acceptance of one version for one party."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="acceptances")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["accepted_at", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "organisation"], name="unique_acceptance_per_party")]


class AgreementSuspension(models.Model):
    """A party's suspension of an agreement: sharing stops at once, until the same party lifts it."""

    agreement = models.ForeignKey(InformationSharingAgreement, on_delete=models.CASCADE, related_name="suspensions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    suspended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    suspended_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField()
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["suspended_at", "id"]


# --- groups ------------------------------------------------------------------------------------------

class GroupQuerySet(ScopedQuerySet):
    pass


class PartnershipGroup(ChangeableRecord):
    """A standing group of agencies: a strategic board, an operational or tactical group, or a daily
    briefing."""

    class Kind(models.TextChoices):
        STRATEGIC = "strategic", "Strategic board"
        OPERATIONAL = "operational", "Operational or tactical group"
        DAILY = "daily", "Daily briefing"

    class Frequency(models.TextChoices):
        DAILY = "daily", "Every working day"
        WEEKLY = "weekly", "Every week"
        FORTNIGHTLY = "fortnightly", "Every two weeks"
        MONTHLY = "monthly", "Every month"
        QUARTERLY = "quarterly", "Every three months"
        AS_NEEDED = "as_needed", "When needed"

    kind = models.CharField("Type of group", max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200, unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     help_text="The organisation that runs the group and chairs its meetings.")
    terms_of_reference = models.TextField(blank=True)
    meeting_frequency = models.CharField(max_length=20, choices=Frequency.choices, default=Frequency.MONTHLY)
    created_at = models.DateTimeField(default=timezone.now)

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def scope_for_user(cls, queryset, user):
        """Groups that one of the user's partnership organisations runs or has accepted to join. An
        organisation only invited sees the invitation (``GroupMember.invitations_for``), not the group."""
        orgs = partnership_org_ids(user)
        return queryset.filter(models.Q(members__organisation_id__in=orgs, members__accepted_at__isnull=False)
                               | models.Q(organisation_id__in=orgs)).distinct()

    def member_org_ids(self) -> set:
        """The organisation that runs the group and the members that accepted their invitation: only
        these appear on agendas, in pickers of people and in what the group sees."""
        return {self.organisation_id} | set(self.members.filter(accepted_at__isnull=False).values_list("organisation_id", flat=True))


class GroupMember(models.Model):
    """An agency's place in a group, with its single point of contact: a user of that agency, or a
    name and email address if they have no account."""

    group = models.ForeignKey(PartnershipGroup, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="partnership_group_places")
    contact_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    # Membership is an invitation the invited organisation accepts (ADR 0026); until then it sees
    # nothing of the group and nothing of its own is shown to the group.
    invited_at = models.DateTimeField(default=timezone.now)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["organisation__name"]
        constraints = [models.UniqueConstraint(fields=["group", "organisation"], name="unique_group_member")]

    @property
    def is_accepted(self):
        return self.accepted_at is not None

    @classmethod
    def invitations_for(cls, user):
        """Invitations waiting for an organisation in which the user may accept them (coordinators
        and signatories)."""
        orgs = running_org_ids(user) | user.organisation_ids_with(Capability.SIGN_AGREEMENTS)
        return (cls.objects.filter(organisation_id__in=orgs, accepted_at__isnull=True)
                .select_related("group", "group__organisation", "organisation").order_by("invited_at"))

    def __str__(self):
        return f"{self.organisation} in {self.group}"

    @property
    def contact_label(self):
        if self.contact_user_id:
            return self.contact_user.full_name or self.contact_user.email
        return self.contact_name

    @property
    def email(self):
        if self.contact_user_id and self.contact_user.is_active:
            return self.contact_user.email
        return self.contact_email


# --- meetings and actions ----------------------------------------------------------------------------

class MeetingQuerySet(ScopedQuerySet):
    pass


class Meeting(ChangeableRecord):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        HELD = "held", "Held"

    group = models.ForeignKey(PartnershipGroup, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField("Date")
    location = models.CharField(max_length=200, blank=True, help_text="A room, or 'Online'.")
    agenda = models.TextField(blank=True)
    agenda_drafted_at = models.DateTimeField(null=True, blank=True)
    decisions = models.TextField(blank=True, help_text="What the meeting decided, one decision a line.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    actions_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.group} – {long_date(self.held_on)}"

    @classmethod
    def scope_for_user(cls, queryset, user):
        return queryset.filter(group__in=PartnershipGroup.objects.for_user(user))


class ActionQuerySet(ScopedQuerySet):
    pass


class PartnershipAction(ChangeableRecord):
    """An action agreed at a meeting: who does it (a user and their agency), by when."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="partnership_actions",
                                           verbose_name="Agency")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="partnership_actions", verbose_name="Owner")
    due_on = models.DateField("Due date")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self):
        return self.description[:80]

    @classmethod
    def scope_for_user(cls, queryset, user):
        return queryset.filter(models.Q(meeting__in=Meeting.objects.for_user(user)) | models.Q(owner=user))

    def is_overdue_on(self, on):
        return self.status == self.Status.OPEN and self.due_on < on

    @property
    def is_overdue(self):
        return self.is_overdue_on(timezone.localdate())
