"""Workforce training: cohorts and what they must do, staff (from HR lists), completions (from the
learning system and from sessions), courses, sessions and attendance, and reminders sent."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from clearsight.core.models import Organisation
from clearsight.core.roles import Role
from clearsight.core.scoping import ScopedQuerySet

from . import compliance as c


def training_manager_org_ids(user):
    return user.organisation_ids_with_role(Role.TRAINING_MANAGER)


class TrainingLevel(models.Model):
    """A level of training, such as "Modern slavery awareness" or "Ethical procurement"."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="training_levels")
    code = models.CharField(max_length=40, help_text="As it appears in the learning system's exports, for example MS-AWARE.")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="unique_training_level_code")]

    def __str__(self):
        return self.name


class Cohort(models.Model):
    """A group of staff who must have certain training, and the rules that place people in it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="training_cohorts")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    everyone = models.BooleanField("All staff", default=False, help_text="Everyone in the organisation is in this cohort.")
    job_title_words = models.TextField(
        "Job titles containing", blank=True,
        help_text="One word or phrase a line. Anyone whose job title contains one of them is in the cohort.")
    services = models.TextField("Services", blank=True, help_text="One service name a line, as in the HR list.")
    roles = models.TextField("Clearsight roles", blank=True,
                             help_text="One role a line, for example first_responder or procurement_officer.")

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_cohort_name")]

    def __str__(self):
        return self.name

    @staticmethod
    def _lines(text):
        return tuple(line.strip() for line in (text or "").splitlines() if line.strip())

    def rule(self) -> c.CohortRule:
        return c.CohortRule(self.pk, self.name, self.everyone, self._lines(self.job_title_words),
                            self._lines(self.services), self._lines(self.roles))


class CohortRequirement(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="requirements")
    level = models.ForeignKey(TrainingLevel, on_delete=models.PROTECT, related_name="requirements")
    refresh_months = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)],
        help_text="How often the training must be repeated, in months. Leave empty if once is enough.")
    grace_days = models.PositiveSmallIntegerField(
        default=c.DEFAULT_GRACE_DAYS,
        help_text="How long new starters (and people new to the cohort) have to complete it, in days.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cohort", "level"], name="unique_cohort_requirement")]

    def __str__(self):
        every = f"every {self.refresh_months} months" if self.refresh_months else "once"
        return f"{self.level} ({every})"

    def facts(self) -> c.CohortRequirement:
        return c.CohortRequirement(self.cohort_id, self.level_id, self.refresh_months, self.grace_days)


class StaffQuerySet(ScopedQuerySet):
    pass


class StaffMember(models.Model):
    """Someone employed by the organisation, from the HR list. Holds personal data."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="staff_members")
    employee_number = models.CharField(max_length=40)
    full_name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    service = models.CharField(max_length=200, blank=True)
    directorate = models.CharField(max_length=200, blank=True)
    manager = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports")
    email = models.EmailField(blank=True)
    start_date = models.DateField(null=True, blank=True)
    leave_date = models.DateField(null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="staff_records", help_text="Their Clearsight account, if they have one.")
    placed_at = models.DateTimeField(null=True, blank=True, help_text="When their cohorts were last worked out.")

    objects = StaffQuerySet.as_manager()

    class Meta:
        ordering = ["full_name", "employee_number"]
        verbose_name = "staff member"
        constraints = [models.UniqueConstraint(fields=["organisation", "employee_number"], name="unique_employee_number")]

    def __str__(self):
        return f"{self.full_name} ({self.employee_number})"

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        """Training managers see their organisations' staff; line managers see the people they manage."""
        own = training_manager_org_ids(viewer)
        managed = viewer.organisation_ids_with_role(Role.LINE_MANAGER)
        return queryset.filter(
            models.Q(organisation_id__in=own)
            | models.Q(organisation_id__in=managed, manager__user=viewer, manager__organisation_id__in=managed)
        ).distinct()

    def is_current(self, on=None):
        return c.is_employed(self.start_date, self.leave_date, on or timezone.localdate())


class Placement(models.Model):
    """A person's place in a cohort, as the rules or an override decide, and since when."""

    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="placements")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="placements")
    since = models.DateField()
    reason = models.CharField(max_length=300)
    manual = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["staff", "cohort"], name="unique_placement")]
        ordering = ["cohort__name"]


class CohortOverride(models.Model):
    """A training manager's decision to put someone in a cohort, or take them out, with the reason."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="overrides")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="overrides")
    include = models.BooleanField()
    reason = models.CharField(max_length=500)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]


class Completion(models.Model):
    class Source(models.TextChoices):
        IMPORT = "import", "Learning system"
        SESSION = "session", "Session attended"
        MANUAL = "manual", "Recorded by hand"

    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="completions")
    level = models.ForeignKey(TrainingLevel, on_delete=models.PROTECT, related_name="completions")
    completed_on = models.DateField()
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.IMPORT)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-completed_on"]
        constraints = [models.UniqueConstraint(fields=["staff", "level", "completed_on"], name="unique_completion")]


class Course(models.Model):
    class Kind(models.TextChoices):
        E_LEARNING = "e_learning", "E-learning"
        CLASSROOM = "classroom", "Classroom"
        WEBINAR = "webinar", "Webinar"
        LEARNING_CIRCLE = "learning_circle", "Learning circle"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="training_courses")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    level = models.ForeignKey(TrainingLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="courses",
                              help_text="The level that attending the course counts as.")

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return f"{self.title} ({self.get_kind_display()})"


class SessionQuerySet(ScopedQuerySet):
    pass


class Session(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField("Date")
    capacity = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    venue = models.CharField(max_length=200, blank=True)
    facilitators = models.CharField(max_length=300, blank=True)
    agencies = models.ManyToManyField(Organisation, blank=True, related_name="training_sessions",
                                      help_text="Partner organisations taking part.")

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on"]

    def __str__(self):
        return f"{self.course.title} on {self.held_on:%d/%m/%Y}"

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        return queryset.filter(course__organisation_id__in=training_manager_org_ids(viewer))


class Attendance(models.Model):
    """Someone at a session: a member of staff, or an attendee from a partner organisation."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    staff = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.CASCADE, related_name="attendances")
    name = models.CharField(max_length=200, blank=True, help_text="Partner attendees only.")
    agency = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    agency_name = models.CharField(max_length=200, blank=True, help_text="When the agency is not in Clearsight.")
    role = models.CharField(max_length=200, blank=True)
    attended = models.BooleanField(default=True)
    feedback_score = models.PositiveSmallIntegerField(null=True, blank=True,
                                                      validators=[MinValueValidator(1), MaxValueValidator(5)])

    class Meta:
        ordering = ["pk"]

    @property
    def display_name(self):
        return self.staff.full_name if self.staff_id else self.name

    @property
    def agency_label(self):
        if self.staff_id:
            return self.staff.organisation.name
        return self.agency.name if self.agency_id else (self.agency_name or "Not given")


class ReminderSent(models.Model):
    """One reminder, so each is sent once for each requirement period."""

    class Kind(models.TextChoices):
        DUE = "due", "Due soon"
        OVERDUE = "overdue", "Overdue"

    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="reminders")
    level = models.ForeignKey(TrainingLevel, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    period = models.CharField(max_length=20, help_text="The due date the reminder is about, or 'never'.")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["staff", "level", "kind", "period"], name="unique_reminder")]
