import uuid

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import connections, models, router, transaction
from django.utils import timezone
from django_otp.models import Device

from . import audit_chain
from .roles import ROLE_CHOICES, Role, capabilities_for, requires_two_factor
from .scoping import ScopedQuerySet


class ChangeableRecord(models.Model):
    """A record people find by address and change through forms: addressed by a random ``public_id``
    (never a name or a sequence number, so addresses and logs hold no personal data) and saved under
    optimistic locking by its ``version`` (``core.locking``)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class TimestampedRecord(ChangeableRecord):
    """A changeable record that also keeps when it was made and last changed."""

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", "Council"
        POLICE = "police", "Police"
        HEALTH = "health", "Health"
        EDUCATION = "education", "Education"
        VOLUNTARY = "voluntary", "Voluntary sector"
        PROCUREMENT = "procurement", "Procurement service"
        OTHER = "other", "Other"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    is_first_responder = models.BooleanField(
        "NRM first responder",
        default=False,
        help_text="Whether this organisation may refer potential victims to the National Referral Mechanism.",
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Partnership(models.Model):
    class Kind(models.TextChoices):
        SAFEGUARDING = "safeguarding", "Safeguarding partnership"
        COMMUNITY_SAFETY = "community_safety", "Community safety partnership"
        PROCUREMENT = "procurement", "Shared procurement service"
        OTHER = "other", "Other partnership"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    members = models.ManyToManyField(Organisation, related_name="partnerships")
    shares_concerns = models.BooleanField(
        default=False,
        help_text="Whether members' first responders see each other's concerns (under an information sharing agreement).",
    )
    information_sharing_agreement = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    """Used by sign-in and by code outside requests. Views use User.people.for_user(user)."""

    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class PeopleQuerySet(ScopedQuerySet):
    pass


class User(AbstractBaseUser, PermissionsMixin):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField("Email address", unique=True)
    full_name = models.CharField("Full name", max_length=200)
    job_title = models.CharField("Job title", max_length=200, blank=True)
    phone = models.CharField("Work phone number", max_length=40, blank=True)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # Incremented on every edit through Clearsight, so that concurrent edits are detected.
    version = models.PositiveIntegerField(default=1)

    objects = UserManager()
    people = PeopleQuerySet.as_manager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        default_manager_name = "objects"

    def __str__(self):
        return self.full_name or self.email

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        """People an administrator manages: members of the organisations where they administer."""
        org_ids = viewer.organisation_ids_with_role(Role.ADMINISTRATOR)
        members = Membership.objects.filter(organisation_id__in=org_ids).values("user_id")
        return queryset.filter(pk__in=members)

    # --- roles and organisations -------------------------------------------------------------
    def _membership_rows(self):
        if not hasattr(self, "_memberships_cache"):
            self._memberships_cache = list(
                Membership.objects.filter(user=self, organisation__is_active=True).select_related("organisation")
            )
        return self._memberships_cache

    @property
    def roles(self) -> set:
        return {m.role for m in self._membership_rows()}

    @property
    def organisations(self) -> list:
        seen = {}
        for m in self._membership_rows():
            seen.setdefault(m.organisation_id, m.organisation)
        return sorted(seen.values(), key=lambda o: o.name)

    @property
    def primary_organisation(self):
        orgs = self.organisations
        return orgs[0] if orgs else None

    def organisation_ids_with_role(self, *roles) -> set:
        """The organisations in which the user holds ``role`` (or any of several)."""
        return {m.organisation_id for m in self._membership_rows() if m.role in roles}

    def organisation_ids_with(self, *capabilities) -> set:
        """The organisations in which one of the user's roles carries ``capability`` (or any of several)."""
        from .roles import ROLES, Role

        return {m.organisation_id for m in self._membership_rows()
                if not ROLES[Role(m.role)].capabilities.isdisjoint(capabilities)}

    def roles_in(self, organisation) -> list:
        return sorted(m.role for m in self._membership_rows() if m.organisation_id == organisation.id)

    @property
    def capabilities(self) -> frozenset:
        return capabilities_for(self.roles) if self.is_active else frozenset()

    def can(self, capability) -> bool:
        return capability in self.capabilities

    @property
    def needs_two_factor(self) -> bool:
        return requires_two_factor(self.roles)

    @property
    def is_staff(self):
        """Django admin access: administrators only (see clearsight.core.admin)."""
        return self.is_active and Role.ADMINISTRATOR in self.roles


