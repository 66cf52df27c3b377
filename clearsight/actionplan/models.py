"""The action plan: frameworks (reference data), plan years, actions, progress updates and the
year-end review responses.

A plan year belongs to one organisation (the council) and is grouped by one framework's areas.
Actions are owned by a person and their organisation (which may be a partner, such as the shared
procurement service). When a year is closed, actions marked to continue are carried into the next
year's plan as new actions linked to the originals (``carried_from``), never copied blindly.
"""


from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from clearsight.core.models import ChangeableRecord, Organisation, TimestampedRecord
from clearsight.core.roles import Capability
from clearsight.core.scoping import ScopedQuerySet


class Framework(models.Model):
    """A way of grouping actions: the statement's five responsibilities, the partnership strategy's
    four priorities, the 4Ps. Loaded from reference data with its source and version."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=300)
    version = models.CharField(max_length=40)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Area(models.Model):
    """One area of a framework, such as "Prevention" or "Pursue"."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "position"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="area_code_once_per_framework")]

    def __str__(self):
        return self.name


def _plan_org_ids(user) -> set:
    return user.organisation_ids_with(Capability.VIEW_ACTION_PLAN, Capability.MANAGE_ACTION_PLAN)


class PlanYear(ChangeableRecord):
    """One year of an organisation's action plan, such as "2026 to 2027" (titles are free text: older ones
    were written "2026/27")."""

    class Status(models.TextChoices):
        OPEN = "open", "In progress"
        IN_REVIEW = "in_review", "Year-end review"
        CLOSED = "closed", "Closed"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="plan_years")
    title = models.CharField(max_length=100, help_text="For example, 2026 to 2027")
    starts_on = models.DateField()
    ends_on = models.DateField()
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    previous = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="next")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    review_opened_at = models.DateTimeField(null=True, blank=True)
    review_opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+")
    review_due_on = models.DateField(null=True, blank=True, help_text="When action owners must reply by")
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "title"], name="plan_title_once_per_organisation"),
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="plan_ends_after_start"),
        ]

    def __str__(self):
        return f"Action plan {self.title}"

    @classmethod
    def scope_for_user(cls, queryset, user):
        """Plans of the organisations where the user views or manages the action plan."""
        return queryset.filter(organisation_id__in=_plan_org_ids(user))


class PlanAction(TimestampedRecord):
    """An action in a plan year: what is proposed, who owns it, by when, and where it has got to."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        NOT_DONE = "not_done", "Not done"  # the year closed without it being done (or it was dropped)

    plan = models.ForeignKey(PlanYear, on_delete=models.CASCADE, related_name="actions")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="actions",
                             help_text="An area of the plan's framework")
    other_areas = models.ManyToManyField(Area, blank=True, related_name="+",
                                         help_text="Areas of other frameworks (such as the 4Ps) for other reports")
    title = models.CharField(max_length=300, help_text="A short name for the action")
    description = models.TextField(help_text="The activity proposed, as it will read in the statement")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plan_actions")
    owner_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    carried_from = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="carried_to")
    position = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "area__position", "position", "pk"]

    def __str__(self):
        return self.title

    @classmethod
    def scope_for_user(cls, queryset, user):
        """Actions in plans the user may see, and any action the user owns (action owners may be
        in partner organisations, with no other access to the plan)."""
        return queryset.filter(Q(plan__organisation_id__in=_plan_org_ids(user)) | Q(owner=user))


class ProgressUpdate(models.Model):
    """A dated note of progress on an action."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="updates")
    written_on = models.DateField(default=timezone.localdate)
    text = models.TextField()
    status = models.CharField(max_length=20, choices=PlanAction.Status.choices,
                              help_text="The action's status as of this update")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-written_on", "-created_at"]


class ReviewResponse(models.Model):
    """What the action owner (or the statement owner for them) said at the year-end review: what
    was done and whether the action continues into the next year."""

    action = models.OneToOneField(PlanAction, on_delete=models.CASCADE, related_name="review")
    undertaken = models.TextField(help_text="What was done, as it will read in the statement")
    done = models.BooleanField(help_text="Whether the action was completed")
    continues = models.BooleanField(help_text="Whether the action continues into the next year")
    next_year_description = models.TextField(blank=True,
                                             help_text="What the action should say next year, if it continues")
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    responded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)


class ReviewRequest(models.Model):
    """The review request sent to one action owner, and each time they were chased."""

    plan = models.ForeignKey(PlanYear, on_delete=models.CASCADE, related_name="review_requests")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    last_chased_at = models.DateTimeField(null=True, blank=True)
    times_chased = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "owner"], name="one_review_request_per_owner")]
