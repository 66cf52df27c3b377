"""Writing to the audit log. Views call ``record`` for every view, creation, change, export and
deletion of a record that holds personal data; sign-in events are recorded from auth signals."""

from django.contrib.auth import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .middleware import client_ip, current_request_id
from .models import AuditEvent

Action = AuditEvent.Action


def record(request, action, *, record_type="", record_id="", description="", user=None, actor_label=None):
    """Append one event to the audit log for the signed-in user (or ``user``) of ``request``."""
    actor = user if user is not None else getattr(request, "user", None)
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=actor_label if actor_label is not None else (actor.email if actor else ""),
        organisation=actor.primary_organisation if actor else None,
        action=action,
        record_type=record_type,
        record_id=str(record_id),
        description=description[:500],
        ip_address=client_ip(request) if request is not None else None,
        request_id=current_request_id(request) if request is not None else "",
    )


def record_for(request, action, obj, description=""):
    """Record an event about a model instance, identified by its public id (never a name)."""
    return record(
        request,
        action,
        record_type=obj._meta.verbose_name,
        record_id=getattr(obj, "public_id", obj.pk),
        description=description,
    )


@receiver(user_logged_in)
def _on_sign_in(sender, request, user, **kwargs):
    # How, when not by password: single sign-on says which provider (core/views/sso.py).
    how = getattr(request, "_clearsight_sign_in_how", "") if request is not None else ""
    record(request, Action.SIGN_IN, user=user, record_type="user", record_id=user.public_id, description=how)


@receiver(user_logged_out)
def _on_sign_out(sender, request, user, **kwargs):
    if user is not None:
        reason = getattr(request, "_clearsight_sign_out_reason", "")
        action = Action.TIMED_OUT if reason else Action.SIGN_OUT
        record(request, action, user=user, record_type="user", record_id=user.public_id, description=reason)


def record_sign_in_problem(request, action, email):
    """A failed sign-in or a lockout: recorded against the account the attempt was for, if any."""
    from .models import User

    email = (email or "")[:254]
    known = User.objects.filter(email__iexact=email).first() if email else None
    return AuditEvent.objects.create(
        actor=known,
        actor_label=email,
        organisation=known.primary_organisation if known else None,
        action=action,
        record_type="user",
        record_id=str(known.public_id) if known else "",
        ip_address=client_ip(request) if request is not None else None,
        request_id=current_request_id(request) if request is not None else "",
    )


@receiver(user_login_failed)
def _on_sign_in_failed(sender, credentials, request=None, **kwargs):
    record_sign_in_problem(request, Action.SIGN_IN_FAILED, (credentials or {}).get("username", ""))