class Membership(models.Model):
    """A user's role in an organisation. A user may hold several roles in several organisations."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=40, choices=ROLE_CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_membership_role"),
        ]
        ordering = ["organisation__name", "role"]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} at {self.organisation}"


class Team(models.Model):
    """A team within an organisation, such as a children's social work team. Cases belong to a team;
    its managers see the team's cases."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_team_name")]

    def __str__(self):
        return f"{self.name} ({self.organisation})"


class TeamMember(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="team_memberships")
    is_manager = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "user"], name="unique_team_member")]


class AuditEventQuerySet(ScopedQuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")

    def bulk_create(self, objs, *args, **kwargs):
        raise PermissionError("Audit events are chained one at a time: use AuditEvent.objects.create().")

    def bulk_update(self, objs, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")


class AuditEvent(models.Model):
    """One entry in the append-only audit log, chained to the one before it by its hash (ADR 0024).

    On PostgreSQL the application's runtime role may only INSERT and SELECT (``bin/postgres-roles``)
    and a trigger refuses UPDATE and DELETE whoever connects; ``manage.py verify_audit_log`` checks
    the chain."""

    class Action(models.TextChoices):
        SIGN_IN = "sign_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Failed sign-in"
        LOCKED_OUT = "locked_out", "Locked out"
        TWO_FACTOR_FAILED = "two_factor_failed", "Wrong security code"
        TWO_FACTOR_SET_UP = "two_factor_set_up", "Set up two-factor authentication"
        SIGN_OUT = "sign_out", "Signed out"
        TIMED_OUT = "timed_out", "Signed out automatically"
        VIEW = "view", "Viewed"
        SEARCH = "search", "Searched"
        CREATE = "create", "Created"
        CHANGE = "change", "Changed"
        EXPORT = "export", "Exported"
        DELETE = "delete", "Deleted"
        ACCESS_DENIED = "access_denied", "Refused access"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=254, blank=True, help_text="Email address as given at the time.")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=30, choices=Action.choices, db_index=True)
    record_type = models.CharField(max_length=60, blank=True, db_index=True)
    record_id = models.CharField(max_length=64, blank=True, db_index=True)
    description = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=36, blank=True)
    previous_hash = models.CharField(max_length=64, editable=False, help_text="The hash of the event before this one.")
    hash = models.CharField(max_length=64, editable=False, help_text="SHA-256 of this event's fields and previous_hash.")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        # One event follows each event: two appends that read the same last event cannot both be stored.
        constraints = [models.UniqueConstraint(fields=["previous_hash"], name="core_auditevent_one_successor")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.record_type} {self.record_id}"

    @classmethod
    def scope_for_user(cls, queryset, viewer):
        """Auditors see events by people acting for the organisations where they audit."""
        return queryset.filter(organisation_id__in=viewer.organisation_ids_with_role(Role.AUDITOR))

    def save(self, *args, **kwargs):
        """Append this event to the chain: lock, read the last event's hash, hash, insert (one
        transaction, one extra round trip)."""
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        if timezone.is_naive(self.at):
            self.at = timezone.make_aware(self.at)  # as the database would store it
        if self.ip_address == "":
            self.ip_address = None
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            self.previous_hash = audit_chain.lock_and_read_head(connections[using], self._meta.db_table)
            self.hash = audit_chain.event_hash({f: getattr(self, f) for f in audit_chain.FIELDS}, self.previous_hash)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")


class SignInAttempt(models.Model):
    """A failed sign-in attempt (or one whose password is being checked), kept for a day so that
    guessing is slowed down (core/throttle.py, ADR 0025). It holds no email address: ``account`` is
    a keyed hash of the one typed, whether or not such an account exists."""

    at = models.DateTimeField(default=timezone.now)
    account = models.CharField(max_length=64, help_text="Keyed hash of the email address typed.")
    address = models.CharField(max_length=64, blank=True, help_text="The client address (IPv6: its /64 network).")
    device = models.CharField(max_length=32, blank=True,
                              help_text="Set when the browser had signed in to this account before.")

    class Meta:
        indexes = [
            models.Index(fields=["account", "at"], name="core_signin_account"),
            models.Index(fields=["address", "at"], name="core_signin_address"),
            models.Index(fields=["at"], name="core_signin_at"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} sign-in attempt"


class WorkerHeartbeat(models.Model):
    """A running task worker (``manage.py run_worker``), written every few seconds by the worker itself
    (core/worker.py, ADR 0031): which process it is, and when it last showed it was alive. The row is
    removed when the worker stops cleanly; a worker killed outright leaves its row behind, which is how
    the tasks it was running are found and run again."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=200, help_text="The machine (and process namespace) it runs on.")
    pid = models.PositiveIntegerField()
    process_started = models.CharField(max_length=32, blank=True,
                                       help_text="When the process started, as the machine counts it (tells a "
                                                 "reused process number from the worker's own).")
    started_at = models.DateTimeField(default=timezone.now)
    beat_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"task worker {self.worker_id} ({self.host}, process {self.pid})"


class OutboundEmail(models.Model):
    """One email to one address, queued by a page or a task and sent by the task worker (core/email.py,
    ADR 0034). ``key`` names the message, so that queuing it again (a task run a second time, a page
    posted twice) sends it once. The subject and body are kept only until the email is sent or given
    up on, then emptied: they may hold a supplier's link, and the provider keeps its own copy."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    key = models.CharField(max_length=200, unique=True, help_text="Names the message: one email per key.")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", help_text="Whose email it is: its administrators see it.")
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=500, blank=True)
    body = models.TextField(blank=True, help_text="Emptied once the email is sent or has failed for good.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    provider = models.CharField(max_length=20, blank=True, help_text="How it was sent: notify or django.")
    provider_id = models.CharField(max_length=100, blank=True, help_text="The provider's id for it (Notify's).")
    queued_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-queued_at"]

    def __str__(self):
        return f"email {self.key} ({self.get_status_display().lower()})"


class ScheduledRun(models.Model):
    """One day's run of one of the daily jobs the task worker runs by itself (core/scheduler.py,
    ADR 0036). There is one row per job and day (UK time): the worker that creates it runs the job,
    so several workers run it once. A failed run is tried again later the same day, a few times."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    job = models.CharField(max_length=100)
    day = models.DateField(help_text="The day (UK time) this run is for.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    attempts = models.PositiveIntegerField(default=1)
    worker_id = models.CharField(max_length=64, blank=True, help_text="The task worker running it, or that last ran it.")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    output = models.TextField(blank=True, help_text="The end of what the job printed (counts, never personal data).")

    class Meta:
        ordering = ["-day", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="scheduled_run_once_a_day")]

    def __str__(self):
        return f"{self.job} on {self.day} ({self.get_status_display().lower()})"


class IdentityProvider(models.Model):
    """An OpenID Connect identity provider people of one organisation sign in with (single sign-on,
    core/oidc.py, ADR 0035). It never makes accounts or gives roles: the person must already be in
    Clearsight, a member of ``organisation``, with an email address in one of ``email_domains``. The
    client secret is never stored here: ``client_secret_variable`` names the environment variable that
    holds it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=100, help_text="Shown on the sign-in page: 'Sign in with <name>'.")
    slug = models.SlugField(max_length=50, unique=True, help_text="Used in the sign-in address, like 'anytown'.")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="identity_providers")
    email_domains = models.CharField(
        max_length=500, help_text="The email domains whose people sign in with it, separated by spaces or commas, "
                                  "like 'anytown.gov.uk anytown.example'.")
    issuer = models.URLField(max_length=300)
    authorization_endpoint = models.URLField(max_length=300)
    token_endpoint = models.URLField(max_length=300)
    userinfo_endpoint = models.URLField(max_length=300)
    jwks_uri = models.URLField("JWKS endpoint", max_length=300)
    end_session_endpoint = models.URLField(
        max_length=300, blank=True, help_text="Where signing out of Clearsight also signs the person out of the "
                                              "provider (RP-initiated logout). Leave empty if it has none.")
    signing_algorithm = models.CharField(max_length=10, default="RS256", help_text="How ID tokens are signed.")
    client_id = models.CharField("Client ID", max_length=200)
    client_secret_variable = models.CharField(
        max_length=100, help_text="The name of the environment variable holding the client secret, like "
                                  "CLEARSIGHT_OIDC_ANYTOWN_SECRET. The secret itself is never stored.")
    trusts_mfa = models.BooleanField(
        "Accept the provider's multi-factor authentication", default=True,
        help_text="If the provider says the person used multi-factor authentication ('amr' holding mfa, otp, hwk "
                  "and the like, or an 'acr' value below), Clearsight does not ask for its own security code.")
    mfa_acr_values = models.CharField(
        "'acr' values meaning multi-factor", max_length=300, blank=True,
        help_text="Separated by spaces, for a provider that says so in 'acr' rather than 'amr'.")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def domains(self) -> list:
        return [d.strip().lower().lstrip("@") for d in self.email_domains.replace(",", " ").split() if d.strip()]


class IdentityProviderDevice(Device):
    """The second factor of a person whose identity provider said they used multi-factor authentication
    (core/oidc.py): attached to that sign-in's session only, never offered for a security code."""

    provider = models.ForeignKey(IdentityProvider, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "provider"], name="unique_identity_provider_device")]
